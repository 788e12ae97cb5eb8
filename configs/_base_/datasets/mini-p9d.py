# The mini P9D set (data/mini/p9d: scikit-learn digits 0-2, 3-5, 6-9 as three "industries",
# 32x32 images, templated English titles, toy vocab.txt; generate with `python
# tools/dataset_converters/make_mini_datasets.py`). No RandAugment/flip (a flip changes
# "slanted left/right"), 16 tokens; batch 16 (test 32), no worker processes.
_base_ = ['./p9d-format.py']

tasks = ('家居用品', '家装家饰', '食品/保健')
data_root = 'data/mini/p9d'
vocab_file = 'data/mini/p9d/vocab.txt'
img_size = 32
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=img_size, crop_ratio_range=(0.5, 1.0),
         interpolation='bicubic'),
    dict(type='CTPTokenize', vocab_file=vocab_file, max_length=16),
    dict(type='CTPMLMMask', vocab_file=vocab_file, mask_prob=0.15),
    {{_base_.pack_train}},
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(img_size, img_size), interpolation='bicubic'),
    dict(type='CTPTokenize', vocab_file=vocab_file, max_length=16),
    {{_base_.pack_test}},
]
data = dict(data_root=data_root, tasks=tasks)
train_dataloader = dict(batch_size=16, num_workers=0, dataset=dict(data, pipeline=train_pipeline))
val_dataloader = dict(batch_size=32, num_workers=0, dataset=dict(data, pipeline=test_pipeline))
test_dataloader = dict(batch_size=32, num_workers=0, dataset=dict(data, pipeline=test_pipeline))
