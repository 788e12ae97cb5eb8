# SMMCL on MFNet (RGB-thermal), MSCAN-B. [recon]: the MFNet code is not released; the LLRGBD
# recipe is kept and the README's evaluation epoch (300) is used: 784 // 16 + 1 = 50
# iterations/epoch, poly over 1000 epochs (50,000 iterations), 10-epoch warm-up, stop at 15,000
# (smmcl_adamw-poly-15k.py).
_base_ = [
    'mmseg::_base_/default_runtime.py',
    '../_base_/models/smmcl_dual-mscan-b-lightham.py',
    '../_base_/datasets/mfnet.py',
    '../_base_/schedules/smmcl_adamw-poly-15k.py',
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
model = dict(decode_head=dict(num_classes=9))
