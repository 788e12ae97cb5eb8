# Same lane-slot segmentation model from random initialisation (the no-pretraining baseline).
_base_ = './fcn_r50-d8-clld-pre_4xb8-40k_culane-288x800.py'
model = dict(backbone=dict(init_cfg=None))
