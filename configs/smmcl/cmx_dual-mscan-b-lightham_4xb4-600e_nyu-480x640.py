# CMX-style baseline (no contrast) on NYUDv2.
_base_ = './smmcl_dual-mscan-b-lightham_4xb4-600e_nyu-480x640.py'
model = dict(backbone=dict(with_projectors=False), feature_losses=dict(contrast=None))
