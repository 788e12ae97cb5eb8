# Copyright (c) mmcontrast contributors. All rights reserved.
"""``python -m mmcontrast.mini_datasets --out DIR [NAME ...]``: write the mini datasets anywhere.

Each set goes to ``DIR/<name>/`` in its real on-disk layout (see docs/mini_datasets.md), so a
downstream project can point an inherited ``mmcontrast::`` config at it (see
docs/downstream_projects.md). Without ``--out`` the sets go to ``data/mini`` under the current
folder, the ``data_root`` prefix of the tiny configs.
"""
import argparse
import sys

from . import DEFAULT_ROOT, GENERATORS, make_mini_datasets


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog='python -m mmcontrast.mini_datasets',
                                     description=__doc__.splitlines()[0])
    parser.add_argument('names', nargs='*', help=f'subset of {sorted(GENERATORS)} (all)')
    parser.add_argument('--out', '--root', dest='out', default=DEFAULT_ROOT,
                        help=f'parent folder (default: {DEFAULT_ROOT})')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--force', action='store_true', help='regenerate complete sets')
    args = parser.parse_args(argv)
    try:
        out = make_mini_datasets(args.out, args.names or None, args.seed, args.force)
    except KeyError as e:
        parser.error(str(e))
    for name, path in out.items():
        print(f'{name}: {path}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
