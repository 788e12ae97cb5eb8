# PixPro baseline in the CLLD code path: same model and pipeline, cross-similarity off.
_base_ = './clld_resnet50_8xb128-coslr-100e_in1k.py'
model = dict(xsim_loss=None)
