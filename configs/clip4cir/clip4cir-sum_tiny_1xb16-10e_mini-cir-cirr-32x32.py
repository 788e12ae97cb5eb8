# CLIP4Cir stage 1 (sum combiner, fine-tune both towers), tiny CPU config on the mini CIR set in
# the CIRR layout (data/mini/cir/cirr_dataset; `python tools/dataset_converters/make_mini_datasets.py
# cir`). Validation at the end only, so the best checkpoint is best_cirr_avg_epoch_10.pth.
_base_ = ['./_base_/clip4cir_tiny.py']

data_root = 'data/mini/cir/cirr_dataset'
cirr = dict(type='CIRRDataset', data_root=data_root)
train_pipeline = [dict(type='LoadCIRPair', transforms={{_base_.image_pipeline}}),
                  dict(type='PackInputs', meta_keys={{_base_.train_meta}})]
query_pipeline = [dict(type='PackInputs', meta_keys={{_base_.query_meta}})]

model = dict(
    mask_reference=True,  # CIRR removes the reference from its ranking
    prototype=dict(
        batch_size=64, num_workers=0,
        sampler=dict(type='DefaultSampler', shuffle=False),
        collate_fn=dict(type='default_collate'),
        dataset=dict(cirr, split='val', mode='gallery', pipeline={{_base_.gallery_pipeline}})))
train_dataloader = dict(
    batch_size=16, num_workers=0, drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(cirr, split='train', mode='query', pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64, num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(cirr, split='val', mode='query', pipeline=query_pipeline))
val_evaluator = dict(type='CIRRRecall')
test_dataloader = val_dataloader
test_evaluator = val_evaluator
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=10, max_keep_ckpts=1,
                    save_best=['cirr/avg'], rule='greater'))
