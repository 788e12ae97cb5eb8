# The mini TuSimple set (data/mini/tusimple, native JSON-lines layout and 1280x720 images, written
# by tools/dataset_converters/make_mini_datasets.py): tusimple.py with lanes 24 px wide, images
# resized to 352x192, no photometric distortion, batch 4 and no worker processes; TuSimple
# Acc/FP/FN.
_base_ = './tusimple.py'
data_root = 'data/mini/tusimple/'
crop_size = (192, 352)
load_lanes = dict(type='LoadLaneAnnotations', width=24, num_slots=6)
resize = dict(type='Resize', scale=(352, 192), keep_ratio=False)
train_pipeline = [_base_.load_image, load_lanes, resize, _base_.pack]
test_pipeline = [_base_.load_image, resize, load_lanes, _base_.pack]
cpu_loader = dict(num_workers=0, persistent_workers=False)
train_dataloader = dict(
    cpu_loader, batch_size=4, dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(cpu_loader, dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader
