# "CLIP + FPN" baseline with CLIP RN101 on ADE20K (reference: 42.7 mIoU SS).
_base_ = './fpn_clip-r50_8xb4-80k_ade20k-512x512.py'
model = dict(
    backbone=dict(
        layers=[3, 4, 23, 3],
        init_cfg=dict(
            type='Pretrained', checkpoint='pretrained/clip_rn101_mmcontrast.pth',
            prefix='backbone.')))
