# Official-code parity run (github sabadijou/clld_official): every §7 quirk on.
# 2 GPUs x 512, lr 2.0, plain BN, compounding "cosine" LR, official momentum rule,
# +cos cross-similarity, diag/49 positive radius, transposed mask, λ on the first term only,
# masked view's box left in the 224x224 frame. The CLI default α of the official code is 1.
_base_ = './clld_resnet50_8xb128-coslr-100e_in1k.py'
model = dict(
    official_compat=True,
    backbone=dict(norm_cfg=dict(type='BN')),
    neck=dict(norm_cfg=dict(type='BN')),
    xsim_loss=dict(alpha=1))
train_dataloader = dict(
    batch_size=512,
    dataset=dict(pipeline=[
        dict(type='LoadImageFromFile'),
        dict(type='CLLDMaskedTwoViews', transforms={{_base_.view_pipeline}},
             mask=dict(type='RandomPatchMask', size=224, cell=14, ratio=0.3),
             swap_prob=0.5, box_frame='official'),
        dict(type='PackInputs', meta_keys=('img_path', 'crop_bbox', 'flip', 'ori_shape',
                                           'masked_view')),
    ]))
param_scheduler = [dict(type='CompoundingCosineLR', T_max=100, by_epoch=True, begin=0, end=100)]
auto_scale_lr = dict(base_batch_size=1024)
