# Tiny FOCAL v1 loss with the v2 clusterer: HDBSCAN instead of k-means (test-time only, the
# trained extractor is the same). min_cluster_size 50 on the 32x32 grid = the paper's 200 on
# 64x64 scaled by the number of cells.
_base_ = './focal-v1-kmeans_hrnet-tiny_1xb4-200iter_mini-forgery-128x128.py'
model = dict(clusterer=dict(_delete_=True, type='HDBSCANClusterer', min_cluster_size=50,
                            noise='as_cluster'))
