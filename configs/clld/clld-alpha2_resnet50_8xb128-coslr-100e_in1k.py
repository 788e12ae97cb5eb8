# CLLD α=2.
_base_ = './clld_resnet50_8xb128-coslr-100e_in1k.py'
model = dict(xsim_loss=dict(alpha=2))
