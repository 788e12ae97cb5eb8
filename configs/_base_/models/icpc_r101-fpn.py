# ICPC on DenseCLIP RN101 (layers 3-4-23-3, embedding 512); otherwise icpc_r50-fpn.py.
_base_ = './icpc_r50-fpn.py'
pretrained = 'pretrained/clip_rn101_mmcontrast.pth'
model = dict(
    backbone=dict(layers=[3, 4, 23, 3], output_dim=512,
                  init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    text_encoder=dict(embed_dim=512, init_cfg=dict(type='Pretrained', checkpoint=pretrained,
                                                   prefix='text_encoder.')))
