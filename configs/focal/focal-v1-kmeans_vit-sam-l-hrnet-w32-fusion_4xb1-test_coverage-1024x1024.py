# FOCAL v1 test-time fusion on Coverage (100 images): SAM ViT-L (64x64) || HRNet-W32 (256x256
# nearest-resized to 64x64), each L2-normalised -> 288 channels, k=2 k-means per image.
# Checkpoint: tools/model_converters/focal_fuse_checkpoints.py VIT.pth HRNET.pth fused.pth.
# Reports the official protocol (64x64 grid, prefix forgery_official) and the original resolution.
_base_ = './focal-v1-kmeans_hrnet-w32_4xb1-190k_tampcoco-1024x1024.py'
test_set = 'Coverage'
model = dict(extractors=[{{_base_.vit_sam_l}}, {{_base_.hrnet_w32}}])
test_dataloader = dict(
    dataset=dict(ann_file='', data_prefix=dict(img_path=test_set + '/images',
                                               seg_map_path=test_set + '/masks')))
test_evaluator = [
    dict(type='ForgeryPixelMetric', eval_resolution='official', prefix='forgery_official'),
    dict(type='ForgeryPixelMetric', eval_resolution='original', prefix='forgery'),
]
