# ICPC (Yu et al., arXiv 2308.07078) as DenseCLIP RN50 configuration: instance-conditioned prompts +
# align-guided contrastive loss + multi-scale alignment at strides 8 and 16 (stride 32 keeps the
# attention-pool map, as in DenseCLIP). ICPC has no code: each part is the method spec's
# reconstruction (configs/icpc/README.md).
_base_ = './denseclip_r50-fpn.py'
model = dict(
    prompt_generator=dict(
        type='InstancePromptGenerator', reduction=16, mode='shift', input='global',
        zero_init_last=True),
    aligner=dict(type='MultiScaleAligner', stages=(1, 2)),
    feature_losses=dict(agc=dict(
        type='AlignGuidedContrastiveLoss', features='score_maps', tau=0.07, topk_neg=10,
        neg_mode='topk', scales='all', ignore_index=255, loss_weight=1.0)))
