# Test-time fusion of the two tiny extractors: the tiny ViT-SAM (16x16 grid) and the tiny HRNet
# (32x32, nearest-resized to 16x16), each L2-normalised, concatenated to 40 channels. Checkpoint:
#   python tools/model_converters/focal_fuse_checkpoints.py VIT.pth HRNET.pth fused.pth
_base_ = './focal_vit-sam-tiny.py'
model = dict(extractors=[{{_base_.vit_sam_tiny}}, {{_base_.hrnet_tiny}}])
