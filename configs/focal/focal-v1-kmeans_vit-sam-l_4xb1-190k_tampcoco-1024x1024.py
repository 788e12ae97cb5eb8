# FOCAL v1 (released code): SAM ViT-L image encoder from random init, per-image pixel
# contrast (FOCALContrastLoss), k=2 k-means at validation. 4 GPUs x 1 image (the official
# DataParallel over 4 A100), ~190k iterations (author: ~190 "epochs" of 4,000 images, issue #16).
_base_ = [
    '../_base_/models/focal_vit-sam-l.py', '../_base_/datasets/forgery_1024x1024.py',
    'mmseg::_base_/default_runtime.py', '../_base_/schedules/focal_adam-plateau-190k.py'
]
custom_imports = dict(imports=['mmcontrast.seg', 'mmpretrain.models'], allow_failed_imports=False)
