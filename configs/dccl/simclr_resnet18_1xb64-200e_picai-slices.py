# mmpretrain SimCLR baseline (NT-Xent, tau = 0.1) with DCCL's backbone, neck, data and schedule.
_base_ = './dccl_resnet18_1xb64-200e_picai-slices.py'
model = dict(type='SimCLR',
             head=dict(_delete_=True, type='ContrastiveHead',
                       loss=dict(type='CrossEntropyLoss'), temperature=0.1))
