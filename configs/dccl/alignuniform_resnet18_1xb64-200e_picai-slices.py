# Wang & Isola align/uniform baseline (spec §3 d): align = mean ||z1 - z2||^2, uniformity with
# t = 1 as DCCL's [mmcontrast], no metadata.
_base_ = './dccl_resnet18_1xb64-200e_picai-slices.py'
model = dict(head=dict(conditional=False,
                       loss=dict(_delete_=True, type='AlignUniformLoss', alpha=2.0, t=1.0)))
