# The SigNet port's recipe (fpattack.md §5) on mmpretrain's default runtime: RMSprop
# lr 1e-5, x0.1 every 5 epochs, 20 epochs, validation and the best checkpoint (by balanced
# accuracy) every epoch, seed 3407.
_base_ = ['mmpretrain::_base_/default_runtime.py']
optim_wrapper = dict(optimizer=dict(type='RMSprop', lr=1e-5, eps=1e-8, weight_decay=5e-4,
                                    momentum=0.9))
param_scheduler = [dict(type='StepLR', step_size=5, gamma=0.1, by_epoch=True)]
train_cfg = dict(by_epoch=True, max_epochs=20, val_interval=1)
val_cfg = dict()
test_cfg = dict()
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=1,
                    save_best='verification/best_balanced_accuracy', rule='greater'))
randomness = dict(seed=3407)
