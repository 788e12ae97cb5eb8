# Tiny CLLD pretraining on the mini 'photos' set (24 real 256x256 photos crops), CPU-sized:
# ResNet-18, 224 input, batch 4, 20 iterations. Run from the repository root.
_base_ = './clld_resnet50_8xb128-coslr-100e_in1k.py'
model = dict(
    backbone=dict(depth=18, norm_cfg=dict(type='BN')),
    neck=dict(in_channels=512, hid_channels=256, out_channels=128, norm_cfg=dict(type='BN')),
    ppm=dict(channels=128))
data_root = 'data/mini/photos/'
train_dataloader = dict(
    batch_size=4, num_workers=0, persistent_workers=False, pin_memory=False,
    dataset=dict(data_root=data_root, split='train'))
optim_wrapper = dict(optimizer=dict(lr=0.2))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=20, by_epoch=False, begin=0, end=20, eta_min=0.)
]
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=20)
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(by_epoch=False, interval=20, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
auto_scale_lr = dict(base_batch_size=4)
