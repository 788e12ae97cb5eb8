# Tiny "CLIP + FPN" baseline on the mini ADE20K set: the tiny DenseCLIP's image encoder without
# attention pool or text, Semantic FPN, same seed and schedule.
_base_ = './denseclip_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py'
model = dict(
    _delete_=True,
    type='EncoderDecoder',
    data_preprocessor={{_base_.data_preprocessor}},
    # DenseCLIP's image encoder without the attention pool (output_dim is then unused)
    backbone=dict(_base_.model.backbone, get_embeddings=False),
    neck=dict(type='FPN', in_channels=[32, 64, 128, 256], out_channels=32, num_outs=4),
    decode_head={{_base_.model.decode_head}},
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))
