# Tiny FOCAL v1 with a tiny SAM-style ViT (mmpretrain ViTSAM: 2 layers of 64 dims, 2 heads,
# windowed attention (window 4) + one global block, abs + rel positions, SAM neck to 32 channels),
# patch 8 at 128x128 -> (B, 32, 16, 16) features, mask on the 16x16 grid (gt_ratio 8).
_base_ = [
    '../_base_/models/focal_vit-sam-tiny.py', '../_base_/datasets/mini-forgery_128x128-grid16.py',
    'mmseg::_base_/default_runtime.py', '../_base_/schedules/focal_adam-plateau-200iter.py'
]
custom_imports = dict(imports=['mmcontrast.seg', 'mmpretrain.models'], allow_failed_imports=False)
randomness = dict(seed=0)
