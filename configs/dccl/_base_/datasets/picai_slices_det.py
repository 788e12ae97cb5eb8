# PI-CAI slices (128x128) for lesion detection; loaders in picai_format_det.py.
_base_ = ['./picai_format_det.py']
data_root = 'data/picai/slices_128/'
img_scale = (128, 128)
resize = dict(type='Resize', scale=img_scale, keep_ratio=True)
# at test time the slice is resized before its boxes are loaded
train_pipeline = [_base_.load_slice, _base_.load_boxes, resize, _base_.flip, _base_.pack]
test_pipeline = [_base_.load_slice, resize, _base_.load_boxes, _base_.pack]
train_dataloader = dict(dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader
