# Copyright (c) mmcontrast contributors. All rights reserved.
"""Save a CLIP4Cir model as initialised by its config (e.g. OpenAI CLIP via init_cfg) as a
checkpoint, so the zero-shot CLIP + sum baseline is tested with tools/test.py."""
import argparse

from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.runner import save_checkpoint, set_random_seed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('config')
    parser.add_argument('out')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    cfg = Config.fromfile(args.config)
    import mmcontrast.pretrain  # noqa: F401
    init_default_scope('mmpretrain')
    from mmpretrain.registry import MODELS
    set_random_seed(args.seed)
    model = MODELS.build(cfg.model)
    model.init_weights()
    save_checkpoint(dict(state_dict=model.state_dict(), meta=dict(seed=args.seed)), args.out)
    print(f'saved {args.out}')


if __name__ == '__main__':
    main()
