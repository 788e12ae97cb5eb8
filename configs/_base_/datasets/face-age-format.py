# Loaders of the FG-NET file layout (FaceAgeDataset, no data root here): training on
# (anchor, positive, negative) triplets re-drawn every epoch (positive |dy| <= 0, negative same
# subject with |dy| >= 5, else any subject), MAE and CS(0..10) on single images. A face-age
# dataset base sets data_root, the annotation files, the pipelines and the batch sizes; it also
# gets `train_dataset_plain`, the plain training set for single-image loaders
# (`dataset={{_base_.train_dataset_plain}}` replaces the triplet wrapper).
pack = dict(type='PackInputs', algorithm_keys=('gt_age', 'subject_id'))
face_age = dict(type='FaceAgeDataset')
train_dataloader = dict(
    persistent_workers=False,  # workers must see the per-epoch (seed, epoch) re-draw
    drop_last=True,
    collate_fn=dict(type='age_triplet_collate'),
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='AgeTripletDataset',
        seed=0,
        delta_pos=0,
        delta_neg=5,
        neg_mode='same_subject_then_any',  # options: 'same_subject_only', 'any'
        dataset=face_age))
val_dataloader = dict(sampler=dict(type='DefaultSampler', shuffle=False), dataset=face_age)
test_dataloader = val_dataloader
val_evaluator = [dict(type='AgeMAE'), dict(type='CumulativeScore', thetas=tuple(range(11)))]
test_evaluator = val_evaluator
