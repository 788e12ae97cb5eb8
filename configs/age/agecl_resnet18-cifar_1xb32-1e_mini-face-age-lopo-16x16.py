# Leave-one-person-out plumbing config of the Age tiny set: every writer's images
# (annotations/all.json); `lopo_fold` picks the held-out writer and is set per fold by
# tools/age_lopo.py (`--folds 3` runs folds 0..2). One epoch per fold: a driver test, not a
# result. The FG-NET config initialises from MORPH-II; here training starts from scratch.
_base_ = './agecl_resnet18-cifar_1xb32-20e_mini-face-age-16x16.py'

fold = 0
train_dataloader = dict(
    dataset=dict(dataset=dict(ann_file='annotations/all.json', lopo_fold=fold,
                              lopo_split='train')))
val_dataloader = dict(
    dataset=dict(ann_file='annotations/all.json', lopo_fold=fold, lopo_split='test'))
test_dataloader = val_dataloader
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=1, eta_min=1e-5, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=1, val_interval=1)
default_hooks = dict(checkpoint=dict(interval=1))
