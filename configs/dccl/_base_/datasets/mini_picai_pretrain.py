# Mini PI-CAI (data/mini/picai, `python tools/dataset_converters/make_mini_datasets.py`):
# 32x32 converted slices of .mha volumes made from scikit-learn digits; the views of
# picai_slices_pretrain.py at 32x32, CPU-sized loader.
_base_ = ['./picai_format_pretrain.py']
data_root = 'data/mini/picai/slices/'
crop = 32
view_pipeline = [
    dict(type='RandomResizedCrop', scale=crop, crop_ratio_range=(0.5, 1.0), backend='cv2'),
    *_base_.mri_augment,
]
train_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='MultiView', num_views=2, transforms=[view_pipeline]),
    {{_base_.pack}},
]
train_dataloader = dict(
    batch_size=32, num_workers=0, persistent_workers=False,
    dataset=dict(data_root=data_root, pipeline=train_pipeline))
