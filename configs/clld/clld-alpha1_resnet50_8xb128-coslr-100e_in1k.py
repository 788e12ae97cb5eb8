# CLLD α=1 (best for the UNet lane detector in the paper).
_base_ = './clld_resnet50_8xb128-coslr-100e_in1k.py'
model = dict(xsim_loss=dict(alpha=1))
