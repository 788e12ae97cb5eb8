# FOCAL v2 fusion on FF++: extractors trained with the spec's reconstructed soft contrastive loss
# (the focal-v2-sclrecon-hdbscan_* training configs), HDBSCAN(min_cluster_size=200) on the 64x64
# fused grid, noise as one more group.
_base_ = './focal-v1-kmeans_vit-sam-l-hrnet-w32-fusion_4xb1-test_ffpp-1024x1024.py'
model = dict(clusterer=dict(_delete_=True, type='HDBSCANClusterer', min_cluster_size=200,
                            noise='as_cluster', n_jobs=4))
