# Tiny supervised baseline on the mini splicing set: the tiny HRNet of the FOCAL tiny config
# (all four branches) + FCN head, cross-entropy on pristine/forged, same data, metric, schedule.
_base_ = ['./focal-v1-kmeans_hrnet-tiny_1xb4-200iter_mini-forgery-128x128.py',
          '../_base_/models/focal_supervised-fcn.py']
model = dict(
    _base_.supervised_fcn,
    _delete_=True,
    data_preprocessor=_base_.model.data_preprocessor,
    backbone=dict(_base_.supervised_fcn.backbone, extra=_base_.hrnet_tiny.extra),
    decode_head=dict(_base_.supervised_fcn.decode_head, in_channels=[8, 16, 32, 64], channels=120))
# the data base's training steps with the mask kept at the input size (gt_ratio 1)
train_pipeline = [*_base_.load, _base_.augment, dict(_base_.resize, gt_ratio=1), _base_.pack]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
