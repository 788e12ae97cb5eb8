# PI-CAI slices for contrastive pretraining (spec §4; loaders in picai_format_pretrain.py):
# two 128x128 views with MRI augmentations. Data from
#   python tools/dataset_converters/picai_to_slices.py data/picai data/picai/slices_128
_base_ = ['./picai_format_pretrain.py']
data_root = 'data/picai/slices_128/'
crop = 128
view_pipeline = [
    dict(type='RandomResizedCrop', scale=crop, crop_ratio_range=(0.5, 1.0), backend='cv2'),
    *_base_.mri_augment,
]
train_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='MultiView', num_views=2, transforms=[view_pipeline]),
    {{_base_.pack}},
]
train_dataloader = dict(dataset=dict(data_root=data_root, pipeline=train_pipeline))
