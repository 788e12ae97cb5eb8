# Supervised-segmentation baseline on FOCAL's data: the same HRNet-W32 (random init, all four
# branches) + an FCN head classifying pristine/forged with cross-entropy, trained and evaluated
# exactly like FOCAL (same pipeline with the mask at full resolution, same metric and schedule).
_base_ = ['./focal-v1-kmeans_hrnet-w32_4xb1-190k_tampcoco-1024x1024.py',
          '../_base_/models/focal_supervised-fcn.py']
model = dict(
    _base_.supervised_fcn,
    _delete_=True,
    data_preprocessor=_base_.model.data_preprocessor,
    backbone=dict(_base_.supervised_fcn.backbone, extra=_base_.hrnet_w32.extra),
    decode_head=dict(_base_.supervised_fcn.decode_head, in_channels=[32, 64, 128, 256],
                     channels=480))
# the data base's training steps, dense supervision at full size (gt_ratio 1)
train_pipeline = [*_base_.load, _base_.augment, dict(_base_.resize, gt_ratio=1), _base_.pack]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
