# mmdet RetinaNet with ResNet-18 + FPN (as mmdet::retinanet/retinanet_r18_fpn_1x_coco.py) for
# one class on single-channel-as-RGB slices (no normalisation, BN trained), up to 20 boxes per
# image at any score. The config initialises the backbone (init_cfg Pretrained,
# prefix 'backbone.').
_base_ = ['mmdet::_base_/models/retinanet_r50_fpn.py']

model = dict(
    data_preprocessor=dict(mean=[0., 0., 0.], std=[1., 1., 1.], bgr_to_rgb=False,
                           pad_size_divisor=32),
    backbone=dict(depth=18, frozen_stages=-1, norm_eval=False),
    neck=dict(in_channels=[64, 128, 256, 512]),
    bbox_head=dict(num_classes=1),
    test_cfg=dict(score_thr=0.0, max_per_img=20))
