# "CLIP + FPN" baseline with CLIP ViT-B/16 on ADE20K at 640x640 (reference: 49.4 mIoU SS).
_base_ = './denseclip_vit-b16-fpn_8xb4-80k_ade20k-640x640.py'
model = dict(
    _delete_=True,
    type='EncoderDecoder',
    data_preprocessor={{_base_.model.data_preprocessor}},
    # DenseCLIP's ViT-B/16 without the embedding outputs (output_dim is then unused)
    backbone=dict(_base_.model.backbone, get_embeddings=False),
    neck=dict(type='FPN', in_channels=[768, 768, 768, 768], out_channels=256, num_outs=4),
    decode_head={{_base_.model.decode_head}},
    train_cfg=dict(),
    test_cfg={{_base_.model.test_cfg}})
