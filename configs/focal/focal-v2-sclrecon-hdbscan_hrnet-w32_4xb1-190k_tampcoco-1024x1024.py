# FOCAL v2 ("sclrecon": the spec's reconstruction of the soft contrastive loss) with HRNet-W32 and
# HDBSCAN. min_cluster_size 3200 = the paper's 200 at 64x64 scaled to the 256x256 grid (16x cells).
_base_ = './focal-v1-kmeans_hrnet-w32_4xb1-190k_tampcoco-1024x1024.py'
model = dict(
    loss=dict(_delete_=True, type='FOCALSoftContrastLoss', temperature=0.1, dict_size=1000,
              weight_temperature=0.1),
    clusterer=dict(_delete_=True, type='HDBSCANClusterer', min_cluster_size=3200,
                   noise='as_cluster', n_jobs=4))
