# FOCAL v1 fusion (ViT-L || HRNet-W32, k-means) on MISD; see the Coverage config.
_base_ = './focal-v1-kmeans_vit-sam-l-hrnet-w32-fusion_4xb1-test_coverage-1024x1024.py'
test_set = 'MISD'
test_dataloader = dict(
    dataset=dict(data_prefix=dict(img_path=test_set + '/images', seg_map_path=test_set + '/masks')))
