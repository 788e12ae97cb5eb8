# Tiny RetinaNet (ResNet-18 + FPN) from the tiny DCCL pretraining on the mini PI-CAI set:
# a CPU smoke run (20 iterations) that reports case/slice AUC from box scores.
#   python tools/train.py configs/dccl/benchmarks/retinanet_r18-dccl-pre_fpn_1xb8-20iter_mini-picai-64x64.py
# Model as mmdet::retinanet/retinanet_r18_fpn_1x_coco.py (its COCO dataset base is not inherited).
_base_ = [
    '../../_base_/models/retinanet_r18-fpn-1cls.py', '../_base_/datasets/mini_picai_det.py',
    'mmdet::_base_/default_runtime.py', '../../_base_/schedules/retinanet_adamw-coslr-20iter.py'
]
custom_imports = dict(imports=['mmcontrast.det', 'mmcontrast.pretrain'],
                      allow_failed_imports=False)
pretrained = 'work_dirs/dccl_tiny/iter_200.pth'
model = dict(
    backbone=dict(init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')))
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(by_epoch=False, interval=20, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0)
