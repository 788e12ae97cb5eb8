# FOCAL v1 (Wu et al., arXiv 2308.09307; released code github HighwayWu/FOCAL): SAM ViT-L image
# encoder from random init as the extractor, per-image pixel contrast (FOCALContrastLoss), k=2
# k-means at validation; RGB / 255 input at 1024x1024.
data_preprocessor = dict(
    type='SegDataPreProcessor',
    mean=[0.0, 0.0, 0.0],  # FOCAL feeds RGB / 255, no mean/std
    std=[255.0, 255.0, 255.0],
    bgr_to_rgb=True,
    pad_val=0,
    seg_pad_val=255,
    size=(1024, 1024))
vit_sam_l = dict(
    type='mmpretrain.ViTSAM',
    arch='large',
    img_size=1024,
    patch_size=16,
    out_channels=256,
    out_type='featmap',
    use_abs_pos=True,
    use_rel_pos=True,
    window_size=14)  # -> (B, 256, 64, 64)
model = dict(
    type='FOCAL',
    data_preprocessor=data_preprocessor,
    extractors=[vit_sam_l],
    feature_losses=dict(contrast=dict(type='FOCALContrastLoss', features='dense', temperature=0.1,
                                      dict_size=1000)),
    clusterer=dict(type='KMeans2Clusterer'))
