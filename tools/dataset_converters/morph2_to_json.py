# Copyright (c) mmcontrast contributors. All rights reserved.
"""MORPH-II (Album 2) CSV -> canonical annotations with the split protocol in the name (age.md §4).

* ``--protocol P1`` (default, [recon]): random 80/20 split **by image** (identities
  leak across the split), one split per seed (``p1_seed{S}_{train,test}.json``);
* ``--protocol P2``: subject-exclusive 80/20 (``p2_seed{S}_{train,test}.json``).
* P3 (race-balanced S1/S2/S3) is not implemented.

    python tools/dataset_converters/morph2_to_json.py data/morph2/morph2.csv \
        --root data/morph2 --protocol P1 --seeds 0 1 2 3 4
"""
import argparse
import os.path as osp

import numpy as np

from mmcontrast.pretrain.datasets.face_age_annotations import (morph2_annotations,
                                                               write_annotations)


def split(items, protocol: str, seed: int, test_ratio: float = 0.2):
    """(train, test) item lists of one protocol/seed."""
    rng = np.random.default_rng(seed)
    if protocol == 'P1':
        order = rng.permutation(len(items))
        n_test = int(round(len(items) * test_ratio))
        test = set(order[:n_test].tolist())
        return ([it for i, it in enumerate(items) if i not in test],
                [it for i, it in enumerate(items) if i in test])
    if protocol == 'P2':
        subjects = sorted({it['subject_id'] for it in items})
        order = rng.permutation(len(subjects))
        test = {subjects[i] for i in order[:int(round(len(subjects) * test_ratio))]}
        return ([it for it in items if it['subject_id'] not in test],
                [it for it in items if it['subject_id'] in test])
    raise ValueError(f"protocol must be 'P1' or 'P2' (P3 is not implemented), got {protocol!r}.")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('csv', help='MORPH-II per-image CSV (id_num, age, photo)')
    parser.add_argument('--root', required=True, help='writes <root>/annotations/')
    parser.add_argument('--protocol', default='P1', choices=['P1', 'P2'])
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2, 3, 4])
    args = parser.parse_args()
    items = morph2_annotations(args.csv)
    for seed in args.seeds:
        train, test = split(items, args.protocol, seed)
        for name, part in (('train', train), ('test', test)):
            out = osp.join(args.root, 'annotations',
                           f'{args.protocol.lower()}_seed{seed}_{name}.json')
            write_annotations(part, out)
            print(f'{out}: {len(part)} images')


if __name__ == '__main__':
    main()
