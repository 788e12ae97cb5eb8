# Loaders of composed image retrieval (no dataset here): training on (reference, caption,
# target) queries, validation on the val queries ranked against `gallery_dataloader` (the val
# images, encoded by the model's `prototype` loader). A size base (cir_288x288, cir_32x32) adds
# the image pipelines of the training pairs and the gallery; a dataset base (cirr, fashioniq,
# mini-cir-*) the dataset, its own pipeline steps and the batch sizes.
train_meta = ('caption', 'ref_path', 'tgt_path', 'tgt_id', 'pairid')
query_meta = ('caption', 'ref_idx', 'tgt_idx', 'member_idx', 'category', 'pairid')
query_pipeline = [dict(type='PackInputs', meta_keys=query_meta)]
loader = dict(sampler=dict(type='DefaultSampler', shuffle=False),
              collate_fn=dict(type='default_collate'))
train_dataloader = dict(loader, drop_last=True, sampler=dict(type='DefaultSampler', shuffle=True),
                        dataset=dict(split='train', mode='query'))
val_dataloader = dict(loader, dataset=dict(split='val', mode='query', pipeline=query_pipeline))
gallery_dataloader = dict(loader, dataset=dict(split='val', mode='gallery'))
test_dataloader = val_dataloader
