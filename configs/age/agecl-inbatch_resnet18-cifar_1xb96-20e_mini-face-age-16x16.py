# In-batch mining variant of the Age tiny config: P x K sampler (12 of the 14 train writers x 8 = 96
# images, each forwarded once), batch-all triplets from the core's vectorised masks.
_base_ = './agecl_resnet18-cifar_1xb32-20e_mini-face-age-16x16.py'

model = dict(in_batch_mining=True, mining='all', delta_pos=0, delta_neg=5,
             neg_mode='same_subject_then_any', widen_positive=True)
train_dataloader = dict(
    batch_size=96,
    collate_fn=dict(_delete_=True, type='pseudo_collate'),
    sampler=dict(_delete_=True, type='SubjectBalancedSampler', num_subjects=12,
                 num_per_subject=8),
    dataset={{_base_.train_dataset_plain}})
custom_hooks = []
