# CTP per task at CPU size: AdamW 1e-3 (random init), per-iteration cosine to 1e-5, 20 epochs,
# validation at the end of each task; lr written for batch 16.
_base_ = ['./ctp_adamw-coslr-5e.py']

max_epochs = 20
optim_wrapper = dict(optimizer=dict(lr=1e-3))
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=max_epochs, T_max=max_epochs,
         eta_min=1e-5, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
auto_scale_lr = dict(base_batch_size=16)
