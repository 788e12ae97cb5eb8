# FP-attack tiny victim: SigNet at 1/8 width on 40x56 inputs, trained 3 epochs on
# the mini signature set (data/mini/signatures: digits as writers, an affine
# forger; `python tools/dataset_converters/make_mini_datasets.py signatures`).
# [mmcontrast] CPU-size choices, not the port's: width_mult 0.125, 40x56 inputs,
# Adam lr 1e-3 (RMSprop at 1e-5 does not move a tiny net in 3 epochs), batch 16.
_base_ = [
    '../_base_/models/signet_siamese.py',
    '../_base_/datasets/mini-signatures-40x56_signature-pairs.py',
    '../_base_/schedules/signet_rmsprop-step-20e.py'
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
model = dict(backbone=dict(in_size=(40, 56), width_mult=0.125))
test_evaluator = dict(type='VerificationMetric', threshold=None)
optim_wrapper = dict(optimizer=dict(_delete_=True, type='Adam', lr=1e-3))
param_scheduler = []
train_cfg = dict(max_epochs=3, val_interval=1)
default_hooks = dict(logger=dict(type='LoggerHook', interval=5))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
