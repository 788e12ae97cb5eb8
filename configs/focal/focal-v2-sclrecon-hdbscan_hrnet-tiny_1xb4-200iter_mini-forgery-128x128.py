# Tiny FOCAL v2: the soft contrastive loss AS RECONSTRUCTED by the method spec ("sclrecon": the
# TDSC paper's equations are unavailable, see FOCALSoftContrastLoss) + HDBSCAN clustering
# (min_cluster_size 50 on the 32x32 grid = the paper's 200 on 64x64 scaled by the cells).
_base_ = ['./focal-v1-kmeans_hrnet-tiny_1xb4-200iter_mini-forgery-128x128.py',
          '../_base_/models/focal_v2-sclrecon.py']
model = dict(
    feature_losses=dict(contrast=dict(_base_.sclrecon_contrast, _delete_=True)),
    clusterer=dict(_delete_=True, type='HDBSCANClusterer', min_cluster_size=50,
                   noise='as_cluster'))
