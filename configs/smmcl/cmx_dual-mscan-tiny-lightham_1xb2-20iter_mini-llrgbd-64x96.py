# Tiny CMX-style baseline (no contrastive terms) on the mini LLRGBD set; same seed and
# recipe as the tiny SMMCL config, for the with/without-contrast comparison.
_base_ = './smmcl_dual-mscan-tiny-lightham_1xb2-20iter_mini-llrgbd-64x96.py'
model = dict(backbone=dict(with_projectors=False), feature_losses=dict(contrast=None))
