# CTP's retriever without sizes: a ViT image encoder, an ALBEF BERT text/fusion encoder with its
# MLM head, the ITC head with a queue, the topology-preservation loss and the compatible momentum
# rule (spec §2-§3). A size base (ctp_vit-b16-bert-zh, ctp_vit-tiny-bert-tiny) sets the encoders.
model = dict(
    type='CTPRetriever',
    task_id=0,
    vision_encoder=dict(type='VisionTransformer', out_type='raw', final_norm=True),
    text_encoder=dict(type='ALBEFBertEncoder'),
    mlm_head=dict(type='ALBEFMLMHead'),
    head=dict(type='CTPITCHead', temperature=0.07, use_queue=True),
    topology=dict(type='TopologyPreservationLoss', temperature=0.07),
    distill=True,
    momentum_rule=dict(
        type='CompatibleMomentumRule', momentum=0.005, student_weight=0.05,
        reference_weight=0.05),
    # ClsDataPreprocessor that also passes caption-only batches (retrieval inferencers)
    data_preprocessor=dict(
        type='CTPDataPreprocessor',
        mean=[122.771, 116.746, 104.094],
        std=[68.501, 66.632, 70.323],
        to_rgb=True))
# The model's task copies (momentum; reference from task 1 on) are taken when each task starts.
custom_hooks = [dict(type='CTPTaskStartHook')]
