# Copyright (c) mmcontrast contributors. All rights reserved.
"""Write FOCAL's training/validation lists (``img_path [mask_path]`` per line).

FOCAL's configs read ``ForgeryDataset(ann_file=...)`` lists relative to ``data_root``
(``data/forgery``), as the official code does; they used to be written by hand. Each SPEC is
``IMAGES_DIR[,MASKS_DIR][*REPEAT]`` relative to ``--data-root``: every image in ``IMAGES_DIR``
gets the mask in ``MASKS_DIR`` with the same stem (optionally followed by ``_gt``, ``_mask``,
``_groundtruth``; any of ``.png .tif .tiff .jpg .bmp``), or no mask (an authentic image, all
pristine) when none exists or no ``MASKS_DIR`` is given. ``*REPEAT`` repeats a set (the
official recipe repeats CASIA v2 40x and IMD2020 20x beside tampCOCO). ``--val-num N`` moves N
random lines (fixed ``--seed``) to ``--val-out``.

Examples::

    # tampCOCO splicing (CAT-Net layout unpacked as images/ + masks/)
    python tools/dataset_converters/focal_lists.py --data-root data/forgery \\
        tampCOCO/sp_images,tampCOCO/sp_masks --out tampCOCO/sp_COCO_list.txt
    # a mix with repeats and a 1000-image validation list
    python tools/dataset_converters/focal_lists.py --data-root data/forgery \\
        tampCOCO/sp_images,tampCOCO/sp_masks CASIA2/Tp,CASIA2/gt*40 CASIA2/Au*40 \\
        IMD2020/images,IMD2020/masks*20 --out train_mix.txt --val-num 1000 --val-out val_1000.txt
"""
import argparse
import os
import os.path as osp
import random
from typing import List, Optional, Tuple

IMG_EXTS = ('.jpg', '.jpeg', '.png', '.tif', '.tiff', '.bmp')
MASK_EXTS = ('.png', '.tif', '.tiff', '.jpg', '.bmp')
MASK_TAGS = ('', '_gt', '_mask', '_groundtruth')


def parse_spec(spec: str) -> Tuple[str, Optional[str], int]:
    """``IMAGES[,MASKS][*REPEAT]`` -> (images, masks or None, repeat)."""
    body, _, rep = spec.partition('*')
    repeat = int(rep) if rep else 1
    if repeat < 1:
        raise ValueError(f'{spec}: REPEAT must be >= 1')
    images, _, masks = body.partition(',')
    return images, masks or None, repeat


def find_mask(masks_dir: str, stem: str, index: dict) -> Optional[str]:
    for tag in MASK_TAGS:
        for ext in MASK_EXTS:
            name = f'{stem}{tag}{ext}'
            if name in index:
                return osp.join(masks_dir, name)
    return None


def list_pairs(data_root: str, images: str, masks: Optional[str]) -> List[str]:
    """Lines ``img [mask]`` (relative to ``data_root``) of one image folder."""
    img_abs = osp.join(data_root, images)
    if not osp.isdir(img_abs):
        raise FileNotFoundError(f'{img_abs} is not a folder (SPEC paths are relative to '
                                f'--data-root {data_root})')
    index = set(os.listdir(osp.join(data_root, masks))) if masks else set()
    if masks and not index:
        raise FileNotFoundError(f'mask folder {osp.join(data_root, masks)} is empty or missing')
    lines = []
    for name in sorted(os.listdir(img_abs)):
        if not name.lower().endswith(IMG_EXTS):
            continue
        mask = find_mask(masks, osp.splitext(name)[0], index) if masks else None
        img = osp.join(images, name)
        lines.append(f'{img} {mask}' if mask else img)
    if not lines:
        raise FileNotFoundError(f'no images ({IMG_EXTS}) in {img_abs}')
    return lines


def build_lists(data_root: str, specs: List[str], val_num: int = 0,
                seed: int = 0) -> Tuple[List[str], List[str]]:
    """(train lines, val lines). Validation lines are drawn before repeating."""
    sets = []
    for spec in specs:
        images, masks, repeat = parse_spec(spec)
        sets.append((list_pairs(data_root, images, masks), repeat))
    val: List[str] = []
    if val_num:
        pool = [(i, j) for i, (lines, _) in enumerate(sets) for j in range(len(lines))]
        if val_num >= len(pool):
            raise ValueError(f'--val-num {val_num} >= {len(pool)} images')
        chosen = set(random.Random(seed).sample(pool, val_num))
        val = [sets[i][0][j] for i, j in sorted(chosen)]
        sets = [([ln for j, ln in enumerate(lines) if (i, j) not in chosen], r)
                for i, (lines, r) in enumerate(sets)]
    train = [ln for lines, r in sets for _ in range(r) for ln in lines]
    return train, val


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('specs', nargs='+', help='IMAGES_DIR[,MASKS_DIR][*REPEAT]')
    parser.add_argument('--data-root', default='data/forgery')
    parser.add_argument('--out', required=True, help='list file, relative to --data-root')
    parser.add_argument('--val-num', type=int, default=0)
    parser.add_argument('--val-out', default=None)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    if args.val_num and not args.val_out:
        parser.error('--val-num needs --val-out')
    train, val = build_lists(args.data_root, args.specs, args.val_num, args.seed)
    for rel, lines in ((args.out, train), (args.val_out, val)):
        if rel is None:
            continue
        path = osp.join(args.data_root, rel)
        os.makedirs(osp.dirname(path) or '.', exist_ok=True)
        with open(path, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        forged = sum(1 for ln in lines if ' ' in ln)
        print(f'{path}: {len(lines)} lines ({forged} with a mask, {len(lines) - forged} '
              'authentic)')


if __name__ == '__main__':
    main()
