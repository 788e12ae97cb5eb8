# Tiny PixPro baseline (CLLD code path, cross-similarity off) on the mini 'photos' set.
_base_ = './clld_resnet18_1xb4-20iter_photos-224.py'
model = dict(xsim_loss=None)
