# CLIP4Cir's composed-image retriever without sizes: an OpenAI CLIP (modified ResNet with the
# attention pool + text transformer) whose two features a combiner fuses (stage 1: the sum, both
# towers fine-tuned, BN in eval), ranked against the gallery features by cosine x 100; the
# gallery is encoded before every validation. A size base (clip4cir_rn50x4, clip4cir_tiny) sets
# the towers and `embed_dim`.
model = dict(
    type='ComposedImageRetriever',
    clip=dict(
        type='OpenAICLIPEncoder',
        backbone=dict(type='CLIPResNetWithAttention'),
        text_encoder=dict(type='CLIPTextContextEncoder')),
    combiner=dict(type='SumCombiner'),
    finetune='both',
    encoders_eval=True,
    logit_scale=100.,
    dedup_targets=True,
    topk=50,
    data_preprocessor=dict(type='CIRDataPreprocessor'))
custom_hooks = [dict(type='PrepareProtoBeforeValLoopHook')]
