# FOCAL v1 test-time fusion on Coverage: SAM ViT-L (64x64) || HRNet-W32 (256x256 nearest-resized to
# 64x64), each L2-normalised -> 288 channels, k=2 k-means per image. Checkpoint:
# tools/model_converters/focal_fuse_checkpoints.py VIT.pth HRNET.pth fused.pth.
_base_ = ['../_base_/models/focal_vit-sam-l-hrnet-w32-fusion.py',
          '../_base_/datasets/coverage_1024x1024.py',
          'mmseg::_base_/default_runtime.py', '../_base_/schedules/focal_adam-plateau-190k.py']
custom_imports = dict(imports=['mmcontrast.seg', 'mmpretrain.models'], allow_failed_imports=False)
