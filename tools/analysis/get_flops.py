# Copyright (c) mmcontrast contributors. All rights reserved.
"""Count FLOPs and parameters of a config's model with ``mmengine.analysis``.

The model is built in the config's default scope and run in ``tensor`` mode
(``model(inputs, mode='tensor')``) on a random input of ``--shape``.
"""
import argparse

import torch
from mmengine.analysis import get_model_complexity_info
from mmengine.config import Config, DictAction
from mmengine.registry import MODELS, init_default_scope

import mmcontrast  # noqa: F401  (mmcontrast:: configs)


def parse_args():
    parser = argparse.ArgumentParser(description='Get a model\'s FLOPs')
    parser.add_argument('config', help='config file path')
    parser.add_argument(
        '--shape',
        type=int,
        nargs='+',
        default=[512, 512],
        help='input spatial size (H W), or one value for a square input')
    parser.add_argument(
        '--in-channels', type=int, default=3, help='input channels')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override some settings in the used config')
    return parser.parse_args()


def get_flops(cfg: Config, shape: tuple, in_channels: int = 3) -> dict:
    """Build ``cfg.model`` and measure it on a (1, C, H, W) input.

    Returns:
        dict: ``flops``, ``params`` (numbers) and ``table`` (a printable str).
    """
    init_default_scope(cfg.get('default_scope', 'mmengine'))
    model = MODELS.build(cfg.model)
    if hasattr(model, 'data_preprocessor'):
        model.data_preprocessor = torch.nn.Identity()
    model.eval()
    inputs = torch.randn(1, in_channels, *shape)

    class TensorMode(torch.nn.Module):

        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, x):
            return self.m(x, mode='tensor')

    result = get_model_complexity_info(TensorMode(model), inputs=(inputs, ))
    return dict(
        flops=result['flops'],
        params=result['params'],
        table=result['out_table'])


def main():
    args = parse_args()
    if len(args.shape) == 1:
        shape = (args.shape[0], args.shape[0])
    elif len(args.shape) == 2:
        shape = tuple(args.shape)
    else:
        raise ValueError('--shape takes one (square) or two (H W) values.')
    cfg = Config.fromfile(args.config)
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    result = get_flops(cfg, shape, args.in_channels)
    split_line = '=' * 30
    print(result['table'])
    print(f'{split_line}\nInput shape: {(args.in_channels, ) + shape}\n'
          f'Flops: {result["flops"] / 1e9:.3f} GFLOPs\n'
          f'Params: {result["params"] / 1e6:.3f} M\n{split_line}')
    print('!!!Only the tensor-mode forward is counted; custom ops and '
          'losses are not. Check the numbers before quoting them.')


if __name__ == '__main__':
    main()
