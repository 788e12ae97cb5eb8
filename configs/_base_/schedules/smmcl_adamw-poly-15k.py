# SMMCL's schedule (smmcl_adamw-poly-500e.py) for the ~800-image sets ([recon]: MFNet 784 and
# NYUDv2 795 images at global batch 16 -> 784 // 16 + 1 = 795 // 16 + 1 = 50 iterations/epoch):
# 10-epoch warm-up (500 iterations), poly over 1000 epochs (50,000 iterations), stopped at 300
# epochs (15,000 iterations), evaluated and checkpointed every 30 epochs.
_base_ = './smmcl_adamw-poly-500e.py'
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=False, begin=0, end=500),
    dict(type='PolyLR', power=0.9, eta_min=0.0, by_epoch=False, begin=500, end=50000),
]
train_cfg = dict(max_iters=15000, val_interval=1500)
default_hooks = dict(checkpoint=dict(interval=1500))
