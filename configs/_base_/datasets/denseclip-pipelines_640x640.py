# DenseCLIP's 640x640 pipelines (scale (2048, 640); mmseg's ade20k_640x640.py uses 2560) for
# 8-bit label maps with reduce_zero_label, as the ADE20K and COCO-Stuff-10k bases use them. No
# dataset here and names of their own, so that a dataset base can list it next to mmseg's base.
train_pipeline_640 = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', reduce_zero_label=True),
    dict(type='RandomResize', scale=(2048, 640), ratio_range=(0.5, 2.0), keep_ratio=True),
    dict(type='RandomCrop', crop_size=(640, 640), cat_max_ratio=0.75),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PhotoMetricDistortion'),
    dict(type='PackSegInputs')
]
test_pipeline_640 = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(2048, 640), keep_ratio=True),
    dict(type='LoadAnnotations', reduce_zero_label=True),
    dict(type='PackSegInputs')
]
