# smmcl_adamw-poly-15k.py (50 iterations/epoch, poly over 1000 epochs) stopped at 600 epochs
# (30,000 iterations), evaluated and checkpointed every 60 epochs.
_base_ = './smmcl_adamw-poly-15k.py'
train_cfg = dict(max_iters=30000, val_interval=3000)
default_hooks = dict(checkpoint=dict(interval=3000))
