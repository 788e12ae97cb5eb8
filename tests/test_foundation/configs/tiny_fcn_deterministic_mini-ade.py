# The tiny foundation config without random augmentation, so that a resumed run can be
# compared exactly with an uninterrupted one (data order is restored by mmengine; the
# random state of augmentations and dropout is not).
_base_ = ['./tiny_fcn_syncbn_mini-ade.py']
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='LoadImageFromFile'),
        dict(type='LoadAnnotations', reduce_zero_label=True),
        dict(type='Resize', scale=(64, 64), keep_ratio=False),
        dict(type='PackSegInputs')
    ]))
# dropout draws from the global RNG, whose state a checkpoint does not hold
model = dict(decode_head=dict(dropout_ratio=0.0))
