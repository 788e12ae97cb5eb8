# Ablation on MORPH-II P1: L_reg + L_tri only (no cosine term).
_base_ = './agecl_resnet50_1xb64-60e_morph2.py'

model = dict(head=dict(cos_weight=0.0))
