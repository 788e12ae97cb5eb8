# FOCAL v2 (TDSC 2025) with the SAM ViT-L extractor: soft contrastive loss AS RECONSTRUCTED by the
# method spec ("sclrecon"; the paper's Eqs. 1-9 are unavailable, see FOCALSoftContrastLoss) and
# HDBSCAN(min_cluster_size=200) at validation.
_base_ = ['./focal-v1-kmeans_vit-sam-l_4xb1-190k_tampcoco-1024x1024.py',
          '../_base_/models/focal_v2-sclrecon.py']
model = dict(
    feature_losses=dict(contrast=dict(_base_.sclrecon_contrast, _delete_=True)),
    clusterer=dict(_delete_=True, type='HDBSCANClusterer', min_cluster_size=200,
                   noise='as_cluster', n_jobs=4))
