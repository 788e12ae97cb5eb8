# The mini ADE20K-style set written by tools/dataset_converters/make_mini_datasets.py
# (docs/mini_datasets.md): ADEChallengeData2016 layout, real ADE20K label ids, four ADE
# classes present. mmseg's own ADE20KDataset loads it; `metainfo.classes` selects the four
# classes and mmseg's label map renumbers them 0..3 (everything else -> 255, ignored).
dataset_type = 'ADE20KDataset'
data_root = 'data/mini/ade/ADEChallengeData2016'
mini_ade_classes = ('sky', 'building', 'tree', 'flower')
crop_size = (64, 64)
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', reduce_zero_label=True),
    dict(
        type='RandomResize',
        scale=(96, 96),
        ratio_range=(0.75, 1.25),
        keep_ratio=True),
    dict(type='RandomCrop', crop_size=crop_size, cat_max_ratio=0.75),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackSegInputs')
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(96, 96), keep_ratio=True),
    dict(type='LoadAnnotations', reduce_zero_label=True),
    dict(type='PackSegInputs')
]
train_dataloader = dict(
    batch_size=4, num_workers=0, sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=dict(type=dataset_type, data_root=data_root, metainfo=dict(classes=mini_ade_classes),
                 reduce_zero_label=True, pipeline=train_pipeline,
                 data_prefix=dict(img_path='images/training', seg_map_path='annotations/training')))
val_dataloader = dict(
    batch_size=1, num_workers=0, sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, data_root=data_root, metainfo=dict(classes=mini_ade_classes),
                 reduce_zero_label=True, pipeline=test_pipeline,
                 data_prefix=dict(img_path='images/validation',
                                  seg_map_path='annotations/validation')))
test_dataloader = val_dataloader
val_evaluator = dict(type='IoUMetric', iou_metrics=['mIoU'])
test_evaluator = val_evaluator
