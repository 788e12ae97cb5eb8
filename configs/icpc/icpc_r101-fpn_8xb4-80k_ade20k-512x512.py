# ICPC, CLIP RN101 + Semantic FPN, on ADE20K (150 classes):
# 8 GPUs x 4 images, 80k iterations, 512x512 crops; the official recipe (see README).
_base_ = ['../_base_/models/icpc_r101-fpn.py', 'mmseg::_base_/datasets/ade20k.py',
          'mmseg::_base_/default_runtime.py', '../_base_/schedules/denseclip_adamw-poly-80k.py']
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
