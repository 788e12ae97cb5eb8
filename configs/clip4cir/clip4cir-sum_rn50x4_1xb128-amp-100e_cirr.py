# CLIP4Cir stage 1 on CIRR: fine-tune both RN50x4 CLIP towers with the sum query (README recipe:
# AdamW 2e-6, constant, batch 128, 100 epochs, AMP, validation every epoch, best checkpoints by the
# arithmetic, harmonic and geometric means of the 7 recalls).
_base_ = ['./_base_/clip4cir_rn50x4.py']

data_root = 'data/cirr_dataset'
cirr = dict(type='CIRRDataset', data_root=data_root)
train_pipeline = [dict(type='LoadCIRPair', transforms={{_base_.image_pipeline}}),
                  dict(type='PackInputs', meta_keys={{_base_.train_meta}})]
query_pipeline = [dict(type='PackInputs', meta_keys={{_base_.query_meta}})]

model = dict(
    mask_reference=True,
    prototype=dict(
        batch_size=256, num_workers=8,
        sampler=dict(type='DefaultSampler', shuffle=False),
        collate_fn=dict(type='default_collate'),
        dataset=dict(cirr, split='val', mode='gallery', pipeline={{_base_.gallery_pipeline}})))
train_dataloader = dict(
    batch_size=128, num_workers=8, drop_last=True, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(cirr, split='train', mode='query', pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1024, num_workers=2,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(cirr, split='val', mode='query', pipeline=query_pipeline))
val_evaluator = dict(type='CIRRRecall')
test_dataloader = val_dataloader
test_evaluator = val_evaluator
# CIRR test1 (server only): set test_dataloader.dataset.split='test1', the prototype split to
# 'test1' and test_evaluator=dict(type='CIRRSubmission', outfile_prefix=...).
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=1,
                    save_best=['cirr/arithmetic_mean', 'cirr/harmonic_mean',
                               'cirr/geometric_mean'],
                    rule=['greater', 'greater', 'greater']))
