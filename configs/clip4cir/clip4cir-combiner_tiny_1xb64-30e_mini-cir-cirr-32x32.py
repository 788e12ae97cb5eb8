# CLIP4Cir stage 2 (Combiner, CLIP frozen) on the mini CIR set (CIRR layout), starting from the
# tiny stage-1 checkpoint (train clip4cir-sum_tiny_1xb16-10e_mini-cir-cirr-32x32.py first).
# Training runs on features pre-extracted once by CIRFeatureCacheHook: no image is loaded during
# an epoch. [mmcontrast] CPU-size Combiner (projection 256, hidden 512), Adam lr 1e-3.
_base_ = ['./clip4cir-sum_tiny_1xb16-10e_mini-cir-cirr-32x32.py']

load_from = 'work_dirs/clip4cir-sum_tiny_1xb16-10e_mini-cir-cirr-32x32/best_cirr_avg_epoch_10.pth'

model = dict(
    combiner=dict(_delete_=True, type='Combiner', clip_dim={{_base_.embed_dim}},
                  projection_dim=256, hidden_dim=512),
    finetune='none')
train_dataloader = dict(
    batch_size=64,
    dataset=dict(pipeline=[dict(type='PackInputs', meta_keys={{_base_.train_meta}})]))
optim_wrapper = dict(_delete_=True, type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-3))
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=30, val_interval=10)
custom_hooks = [dict(type='CIRFeatureCacheHook', pipeline={{_base_.gallery_pipeline}},
                     batch_size=256)]
