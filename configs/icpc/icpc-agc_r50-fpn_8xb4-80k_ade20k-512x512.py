# ICPC ablation on ADE20K, RN50: DenseCLIP + the align-guided contrastive loss only
# (on the attention-pool score map).
_base_ = './denseclip_r50-fpn_8xb4-80k_ade20k-512x512.py'
num_classes = 150
model = dict(
    type='DenseCLIP',
    prompt_generator=None,
    aligner=None,
    feature_losses=dict(agc=dict(type='AlignGuidedContrastiveLoss', features='score_maps',
                                 tau=0.07, topk_neg=10, loss_weight=1.0)))
