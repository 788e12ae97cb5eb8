# NYUDv2 RGB-D (795 train / 654 test, 640x480, 40 classes; void 0 -> 255 via reduce_zero_label).
# Layout (CMX release): data/NYUDv2/{RGB,Depth,HHA,Label}/<name>, train.txt, test.txt (basenames).
dataset_type = 'NYUDv2Dataset'
data_root = 'data/NYUDv2'
crop_size = (480, 640)
scale_ratios = [0.5, 0.75, 1.0, 1.25, 1.5, 1.75]
train_pipeline = [
    dict(type='LoadRGBXImageFromFile'),  # (H, W, 6): RGB + depth replicated to 3
    dict(type='LoadAnnotations'),  # reduce_zero_label comes from the dataset
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomChoice',
         transforms=[[dict(type='Resize', scale_factor=r, keep_ratio=True)] for r in scale_ratios]),
    dict(type='RandomCrop', crop_size=crop_size),  # no cat_max_ratio (official)
    dict(type='PackSegInputs'),
]
test_pipeline = [
    dict(type='LoadRGBXImageFromFile'),
    dict(type='LoadAnnotations'),  # reduce_zero_label comes from the dataset
    dict(type='PackSegInputs'),
]
# multi-scale + flip test-time augmentation (`tools/test.py --tta`), not used by the paper
tta_pipeline = [
    dict(type='LoadRGBXImageFromFile'),
    dict(type='TestTimeAug',
         transforms=[
             [dict(type='Resize', scale_factor=r, keep_ratio=True) for r in scale_ratios],
             [dict(type='RandomFlip', prob=0., direction='horizontal'),
              dict(type='RandomFlip', prob=1., direction='horizontal')],
             [dict(type='LoadAnnotations')],
             [dict(type='PackSegInputs')],
         ]),
]
train_dataloader = dict(
    batch_size=4,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='train.txt',
        data_prefix=dict(img_path='RGB', x_path='Depth', seg_map_path='Label'),
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='test.txt',
        data_prefix=dict(img_path='RGB', x_path='Depth', seg_map_path='Label'),
        pipeline=test_pipeline))
test_dataloader = val_dataloader
# 40-class mIoU (void ignored); the extra keys leave out nothing meaningful, so plain IoUMetric.
val_evaluator = dict(type='IoUMetric', iou_metrics=['mIoU'])
test_evaluator = val_evaluator
