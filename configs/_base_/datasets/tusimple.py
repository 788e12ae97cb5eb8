# TuSimple (native JSON-lines layout) as lane-slot segmentation: background + 6 slots, 368x640.
_base_ = './loaders_iter.py'
dataset_type = 'TuSimpleDataset'
data_root = 'data/tusimple/'
crop_size = (368, 640)
meta_keys = ('img_path', 'ori_shape', 'img_shape', 'pad_shape', 'scale_factor', 'flip',
             'flip_direction', 'reduce_zero_label', 'gt_lanes', 'tusimple_lanes', 'h_samples')
# The steps, named so that the two pipelines show how they differ. No horizontal flip: it would
# swap the left/right lane slots. At test time the image is resized before the lanes are drawn.
load_image = dict(type='LoadImageFromFile')
load_lanes = dict(type='LoadLaneAnnotations', width=16, num_slots=6)
resize = dict(type='Resize', scale=(640, 368), keep_ratio=False)
pack = dict(type='PackSegInputs', meta_keys=meta_keys)
train_pipeline = [load_image, load_lanes, resize, dict(type='PhotoMetricDistortion'), pack]
test_pipeline = [load_image, resize, load_lanes, pack]
tusimple = dict(type=dataset_type, data_root=data_root)
train_dataloader = dict(
    batch_size=8,
    dataset=dict(tusimple, pipeline=train_pipeline,
                 ann_file=['label_data_0313.json', 'label_data_0531.json',
                           'label_data_0601.json']))
val_dataloader = dict(dataset=dict(tusimple, ann_file='test_label.json', pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(type='TuSimpleMetric', pixel_thresh=20., pt_thresh=0.85)
test_evaluator = val_evaluator
