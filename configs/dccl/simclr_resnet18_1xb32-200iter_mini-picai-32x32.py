# Tiny SimCLR baseline on the mini PI-CAI set (same data, schedule and seed as DCCL's).
_base_ = './dccl_resnet18_1xb32-200iter_mini-picai-32x32.py'
model = dict(type='SimCLR',
             head=dict(_delete_=True, type='ContrastiveHead',
                       loss=dict(type='CrossEntropyLoss'), temperature=0.1))
