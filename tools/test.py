# Copyright (c) mmcontrast contributors. All rights reserved.
"""Test a checkpoint, as mmseg's and mmpretrain's ``tools/test.py``."""
import argparse
import os
import os.path as osp

import mmengine
from mmengine.config import Config, ConfigDict, DictAction
from mmengine.evaluator import DumpResults
from mmengine.dist import is_main_process
from mmengine.registry import RUNNERS
from mmengine.runner import Runner

import mmcontrast  # noqa: F401  (mmcontrast:: configs, checkpoint compat)
from mmcontrast.utils import prepare_cpu_distributed
from mmcontrast.utils.dist_compat import teardown_distributed


def parse_args():
    parser = argparse.ArgumentParser(description='Test (and eval) a model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument(
        '--work-dir',
        help='the directory to save the file containing evaluation metrics')
    parser.add_argument('--out', help='the file to output results.')
    parser.add_argument(
        '--out-item',
        choices=['metrics', 'pred'],
        help='To output whether metrics or predictions. '
        'Defaults to output predictions.')
    parser.add_argument(
        '--show', action='store_true', help='show prediction results')
    parser.add_argument(
        '--show-dir',
        help='directory where painted images will be saved (mmseg configs: '
        'DIR/vis_data/vis_image/*.png; mmpretrain configs: DIR/*.png)')
    parser.add_argument(
        '--wait-time', type=float, default=2, help='the interval of show (s)')
    parser.add_argument(
        '--interval',
        type=int,
        default=1,
        help='draw every N-th batch (mmseg configs) or sample (mmpretrain '
        'configs) with --show/--show-dir. Defaults to 1 (all).')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override some settings in the used config, the key-value pair '
        'in xxx=yyy format will be merged into config file. If the value to '
        'be overwritten is a list, it should be like key="[a,b]" or key=a,b '
        'It also allows nested list/tuple values, e.g. key="[(a,b),(c,d)]" '
        'Note that the quotation marks are necessary and that no white space '
        'is allowed.')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher')
    parser.add_argument(
        '--tta',
        action='store_true',
        help='Test time augmentation (uses the config\'s `tta_model` and '
        '`tta_pipeline`).')
    # When using PyTorch version >= 2.0.0, the `torch.distributed.launch`
    # will pass the `--local-rank` parameter to `tools/test.py` instead
    # of `--local_rank`.
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args()
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def _mmpretrain_vis_hook(cfg: Config, config_path: str) -> str:
    """The mmpretrain hook that can draw ``cfg.model``'s predictions, or a clear error."""
    from mmpretrain.models import ImageClassifier
    from mmpretrain.registry import MODELS
    model_type = cfg.model.get('type')
    model_cls = MODELS.get(model_type) if isinstance(model_type, str) else None
    if model_cls is None:
        return 'VisualizationHook'
    from mmcontrast.pretrain.models.classifiers import AgeEstimator
    if issubclass(model_cls, AgeEstimator):
        return 'AgeVisualizationHook'
    if issubclass(model_cls, ImageClassifier):
        return 'VisualizationHook'
    raise RuntimeError(
        f'--show/--show-dir: {config_path} builds {model_type}, whose predictions are not '
        "per-image labels (mmpretrain's VisualizationHook draws class labels), so there is "
        'nothing to draw. Run without --show/--show-dir; the metrics do not depend on it.')


def trigger_visualization_hook(cfg, args):
    """Switch the host's visualisation hook on for ``--show``/``--show-dir``.

    * mmpretrain configs (``default_scope='mmpretrain'``): mmpretrain's ``VisualizationHook``
      (class labels; ``AgeVisualizationHook`` for ``AgeEstimator``: the predicted and true age)
      with ``enable=True``, ``interval`` (samples) and ``out_dir=--show-dir``: one image per
      drawn sample, named after the source image, directly under the folder. Models whose
      predictions are not per-image labels (retrievers, self-supervised pretraining, signature
      verifiers) stop with an error naming the model instead of writing empty pictures.
    * mmseg configs: a hook that can draw the method's samples (FOCAL -> forgery overlays +
      clustered feature map, RGB-X -> both modalities, others -> mmseg's overlays, tolerant of
      maps drawn at another size; see ``mmcontrast.seg.visualization.pick_seg_hook``) replaces
      a missing or plain ``SegVisualizationHook``; ``draw=True``, ``interval`` (batches) and,
      as mmseg does, ``visualizer.save_dir=--show-dir``: images land in
      ``DIR/vis_data/vis_image/*.png`` (and in any other ``vis_backends`` of the config).
    * mmdet configs: mmdet's ``DetVisualizationHook`` becomes ``SliceDetVisualizationHook``
      (``mmcontrast.det``: the same hook, which also draws ``.npy`` slice inputs such as
      DCCL's PI-CAI slices, as ``<stem>.png``); ``draw=True`` and ``test_out_dir=--show-dir``
      (an absolute folder, or one relative to ``<work_dir>/<timestamp>/``, as in mmdet).
    """
    default_hooks = cfg.setdefault('default_hooks', ConfigDict())
    scope = cfg.get('default_scope', 'mmseg')
    hook = default_hooks.get('visualization')
    if scope == 'mmpretrain':
        hook_type = _mmpretrain_vis_hook(cfg, args.config)
        if hook is None or hook.get('type') in ('VisualizationHook', 'mmpretrain.VisualizationHook'):
            hook = ConfigDict(type=hook_type,
                              **{k: v for k, v in (hook or {}).items() if k != 'type'})
        hook['enable'] = True
        hook['interval'] = args.interval
        if args.show:
            hook['show'] = True
            hook['wait_time'] = args.wait_time
        if args.show_dir:
            hook['out_dir'] = args.show_dir
        hook.pop('draw', None)
        hook.pop('test_out_dir', None)
    elif scope == 'mmseg':
        from mmcontrast.seg.visualization import pick_seg_hook
        if hook is None or hook.get('type') in ('SegVisualizationHook',
                                                 'mmseg.SegVisualizationHook'):
            hook = ConfigDict(type=pick_seg_hook(cfg),
                              **{k: v for k, v in (hook or {}).items() if k != 'type'})
        hook['draw'] = True
        hook['interval'] = args.interval
        if args.show:
            hook['show'] = True
            hook['wait_time'] = args.wait_time
        hook.pop('test_out_dir', None)  # mmseg's hook has no such argument
        if args.show_dir:
            cfg.setdefault('visualizer', ConfigDict(
                type='SegLocalVisualizer', vis_backends=[dict(type='LocalVisBackend')],
                name='visualizer'))
            cfg.visualizer['save_dir'] = args.show_dir
    else:
        if hook is None:
            raise RuntimeError(
                f'--show/--show-dir: the config (default_scope={scope!r}) has no '
                "default_hooks.visualization; add the host's visualisation hook.")
        if scope == 'mmdet' and hook.get('type') in ('DetVisualizationHook',
                                                      'mmdet.DetVisualizationHook'):
            # same hook, but it can also draw .npy slice inputs (DCCL's PI-CAI detector)
            hook['type'] = 'SliceDetVisualizationHook'
        hook['draw'] = True
        if args.show_dir:
            hook['test_out_dir'] = args.show_dir
    default_hooks['visualization'] = hook
    return cfg


def merge_args(cfg: Config, args: argparse.Namespace) -> Config:
    cfg.launcher = args.launcher
    # work_dir is determined in this priority: CLI > segment in file > filename
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])

    cfg.load_from = args.checkpoint

    if args.show or args.show_dir:
        cfg = trigger_visualization_hook(cfg, args)

    if args.tta:
        if 'tta_model' not in cfg or 'tta_pipeline' not in cfg:
            raise ValueError(
                '--tta needs `tta_model` and `tta_pipeline` in the config; '
                f'{args.config} defines neither. Add them or drop --tta.')
        cfg.test_dataloader.dataset.pipeline = cfg.tta_pipeline
        cfg.tta_model.module = cfg.model
        cfg.model = cfg.tta_model

    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    return cfg


def main():
    args = parse_args()
    if args.out is None and args.out_item is not None:
        raise ValueError('Please use `--out` argument to specify the '
                         'path of the output file before using `--out-item`.')

    cfg = Config.fromfile(args.config)
    cfg = merge_args(cfg, args)
    # gloo, DDP without device_ids and BN instead of SyncBN when no GPU
    prepare_cpu_distributed(cfg)

    if 'runner_type' not in cfg:
        runner = Runner.from_cfg(cfg)
    else:
        runner = RUNNERS.build(cfg)

    if args.out and args.out_item in ['pred', None]:
        runner.test_evaluator.metrics.append(
            DumpResults(out_file_path=args.out))

    metrics = runner.test()
    main_process = is_main_process()  # before the group is gone (every rank is 0 then)
    teardown_distributed()

    if args.out and args.out_item == 'metrics' and main_process:
        mmengine.dump(metrics, args.out)


if __name__ == '__main__':
    main()
