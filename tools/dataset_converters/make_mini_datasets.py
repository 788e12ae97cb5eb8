# Copyright (c) mmcontrast contributors. All rights reserved.
"""Generate the mini datasets under ``data/mini`` (see docs/mini_datasets.md)."""
import argparse

from mmcontrast.mini_datasets import DEFAULT_ROOT, GENERATORS, make_mini_datasets


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('names', nargs='*', help=f'subset of {sorted(GENERATORS)}')
    parser.add_argument('--root', default=DEFAULT_ROOT)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--force', action='store_true', help='regenerate')
    args = parser.parse_args()
    out = make_mini_datasets(args.root, args.names or None, args.seed, args.force)
    for name, path in out.items():
        print(f'{name}: {path}')


if __name__ == '__main__':
    main()
