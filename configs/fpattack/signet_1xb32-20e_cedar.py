# FP-attack victim: SigNet (port layer order) trained with Hadsell's contrastive
# loss on CEDAR pairs, the port's recipe (fpattack.md §5). Write the CSVs first:
#   python tools/dataset_converters/signature_pairs.py cedar data/CEDAR --seed 0
# τ: the val metric's `verification/threshold` (best balanced accuracy on the
# validation writers); write it into the attack configs (`threshold`).
_base_ = ['mmpretrain::_base_/default_runtime.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

img_size = (155, 220)
model = dict(
    type='SiameseVerifier',
    backbone=dict(type='SigNet', arch='port', in_size=img_size),
    margin=1.0, alpha=1.0, beta=1.0,
    label_convention='is_same')

dataset_type = 'SignaturePairDataset'
data_root = 'data/CEDAR'
pipeline = [dict(type='LoadSignaturePair', size=img_size)]
train_dataloader = dict(
    batch_size=32, num_workers=4,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='pairs/train.csv',
                 pipeline=pipeline))
val_dataloader = dict(
    batch_size=64, num_workers=4,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='pairs/val.csv',
                 pipeline=pipeline))
val_evaluator = dict(type='VerificationMetric')  # τ chosen here (validation writers)
test_dataloader = dict(
    batch_size=64, num_workers=4,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='pairs/test.csv',
                 pipeline=pipeline))
test_evaluator = dict(type='VerificationMetric', threshold=0.0314)

optim_wrapper = dict(optimizer=dict(type='RMSprop', lr=1e-5, eps=1e-8, weight_decay=5e-4,
                                    momentum=0.9))
param_scheduler = [dict(type='StepLR', step_size=5, gamma=0.1, by_epoch=True)]
train_cfg = dict(by_epoch=True, max_epochs=20, val_interval=1)
val_cfg = dict()
test_cfg = dict()
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=1,
                    save_best='verification/best_balanced_accuracy', rule='greater'))
randomness = dict(seed=3407)
