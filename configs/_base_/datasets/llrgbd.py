# LLRGBD low-light indoor RGB-D (1418 train / 479 test, 640x480, 14 classes incl. trained void).
# Layout: data/LLRGBD/{train,test}/{rgb,depth,label}/<name>.png, train/train.txt, test/test.txt.
dataset_type = 'LLRGBDDataset'
data_root = 'data/LLRGBD'
crop_size = (480, 640)
scale_ratios = [0.5, 0.75, 1.0, 1.25, 1.5, 1.75]
train_pipeline = [
    dict(type='LoadRGBXImageFromFile'),  # (H, W, 6): RGB + depth replicated to 3
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
        data_root=data_root + '/train',
        ann_file='train.txt',
        data_prefix=dict(img_path='rgb', x_path='depth', seg_map_path='label'),
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root + '/test',
        ann_file='test.txt',
        data_prefix=dict(img_path='rgb', x_path='depth', seg_map_path='label'),
        pipeline=test_pipeline))
test_dataloader = val_dataloader
# mIoU over all 14 classes (void included) and mIoU_wo_void over the other 13.
val_evaluator = dict(type='IoUMetricWithExclusion', iou_metrics=['mIoU'], exclude_from_mean=[0])
test_evaluator = val_evaluator
