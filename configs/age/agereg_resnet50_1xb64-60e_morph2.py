# Regression-only baseline on MORPH-II P1 (L_reg only, same backbone, data and schedule as
# the Age config; plain images, 64 per step): shows what the contrastive terms add.
_base_ = './agecl_resnet50_1xb64-60e_morph2.py'

model = dict(head=dict(cos_weight=0.0, tri_weight=0.0))
train_dataloader = dict(collate_fn=dict(_delete_=True, type='pseudo_collate'),
                        dataset={{_base_.train_dataset_plain}})
custom_hooks = []
