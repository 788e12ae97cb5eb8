# ICPC ablation on ADE20K, RN50: DenseCLIP + the multi-scale alignment only
# (score maps at strides 8 and 16).
_base_ = './denseclip_r50-fpn_8xb4-80k_ade20k-512x512.py'
num_classes = 150
model = dict(
    type='DenseCLIP',
    prompt_generator=None,
    aligner=dict(type='MultiScaleAligner', stages=(1, 2)))
