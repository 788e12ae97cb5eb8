# Copyright (c) mmcontrast contributors. All rights reserved.
"""Prepare ADE20K-Full (847 classes) for ``ADE20KFullDataset``.

Input: the ADE20K 2021_17_01 release (``ADE20K_2021_17_01/index_ade20k.pkl`` and
``images/ADE/{training,validation}/**/<name>.jpg`` + ``<name>_seg.png``) under ``DATA``.
Output, next to it, the layout of MaskFormer's ``datasets/prepare_ade20k_full_sem_seg.py``
(github facebookresearch/MaskFormer)::

    DATA/ADE20K_2021_17_01/images_detectron2/{training,validation}/*.jpg   (short side <= 512)
    DATA/ADE20K_2021_17_01/annotations_detectron2/{training,validation}/*.tif  (uint16 trainIds,
                                                                             void = 65535)
    DATA/ADE20K_2021_17_01/ade20k_full_classes.txt  (one name per line, trainId order)

Class list. The 847 classes and their trainIds are MaskFormer's ``ADE20K_SEM_SEG_FULL_CATEGORIES``
(``{"name", "id", "trainId"}``, ``id`` = value of the ADE class mask). They are not shipped
here (nothing may be downloaded or invented); two ways to get them:

* ``--maskformer-script path/to/prepare_ade20k_full_sem_seg.py`` (recommended): the list is
  parsed from MaskFormer's script with ``ast`` (not executed), so ids, names and trainIds are
  exactly MaskFormer's and results are comparable with published ADE20K-Full numbers.
* Without it, the list is derived from the dataset's own metadata (``index_ade20k.pkl``): the
  classes present in at least one training *and* one validation image (MaskFormer's stated
  criterion), ordered by the number of training instances (descending). Names are
  ``objectnames[id - 1]`` (the ADE toolkit's ``class_mask == object index + 1``). The count and
  order may differ from MaskFormer's list; the script prints the count.

Class masks are decoded as in the ADE toolkit: ``R / 10 * 256 + G`` of ``*_seg.png``. Images
whose file name has ``_val_`` go to ``validation`` (MaskFormer's rule), all others to training.

Usage::

    python tools/dataset_converters/ade20k_full.py data \
        [--maskformer-script prepare_ade20k_full_sem_seg.py] [--nproc 8]
"""
import argparse
import ast
import os
import os.path as osp
import pickle
from functools import partial
from multiprocessing import Pool
from typing import Dict, List, Optional, Tuple

import cv2
import numpy as np
from PIL import Image

VOID = 65535
DATASET_DIR = 'ADE20K_2021_17_01'
NAMES_FILE = 'ade20k_full_classes.txt'


def parse_maskformer_categories(script: str) -> List[dict]:
    """Read ``ADE20K_SEM_SEG_FULL_CATEGORIES`` from MaskFormer's script without running it."""
    with open(script, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == 'ADE20K_SEM_SEG_FULL_CATEGORIES'
                for t in node.targets):
            cats = ast.literal_eval(node.value)
            return sorted(cats, key=lambda c: c['trainId'])
    raise ValueError(f'{script} has no ADE20K_SEM_SEG_FULL_CATEGORIES list.')


def categories_from_index(index: dict) -> List[dict]:
    """Classes present in >= 1 training and >= 1 validation image, most instances first."""
    names = list(index['objectnames'])
    files = list(index['filename'])
    presence = np.asarray(index['objectPresence'])
    if presence.shape != (len(names), len(files)):
        if presence.shape == (len(files), len(names)):
            presence = presence.T
        else:
            raise ValueError(f'objectPresence has shape {presence.shape}; expected '
                             f'({len(names)}, {len(files)}).')
    is_val = np.array([is_validation(f) for f in files])
    in_train = presence[:, ~is_val].sum(1)
    in_val = presence[:, is_val].sum(1)
    keep = np.nonzero((in_train > 0) & (in_val > 0))[0]
    keep = sorted(keep.tolist(), key=lambda i: (-int(in_train[i]), i))
    return [dict(name=names[i], id=i + 1, trainId=t) for t, i in enumerate(keep)]


def is_validation(file_name: str) -> bool:
    """MaskFormer's split rule: ``ADE_val_*`` is validation."""
    parts = file_name.split('_')
    return len(parts) > 1 and parts[1] == 'val'


def class_mask(seg_png: str) -> np.ndarray:
    """ADE toolkit decoding of ``*_seg.png``: (H, W) int32 class ids (0 = unlabelled)."""
    seg = np.asarray(Image.open(seg_png).convert('RGB'))
    return (seg[..., 0] // 10).astype(np.int32) * 256 + seg[..., 1].astype(np.int32)


def convert_one(item: Tuple[str, str], data_root: str, out_root: str, lut: Dict[int, int],
                max_size: int) -> str:
    """Write one resized image and its uint16 trainId map; return the split."""
    folder, file_name = item
    img_path = osp.join(data_root, folder, file_name)
    img = np.asarray(Image.open(img_path).convert('RGB'))
    lab = class_mask(img_path[:-len('.jpg')] + '_seg.png')
    h, w = img.shape[:2]
    if min(h, w) > max_size:  # short side to max_size, as MaskFormer
        if w >= h:
            h_new, w_new = max_size, round(w / float(h) * max_size)
        else:
            h_new, w_new = round(h / float(w) * max_size), max_size
        img = cv2.resize(img, (w_new, h_new), interpolation=cv2.INTER_LINEAR)
        lab = cv2.resize(lab, (w_new, h_new), interpolation=cv2.INTER_NEAREST)
    out = np.full(lab.shape, VOID, dtype=np.uint16)
    for obj_id in np.unique(lab):
        if int(obj_id) in lut:
            out[lab == obj_id] = lut[int(obj_id)]
    split = 'validation' if is_validation(file_name) else 'training'
    Image.fromarray(img).save(osp.join(out_root, 'images_detectron2', split, file_name))
    Image.fromarray(out).save(
        osp.join(out_root, 'annotations_detectron2', split, file_name[:-len('.jpg')] + '.tif'))
    return split


def convert(data_root: str, maskformer_script: Optional[str] = None, nproc: int = 1,
            max_size: int = 512) -> dict:
    """Convert ``data_root/ADE20K_2021_17_01``; return counts and the class list."""
    out_root = osp.join(data_root, DATASET_DIR)
    with open(osp.join(out_root, 'index_ade20k.pkl'), 'rb') as f:
        index = pickle.load(f)
    cats = (parse_maskformer_categories(maskformer_script) if maskformer_script
            else categories_from_index(index))
    if [c['trainId'] for c in cats] != list(range(len(cats))):
        raise ValueError('trainIds must be 0..N-1 without gaps.')
    if len(cats) >= VOID:
        raise ValueError(f'{len(cats)} classes do not fit below the void id {VOID}.')
    lut = {int(c['id']): int(c['trainId']) for c in cats}
    for split in ('training', 'validation'):
        os.makedirs(osp.join(out_root, 'images_detectron2', split), exist_ok=True)
        os.makedirs(osp.join(out_root, 'annotations_detectron2', split), exist_ok=True)
    with open(osp.join(out_root, NAMES_FILE), 'w', encoding='utf-8') as f:
        f.writelines(c['name'].replace('\n', ' ') + '\n' for c in cats)
    items = list(zip(index['folder'], index['filename']))
    fn = partial(convert_one, data_root=data_root, out_root=out_root, lut=lut, max_size=max_size)
    if nproc > 1:
        with Pool(nproc) as pool:
            splits = pool.map(fn, items, chunksize=16)
    else:
        splits = [fn(it) for it in items]
    return dict(num_classes=len(cats), training=splits.count('training'),
                validation=splits.count('validation'), classes=[c['name'] for c in cats])


def main() -> None:
    parser = argparse.ArgumentParser(description='Prepare ADE20K-Full for mmcontrast.')
    parser.add_argument('data_root', help=f'folder that contains {DATASET_DIR}/')
    parser.add_argument('--maskformer-script', default=None,
                        help="MaskFormer's prepare_ade20k_full_sem_seg.py (exact class list)")
    parser.add_argument('--nproc', type=int, default=1)
    parser.add_argument('--max-size', type=int, default=512, help='short-side limit')
    args = parser.parse_args()
    res = convert(args.data_root, args.maskformer_script, args.nproc, args.max_size)
    src = 'MaskFormer list' if args.maskformer_script else 'index_ade20k.pkl (train & val presence)'
    print(f"{res['num_classes']} classes from {src}; {res['training']} training / "
          f"{res['validation']} validation images written.")
    if not args.maskformer_script and res['num_classes'] != 847:
        print('Warning: not the 847 classes of MaskFormer; pass --maskformer-script for them.')


if __name__ == '__main__':
    main()
