# Age on MORPH-II P1 with the cheaper in-batch mining (age.md §9): a P x K sampler (48 subjects
# x 4 images = 192 images, each forwarded once) and batch-all triplets from the core's
# vectorised masks (positive: other subject, |dy| <= 0, widened to the nearest age; negative:
# same subject, |dy| >= 5, else any subject). Option: mining='hard' (batch-hard).
_base_ = './agecl_resnet50_1xb64-60e_morph2.py'

model = dict(in_batch_mining=True, mining='all', delta_pos=0, delta_neg=5,
             neg_mode='same_subject_then_any', widen_positive=True)
train_dataloader = dict(
    batch_size=192,
    collate_fn=dict(_delete_=True, type='pseudo_collate'),
    sampler=dict(_delete_=True, type='SubjectBalancedSampler', num_subjects=48,
                 num_per_subject=4),
    dataset={{_base_.train_dataset_plain}})
custom_hooks = []
