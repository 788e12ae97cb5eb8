# CULane (native layout) as lane-slot segmentation: background + 4 slots, input 288x800.
_base_ = './loaders_iter.py'
dataset_type = 'CULaneDataset'
data_root = 'data/CULane/'
crop_size = (288, 800)
meta_keys = ('img_path', 'seg_map_path', 'ori_shape', 'img_shape', 'pad_shape', 'scale_factor',
             'flip', 'flip_direction', 'reduce_zero_label', 'gt_lanes', 'category')
# The steps, named so that the two pipelines show how they differ. No horizontal flip: it would
# swap the left/right lane slots. At test time the image is resized before the lanes are drawn.
load_image = dict(type='LoadImageFromFile')
load_lanes = dict(type='LoadLaneAnnotations', width=16, num_slots=4)
resize = dict(type='Resize', scale=(800, 288), keep_ratio=False)
pack = dict(type='PackSegInputs', meta_keys=meta_keys)
train_pipeline = [load_image, load_lanes, resize, dict(type='PhotoMetricDistortion'), pack]
test_pipeline = [load_image, resize, load_lanes, pack]
culane = dict(type=dataset_type, data_root=data_root)
train_dataloader = dict(
    batch_size=8, dataset=dict(culane, ann_file='list/train_gt.txt', pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(culane, ann_file='list/val_gt.txt', pipeline=test_pipeline))
test_dataloader = dict(dataset=dict(culane, ann_file='list/test.txt',
                                    test_split_dir='list/test_split', pipeline=test_pipeline))
val_evaluator = dict(type='CULaneMetric', lane_width=30, iou_thr=0.5)
test_evaluator = val_evaluator
