# FOCAL's schedule at CPU size for the tiny configs: Adam 1e-3, 200 iterations, validation and
# checkpoint every 100.
_base_ = './focal_adam-plateau-190k.py'
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=200, val_interval=100)
default_hooks = dict(
    checkpoint=dict(interval=100, max_keep_ckpts=1),
    logger=dict(interval=20))
