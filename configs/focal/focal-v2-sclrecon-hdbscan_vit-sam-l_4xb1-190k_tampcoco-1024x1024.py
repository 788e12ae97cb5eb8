# FOCAL v2 (TDSC 2025) with the SAM ViT-L extractor: soft contrastive loss AS RECONSTRUCTED by the
# method spec ("sclrecon"; the paper's Eqs. 1-9 are unavailable, see FOCALSoftContrastLoss) and
# HDBSCAN(min_cluster_size=200) at validation.
_base_ = './focal-v1-kmeans_vit-sam-l_4xb1-190k_tampcoco-1024x1024.py'
model = dict(
    feature_losses=dict(contrast=dict(
        _delete_=True, type='FOCALSoftContrastLoss', features='dense', temperature=0.1,
        dict_size=1000, weight_temperature=0.1)),
    clusterer=dict(_delete_=True, type='HDBSCANClusterer', min_cluster_size=200,
                   noise='as_cluster', n_jobs=4))
