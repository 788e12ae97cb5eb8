# CLIP4Cir stage 1 (sum combiner) tiny CPU config on the mini CIR set in the FashionIQ layout
# (three "categories" of bases in one dataset; data/mini/cir/fashionIQ_dataset).
_base_ = ['./_base_/clip4cir_tiny.py']

data_root = 'data/mini/cir/fashionIQ_dataset'
fiq = dict(type='FashionIQDataset', data_root=data_root,
           categories=('dress', 'shirt', 'toptee'), img_suffix='.jpg')
train_pipeline = [dict(type='FIQCaptionMerge', training=True),
                  dict(type='LoadCIRPair', transforms={{_base_.image_pipeline}}),
                  dict(type='PackInputs', meta_keys={{_base_.train_meta}})]
query_pipeline = [dict(type='FIQCaptionMerge', training=False),
                  dict(type='PackInputs', meta_keys={{_base_.query_meta}})]

model = dict(
    mask_reference=False,  # FashionIQ keeps the reference in the ranking
    mask_other_groups=True,  # and ranks only the query's category
    prototype=dict(
        batch_size=64, num_workers=0,
        sampler=dict(type='DefaultSampler', shuffle=False),
        collate_fn=dict(type='default_collate'),
        dataset=dict(fiq, split='val', mode='gallery', pipeline={{_base_.gallery_pipeline}})))
train_dataloader = dict(
    batch_size=16, num_workers=0, drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(fiq, split='train', mode='query', pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64, num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(fiq, split='val', mode='query', pipeline=query_pipeline))
val_evaluator = dict(type='FashionIQRecall', topk=(10, 50))
test_dataloader = val_dataloader
test_evaluator = val_evaluator
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=10, max_keep_ckpts=1,
                    save_best=['fashioniq/score'], rule='greater'))
