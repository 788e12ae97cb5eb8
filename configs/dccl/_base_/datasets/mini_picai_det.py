# Mini PI-CAI slices for lesion detection, resized 32 -> 64 (RetinaNet strides 8-128); loaders
# in picai_format_det.py.
_base_ = ['./picai_format_det.py']
data_root = 'data/mini/picai/slices/'
img_scale = (64, 64)
resize = dict(type='Resize', scale=img_scale, keep_ratio=True)
# at test time the slice is resized before its boxes are loaded
train_pipeline = [_base_.load_slice, _base_.load_boxes, resize, _base_.flip, _base_.pack]
test_pipeline = [_base_.load_slice, resize, _base_.load_boxes, _base_.pack]
train_dataloader = dict(batch_size=8, num_workers=0, persistent_workers=False,
                        dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(batch_size=16, num_workers=0, persistent_workers=False,
                      dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader
