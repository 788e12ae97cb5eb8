# ICPC ablation on ADE20K, RN50: DenseCLIP + the instance-conditioned prompt generator only.
_base_ = './denseclip_r50-fpn_8xb4-80k_ade20k-512x512.py'
num_classes = 150
model = dict(
    type='DenseCLIP',
    prompt_generator=dict(type='InstancePromptGenerator', reduction=16, mode='shift',
                          input='global'),
    aligner=None)
