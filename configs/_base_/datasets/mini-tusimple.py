# The mini TuSimple set (data/mini/tusimple, native JSON-lines layout and 1280x720 images, written
# by tools/dataset_converters/make_mini_datasets.py) as lane-slot segmentation: background + 6
# slots 24 px wide, images resized to 352x192, batch 4, no worker processes; TuSimple Acc/FP/FN.
_base_ = './loaders_iter-cpu.py'
dataset_type = 'TuSimpleDataset'
data_root = 'data/mini/tusimple/'
crop_size = (192, 352)
meta_keys = ('img_path', 'ori_shape', 'img_shape', 'pad_shape', 'scale_factor', 'flip',
             'flip_direction', 'reduce_zero_label', 'gt_lanes', 'tusimple_lanes', 'h_samples')
tiny_train = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadLaneAnnotations', width=24, num_slots=6),
    dict(type='Resize', scale=(352, 192), keep_ratio=False),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
tiny_test = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(352, 192), keep_ratio=False),
    dict(type='LoadLaneAnnotations', width=24, num_slots=6),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
# top-level names read by mmseg.apis.inference_model and the inferencers
train_pipeline = tiny_train
test_pipeline = tiny_test
train_dataloader = dict(
    dataset=dict(type=dataset_type, data_root=data_root,
                 ann_file=['label_data_0313.json', 'label_data_0531.json', 'label_data_0601.json'],
                 pipeline=tiny_train))
val_dataloader = dict(
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='test_label.json',
                 pipeline=tiny_test))
test_dataloader = val_dataloader
val_evaluator = dict(type='TuSimpleMetric', pixel_thresh=20., pt_thresh=0.85)
test_evaluator = val_evaluator
