# CMX-style baseline of SMMCL on LLRGBD: the same model and recipe without the contrastive
# terms (and without the projectors, which would be unused parameters under DDP).
_base_ = './smmcl_dual-mscan-b-lightham_4xb4-500e_llrgbd-480x640.py'
model = dict(backbone=dict(with_projectors=False), feature_losses=dict(contrast=None))
