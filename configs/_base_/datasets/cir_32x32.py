# Composed image retrieval at 32 px: pad to 1.25:1, short edge to 32, centre crop 32; the
# training (reference, target) pair and the gallery images both go through it.
_base_ = ['./cir-format.py']

img_size = 32
image_pipeline = [
    dict(type='TargetPad', ratio=1.25),
    dict(type='ResizeEdge', scale=img_size, edge='short', interpolation='bicubic'),
    dict(type='CenterCrop', crop_size=img_size),
]
train_pipeline = [dict(type='LoadCIRPair', transforms=image_pipeline),
                  dict(type='PackInputs', meta_keys={{_base_.train_meta}})]
gallery_pipeline = [dict(type='LoadImageFromFile'), *image_pipeline,
                    dict(type='PackInputs', meta_keys=('sample_idx', 'category'))]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
gallery_dataloader = dict(dataset=dict(pipeline=gallery_pipeline))
