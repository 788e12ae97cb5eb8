# Tiny PixPro baseline (CLLD code path, cross-similarity off) on the mini 'photos' set.
_base_ = './clld_resnet18_1xb4-100iter_mini-photos-112.py'
model = dict(xsim_loss=None)
