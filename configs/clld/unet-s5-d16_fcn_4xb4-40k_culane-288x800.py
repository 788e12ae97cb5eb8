# UNet-style lane-slot segmentation on CULane (mmseg UNet + FCN head, random init), 288x800.
_base_ = [
    'mmseg::_base_/models/fcn_unet_s5-d16.py',
    '../_base_/datasets/culane.py',
    'mmseg::_base_/default_runtime.py',
    'mmseg::_base_/schedules/schedule_40k.py',
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
crop_size = (288, 800)
class_weight = [0.4, 1.0, 1.0, 1.0, 1.0]
model = dict(
    data_preprocessor=dict(size=crop_size),
    decode_head=dict(num_classes=5, loss_decode=dict(class_weight=class_weight)),
    auxiliary_head=dict(num_classes=5, loss_decode=dict(class_weight=class_weight)),
    test_cfg=dict(mode='whole'))
train_dataloader = dict(batch_size=4)
