# FOCAL test-time fusion: SAM ViT-L (64x64 grid) || HRNet-W32 (256x256 nearest-resized to 64x64),
# each L2-normalised -> 288 channels, clustered per image. Checkpoint:
#   python tools/model_converters/focal_fuse_checkpoints.py VIT.pth HRNET.pth fused.pth
_base_ = './focal_hrnet-w32.py'
model = dict(extractors=[{{_base_.vit_sam_l}}, {{_base_.hrnet_w32}}])
