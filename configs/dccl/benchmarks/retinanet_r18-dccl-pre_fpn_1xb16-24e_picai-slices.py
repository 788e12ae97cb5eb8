# Downstream B (spec §5): mmdet RetinaNet, ResNet-18 + FPN initialised from the DCCL
# pretraining (init_cfg Pretrained, prefix 'backbone.'), one 'lesion' class, boxes from
# connected lesion components; case AUC = max box score per case.
# Model as mmdet::retinanet/retinanet_r18_fpn_1x_coco.py (its COCO dataset base is not inherited).
_base_ = [
    '../../_base_/models/retinanet_r18-fpn-1cls.py', '../_base_/datasets/picai_slices_det.py',
    'mmdet::_base_/default_runtime.py', '../../_base_/schedules/retinanet_adamw-coslr-24e.py'
]
custom_imports = dict(imports=['mmcontrast.det', 'mmcontrast.pretrain'],
                      allow_failed_imports=False)
pretrained = 'work_dirs/dccl_resnet18_1xb64-200e_picai-slices/epoch_200.pth'
model = dict(
    backbone=dict(init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')))
default_hooks = dict(checkpoint=dict(interval=4, max_keep_ckpts=1))
randomness = dict(seed=0)
