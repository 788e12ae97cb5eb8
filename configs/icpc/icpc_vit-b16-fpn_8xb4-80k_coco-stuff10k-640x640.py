# ICPC, CLIP ViT-B/16 + Semantic FPN, on COCO-Stuff-10k (171 classes, mmseg's converter):
# 8 GPUs x 4 images, 80k iterations, 640x640 crops; schedule as ADE20K (assumed).
_base_ = ['../_base_/models/icpc_vit-b16-fpn.py', '../_base_/datasets/coco-stuff10k_640x640.py',
          'mmseg::_base_/default_runtime.py', '../_base_/schedules/denseclip_adamw-poly-80k.py']
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
model = dict(class_names=dict(dataset='COCOStuffDataset'),
             decode_head=dict(num_classes=171), identity_head=dict(num_classes=171))
