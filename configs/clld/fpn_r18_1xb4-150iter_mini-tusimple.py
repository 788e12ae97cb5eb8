# Tiny lane-slot segmentation on the mini TuSimple set (native 1280x720 images resized to
# 352x192), ResNet-18 + semantic FPN, background + 6 slots, 150 iterations on CPU; TuSimple
# Acc/FP/FN. Random init by default.
_base_ = [
    '../_base_/models/fpn_r18-lanes.py', '../_base_/datasets/mini-tusimple.py',
    'mmseg::_base_/default_runtime.py', '../_base_/schedules/lane_sgd-poly-150iter.py'
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
model = dict(
    data_preprocessor=dict(size=(192, 352)),
    decode_head=dict(num_classes=7, loss_decode=dict(class_weight=[0.4] + [1.0] * 6)))
randomness = dict(seed=0)
