# TuSimple (native JSON-lines layout) as lane-slot segmentation: background + 6 slots, 368x640.
_base_ = './loaders_iter.py'
dataset_type = 'TuSimpleDataset'
data_root = 'data/tusimple/'
crop_size = (368, 640)
meta_keys = ('img_path', 'ori_shape', 'img_shape', 'pad_shape', 'scale_factor', 'flip',
             'flip_direction', 'reduce_zero_label', 'gt_lanes', 'tusimple_lanes', 'h_samples')
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadLaneAnnotations', width=16, num_slots=6),
    dict(type='Resize', scale=(640, 368), keep_ratio=False),
    dict(type='PhotoMetricDistortion'),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(640, 368), keep_ratio=False),
    dict(type='LoadLaneAnnotations', width=16, num_slots=6),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
train_dataloader = dict(
    batch_size=8,
    dataset=dict(type=dataset_type, data_root=data_root,
                 ann_file=['label_data_0313.json', 'label_data_0531.json',
                           'label_data_0601.json'],
                 pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root,
                                   ann_file='test_label.json', pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(type='TuSimpleMetric', pixel_thresh=20., pt_thresh=0.85)
test_evaluator = val_evaluator
