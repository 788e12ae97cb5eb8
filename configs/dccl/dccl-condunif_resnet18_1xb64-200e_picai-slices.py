# DCCL with conditional uniformity (spec §3 c): negatives weighted by max(K) - K per view.
_base_ = './dccl_resnet18_1xb64-200e_picai-slices.py'
model = dict(head=dict(loss=dict(conditional_uniformity=True)))
