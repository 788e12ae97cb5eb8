# Tiny CLIP4Cir for CPU runs on the mini CIR set (no data here). [mmcontrast] CPU-size choices,
# not the paper's: a randomly initialised tiny CLIP (modified ResNet (1,1,1,1) width 16 with the
# attention pool + 2-layer text transformer over the real CLIP BPE, 64-d joint space), 32 px
# crops, AdamW lr 5e-4 (the paper fine-tunes pretrained RN50x4 at 2e-6), fp32.
_base_ = ['mmpretrain::_base_/default_runtime.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

img_size = 32
embed_dim = 64
image_pipeline = [
    dict(type='TargetPad', ratio=1.25),
    dict(type='ResizeEdge', scale=img_size, edge='short', interpolation='bicubic'),
    dict(type='CenterCrop', crop_size=img_size),
]
gallery_pipeline = [dict(type='LoadImageFromFile'), *image_pipeline,
                    dict(type='PackInputs', meta_keys=('sample_idx', 'category'))]
train_meta = ('caption', 'ref_path', 'tgt_path', 'tgt_id', 'pairid')
query_meta = ('caption', 'ref_idx', 'tgt_idx', 'member_idx', 'category', 'pairid')

model = dict(
    type='ComposedImageRetriever',
    clip=dict(
        type='OpenAICLIPEncoder',
        backbone=dict(type='CLIPResNetWithAttention', layers=(1, 1, 1, 1), width=16,
                      output_dim=embed_dim, input_resolution=img_size),
        text_encoder=dict(type='CLIPTextContextEncoder', context_length=16,
                          transformer_width=64, transformer_heads=4, transformer_layers=2,
                          embed_dim=embed_dim),
        with_cp=False),
    combiner=dict(type='SumCombiner', clip_dim=embed_dim),
    finetune='both',
    encoders_eval=True,
    logit_scale=100.,
    dedup_targets=True,
    topk=50,
    data_preprocessor=dict(type='CIRDataPreprocessor'))

optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=5e-4, betas=(0.9, 0.999), eps=1e-7, weight_decay=0.01))
param_scheduler = []  # constant, as the paper
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=10, val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
custom_hooks = [dict(type='PrepareProtoBeforeValLoopHook')]
default_hooks = dict(logger=dict(type='LoggerHook', interval=10))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0, deterministic=False)
