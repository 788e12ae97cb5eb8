# CMX-style baseline (no contrast) with MSCAN-L streams on LLRGBD.
_base_ = './smmcl_dual-mscan-l-lightham_4xb4-500e_llrgbd-480x640.py'
model = dict(backbone=dict(with_projectors=False), feature_losses=dict(contrast=None))
