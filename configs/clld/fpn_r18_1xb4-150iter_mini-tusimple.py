# Tiny lane-slot segmentation on the mini TuSimple set (native 1280x720 images resized to
# 352x192), ResNet-18 + semantic FPN, 150 iterations on CPU; TuSimple Acc/FP/FN.
# Random init by default.
_base_ = './fpn_r18_1xb4-150iter_mini-culane.py'
data_root = 'data/mini/tusimple/'
crop_size = (192, 352)
model = dict(
    data_preprocessor=dict(size=crop_size),
    decode_head=dict(num_classes=7, loss_decode=dict(class_weight=[0.4] + [1.0] * 6)))
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
train_dataloader = dict(dataset=dict(
    _delete_=True, type='TuSimpleDataset', data_root=data_root,
    ann_file=['label_data_0313.json', 'label_data_0531.json', 'label_data_0601.json'],
    pipeline=tiny_train))
val_dataloader = dict(dataset=dict(
    _delete_=True, type='TuSimpleDataset', data_root=data_root, ann_file='test_label.json',
    pipeline=tiny_test))
test_dataloader = val_dataloader
val_evaluator = dict(_delete_=True, type='TuSimpleMetric', pixel_thresh=20., pt_thresh=0.85)
test_evaluator = val_evaluator
