# DenseCLIP with CLIP RN101 (layers 3-4-23-3, embedding 512) on COCO-Stuff-10k (171
# classes): the data settings of the RN50 config below, the RN101 backbone of
# denseclip_r101-fpn_8xb4-80k_ade20k-512x512.
_base_ = './denseclip_r50-fpn_8xb4-80k_coco-stuff10k-512x512.py'
pretrained = 'pretrained/clip_rn101_mmcontrast.pth'
model = dict(
    backbone=dict(
        layers=[3, 4, 23, 3], output_dim=512,
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    text_encoder=dict(
        embed_dim=512,
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='text_encoder.')))
