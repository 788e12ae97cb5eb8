# Aligned real faces (MTCNN, 224x224, ~40% margin, written by
# tools/dataset_converters/align_faces.py under `aligned/`) in the FG-NET layout: crop 0.8-1,
# flip, colour jitter and +-10 degree rotation for training, a 224 resize for testing; the
# validation loader reads `aligned/` with persistent workers. A dataset base (morph2, fgnet-lopo)
# sets data_root, the annotation files, `train_dataset_plain` and the batch sizes.
_base_ = ['./face-age-format.py']

train_pipeline = [
    dict(type='LoadImageFromFile', imdecode_backend='cv2'),
    dict(type='RandomResizedCrop', scale=224, crop_ratio_range=(0.8, 1.0)),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='ColorJitter', brightness=0.2, contrast=0.2, saturation=0.2),
    # mmpretrain's Rotate turns by +-angle (random sign), not uniformly in [-10, 10].
    dict(type='Rotate', angle=10.0, prob=0.5, random_negative_prob=0.5),
    {{_base_.pack}},
]
test_pipeline = [
    dict(type='LoadImageFromFile', imdecode_backend='cv2'),
    dict(type='Resize', scale=(224, 224)),
    {{_base_.pack}},
]
val_dataloader = dict(
    persistent_workers=True,
    dataset=dict(data_prefix=dict(img_path='aligned'), pipeline=test_pipeline))
test_dataloader = val_dataloader
