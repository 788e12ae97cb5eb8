# CPU-sized pretraining schedule for the mini set: AdamW lr 1e-3, 20-iteration warm-up,
# cosine over 200 iterations.
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='AdamW', lr=1e-3, weight_decay=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-2, by_epoch=False, begin=0, end=20),
    dict(type='CosineAnnealingLR', T_max=170, by_epoch=False, begin=20, end=200),
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=200)
auto_scale_lr = dict(base_batch_size=32)
