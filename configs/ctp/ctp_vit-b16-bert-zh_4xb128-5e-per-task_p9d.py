# CTP (Zhu et al., ICCV 2023) on P9D: ViT-B/16 (DeiT-base init) + ALBEF BERT (bert-base-chinese,
# fusion from layer 6), 9 tasks (industries), 5 epochs per task, 4 GPUs x 128 (spec §2-§5).
#   python tools/continual_train.py configs/ctp/ctp_vit-b16-bert-zh_4xb128-5e-per-task_p9d.py \
#       --launcher pytorch --nproc 4
# Weights: DeiT-base through mmpretrain's checkpoint (prefix 'backbone.'); bert-base-chinese
# converted once with `python tools/model_converters/ctp_bert2mmcontrast.py
# <hf pytorch_model.bin> pretrain/bert-base-chinese_albef.pth` (see configs/ctp/README.md).
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
_base_ = ['mmpretrain::_base_/default_runtime.py']

tasks = ('家居用品', '家装家饰', '食品/保健', '美容护理', '服饰鞋包', '车品配件', '母婴', '运动/户外',
         '3C数码')
data_root = 'data/p9d'
vocab_file = 'data/p9d/bert-base-chinese/vocab.txt'
deit_ckpt = ('https://download.openmmlab.com/mmclassification/v0/deit/'
             'deit-base_pt-16xb64_in1k_20220216-db63c16c.pth')
bert_ckpt = 'pretrain/bert-base-chinese_albef.pth'

model = dict(
    type='CTPRetriever',
    task_id=0,
    vision_encoder=dict(
        type='VisionTransformer',
        arch='deit-base',
        img_size=224,
        patch_size=16,
        out_type='raw',
        final_norm=True,
        init_cfg=dict(type='Pretrained', checkpoint=deit_ckpt, prefix='backbone.')),
    text_encoder=dict(
        type='ALBEFBertEncoder',
        vocab_size=21128,
        hidden_size=768,
        num_layers=12,
        fusion_layer=6,
        num_heads=12,
        intermediate_size=3072,
        encoder_width=768,
        init_cfg=dict(type='Pretrained', checkpoint=bert_ckpt, prefix='text_encoder.')),
    mlm_head=dict(
        type='ALBEFMLMHead', hidden_size=768, vocab_size=21128,
        init_cfg=dict(type='Pretrained', checkpoint=bert_ckpt, prefix='mlm_head.')),
    head=dict(type='CTPITCHead', temperature=0.07, use_queue=True),
    topology=dict(type='TopologyPreservationLoss', temperature=0.07),
    vision_width=768,
    text_width=768,
    embed_dim=256,
    queue_size=1024,
    distill=True,
    momentum_rule=dict(
        type='CompatibleMomentumRule', momentum=0.005, student_weight=0.05,
        reference_weight=0.05),
    mlm_temperature=1.0,
    data_preprocessor=dict(
        type='ClsDataPreprocessor',
        mean=[122.771, 116.746, 104.094],
        std=[68.501, 66.632, 70.323],
        to_rgb=True))

text_keys = ['input_ids', 'attention_mask', 'mlm_input_ids', 'mlm_labels']
meta_keys = ['item_id', 'cate_name', 'task_idx', 'is_query', 'num_positives', 'sample_idx']
# BLIP-style RandAugment (N=2, magnitude 5 of 10) over the spec's ops; mmpretrain ops, so the
# magnitudes are mmpretrain's (exact BLIP-op parity is not required, spec §4). Identity is the
# op list's implicit no-op (mmpretrain has no Identity op).
rand_policies = [
    dict(type='AutoContrast'),
    dict(type='Brightness', magnitude_range=(0, 0.9)),
    dict(type='Sharpness', magnitude_range=(0, 0.9)),
    dict(type='Equalize'),
    dict(type='Shear', magnitude_range=(0, 0.3), direction='horizontal'),
    dict(type='Shear', magnitude_range=(0, 0.3), direction='vertical'),
    dict(type='Translate', magnitude_range=(0, 0.45), direction='horizontal'),
    dict(type='Translate', magnitude_range=(0, 0.45), direction='vertical'),
    dict(type='Rotate', magnitude_range=(0, 30)),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=224, crop_ratio_range=(0.2, 1.0),
         interpolation='bicubic'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='RandAugment', policies=rand_policies, num_policies=2, magnitude_level=5,
         total_level=10),
    dict(type='CTPTokenize', vocab_file=vocab_file, max_length=30),
    dict(type='CTPMLMMask', vocab_file=vocab_file, mask_prob=0.15),
    dict(type='PackInputs', algorithm_keys=text_keys, meta_keys=meta_keys),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(224, 224), interpolation='bicubic'),
    dict(type='CTPTokenize', vocab_file=vocab_file, max_length=30),
    dict(type='PackInputs', algorithm_keys=text_keys[:2], meta_keys=meta_keys),
]
train_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    drop_last=True,  # the queue (1024) needs a constant global batch (512)
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type='P9DDataset', data_root=data_root, split='train', tasks=tasks,
                 task_id=0, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=128,
    num_workers=8,
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='P9DDataset', data_root=data_root, split='test', tasks=tasks,
                 task_id=0, pipeline=test_pipeline))
val_evaluator = dict(type='CrossModalRecall', topk=(1, 5, 10), chunk_size=512)
test_dataloader = dict(
    batch_size=128,
    num_workers=8,
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='P9DDataset', data_root=data_root, split='retrieval', tasks=tasks,
                 task_id=0, positives_from='all', pipeline=test_pipeline))
test_evaluator = dict(type='CTPMultiModalmAP', ks=(1, 5, 10), chunk_size=512)

# ---- per task (re-created by every task's run): AdamW, per-iteration cosine, no warm-up ----
max_epochs = 5
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-4, betas=(0.9, 0.999), weight_decay=0.05))
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=max_epochs, T_max=max_epochs,
         eta_min=1e-6, convert_to_iter_based=True)
]
train_cfg = dict(by_epoch=True, max_epochs=max_epochs, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(enable=False, base_batch_size=512)

custom_hooks = [dict(type='CTPTaskStartHook')]
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50),
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=2))
randomness = dict(seed=42, diff_rank_seed=True)
