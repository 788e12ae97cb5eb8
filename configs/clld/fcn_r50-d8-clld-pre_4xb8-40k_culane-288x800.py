# Lane-slot segmentation on CULane with a CLLD-pretrained ResNet-50 (torchvision layout):
# dilated ResNet-50 (output stride 8) + FCN head, background + 4 lane slots, 288x800.
# Export the backbone first:
#   python tools/model_converters/clld2torchvision.py \
#       work_dirs/clld_resnet50_8xb128-coslr-100e_in1k/epoch_100.pth work_dirs/clld_r50_tv.pth
_base_ = [
    'mmseg::_base_/models/fcn_r50-d8.py',
    '../_base_/datasets/culane.py',
    'mmseg::_base_/default_runtime.py',
    'mmseg::_base_/schedules/schedule_40k.py',
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
pretrained_backbone = 'work_dirs/clld_r50_tv.pth'
crop_size = (288, 800)
# SCNN-style class weights: background down-weighted.
class_weight = [0.4, 1.0, 1.0, 1.0, 1.0]
model = dict(
    data_preprocessor=dict(size=crop_size),
    pretrained=None,
    backbone=dict(type='ResNet', depth=50, style='pytorch',
                  init_cfg=dict(type='Pretrained', checkpoint=pretrained_backbone)),
    decode_head=dict(num_classes=5, loss_decode=dict(class_weight=class_weight)),
    auxiliary_head=dict(num_classes=5, loss_decode=dict(class_weight=class_weight)))
optim_wrapper = dict(optimizer=dict(lr=0.01, weight_decay=1e-4))
