# AgeCL: AdamW 1e-4 (head x10), AMP, 3 warm-up epochs then cosine to 1e-6 over 60 epochs
# (per iteration), validation every 5 epochs; lr written for batch 64.
optim_wrapper = dict(
    type='AmpOptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-4, weight_decay=1e-4),
    paramwise_cfg=dict(custom_keys={'head': dict(lr_mult=10.0)}))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=3,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=57, eta_min=1e-6, by_epoch=True, begin=3, end=60,
         convert_to_iter_based=True),
]
train_cfg = dict(by_epoch=True, max_epochs=60, val_interval=5)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=64)
