# Loaders of composed image retrieval (no dataset here): training on (reference, caption,
# target) queries, validation on the val queries ranked against `gallery_dataloader` (the val
# images, encoded by the model's `prototype` loader). A size base (cir_288x288, cir_32x32) adds
# the image pipelines; a dataset base (cirr, fashioniq, mini-cir-*) the dataset and batch sizes.
train_meta = ('caption', 'ref_path', 'tgt_path', 'tgt_id', 'pairid')
query_meta = ('caption', 'ref_idx', 'tgt_idx', 'member_idx', 'category', 'pairid')
loader = dict(sampler=dict(type='DefaultSampler', shuffle=False),
              collate_fn=dict(type='default_collate'))
train_dataloader = dict(loader, drop_last=True, sampler=dict(type='DefaultSampler', shuffle=True),
                        dataset=dict(split='train', mode='query'))
val_dataloader = dict(loader, dataset=dict(split='val', mode='query'))
gallery_dataloader = dict(loader, dataset=dict(split='val', mode='gallery'))
test_dataloader = val_dataloader
