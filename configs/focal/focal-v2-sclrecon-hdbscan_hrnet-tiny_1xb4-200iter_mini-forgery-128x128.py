# Tiny FOCAL v2: the soft contrastive loss AS RECONSTRUCTED by the method spec ("sclrecon": the
# TDSC paper's equations are unavailable, see FOCALSoftContrastLoss) + HDBSCAN clustering.
_base_ = './focal-v1-hdbscan_hrnet-tiny_1xb4-200iter_mini-forgery-128x128.py'
model = dict(loss=dict(_delete_=True, type='FOCALSoftContrastLoss', temperature=0.1,
                       dict_size=1000, weight_temperature=0.1))
