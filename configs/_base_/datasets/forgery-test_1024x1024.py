# FOCAL's test protocol on a test set given as a folder data/forgery/<set>/{images,masks}
# (docs/data_preparation.md): no list file, the official protocol (64x64 grid, prefix
# forgery_official) and the original resolution (prefix forgery). The test-set bases
# (coverage_1024x1024.py, casiav1_1024x1024.py, ...) name the folder; train/val settings are
# forgery_1024x1024-grid256.py's (the fused models' HRNet grid).
_base_ = './forgery_1024x1024-grid256.py'
test_dataloader = dict(dataset=dict(ann_file=''))
test_evaluator = [
    dict(type='ForgeryPixelMetric', eval_resolution='official', prefix='forgery_official'),
    dict(type='ForgeryPixelMetric', eval_resolution='original', prefix='forgery'),
]
