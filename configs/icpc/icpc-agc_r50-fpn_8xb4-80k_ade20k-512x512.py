# ICPC ablation on ADE20K, RN50: DenseCLIP + the align-guided contrastive loss only
# (on the attention-pool score map).
_base_ = './denseclip_r50-fpn_8xb4-80k_ade20k-512x512.py'
num_classes = 150
model = dict(
    type='ICPC',
    prompt_generator=None,
    aligner=None,
    agc_loss=dict(type='AlignGuidedContrastiveLoss', tau=0.07, topk_neg=10, loss_weight=1.0))
