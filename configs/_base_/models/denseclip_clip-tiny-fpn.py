# Tiny DenseCLIP for CPU runs on the mini ADE20K set (4 classes): CLIP-RN layers [1,1,1,1] width 8
# (embedding 64), text encoder width 64 / 2 layers / 4 heads, context decoder width 32 / 1 layer,
# random weights (nothing is downloaded), FPN width 32, BN, 64x64 inputs, whole-image inference;
# otherwise denseclip_r50-fpn.py.
_base_ = './denseclip_r50-fpn.py'
num_classes = 4
norm_cfg = dict(type='BN', requires_grad=True)
pretrained = None  # random weights
data_preprocessor = dict(size=(64, 64))
model = dict(
    data_preprocessor=data_preprocessor,
    backbone=dict(
        _delete_=True, type='CLIPResNetWithAttention', layers=[1, 1, 1, 1], width=8, heads=4,
        output_dim=64, input_resolution=64, norm_cfg=norm_cfg),
    text_encoder=dict(
        _delete_=True, type='CLIPTextContextEncoder', context_length=13, embed_dim=64,
        transformer_width=64, transformer_heads=4, transformer_layers=2, frozen=True),
    class_names=['sky', 'building', 'tree', 'flower'],
    token_embed_dim=64,
    context_decoder=dict(transformer_width=32, transformer_layers=1),
    neck=dict(out_channels=32),
    decode_head=dict(in_channels=[32, 32, 32, 32], channels=32, num_classes=num_classes,
                     norm_cfg=norm_cfg),
    identity_head=dict(num_classes=num_classes),
    test_cfg=dict(_delete_=True, mode='whole'))
