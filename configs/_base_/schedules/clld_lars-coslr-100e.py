# CLLD's schedule (spec §5, official code): LARS lr 2.0 without momentum, wd 1.5e-6 on all
# parameters (BN and bias included), cosine per iteration over 100 epochs, global batch 1024.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='LARS', lr=2.0, momentum=0., weight_decay=1.5e-6, eta=0.001, eps=1e-8))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=100, by_epoch=True, begin=0, end=100, eta_min=0.,
         convert_to_iter_based=True)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100)
auto_scale_lr = dict(base_batch_size=1024)
