# SMMCL on NYUDv2 (RGB-D, 40 classes), MSCAN-B. [recon]: the NYUDv2 code is not released; the
# LLRGBD recipe is kept and the README's evaluation epoch (600) is used: 795 // 16 + 1 = 50
# iterations/epoch, poly over 1000 epochs (50,000 iterations), 10-epoch warm-up, stop at 30,000
# (smmcl_adamw-poly-30k.py).
_base_ = [
    'mmseg::_base_/default_runtime.py',
    '../_base_/models/smmcl_dual-mscan-b-lightham.py',
    '../_base_/datasets/nyudv2.py',
    '../_base_/schedules/smmcl_adamw-poly-30k.py',
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
model = dict(decode_head=dict(num_classes=40))
