# SMMCL on LLRGBD with MSCAN-L streams (depths 3/5/27/3, drop path 0.3), same recipe.
_base_ = './smmcl_dual-mscan-b-lightham_4xb4-500e_llrgbd-480x640.py'
checkpoint_file = 'https://download.openmmlab.com/mmsegmentation/v0.5/pretrain/segnext/mscan_l_20230227-cef260d4.pth'  # noqa
model = dict(
    backbone=dict(
        depths=[3, 5, 27, 3],
        drop_path_rate=0.3,
        init_cfg=dict(type='Pretrained', checkpoint=checkpoint_file)))
