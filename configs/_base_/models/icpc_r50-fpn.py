# ICPC (Yu et al., arXiv 2308.07078) on DenseCLIP RN50: instance-conditioned prompts +
# align-guided contrastive loss + multi-scale alignment at strides 8 and 16 (stride 32 keeps the
# attention-pool map, as in DenseCLIP). ICPC has no code: each part is the method spec's
# reconstruction (configs/icpc/README.md).
_base_ = './denseclip_r50-fpn.py'
num_classes = 150
model = dict(
    type='ICPC',
    neck=dict(in_channels=[256, 512 + num_classes, 1024 + num_classes, 2048 + num_classes]),
    prompt_generator=dict(
        type='InstancePromptGenerator', reduction=16, mode='shift', input='global',
        zero_init_last=True),
    aligner=dict(type='MultiScaleAligner', stages=(1, 2)),
    agc_loss=dict(
        type='AlignGuidedContrastiveLoss', tau=0.07, topk_neg=10, neg_mode='topk', scales='all',
        ignore_index=255, loss_weight=1.0))
