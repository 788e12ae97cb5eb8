# FOCAL's schedule (official): Adam 1e-4, learning rate halved when the validation score has not
# improved for 3 validations, ~190k iterations (author: ~190 "epochs" of 4,000 images, issue #16).
optim_wrapper = dict(
    type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-4, betas=(0.9, 0.999), weight_decay=0))
# ReduceLROnPlateau on the validation score; by_epoch=True makes mmengine's
# ParamSchedulerHook step it after every validation, also under IterBasedTrainLoop.
param_scheduler = [
    dict(type='ReduceOnPlateauLR', monitor='forgery/score', rule='greater', factor=0.5,
         patience=3, min_value=1e-8, by_epoch=True),
]
val_interval = 624  # floor(199,999 / 80 / 4) as the official code
train_cfg = dict(type='IterBasedTrainLoop', max_iters=190000, val_interval=val_interval)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=val_interval,
                    save_best='forgery/score', rule='greater', max_keep_ckpts=2),
    logger=dict(type='LoggerHook', interval=50, log_metric_by_epoch=False))
randomness = dict(seed=666666)
