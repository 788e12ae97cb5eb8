# FOCAL v1 with the HRNet-W32 extractor (pose-HRNet layout, random init, highest-resolution
# branch only): (B, 32, 256, 256) features, mask on the 256x256 grid (gt_ratio 4). The official
# training length of the HRNet is unknown; the ViT schedule is kept.
_base_ = [
    '../_base_/models/focal_hrnet-w32.py', '../_base_/datasets/forgery_1024x1024-grid256.py',
    'mmseg::_base_/default_runtime.py', '../_base_/schedules/focal_adam-plateau-190k.py'
]
custom_imports = dict(imports=['mmcontrast.seg', 'mmpretrain.models'], allow_failed_imports=False)
