# Copyright (c) mmcontrast contributors. All rights reserved.
"""Convert the Columbia uncompressed splicing set to FOCAL's image + binary-mask layout.

Columbia (Hsu & Chang, ICME 2006; 180 spliced TIFFs in ``4cam_splc/`` with
colour-coded ``edgemask/<stem>_edgemask.{jpg,tif}``: the two source cameras'
regions in two colours, boundaries in white; 183 authentic ``4cam_auth/``)
is read into ``<out>/Columbia/{images,masks}/`` with 0/255 masks of the spliced
region. The colour of the spliced region is not documented per image, so by
default the smaller of the two coloured regions is taken as spliced (the same
"largest region is pristine" rule FOCAL uses); ``--forged-colour`` forces one.

    python tools/dataset_converters/forgery_columbia.py /path/to/Columbia data/forgery
"""
import argparse
import glob
import os
import os.path as osp
import shutil

import cv2
import numpy as np

_CHANNEL = {'red': 2, 'green': 1, 'blue': 0}  # BGR


def edgemask_to_binary(edge: np.ndarray, forged_colour: str = 'smaller') -> np.ndarray:
    """Colour-coded Columbia edge mask (H, W, 3) BGR -> (H, W) uint8 0/255 spliced mask.

    Args:
        edge (np.ndarray): BGR edge mask; a pixel belongs to colour c when that
            channel is > 127 and the other two are <= 127 (white boundaries and
            dark pixels belong to no region).
        forged_colour (str): 'red', 'green', 'blue' or 'smaller' (the smaller of
            the two largest coloured regions). Defaults to 'smaller'.

    Returns:
        np.ndarray: 0/255 mask.
    """
    hi = edge > 127
    regions = {c: hi[..., i] & (hi.sum(-1) == 1) for c, i in _CHANNEL.items()}
    if forged_colour == 'smaller':
        two = sorted(regions, key=lambda c: regions[c].sum(), reverse=True)[:2]
        forged_colour = min(two, key=lambda c: regions[c].sum())
    elif forged_colour not in regions:
        raise ValueError(f"forged_colour must be one of {list(_CHANNEL) + ['smaller']}, "
                         f'got {forged_colour!r}')
    return regions[forged_colour].astype(np.uint8) * 255


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('src', help='Columbia root holding 4cam_splc/ (and optionally 4cam_auth/)')
    p.add_argument('out', help='output root, e.g. data/forgery')
    p.add_argument('--forged-colour', default='smaller', choices=['smaller', *_CHANNEL])
    p.add_argument('--with-authentic', action='store_true',
                   help='also copy 4cam_auth/ images (authentic: no mask file)')
    args = p.parse_args()
    img_dir = osp.join(args.out, 'Columbia', 'images')
    mask_dir = osp.join(args.out, 'Columbia', 'masks')
    os.makedirs(img_dir, exist_ok=True)
    os.makedirs(mask_dir, exist_ok=True)
    n = 0
    for img in sorted(glob.glob(osp.join(args.src, '4cam_splc', '*.tif'))):
        stem = osp.splitext(osp.basename(img))[0]
        cands = glob.glob(osp.join(args.src, '4cam_splc', 'edgemask', stem + '_edgemask.*'))
        if not cands:
            print(f'skip {stem}: no edgemask')
            continue
        edge = cv2.imread(cands[0], cv2.IMREAD_COLOR)
        shutil.copy(img, osp.join(img_dir, stem + '.tif'))
        cv2.imwrite(osp.join(mask_dir, stem + '.png'), edgemask_to_binary(edge, args.forged_colour))
        n += 1
    if args.with_authentic:
        for img in sorted(glob.glob(osp.join(args.src, '4cam_auth', '*.tif'))):
            shutil.copy(img, osp.join(img_dir, osp.basename(img)))
    print(f'wrote {n} spliced images to {img_dir}')


if __name__ == '__main__':
    main()
