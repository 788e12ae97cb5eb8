# Test-time fusion of the two tiny extractors (no retraining): the tiny ViT-SAM (16x16 grid) and the
# tiny HRNet (32x32, nearest-resized to 16x16), each L2-normalised, concatenated to 40 channels,
# clustered by k=2 k-means. Build the checkpoint from the two trained ones with
#   python tools/model_converters/focal_fuse_checkpoints.py VIT.pth HRNET.pth fused.pth
_base_ = './focal-v1-kmeans_vit-sam-tiny_1xb4-200iter_mini-forgery-128x128.py'
model = dict(extractors=[
    {{_base_.vit_sam_tiny}},
    {{_base_.hrnet_tiny}},
])
