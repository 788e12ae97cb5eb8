# Genuine/forged signature pairs (SignaturePairDataset, 155x220 inputs): the loaders shared
# by every signature set; a per-set base adds `data_root` and the `ann_file`s
# (tools/dataset_converters/signature_pairs.py writes the CSVs).
img_size = (155, 220)
dataset_type = 'SignaturePairDataset'
pipeline = [dict(type='LoadSignaturePair', size=img_size)]
train_dataloader = dict(
    batch_size=32, num_workers=4,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, pipeline=pipeline))
val_dataloader = dict(
    batch_size=64, num_workers=4,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, pipeline=pipeline))
val_evaluator = dict(type='VerificationMetric')  # τ chosen here (validation writers)
test_dataloader = val_dataloader
