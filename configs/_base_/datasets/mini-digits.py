# The mini digits set (data/mini/digits: scikit-learn's 8x8 digits upsampled to 32x32 JPEGs in
# the ImageNet folder layout, 1437 train / 360 val, 10 classes; generate with
# `python tools/dataset_converters/make_mini_datasets.py`) for mmpretrain's CustomDataset and
# meta/*.txt:
# images resized back to their source resolution 8x8 (nothing is lost), batch 32 with drop_last.
dataset_type = 'CustomDataset'
data_root = 'data/mini/digits'
classes = tuple(str(i) for i in range(10))
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(8, 8)),
    dict(type='RandomCrop', crop_size=8, padding=1),
    dict(type='PackInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(8, 8)),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=32, num_workers=0, drop_last=True,  # the queue needs a constant global batch
    collate_fn=dict(type='default_collate'), sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, data_root=data_root, data_prefix='train',
                 ann_file='meta/train.txt', metainfo=dict(classes=classes),
                 pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64, num_workers=0,
    collate_fn=dict(type='default_collate'), sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, data_root=data_root, data_prefix='val',
                 ann_file='meta/val.txt', metainfo=dict(classes=classes), pipeline=test_pipeline))
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_dataloader = val_dataloader
test_evaluator = val_evaluator
