# The mini signature set at 40x56 (data/mini/signatures: digits as writers, an affine
# forger; `python tools/dataset_converters/make_mini_datasets.py signatures`), CPU-size
# loaders (batch 16/56, no workers).
_base_ = ['./signature-pairs.py']
img_size = (40, 56)
data_root = 'data/mini/signatures/CEDAR'
pipeline = [dict(type='LoadSignaturePair', size=img_size)]
train_dataloader = dict(
    batch_size=16, num_workers=0,
    dataset=dict(data_root=data_root, ann_file='pairs/train.csv', pipeline=pipeline))
val_dataloader = dict(
    batch_size=56, num_workers=0,
    dataset=dict(data_root=data_root, ann_file='pairs/val.csv', pipeline=pipeline))
test_dataloader = dict(
    batch_size=56, num_workers=0,
    dataset=dict(data_root=data_root, ann_file='pairs/test.csv', pipeline=pipeline))
