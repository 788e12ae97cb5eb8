# Decoupled NT-Xent baseline (DCL, Yeh et al.; spec §3 d): positive removed from the
# denominator, same-view negatives, sum over the two anchor views, tau = 1.0 (code default).
_base_ = './dccl_resnet18_1xb64-200e_picai-slices.py'
model = dict(head=dict(conditional=False,
                       loss=dict(_delete_=True, type='InfoNCELoss', temperature=1.0,
                                 symmetric=True, symmetric_reduction='sum',
                                 intra_negatives=True, decoupled=True,
                                 loss_name='loss_dcl')))
