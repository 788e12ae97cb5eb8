# DenseCLIP with CLIP ViT-B/16 at 640x640 (official recipe): blocks 3/5/7/11 mapped to strides
# 4/8/16/32, the score map joins the stride-16 level (index 2); otherwise denseclip_r50-fpn.py.
_base_ = './denseclip_r50-fpn.py'
pretrained = 'pretrained/clip_vit-b16_mmcontrast.pth'
model = dict(
    data_preprocessor=dict(size=(640, 640)),
    backbone=dict(
        _delete_=True,
        type='CLIPVisionTransformer',
        patch_size=16,
        width=768,
        layers=12,
        heads=12,
        output_dim=512,
        input_resolution=640,
        drop_path_rate=0.1,
        out_indices=[3, 5, 7, 11],
        get_embeddings=True,
        norm_cfg=dict(type='SyncBN', requires_grad=True),
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    text_encoder=dict(
        embed_dim=512,
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='text_encoder.')),
    score_concat_index=2,
    test_cfg=dict(mode='slide', crop_size=(640, 640), stride=(426, 426)))
