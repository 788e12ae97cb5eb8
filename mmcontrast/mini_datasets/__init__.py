# Copyright (c) mmcontrast contributors. All rights reserved.
"""Mini datasets in the on-disk formats of the real ones, from bundled images.

Nothing can be downloaded on the project's machines, so every dataset loader
is exercised on small sets generated from real photos that ship inside PyPI
wheels (scikit-learn's ``load_digits``/``load_sample_images``, scikit-image's
``skimage.data``). Each generator writes one format under
``<root>/<name>/`` exactly as the real dataset is laid out (see
``docs/mini_datasets.md``), deterministically from a seed, in seconds.

Use :func:`make_mini_datasets` or ``python tools/dataset_converters/
make_mini_datasets.py``. A generator is skipped when its folder already holds
a complete set (a ``.done`` stamp written last), so the call is cheap to repeat.
"""
import os
import os.path as osp
import shutil
from typing import Callable, Dict, Iterable, Optional

from . import (ade, cir, culane, face_age, forgery, imagenet, llrgbd, p9d, picai, signatures,
               tusimple)

#: name -> generator(out_dir, seed). Each writes one dataset under ``out_dir``.
GENERATORS: Dict[str, Callable[[str, int], None]] = {
    'ade': ade.make_ade_style,
    'digits': imagenet.make_digits_imagenet_style,
    'photos': imagenet.make_photos_imagenet_style,
    'culane': culane.make_culane_style,
    'tusimple': tusimple.make_tusimple_style,
    'llrgbd': llrgbd.make_llrgbd_style,
    'forgery': forgery.make_forgery_style,
    'p9d': p9d.make_p9d_style,
    'picai': picai.make_picai_style,
    'cir': cir.make_cir_style,
    'signatures': signatures.make_signatures_style,
    'face_age': face_age.make_face_age_style,
}

DEFAULT_ROOT = 'data/mini'
STAMP = '.done'


def make_mini_datasets(root: str = DEFAULT_ROOT,
                       names: Optional[Iterable[str]] = None,
                       seed: int = 0,
                       force: bool = False) -> Dict[str, str]:
    """Generate the mini datasets (or reuse them) and return their folders.

    Args:
        root (str): Parent folder. Defaults to ``'data/mini'``.
        names (Iterable[str], optional): Which datasets; all when None.
        seed (int): Seed of every random choice. Defaults to 0.
        force (bool): Regenerate even when a complete set exists.

    Returns:
        dict: name -> dataset folder.
    """
    names = list(GENERATORS) if names is None else list(names)
    unknown = [n for n in names if n not in GENERATORS]
    if unknown:
        raise KeyError(f'Unknown mini dataset(s) {unknown}; choose from '
                       f'{sorted(GENERATORS)}.')
    out = {}
    for name in names:
        out_dir = osp.join(root, name)
        stamp = osp.join(out_dir, STAMP)
        if force or not osp.exists(stamp):
            # Write into a temporary sibling and rename, so that concurrent
            # callers (pytest-xdist, several helpers) never see half a set.
            tmp_dir = f'{out_dir}.tmp{os.getpid()}'
            shutil.rmtree(tmp_dir, ignore_errors=True)
            os.makedirs(tmp_dir)
            GENERATORS[name](tmp_dir, seed)
            with open(osp.join(tmp_dir, STAMP), 'w') as f:
                f.write(f'seed={seed}\n')
            if osp.exists(out_dir):
                if osp.exists(stamp) and not force:
                    shutil.rmtree(tmp_dir)  # another process finished first
                    out[name] = out_dir
                    continue
                shutil.rmtree(out_dir, ignore_errors=True)
            try:
                os.rename(tmp_dir, out_dir)
            except OSError:
                shutil.rmtree(tmp_dir, ignore_errors=True)
        out[name] = out_dir
    return out


__all__ = ['GENERATORS', 'make_mini_datasets', 'DEFAULT_ROOT']
