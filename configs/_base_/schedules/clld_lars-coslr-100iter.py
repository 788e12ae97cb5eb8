# CLLD's schedule at CPU size for the tiny configs: LARS lr 0.2, cosine over 100 iterations.
_base_ = './clld_lars-coslr-100e.py'
optim_wrapper = dict(optimizer=dict(lr=0.2))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=100, by_epoch=False, begin=0, end=100, eta_min=0.)
]
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=100)
auto_scale_lr = dict(base_batch_size=4)
