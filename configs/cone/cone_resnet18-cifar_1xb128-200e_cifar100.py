# CoNe on CIFAR-100 with the CIFAR ResNet-18 (3x3 stem, no max-pool), 1 GPU x 128.
# The paper's CIFAR recipe is not established by the spec ([unknown]); these are
# [mmcontrast] choices (see the model and schedule bases).
_base_ = [
    '../_base_/models/cone_resnet18-cifar.py', 'mmpretrain::_base_/datasets/cifar100_bs16.py',
    'mmpretrain::_base_/default_runtime.py', '../_base_/schedules/cone_sgd-coslr-200e.py'
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

train_dataloader = dict(
    batch_size=128,
    num_workers=4,
    drop_last=True,  # 8192 % 128 == 0
    collate_fn=dict(type='default_collate'))
val_dataloader = dict(batch_size=128, num_workers=4, collate_fn=dict(type='default_collate'))
test_dataloader = val_dataloader
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_evaluator = val_evaluator

# Neighbour terms off for the first epoch: model.neighbour_start_epoch=1 (in epochs).
custom_hooks = []
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=5, max_keep_ckpts=3,
                    save_best='accuracy/top1'))
