# Copyright (c) mmcontrast contributors. All rights reserved.
"""Write the FP-attack pair CSVs (train/val/test) for CEDAR or BHSig260.

    python tools/dataset_converters/signature_pairs.py cedar data/CEDAR --seed 0
    python tools/dataset_converters/signature_pairs.py bhsig260-bengali data/BHSig260 \
        --out-dir data/BHSig260/pairs-bengali

The writer split and the pair sampling both use ``--seed`` (the port's split
was unseeded; fpattack.md §7.5). Paths in the CSVs are relative to the root.
"""
import argparse
import os.path as osp

from mmcontrast.pretrain.fpattack.signature_pairs import LAYOUTS, make_pair_csvs


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('dataset', choices=sorted(LAYOUTS))
    parser.add_argument('root', help='dataset root (holds full_org/ or Bengali/, Hindi/)')
    parser.add_argument('--out-dir', help='defaults to ROOT/pairs[-bengali|-hindi]')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--n-test', type=int, help='test writers (default: the port split)')
    parser.add_argument('--n-val', type=int, help='validation writers (τ is chosen on them)')
    args = parser.parse_args()
    suffix = '' if args.dataset == 'cedar' else '-' + args.dataset.split('-')[1]
    out_dir = args.out_dir or osp.join(args.root, 'pairs' + suffix)
    for split, path in make_pair_csvs(args.dataset, args.root, out_dir, seed=args.seed,
                                      n_test=args.n_test, n_val=args.n_val).items():
        print(f'{split}: {path}')


if __name__ == '__main__':
    main()
