# RetinaNet fine-tuning: AdamW 1e-4 (gradient norm clipped at 10), cosine over 24 epochs,
# validation every 4.
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='AdamW', lr=1e-4, weight_decay=1e-4),
                     clip_grad=dict(max_norm=10.))
param_scheduler = [dict(type='CosineAnnealingLR', T_max=24, by_epoch=True, begin=0, end=24)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=24, val_interval=4)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
