# CTP tiny config: 3 tasks on the mini P9D set (data/mini/p9d: scikit-learn digits 0-2, 3-5,
# 6-9 as three "industries", 32x32 images, templated English titles, toy vocab.txt; generate
# with `python tools/dataset_converters/make_mini_datasets.py`). One run per task:
#   python tools/continual_train.py configs/ctp/ctp_vit-tiny-bert-tiny_1xb16-20e-per-task_mini-p9d.py
# [mmcontrast] CPU-size choices, not the paper's: ViT 64-d x 2 layers (patch 8 on 32 px),
# ALBEF-BERT 64-d x 4 layers (fusion_layer=2), queue 64, batch 16, lr 1e-3 (random init),
# 20 epochs per task, no BERT dropout, no RandAugment/flip (a flip changes "slanted left/right").
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
_base_ = ['mmpretrain::_base_/default_runtime.py']

tasks = ('家居用品', '家装家饰', '食品/保健')
data_root = 'data/mini/p9d'
vocab_file = 'data/mini/p9d/vocab.txt'
vocab_size = 25  # 5 special tokens + 20 words (mmcontrast.mini_datasets.p9d)
img_size = 32

model = dict(
    type='CTPRetriever',
    task_id=0,
    vision_encoder=dict(
        type='VisionTransformer',
        arch=dict(embed_dims=64, num_layers=2, num_heads=4, feedforward_channels=128),
        img_size=img_size,
        patch_size=8,
        out_type='raw',
        final_norm=True,
        drop_rate=0.,
        drop_path_rate=0.),
    text_encoder=dict(
        type='ALBEFBertEncoder',
        vocab_size=vocab_size,
        hidden_size=64,
        num_layers=4,
        fusion_layer=2,
        num_heads=4,
        intermediate_size=128,
        encoder_width=64,
        max_position_embeddings=32,
        dropout=0.0),
    mlm_head=dict(type='ALBEFMLMHead', hidden_size=64, vocab_size=vocab_size),
    head=dict(type='CTPITCHead', temperature=0.07, use_queue=True),
    topology=dict(type='TopologyPreservationLoss', temperature=0.07),
    vision_width=64,
    text_width=64,
    embed_dim=32,
    queue_size=64,
    distill=True,
    momentum_rule=dict(
        type='CompatibleMomentumRule', momentum=0.005, student_weight=0.05,
        reference_weight=0.05),
    data_preprocessor=dict(
        type='ClsDataPreprocessor',
        mean=[122.771, 116.746, 104.094],
        std=[68.501, 66.632, 70.323],
        to_rgb=True))

text_keys = ['input_ids', 'attention_mask', 'mlm_input_ids', 'mlm_labels']
meta_keys = ['item_id', 'cate_name', 'task_idx', 'is_query', 'num_positives', 'sample_idx']
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=img_size, crop_ratio_range=(0.5, 1.0),
         interpolation='bicubic'),
    dict(type='CTPTokenize', vocab_file=vocab_file, max_length=16),
    dict(type='CTPMLMMask', vocab_file=vocab_file, mask_prob=0.15),
    dict(type='PackInputs', algorithm_keys=text_keys, meta_keys=meta_keys),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(img_size, img_size), interpolation='bicubic'),
    dict(type='CTPTokenize', vocab_file=vocab_file, max_length=16),
    dict(type='PackInputs', algorithm_keys=text_keys[:2], meta_keys=meta_keys),
]
train_dataloader = dict(
    batch_size=16,
    num_workers=0,
    drop_last=True,  # the queue needs a constant global batch
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type='P9DDataset', data_root=data_root, split='train', tasks=tasks,
                 task_id=0, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=32,
    num_workers=0,
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='P9DDataset', data_root=data_root, split='test', tasks=tasks,
                 task_id=0, pipeline=test_pipeline))
val_evaluator = dict(type='CrossModalRecall', topk=(1, 5, 10))
test_dataloader = dict(
    batch_size=32,
    num_workers=0,
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='P9DDataset', data_root=data_root, split='retrieval', tasks=tasks,
                 task_id=0, pipeline=test_pipeline))
test_evaluator = dict(type='CTPMultiModalmAP', ks=(1, 5, 10))

# ---- per task: AdamW + per-iteration cosine, re-created by every task's run ----
max_epochs = 20
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-3, betas=(0.9, 0.999), weight_decay=0.05))
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=max_epochs, T_max=max_epochs,
         eta_min=1e-5, convert_to_iter_based=True)
]
train_cfg = dict(by_epoch=True, max_epochs=max_epochs, val_interval=max_epochs)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(enable=False, base_batch_size=16)

custom_hooks = [dict(type='CTPTaskStartHook')]
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=5),
    checkpoint=dict(type='CheckpointHook', interval=max_epochs, max_keep_ckpts=1))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=42, deterministic=False)
