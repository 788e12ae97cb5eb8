# mmseg's iteration-based schedule (schedule_20k.py: SGD + poly, its loops and hooks) cut to 150
# iterations with SGD 0.02 / wd 1e-4 for the tiny lane configs; one evaluation and one checkpoint
# at the end.
_base_ = 'mmseg::_base_/schedules/schedule_20k.py'
optimizer = dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=1e-4)
optim_wrapper = dict(optimizer=optimizer)
param_scheduler = [dict(type='PolyLR', eta_min=1e-4, power=0.9, begin=0, end=150,
                        by_epoch=False)]
train_cfg = dict(max_iters=150, val_interval=150)
default_hooks = dict(logger=dict(interval=25), checkpoint=dict(interval=150, max_keep_ckpts=1))
