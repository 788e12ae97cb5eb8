# SMMCL schedule (official code): AdamW 6e-5, wd 0.01 (0 for biases and norms), 10-epoch
# linear warm-up, poly 0.9 defined over 1000 epochs, training stopped at a chosen epoch.
# Defaults are LLRGBD's: 1418 images, global batch 16 -> 1418 // 16 + 1 = 89 iterations/epoch;
# 500 epochs = 44,500 iterations, evaluated every 50 epochs.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=6e-5, betas=(0.9, 0.999), weight_decay=0.01),
    paramwise_cfg=dict(bias_decay_mult=0., norm_decay_mult=0.))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=False, begin=0, end=890),
    dict(type='PolyLR', power=0.9, eta_min=0.0, by_epoch=False, begin=890, end=89000),
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=44500, val_interval=4450)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
default_hooks = dict(
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=50, log_metric_by_epoch=False),
    param_scheduler=dict(type='ParamSchedulerHook'),
    checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=4450, max_keep_ckpts=2,
                    save_best='mIoU', rule='greater'),
    sampler_seed=dict(type='DistSamplerSeedHook'),
    visualization=dict(type='SegVisualizationHook'))
randomness = dict(seed=12345)
auto_scale_lr = dict(enable=False, base_batch_size=16)
