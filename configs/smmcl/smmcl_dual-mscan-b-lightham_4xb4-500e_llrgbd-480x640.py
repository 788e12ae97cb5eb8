# SMMCL on LLRGBD, MSCAN-B: the official recipe (github palmdong/SMMCL, SMMCL_LLRGBD).
# 4 GPUs x 4 images, 480x640 crops, 500 epochs of a 1000-epoch poly schedule (44,500 iterations).
# Reference (official log, epoch 500): mIoU 63.89 (14 classes), mIoU w/o void 68.81.
_base_ = [
    'mmseg::_base_/default_runtime.py',
    '../_base_/models/smmcl_dual-mscan-b-lightham.py',
    '../_base_/datasets/llrgbd.py',
    '../_base_/schedules/smmcl_adamw-poly-500e.py',
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
default_hooks = dict(
    checkpoint=dict(save_best='mIoU_wo_void'))
