# MFNet RGB-thermal (784 train / 392 val / 393 test, 640x480, 9 classes incl. trained unlabeled).
# Layout (tools/dataset_converters/mfnet.py): data/MFNet/{rgb,thermal,labels}/<name>.png, {train,val,test}.txt.
dataset_type = 'MFNetDataset'
data_root = 'data/MFNet'
crop_size = (480, 640)
scale_ratios = [0.5, 0.75, 1.0, 1.25, 1.5, 1.75]
train_pipeline = [
    dict(type='LoadRGBXImageFromFile'),  # (H, W, 6): RGB + thermal replicated to 3
    dict(type='LoadAnnotations'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomChoice',
         transforms=[[dict(type='Resize', scale_factor=r, keep_ratio=True)] for r in scale_ratios]),
    dict(type='RandomCrop', crop_size=crop_size),  # no cat_max_ratio (official)
    dict(type='PackSegInputs'),
]
test_pipeline = [
    dict(type='LoadRGBXImageFromFile'),
    dict(type='LoadAnnotations'),
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
        data_prefix=dict(img_path='rgb', x_path='thermal', seg_map_path='labels'),
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
        data_prefix=dict(img_path='rgb', x_path='thermal', seg_map_path='labels'),
        pipeline=test_pipeline))
test_dataloader = val_dataloader  # RGB-T works report the 393-image test split

# mIoU over the 9 classes (unlabeled included, MFNet convention) and without unlabeled.
val_evaluator = dict(type='IoUMetricWithExclusion', iou_metrics=['mIoU'], exclude_from_mean=[0])
test_evaluator = val_evaluator
