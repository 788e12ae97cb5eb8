# CoNe's ImageNet schedule (spec §5, official): SGD 0.4 (0.1 per 256), wd on every parameter,
# 5-epoch linear warm-up per iteration, then cosine stepped per epoch down to lr/1000; AMP.
optim_wrapper = dict(
    type='AmpOptimWrapper',
    loss_scale='dynamic',
    optimizer=dict(type='SGD', lr=0.4, momentum=0.9, weight_decay=1e-4))
param_scheduler = [
    # mmengine's recursive LinearLR divides by start_factor, so it cannot start at exactly 0.
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=95, eta_min=4e-4, by_epoch=True, begin=5, end=100),
]
train_cfg = dict(by_epoch=True, max_epochs=100, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=1024)
