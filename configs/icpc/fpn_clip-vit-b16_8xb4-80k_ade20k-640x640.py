# "CLIP + FPN" baseline with CLIP ViT-B/16 on ADE20K at 640x640 (reference: 49.4 mIoU SS).
_base_ = './denseclip_vit-b16-fpn_8xb4-80k_ade20k-640x640.py'
model = dict(
    _delete_=True,
    type='EncoderDecoder',
    data_preprocessor={{_base_.model.data_preprocessor}},
    backbone=dict(
        type='CLIPVisionTransformer',
        patch_size=16,
        width=768,
        layers=12,
        heads=12,
        input_resolution=640,
        drop_path_rate=0.1,
        out_indices=[3, 5, 7, 11],
        get_embeddings=False,
        norm_cfg=dict(type='SyncBN', requires_grad=True),
        init_cfg=dict(
            type='Pretrained', checkpoint='pretrained/clip_vit-b16_mmcontrast.pth',
            prefix='backbone.')),
    neck=dict(type='FPN', in_channels=[768, 768, 768, 768], out_channels=256, num_outs=4),
    decode_head={{_base_.model.decode_head}},
    train_cfg=dict(),
    test_cfg={{_base_.model.test_cfg}})
