# CLIP4Cir model + stage-1 recipe shared by the CIRR and FashionIQ configs (no data here).
# OpenAI CLIP RN50x4 (288 px, joint dim 640). Convert the OpenAI weights once:
#   python tools/model_converters/clip2mmcontrast.py RN50x4.pt checkpoints/clip_rn50x4.pth
_base_ = ['mmpretrain::_base_/default_runtime.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

img_size = 288
embed_dim = 640
clip_checkpoint = 'checkpoints/clip_rn50x4.pth'
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
        backbone=dict(type='CLIPResNetWithAttention', layers=(4, 6, 10, 6), width=80,
                      output_dim=embed_dim, input_resolution=img_size),
        text_encoder=dict(type='CLIPTextContextEncoder', context_length=77,
                          transformer_width=640, transformer_heads=10, transformer_layers=12,
                          embed_dim=embed_dim),
        with_cp=True,  # batch 128 at 288 px needs it on a 24 GB GPU (issue #10)
        init_cfg=dict(type='Pretrained', checkpoint=clip_checkpoint)),
    combiner=dict(type='SumCombiner', clip_dim=embed_dim),
    finetune='both',
    encoders_eval=True,
    logit_scale=100.,
    dedup_targets=True,
    topk=50,
    score_chunk=1024,
    data_preprocessor=dict(type='CIRDataPreprocessor'))

# stage 1: AdamW 2e-6 (README; the paper text says 1e-6), constant, AMP, batch 128, 100 epochs
optim_wrapper = dict(
    type='AmpOptimWrapper', dtype='float16',
    optimizer=dict(type='AdamW', lr=2e-6, betas=(0.9, 0.999), eps=1e-7, weight_decay=0.01))
param_scheduler = []
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
custom_hooks = [dict(type='PrepareProtoBeforeValLoopHook')]
env_cfg = dict(cudnn_benchmark=True)
