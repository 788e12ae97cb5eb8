# Label-only conditional baseline (spec §3 d): K = 1[y_i = y_j], confidence ignored.
_base_ = './dccl_resnet18_1xb64-200e_picai-slices.py'
model = dict(head=dict(loss=dict(use_confidence=False)))
