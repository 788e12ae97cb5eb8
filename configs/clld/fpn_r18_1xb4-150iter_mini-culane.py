# Tiny lane-slot segmentation on the mini CULane set (native 1640x590 images resized to
# 352x128), ResNet-18 + semantic FPN (output stride 4), 150 iterations on CPU.
# Random init; fpn_r18-clld-pre_1xb4-150iter_mini-culane.py starts from an exported backbone.
_base_ = [
    '../_base_/models/fpn_r18-lanes.py', '../_base_/datasets/mini-culane.py',
    'mmseg::_base_/default_runtime.py', '../_base_/schedules/lane_sgd-poly-150iter.py'
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
randomness = dict(seed=0)
