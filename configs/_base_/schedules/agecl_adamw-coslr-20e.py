# AgeCL at CPU size: AdamW 5e-3 (head x1), fp32, 1 warm-up epoch then cosine to 1e-5 over 20
# epochs (per iteration), validation at the end.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=5e-3, weight_decay=1e-4),
    paramwise_cfg=dict(custom_keys={'head': dict(lr_mult=1.0)}))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=19, eta_min=1e-5, by_epoch=True, begin=1, end=20,
         convert_to_iter_based=True),
]
train_cfg = dict(by_epoch=True, max_epochs=20, val_interval=20)
val_cfg = dict()
test_cfg = dict()
