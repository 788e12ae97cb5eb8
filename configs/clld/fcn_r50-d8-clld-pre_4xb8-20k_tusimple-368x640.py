# Lane-slot segmentation on TuSimple (background + 6 slots, 368x640) with a CLLD-pretrained
# ResNet-50 exported by tools/model_converters/clld2torchvision.py.
_base_ = [
    'mmseg::_base_/models/fcn_r50-d8.py',
    '../_base_/datasets/tusimple.py',
    'mmseg::_base_/default_runtime.py',
    'mmseg::_base_/schedules/schedule_40k.py',
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
pretrained_backbone = 'work_dirs/clld_r50_tv.pth'
crop_size = (368, 640)
class_weight = [0.4] + [1.0] * 6
model = dict(
    data_preprocessor=dict(size=crop_size),
    pretrained=None,
    backbone=dict(type='ResNet', depth=50, style='pytorch',
                  init_cfg=dict(type='Pretrained', checkpoint=pretrained_backbone)),
    decode_head=dict(num_classes=7, loss_decode=dict(class_weight=class_weight)),
    auxiliary_head=dict(num_classes=7, loss_decode=dict(class_weight=class_weight)))
optim_wrapper = dict(optimizer=dict(lr=0.01, weight_decay=1e-4))
train_cfg = dict(max_iters=20000, val_interval=2000)
param_scheduler = [dict(type='PolyLR', eta_min=1e-4, power=0.9, begin=0, end=20000,
                        by_epoch=False)]
