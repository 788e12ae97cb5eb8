# Copyright (c) mmcontrast contributors. All rights reserved.
"""Command-line helpers shared by the tools."""
import argparse
import re

from mmengine.config import DictAction

_KEY = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$')


class CfgOptionsAction(DictAction):
    """mmengine's ``DictAction`` for ``--cfg-options`` with a clear error per bad item.

    mmengine splits each item on ``=`` and fails with ``ValueError: not enough
    values to unpack`` (a traceback, no item named) for ``key`` without a
    value; this names the item and shows the expected form, through argparse
    (usage line, exit status 2).
    """

    def __call__(self, parser, namespace, values, option_string=None):
        for item in values:
            key, sep, _ = item.partition('=')
            if not sep or not _KEY.match(key):
                raise argparse.ArgumentError(
                    self, f'malformed item {item!r}: expected KEY=VALUE with a dotted config '
                    'key, e.g. train_cfg.max_iters=100 or '
                    'model.backbone.init_cfg.checkpoint=path.pth (lists: key="[a,b]")')
        try:
            super().__call__(parser, namespace, values, option_string)
        except (ValueError, SyntaxError, AssertionError) as e:
            raise argparse.ArgumentError(self, f'cannot parse {values}: {e}') from e
