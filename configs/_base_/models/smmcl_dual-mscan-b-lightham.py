# SMMCL model (Dong & Yokoya, WACV 2024): two-stream MSCAN-B with cross-modulation and
# fusion, LightHam decoder, CE + 0.2 * (L_cm + L_vis + L_aux). RGB-X inputs are (B, 6, H, W);
# both modalities are normalised with ImageNet statistics (official code).
checkpoint_file = 'https://download.openmmlab.com/mmsegmentation/v0.5/pretrain/segnext/mscan_b_20230227-3ab7d230.pth'  # noqa
data_preprocessor = dict(
    type='SegDataPreProcessor',
    mean=[123.675, 116.28, 103.53] * 2,
    std=[58.395, 57.12, 57.375] * 2,
    bgr_to_rgb=False,  # LoadRGBXImageFromFile already gives RGB (and it is skipped for 6 channels)
    pad_val=0,
    seg_pad_val=255,
    size=(480, 640))
model = dict(
    type='RGBXEncoderDecoder',
    data_preprocessor=data_preprocessor,
    backbone=dict(
        type='DualMSCAN',
        embed_dims=[64, 128, 320, 512],
        mlp_ratios=[8, 8, 4, 4],
        depths=[3, 3, 12, 3],
        drop_rate=0.0,
        drop_path_rate=0.2,
        norm_cfg=dict(type='BN', requires_grad=True),  # official: plain BN, no SyncBN
        with_projectors=True,
        proj_channels=256,
        out_indices=(1, 2, 3),  # LightHam reads strides 8/16/32: no fusion conv at stride 4
        init_cfg=dict(type='Pretrained', checkpoint=checkpoint_file)),  # into both streams
    decode_head=dict(
        type='LightHamHead',
        in_channels=[128, 320, 512],
        in_index=[0, 1, 2],  # the backbone returns out_indices (1, 2, 3) only
        channels=512,
        ham_channels=512,
        dropout_ratio=0.1,
        num_classes=14,
        norm_cfg=None,  # official passes no norm to the decoder
        align_corners=False,
        loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),
        ham_kwargs=dict(MD_S=1, MD_R=64, train_steps=6, eval_steps=7, inv_t=100, rand_init=True),
        init_cfg=dict(type='Kaiming', layer='Conv2d', mode='fan_in', nonlinearity='relu',
                      distribution='normal', bias=0)),
    feature_losses=dict(contrast=dict(
        type='SMMCLLoss',
        features=('emb_rgb', 'emb_x'),  # the two projector embeddings (RGBXEncoderDecoder)
        min_views=5,
        max_views=300,
        max_total=4800,
        temperature=0.1,
        temperature_cm=0.1,
        loss_weight_cm=0.2,
        loss_weight_vis=0.2,
        loss_weight_aux=0.2,
        cm_symmetric=False,  # official: RGB -> X only
        paired_sampling=False)),  # official: independent RGB / X draws
    train_cfg=dict(),
    test_cfg=dict(mode='slide', crop_size=(480, 640), stride=(320, 427)))
