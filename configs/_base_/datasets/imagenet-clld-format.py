# CLLD pretraining on an ImageNet folder layout (labels unused), without a data root or crop
# size: the photometric part of a view, the 224 random patch mask of the masked copy, the packed
# keys and the loader skeleton. A dataset base (imagenet_bs128_clld, mini-photos) sets data_root,
# the view crop, the training pipeline and the batch size.
dataset_type = 'ImageNet'
view_augment = [
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.8, contrast=0.8, saturation=0.8,
                          hue=0.2)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
    dict(type='GaussianBlur', radius=3, prob=0.3),
    dict(type='Solarize', thr=128, prob=0.3),  # = PIL threshold 127.5 on uint8
]
patch_mask = dict(type='RandomPatchMask', size=224, cell=14, ratio=0.3)
pack = dict(type='PackInputs', meta_keys=('img_path', 'crop_bbox', 'flip', 'ori_shape',
                                          'masked_view'))
train_dataloader = dict(
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, split='train'))
