# Tiny DenseCLIP on the mini ADE20K set (4 classes sky/building/tree/flower, 96x96 photos, 64x64
# crops) that trains in minutes on 2 CPU cores. Run from the repository root:
#   python tools/train.py configs/icpc/denseclip_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py
_base_ = [
    '../_base_/models/denseclip_clip-tiny-fpn.py', '../_base_/datasets/mini-ade.py',
    'mmseg::_base_/default_runtime.py', '../_base_/schedules/denseclip_adamw-poly-300iter.py'
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
train_dataloader = dict(batch_size=4, num_workers=0)
randomness = dict(seed=0)
log_processor = dict(by_epoch=False)
