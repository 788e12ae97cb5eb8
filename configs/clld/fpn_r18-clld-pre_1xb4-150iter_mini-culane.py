# Tiny lane fine-tune from a tiny CLLD/PixPro pretraining, exported to torchvision names:
#   python tools/train.py configs/clld/clld_resnet18_1xb4-100iter_mini-photos-112.py \
#       --work-dir work_dirs/clld_tiny
#   python tools/model_converters/clld2torchvision.py work_dirs/clld_tiny/iter_100.pth \
#       work_dirs/clld_tiny/r18_tv.pth
#   python tools/train.py configs/clld/fpn_r18-clld-pre_1xb4-150iter_mini-culane.py
# (another export: --cfg-options model.backbone.init_cfg.checkpoint=<exported.pth>)
_base_ = './fpn_r18_1xb4-150iter_mini-culane.py'
model = dict(backbone=dict(
    init_cfg=dict(type='Pretrained', checkpoint='work_dirs/clld_tiny/r18_tv.pth')))
