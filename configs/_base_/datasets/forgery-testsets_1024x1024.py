# FOCAL's test sets (Coverage, CASIAv1, Columbia, NIST16, MISD, FF++) as folders
# data/forgery/<set>/{images,masks} (docs/data_preparation.md); the test loader reads Coverage,
# a config names another set with test_dataloader.dataset.data_prefix. Reports the official
# protocol (64x64 grid, prefix forgery_official) and the original resolution (prefix forgery).
# Train/val settings are forgery_1024x1024-grid256.py's (the fused models' HRNet grid).
_base_ = './forgery_1024x1024-grid256.py'
test_set = 'Coverage'
test_dataloader = dict(
    dataset=dict(ann_file='', data_prefix=dict(img_path=test_set + '/images',
                                               seg_map_path=test_set + '/masks')))
test_evaluator = [
    dict(type='ForgeryPixelMetric', eval_resolution='official', prefix='forgery_official'),
    dict(type='ForgeryPixelMetric', eval_resolution='original', prefix='forgery'),
]
