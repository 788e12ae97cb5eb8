# Regression-only baseline (L_reg) of the Age tiny config: same network, data, schedule and
# seed, with the plain face-age dataset (no triplets); the contrastive weights are 0.
# 32 images per step (not 96): the same number of anchors per step as the triplet batch.
_base_ = './agecl_resnet18-cifar_1xb32-20e_mini-face-age-16x16.py'

model = dict(head=dict(cos_weight=0.0, tri_weight=0.0))
train_dataloader = dict(collate_fn=dict(_delete_=True, type='pseudo_collate'),
                        dataset={{_base_.train_dataset_plain}})
custom_hooks = []
