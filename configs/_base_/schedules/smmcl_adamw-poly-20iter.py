# SMMCL's optimiser at a from-scratch learning rate (1e-3) for the tiny configs: 5-iteration
# warm-up, poly to 20 iterations, one evaluation and one checkpoint at the end.
_base_ = './smmcl_adamw-poly-500e.py'
optim_wrapper = dict(optimizer=dict(lr=1e-3))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=5),
    dict(type='PolyLR', power=0.9, eta_min=0.0, by_epoch=False, begin=5, end=20),
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=20, val_interval=20)
default_hooks = dict(
    logger=dict(interval=5),
    checkpoint=dict(interval=20, max_keep_ckpts=1, save_best=None))
