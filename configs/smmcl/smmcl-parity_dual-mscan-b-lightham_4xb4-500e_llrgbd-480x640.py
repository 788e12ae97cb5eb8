# SMMCL on LLRGBD with the official code's two quirks reproduced, for exact parity:
# * its loader passes cv2.COLOR_BGR2RGB as an imread flag, so the "RGB" stream sees BGR
#   normalised with RGB statistics -> channel_order='bgr';
# * its optimiser groups only Linear/Conv/Norm parameters, so MSCAN's layer_scale_1/2 are never
#   updated -> lr_mult=0 (and no decay) for them.
_base_ = './smmcl_dual-mscan-b-lightham_4xb4-500e_llrgbd-480x640.py'
train_pipeline = [
    dict(type='LoadRGBXImageFromFile', channel_order='bgr'),
    dict(type='LoadAnnotations'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomChoice',
         transforms=[[dict(type='Resize', scale_factor=r, keep_ratio=True)]
                     for r in [0.5, 0.75, 1.0, 1.25, 1.5, 1.75]]),
    dict(type='RandomCrop', crop_size=(480, 640)),
    dict(type='PackSegInputs'),
]
test_pipeline = [
    dict(type='LoadRGBXImageFromFile', channel_order='bgr'),
    dict(type='LoadAnnotations'),
    dict(type='PackSegInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
optim_wrapper = dict(
    paramwise_cfg=dict(custom_keys={'layer_scale': dict(lr_mult=0., decay_mult=0.)}))
