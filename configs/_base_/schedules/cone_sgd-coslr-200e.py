# CoNe's CIFAR schedule ([mmcontrast]): the ImageNet schedule's shape (SGD, 5-epoch linear warm-up
# per iteration, per-epoch cosine) with SGD 0.1 / wd 5e-4, no AMP, 200 epochs, batch 128.
_base_ = ['./cone_sgd-coslr-100e.py']

optim_wrapper = dict(_delete_=True, type='OptimWrapper',
                     optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=195, eta_min=1e-4, by_epoch=True, begin=5, end=200),
]
train_cfg = dict(max_epochs=200, val_interval=5)
auto_scale_lr = dict(base_batch_size=128)
