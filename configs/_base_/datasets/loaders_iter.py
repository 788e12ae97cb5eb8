# Data loaders of iteration-based training, as mmseg's dataset bases write them: an infinite
# shuffled training sampler, one image per validation/test batch, 4 persistent workers. No dataset:
# a dataset base inheriting this sets batch_size and `dataset=dict(type, data_root, ...)`.
train_dataloader = dict(
    batch_size=4,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True))
val_dataloader = dict(
    batch_size=1,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False))
test_dataloader = val_dataloader
