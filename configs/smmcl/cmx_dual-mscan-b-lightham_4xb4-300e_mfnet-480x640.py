# CMX-style baseline (no contrast) on MFNet.
_base_ = './smmcl_dual-mscan-b-lightham_4xb4-300e_mfnet-480x640.py'
model = dict(backbone=dict(with_projectors=False), feature_losses=dict(contrast=None))
