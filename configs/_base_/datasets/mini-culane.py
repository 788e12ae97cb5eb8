# The mini CULane set (data/mini/culane, native layout and 1640x590 images, written by
# tools/dataset_converters/make_mini_datasets.py): culane.py with lanes 30 px wide, images resized
# to 352x128, no photometric distortion, batch 4 and no worker processes; CULane's F1 metric.
_base_ = './culane.py'
data_root = 'data/mini/culane/'
crop_size = (128, 352)
load_lanes = dict(type='LoadLaneAnnotations', width=30, num_slots=4)
resize = dict(type='Resize', scale=(352, 128), keep_ratio=False)
train_pipeline = [_base_.load_image, load_lanes, resize, _base_.pack]
test_pipeline = [_base_.load_image, resize, load_lanes, _base_.pack]
cpu_loader = dict(num_workers=0, persistent_workers=False)
train_dataloader = dict(
    cpu_loader, batch_size=4, dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(cpu_loader, dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = dict(cpu_loader, dataset=dict(data_root=data_root, pipeline=test_pipeline))
