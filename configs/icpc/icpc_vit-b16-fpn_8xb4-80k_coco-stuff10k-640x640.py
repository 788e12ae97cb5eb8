# ICPC (Yu et al., arXiv 2308.07078) on top of denseclip_vit-b16-fpn_8xb4-80k_coco-stuff10k-640x640:
# instance-conditioned prompts + align-guided contrastive loss + multi-scale alignment at
# strides 8 and 32 (on the ViT the attention-pool-like map already sits at stride 16).
# ICPC has no code: each part is the method spec's reconstruction (configs/icpc/README.md).
_base_ = './denseclip_vit-b16-fpn_8xb4-80k_coco-stuff10k-640x640.py'
num_classes = 171
model = dict(
    type='DenseCLIP',
    prompt_generator=dict(
        type='InstancePromptGenerator', reduction=16, mode='shift', input='global',
        zero_init_last=True),
    aligner=dict(type='MultiScaleAligner', stages=(1, 3)),
    feature_losses=dict(agc=dict(
        type='AlignGuidedContrastiveLoss', features='score_maps', tau=0.07, topk_neg=10,
        neg_mode='topk', scales='all', ignore_index=255, loss_weight=1.0)))
