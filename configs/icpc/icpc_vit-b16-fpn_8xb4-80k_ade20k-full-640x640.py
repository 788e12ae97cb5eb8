# ICPC, CLIP ViT-B/16 + Semantic FPN, on ADE20K-Full (847 classes, void 65535):
# 8 GPUs x 4 images, 80k iterations, 640x640 crops; schedule as ADE20K (assumed).
_base_ = ['../_base_/models/icpc_vit-b16-fpn.py', '../_base_/models/denseclip_ade20k-full.py',
          '../_base_/datasets/ade20k-full_640x640.py', 'mmseg::_base_/default_runtime.py',
          '../_base_/schedules/denseclip_adamw-poly-80k.py']
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
model = _base_.icpc_ade20k_full
