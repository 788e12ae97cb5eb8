# Copyright (c) mmcontrast contributors. All rights reserved.
"""Print the fully resolved config (bases merged, ``--cfg-options`` applied)."""
import argparse

from mmengine.config import Config, DictAction

import mmcontrast  # noqa: F401  (mmcontrast:: configs)


def parse_args():
    parser = argparse.ArgumentParser(description='Print the whole config')
    parser.add_argument('config', help='config file path')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override some settings in the used config, the key-value pair '
        'in xxx=yyy format will be merged into config file.')
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = Config.fromfile(args.config)
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    print(f'Config:\n{cfg.pretty_text}')


if __name__ == '__main__':
    main()
