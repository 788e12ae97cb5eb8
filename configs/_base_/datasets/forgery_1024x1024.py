# FOCAL's data (mmcontrast.seg.ForgeryDataset): train on tampCOCO-sp (CAT-Net's synthetic
# splicing set, 199,999 images), validate on a 1,000-image list. Layout (docs/data_preparation.md):
# data/forgery/<set>/{images,masks}/ (mask = same stem .png, 0/255; no mask = authentic) or
# an ann_file with "img_path [mask_path]" per line, relative to data_root.
_base_ = './loaders_iter.py'
dataset_type = 'ForgeryDataset'
data_root = 'data/forgery'
img_size = 1024
gt_ratio = 16  # output stride of the extractor: 16 for SAM ViT, 4 for HRNet
# The pipeline steps by name: the other sizes and mask grids (mini-forgery_128x128.py, the
# -grid256/-grid16 variants, the supervised baselines) restate only the steps they change.
load = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadForgeryMask'),
    dict(type='BinarizeMask', threshold=127),
]
augment = dict(type='FOCALAlbu', pad_size=img_size, jpeg_quality=(50, 95), prob=0.75)
resize = dict(type='ResizeForgery', size=img_size, gt_ratio=gt_ratio)  # mask to the feature grid
pack = dict(type='PackSegInputs')
train_pipeline = [*load, augment, resize, pack]
test_pipeline = [*load, dict(resize, resize_gt=False), pack]  # mask at full size for the metric
train_dataloader = dict(
    batch_size=1,
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='tampCOCO/sp_COCO_list.txt',
                 pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root,
                                   ann_file='val_1000.txt', pipeline=test_pipeline))
test_dataloader = val_dataloader
# 'official' = the released code's protocol (64x64 grid, macro F1); report 'original' too.
val_evaluator = dict(type='ForgeryPixelMetric', eval_resolution='official')
test_evaluator = val_evaluator
