# CPU-sized pretraining schedule for the mini set: AdamW lr 1e-3, 30-iteration warm-up,
# cosine over 300 iterations.
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='AdamW', lr=1e-3, weight_decay=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-2, by_epoch=False, begin=0, end=30),
    dict(type='CosineAnnealingLR', T_max=270, by_epoch=False, begin=30, end=300),
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=300)
auto_scale_lr = dict(base_batch_size=32)
