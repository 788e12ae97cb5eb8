# The mini CULane set (data/mini/culane, native layout and 1640x590 images, written by
# tools/dataset_converters/make_mini_datasets.py) as lane-slot segmentation: background + 4 slots
# 30 px wide, images resized to 352x128, batch 4, no worker processes; CULane's F1 metric.
_base_ = './loaders_iter-cpu.py'
dataset_type = 'CULaneDataset'
data_root = 'data/mini/culane/'
crop_size = (128, 352)
meta_keys = ('img_path', 'seg_map_path', 'ori_shape', 'img_shape', 'pad_shape', 'scale_factor',
             'flip', 'flip_direction', 'reduce_zero_label', 'gt_lanes', 'category')
tiny_train = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadLaneAnnotations', width=30, num_slots=4),
    dict(type='Resize', scale=(352, 128), keep_ratio=False),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
tiny_test = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(352, 128), keep_ratio=False),
    dict(type='LoadLaneAnnotations', width=30, num_slots=4),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
# top-level names read by mmseg.apis.inference_model and the inferencers
train_pipeline = tiny_train
test_pipeline = tiny_test
train_dataloader = dict(
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='list/train_gt.txt',
                 pipeline=tiny_train))
val_dataloader = dict(
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='list/val_gt.txt',
                 pipeline=tiny_test))
test_dataloader = dict(
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='list/test.txt',
                 test_split_dir='list/test_split', pipeline=tiny_test))
val_evaluator = dict(type='CULaneMetric', lane_width=30, iou_thr=0.5)
test_evaluator = val_evaluator
