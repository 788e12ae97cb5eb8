# RGB-X segmentation data settings shared by the RGB-D/RGB-T datasets (llrgbd.py, mfnet.py,
# nyudv2.py, mini-llrgbd.py): SMMCL's official 480x640 pipelines (RGB + X replicated to 3
# channels -> (H, W, 6)), loaders and metric. No dataset: each dataset base sets type, root, lists.
_base_ = './loaders_iter.py'
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
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
# mIoU over all classes and mIoU_wo_void without class 0 (a trained void/unlabeled class).
val_evaluator = dict(type='IoUMetricWithExclusion', iou_metrics=['mIoU'], exclude_from_mean=[0])
test_evaluator = val_evaluator
