# The "CLIP + FPN" baseline of DenseCLIP: CLIP RN50 image encoder (no attention pool, no text)
# + Semantic FPN on ADE20K, same recipe as DenseCLIP (reference: 39.6 mIoU SS).
_base_ = './denseclip_r50-fpn_8xb4-80k_ade20k-512x512.py'
model = dict(
    _delete_=True,
    type='EncoderDecoder',
    data_preprocessor={{_base_.data_preprocessor}},
    # DenseCLIP's image encoder without the attention pool (output_dim is then unused)
    backbone=dict(_base_.model.backbone, get_embeddings=False),
    neck=dict(type='FPN', in_channels=[256, 512, 1024, 2048], out_channels=256, num_outs=4),
    decode_head={{_base_.model.decode_head}},
    train_cfg=dict(),
    test_cfg={{_base_.model.test_cfg}})
