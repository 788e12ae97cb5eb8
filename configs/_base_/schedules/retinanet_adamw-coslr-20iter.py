# RetinaNet fine-tuning smoke run: the 24-epoch recipe's optimiser, cosine over 20 iterations,
# validation at the end.
_base_ = ['./retinanet_adamw-coslr-24e.py']

param_scheduler = [dict(type='CosineAnnealingLR', T_max=20, by_epoch=False, begin=0, end=20)]
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=20, val_interval=20)
