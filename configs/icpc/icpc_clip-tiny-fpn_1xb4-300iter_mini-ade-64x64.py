# Tiny ICPC on the mini ADE20K set: the tiny DenseCLIP + instance-conditioned prompts,
# multi-scale alignment (strides 8 and 16) and the align-guided contrastive loss (k = 2 of the
# 3 negatives, since K = 4). Same seed and schedule as the DenseCLIP/FPN tiny configs.
_base_ = './denseclip_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py'
num_classes = 4
model = dict(
    type='DenseCLIP',
    prompt_generator=dict(type='InstancePromptGenerator', reduction=16, mode='shift'),
    aligner=dict(type='MultiScaleAligner', stages=(1, 2)),
    feature_losses=dict(agc=dict(type='AlignGuidedContrastiveLoss', features='score_maps',
                                 tau=0.07, topk_neg=2, loss_weight=1.0)))
