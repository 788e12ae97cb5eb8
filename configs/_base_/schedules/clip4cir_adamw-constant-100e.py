# CLIP4Cir stage 1: AdamW 2e-6 (README; the paper text says 1e-6), constant, AMP, 100 epochs,
# validation every epoch.
optim_wrapper = dict(
    type='AmpOptimWrapper', dtype='float16',
    optimizer=dict(type='AdamW', lr=2e-6, betas=(0.9, 0.999), eps=1e-7, weight_decay=0.01))
param_scheduler = []
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
