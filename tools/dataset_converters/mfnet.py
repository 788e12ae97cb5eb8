# Copyright (c) mmcontrast contributors. All rights reserved.
"""Split the MFNet release into the RGB / thermal layout of ``MFNetDataset``.

The MFNet release (Ha et al., IROS 2017; ``ir_seg_dataset``) stores each
sample as one 4-channel PNG (RGB + thermal) in ``images/``, labels in
``labels/`` and the splits in ``train.txt``, ``val.txt``, ``test.txt``. This
writes::

    <out>/rgb/<name>.png       # 3-channel colour image
    <out>/thermal/<name>.png   # 1-channel thermal image
    <out>/labels/<name>.png    # copied unchanged (ids 0..8, 0 = unlabeled)
    <out>/{train,val,test}.txt # copied

Usage: ``python tools/dataset_converters/mfnet.py data/ir_seg_dataset -o data/MFNet``
"""
import argparse
import os
import os.path as osp
import shutil

import cv2


def convert_mfnet(src: str, out: str) -> int:
    """Convert every listed sample; return how many were written.

    Args:
        src (str): The MFNet release folder (with ``images/``, ``labels/``).
        out (str): Output folder.

    Returns:
        int: Number of converted samples.
    """
    for sub in ('rgb', 'thermal', 'labels'):
        os.makedirs(osp.join(out, sub), exist_ok=True)
    names = set()
    for split in ('train', 'val', 'test'):
        lst = osp.join(src, f'{split}.txt')
        if not osp.isfile(lst):
            raise FileNotFoundError(f'{lst} not found: is {src} the MFNet release folder?')
        with open(lst) as f:
            names.update(line.strip() for line in f if line.strip())
        shutil.copy(lst, osp.join(out, f'{split}.txt'))
    for name in sorted(names):
        img = cv2.imread(osp.join(src, 'images', name + '.png'), cv2.IMREAD_UNCHANGED)
        if img is None or img.ndim != 3 or img.shape[2] != 4:
            raise ValueError(f'{name}: expected a 4-channel RGBT PNG, got '
                             f'{None if img is None else img.shape}')
        cv2.imwrite(osp.join(out, 'rgb', name + '.png'), img[..., :3])   # cv2 order in and out
        cv2.imwrite(osp.join(out, 'thermal', name + '.png'), img[..., 3])
        shutil.copy(osp.join(src, 'labels', name + '.png'), osp.join(out, 'labels', name + '.png'))
    return len(names)


def main() -> None:
    parser = argparse.ArgumentParser(description='Convert MFNet to the RGB/thermal layout')
    parser.add_argument('src', help='MFNet release folder (ir_seg_dataset)')
    parser.add_argument('-o', '--out', default='data/MFNet', help='output folder')
    args = parser.parse_args()
    n = convert_mfnet(args.src, args.out)
    print(f'Converted {n} samples into {args.out}')


if __name__ == '__main__':
    main()
