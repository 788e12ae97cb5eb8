# Test-time fusion of the two tiny extractors (no retraining): the tiny ViT-SAM (16x16 grid) and the
# tiny HRNet (32x32, nearest-resized to 16x16), each L2-normalised, concatenated to 40 channels,
# clustered by k=2 k-means. Build the checkpoint from the two trained ones with
#   python tools/model_converters/focal_fuse_checkpoints.py VIT.pth HRNET.pth fused.pth
_base_ = [
    '../_base_/models/focal_vit-sam-tiny-hrnet-tiny-fusion.py',
    '../_base_/datasets/mini-forgery_128x128-grid16.py',
    'mmseg::_base_/default_runtime.py', '../_base_/schedules/focal_adam-plateau-200iter.py'
]
custom_imports = dict(imports=['mmcontrast.seg', 'mmpretrain.models'], allow_failed_imports=False)
randomness = dict(seed=0)
