# P9D (9 industries as continual tasks), 224 px, BERT-zh tokens (30), BLIP-style RandAugment;
# 128 per GPU.
_base_ = ['./p9d-format.py']

tasks = ('家居用品', '家装家饰', '食品/保健', '美容护理', '服饰鞋包', '车品配件', '母婴', '运动/户外',
         '3C数码')
data_root = 'data/p9d'
vocab_file = 'data/p9d/bert-base-chinese/vocab.txt'
# BLIP-style RandAugment (N=2, magnitude 5 of 10) over the spec's ops; mmpretrain ops, so the
# magnitudes are mmpretrain's (exact BLIP-op parity is not required, spec §4). Identity is the
# op list's implicit no-op (mmpretrain has no Identity op).
rand_policies = [
    dict(type='AutoContrast'),
    dict(type='Brightness', magnitude_range=(0, 0.9)),
    dict(type='Sharpness', magnitude_range=(0, 0.9)),
    dict(type='Equalize'),
    dict(type='Shear', magnitude_range=(0, 0.3), direction='horizontal'),
    dict(type='Shear', magnitude_range=(0, 0.3), direction='vertical'),
    dict(type='Translate', magnitude_range=(0, 0.45), direction='horizontal'),
    dict(type='Translate', magnitude_range=(0, 0.45), direction='vertical'),
    dict(type='Rotate', magnitude_range=(0, 30)),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=224, crop_ratio_range=(0.2, 1.0),
         interpolation='bicubic'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='RandAugment', policies=rand_policies, num_policies=2, magnitude_level=5,
         total_level=10),
    dict(type='CTPTokenize', vocab_file=vocab_file, max_length=30),
    dict(type='CTPMLMMask', vocab_file=vocab_file, mask_prob=0.15),
    {{_base_.pack_train}},
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(224, 224), interpolation='bicubic'),
    dict(type='CTPTokenize', vocab_file=vocab_file, max_length=30),
    {{_base_.pack_test}},
]
data = dict(data_root=data_root, tasks=tasks)
train_dataloader = dict(batch_size=128, num_workers=8, persistent_workers=True,
                        dataset=dict(data, pipeline=train_pipeline))
val_dataloader = dict(batch_size=128, num_workers=8, dataset=dict(data, pipeline=test_pipeline))
test_dataloader = dict(batch_size=128, num_workers=8,
                       dataset=dict(data, positives_from='all', pipeline=test_pipeline))
val_evaluator = dict(chunk_size=512)
test_evaluator = dict(chunk_size=512)
