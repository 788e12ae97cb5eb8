# ICPC on DenseCLIP ViT-B/16: multi-scale alignment at strides 8 and 32 (on the ViT the
# attention-pool-like map already sits at stride 16); otherwise icpc_r50-fpn.py.
_base_ = './denseclip_vit-b16-fpn.py'
model = dict(
    prompt_generator=dict(type='InstancePromptGenerator', reduction=16, mode='shift',
                          input='global', zero_init_last=True),
    aligner=dict(type='MultiScaleAligner', stages=(1, 3)),
    feature_losses=dict(agc=dict(
        type='AlignGuidedContrastiveLoss', features='score_maps', tau=0.07, topk_neg=10,
        neg_mode='topk', scales='all', ignore_index=255, loss_weight=1.0)))
