# CLIP4Cir stage 1 on FashionIQ (dress, shirt, toptee trained together): fine-tune both RN50x4
# CLIP towers with the sum query (README recipe: AdamW 2e-6, constant, batch 128, 100 epochs,
# AMP, validation every epoch, best checkpoint by (mean R@10 + mean R@50) / 2).
_base_ = ['./_base_/clip4cir_rn50x4.py']

data_root = 'data/fashionIQ_dataset'
fiq = dict(type='FashionIQDataset', data_root=data_root,
           categories=('dress', 'shirt', 'toptee'), img_suffix='.jpg')
train_pipeline = [dict(type='FIQCaptionMerge', training=True),
                  dict(type='LoadCIRPair', transforms={{_base_.image_pipeline}}),
                  dict(type='PackInputs', meta_keys={{_base_.train_meta}})]
query_pipeline = [dict(type='FIQCaptionMerge', training=False),
                  dict(type='PackInputs', meta_keys={{_base_.query_meta}})]

model = dict(
    mask_reference=False,  # FashionIQ keeps the reference
    mask_other_groups=True,  # and ranks each category's own gallery
    prototype=dict(
        batch_size=256, num_workers=8,
        sampler=dict(type='DefaultSampler', shuffle=False),
        collate_fn=dict(type='default_collate'),
        dataset=dict(fiq, split='val', mode='gallery', pipeline={{_base_.gallery_pipeline}})))
train_dataloader = dict(
    batch_size=128, num_workers=8, drop_last=True, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(fiq, split='train', mode='query', pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1024, num_workers=2,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(fiq, split='val', mode='query', pipeline=query_pipeline))
val_evaluator = dict(type='FashionIQRecall', topk=(10, 50))
test_dataloader = val_dataloader
test_evaluator = val_evaluator
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=1,
                    save_best=['fashioniq/score'], rule='greater'))
