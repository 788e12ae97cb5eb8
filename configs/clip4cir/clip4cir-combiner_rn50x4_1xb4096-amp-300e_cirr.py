# CLIP4Cir stage 2 on CIRR: Combiner on frozen stage-1 CLIP features (README recipe: Adam 2e-5,
# constant, batch 4096, 300 epochs, AMP with fp32 CLIP features, validation every epoch).
# Training images are encoded once by CIRFeatureCacheHook (clip4cir.md §9).
_base_ = ['./clip4cir-sum_rn50x4_1xb128-amp-100e_cirr.py']

# stage 1's best checkpoint (the file name carries its epoch: point this at it)
load_from = 'work_dirs/clip4cir-sum_rn50x4_1xb128-amp-100e_cirr/best_cirr_arithmetic_mean.pth'
model = dict(
    clip=dict(init_cfg=None, with_cp=False),
    combiner=dict(_delete_=True, type='Combiner', clip_dim=640, projection_dim=2560,
                  hidden_dim=5120),
    finetune='none')
train_dataloader = dict(
    batch_size=4096, num_workers=2, persistent_workers=False,
    dataset=dict(pipeline=[dict(type='PackInputs', meta_keys={{_base_.train_meta}})]))
optim_wrapper = dict(_delete_=True, type='AmpOptimWrapper', dtype='float16',
                     optimizer=dict(type='Adam', lr=2e-5))
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=300, val_interval=1)
custom_hooks = [dict(type='CIRFeatureCacheHook', pipeline={{_base_.gallery_pipeline}},
                     batch_size=256)]
