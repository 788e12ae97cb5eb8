# FOCAL v2 ("sclrecon": the spec's reconstruction of the soft contrastive loss) with HRNet-W32 and
# HDBSCAN. HDBSCAN on the full 256x256 grid takes > 20 min per image on a CPU thread
# (benchmarks/focal_clustering.py), so validation clusters the HRNet features nearest-resized to
# the 64x64 grid of the fusion (fusion_size) with the paper's min_cluster_size 200.
_base_ = ['./focal-v1-kmeans_hrnet-w32_4xb1-190k_tampcoco-1024x1024.py',
          '../_base_/models/focal_v2-sclrecon.py']
model = dict(
    fusion_size=(64, 64),
    feature_losses=dict(contrast=dict(_base_.sclrecon_contrast, _delete_=True)),
    clusterer=dict(_delete_=True, type='HDBSCANClusterer', min_cluster_size=200,
                   noise='as_cluster', n_jobs=4))
