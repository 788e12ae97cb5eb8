# The mini LLRGBD set (data/mini/llrgbd, `python tools/dataset_converters/make_mini_datasets.py`):
# 5 classes (mmcontrast.mini_datasets.llrgbd), LLRGBD layout; 64x96 crops, scales 0.75-1.25,
# batch 2, no worker processes.
_base_ = './rgbx.py'
dataset_type = 'LLRGBDDataset'
data_root = 'data/mini/llrgbd/LLRGBD'
crop_size = (64, 96)
classes = ('void', 'floor', 'furniture', 'objects', 'wall')
data_prefix = dict(img_path='rgb', x_path='depth', seg_map_path='label')
train_pipeline = [
    dict(type='LoadRGBXImageFromFile'),
    dict(type='LoadAnnotations'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomChoice',
         transforms=[[dict(type='Resize', scale_factor=r, keep_ratio=True)]
                     for r in [0.75, 1.0, 1.25]]),
    dict(type='RandomCrop', crop_size=crop_size),
    dict(type='PackSegInputs'),
]
train_dataloader = dict(
    batch_size=2, num_workers=0, persistent_workers=False,
    dataset=dict(type=dataset_type, data_root=data_root + '/train', ann_file='train.txt',
                 data_prefix=data_prefix, metainfo=dict(classes=classes),
                 pipeline=train_pipeline))
val_dataloader = dict(
    num_workers=0, persistent_workers=False,
    dataset=dict(type=dataset_type, data_root=data_root + '/test', ann_file='test.txt',
                 data_prefix=data_prefix, metainfo=dict(classes=classes)))
test_dataloader = val_dataloader
