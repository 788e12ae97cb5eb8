# Copyright (c) mmcontrast contributors. All rights reserved.
"""FG-NET -> canonical annotation (age.md §4).

Subject and age come from the file names ``<SSS>A<AA>[a|b].JPG``::

    python tools/dataset_converters/fgnet_to_json.py data/fgnet
    # reads data/fgnet/images/*, writes data/fgnet/annotations/all.json

The LOPO folds are taken by ``FaceAgeDataset(lopo_fold=k)`` from ``all.json``.
"""
import argparse
import os.path as osp

from mmcontrast.pretrain.datasets.face_age_annotations import (fgnet_annotations,
                                                               write_annotations)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('root', help='FG-NET root holding images/')
    parser.add_argument('--img-dir', default='images')
    parser.add_argument('--out', default=None, help='default: <root>/annotations/all.json')
    args = parser.parse_args()
    items = fgnet_annotations(osp.join(args.root, args.img_dir))
    out = args.out or osp.join(args.root, 'annotations', 'all.json')
    write_annotations(items, out)
    print(f'{len(items)} images of {len({i["subject_id"] for i in items})} subjects -> {out}')


if __name__ == '__main__':
    main()
