# COCO-Stuff-10k (171 classes) at 640x640 crops: mmseg's COCO-Stuff-10k settings with DenseCLIP's
# 640 pipelines.
_base_ = ['mmseg::_base_/datasets/coco-stuff10k.py', './denseclip-pipelines_640x640.py']
crop_size = (640, 640)
train_pipeline = _base_.train_pipeline_640
test_pipeline = _base_.test_pipeline_640
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
