# DenseCLIP's schedule (official): AdamW 1e-4, backbone x0.1, text encoder frozen (x0), no decay
# on the context decoder's LayerNorms ('norm' matches only norm1/2/3 there, as in DenseCLIP; kept
# for fidelity); 1500-iteration linear warm-up, poly to 80k iterations, evaluation every 8k.
_base_ = 'mmseg::_base_/schedules/schedule_80k.py'
optim_wrapper = dict(
    _delete_=True,
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-4, weight_decay=1e-4),
    paramwise_cfg=dict(
        custom_keys={
            'backbone': dict(lr_mult=0.1),
            'text_encoder': dict(lr_mult=0.0),
            'norm': dict(decay_mult=0.)
        }))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=False, begin=0, end=1500),
    dict(type='PolyLR', power=0.9, eta_min=1e-6, by_epoch=False, begin=1500, end=80000)
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=80000, val_interval=8000)
# The DenseCLIP maintainer insists on a global batch of 32 (issue #30).
auto_scale_lr = dict(enable=False, base_batch_size=32)
