# Copyright (c) mmcontrast contributors. All rights reserved.
"""Pre-decode a face-age set into one ``.npy`` pack for ``LoadImageFromPack`` (age.md §9).

    python tools/dataset_converters/face_age_pack.py data/fgnet --img-dir aligned \
        --ann annotations/all.json --size 224
    # writes data/fgnet/aligned_pack.npy (N, 224, 224, 3) uint8 BGR + aligned_pack.json
"""
import argparse
import json
import os.path as osp

import cv2
import numpy as np

from mmcontrast.pretrain.datasets.face_age_annotations import load_annotations


def make_pack(root: str, img_dir: str, ann: str, size: int) -> str:
    items = load_annotations(osp.join(root, ann))
    paths = sorted({it['img_path'] for it in items})
    pack = np.zeros((len(paths), size, size, 3), np.uint8)
    for i, rel in enumerate(paths):
        img = cv2.imread(osp.join(root, img_dir, rel))
        if img is None:
            raise FileNotFoundError(f'cannot read {osp.join(root, img_dir, rel)}')
        pack[i] = cv2.resize(img, (size, size), interpolation=cv2.INTER_AREA)
    out = osp.join(root, f'{img_dir}_pack')
    np.save(out + '.npy', pack)
    with open(out + '.json', 'w') as f:
        json.dump({p: i for i, p in enumerate(paths)}, f)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('root')
    parser.add_argument('--img-dir', default='aligned')
    parser.add_argument('--ann', default='annotations/all.json')
    parser.add_argument('--size', type=int, default=224)
    args = parser.parse_args()
    print(make_pack(args.root, args.img_dir, args.ann, args.size) + '.{npy,json}')


if __name__ == '__main__':
    main()
