# ADE20K-Full (847 classes, uint16 labels, void = 65535; 255 is a real class), 512x512 crops.
# Prepare with tools/dataset_converters/ade20k_full.py, which also writes the class-name file
# read by the dataset and the model (class_names=dict(file=data_root + '/' + classes_file)).
_base_ = './loaders_iter.py'
dataset_type = 'ADE20KFullDataset'
data_root = 'data/ADE20K_2021_17_01'
classes_file = 'ade20k_full_classes.txt'
ignore_index = 65535
crop_size = (512, 512)
# The steps, named so that the 640x640 base replaces only the three that depend on the size.
load_image = dict(type='LoadImageFromFile')
load_annotations = dict(type='LoadAnnotationsU16')
random_resize = dict(type='RandomResize', scale=(2048, 512), ratio_range=(0.5, 2.0),
                     keep_ratio=True)
random_crop = dict(type='RandomCrop', crop_size=crop_size, cat_max_ratio=0.75,
                   ignore_index=ignore_index)
random_flip = dict(type='RandomFlip', prob=0.5)
photo_metric_distortion = dict(type='PhotoMetricDistortion')
resize = dict(type='Resize', scale=(2048, 512), keep_ratio=True)
pack = dict(type='PackSegInputs')
train_pipeline = [load_image, load_annotations, random_resize, random_crop, random_flip,
                  photo_metric_distortion, pack]
test_pipeline = [load_image, resize, load_annotations, pack]
img_ratios = [0.5, 0.75, 1.0, 1.25, 1.5, 1.75]
tta_pipeline = [
    load_image,
    dict(type='TestTimeAug', transforms=[
        [dict(type='Resize', scale_factor=r, keep_ratio=True) for r in img_ratios],
        [dict(type='RandomFlip', prob=0., direction='horizontal'),
         dict(type='RandomFlip', prob=1., direction='horizontal')],
        [load_annotations], [pack]])
]
ade20k_full = dict(type=dataset_type, data_root=data_root, classes_file=classes_file)
train_dataloader = dict(
    dataset=dict(ade20k_full, pipeline=train_pipeline,
                 data_prefix=dict(img_path='images_detectron2/training',
                                  seg_map_path='annotations_detectron2/training')))
val_dataloader = dict(
    dataset=dict(ade20k_full, pipeline=test_pipeline,
                 data_prefix=dict(img_path='images_detectron2/validation',
                                  seg_map_path='annotations_detectron2/validation')))
test_dataloader = val_dataloader
val_evaluator = dict(type='IoUMetric', iou_metrics=['mIoU'], ignore_index=ignore_index)
test_evaluator = val_evaluator
