# Tiny SMMCL for CPU runs: DualMSCAN with dims 16/32/64/128, one block per stage, random init,
# LightHam 64 with MD_R 8, 5 classes, 64x96 inputs, min_views=1 (a 64x96 crop has only 2x3 cells
# at stride 32); otherwise smmcl_dual-mscan-b-lightham.py.
_base_ = './smmcl_dual-mscan-b-lightham.py'
model = dict(
    data_preprocessor=dict(size=(64, 96)),
    backbone=dict(
        embed_dims=[16, 32, 64, 128],
        mlp_ratios=[4, 4, 4, 4],
        depths=[1, 1, 1, 1],
        drop_path_rate=0.1,
        proj_channels=32,
        init_cfg=None),
    decode_head=dict(
        in_channels=[32, 64, 128],
        channels=64,
        ham_channels=64,
        num_classes=5,
        ham_kwargs=dict(MD_R=8)),
    feature_losses=dict(contrast=dict(min_views=1)),
    test_cfg=dict(mode='slide', crop_size=(64, 96), stride=(43, 64)))
