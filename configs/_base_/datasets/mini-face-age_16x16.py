# The mini face-age set (data/mini/face_age: 20 synthetic writers x digit "ages" 0-9, FG-NET
# file layout, 64x64 JPEGs; writers 1-14 train, 15-20 test; `python
# tools/dataset_converters/make_mini_datasets.py face_age`). Plumbing only, not evidence about
# faces. 16x16 input (the digits are 8x8 at source), no flip (digits are not mirror-symmetric);
# batch 32 triplets (96 images), 64 for testing, no worker processes.
_base_ = ['./face-age-format.py']

data_root = 'data/mini/face_age'
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=16, crop_ratio_range=(0.8, 1.0)),
    {{_base_.pack}},
]
test_pipeline = [dict(type='LoadImageFromFile'), dict(type='Resize', scale=(16, 16)),
                 {{_base_.pack}}]
train_dataset_plain = dict(
    type='FaceAgeDataset', data_root=data_root, ann_file='annotations/train.json',
    data_prefix=dict(img_path='images'), pipeline=train_pipeline, _delete_=True)
train_dataloader = dict(batch_size=32, num_workers=0, dataset=dict(dataset=train_dataset_plain))
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    dataset=dict(data_root=data_root, ann_file='annotations/test.json',
                 data_prefix=dict(img_path='images'), pipeline=test_pipeline))
test_dataloader = val_dataloader
