# CLIP4Cir stage 2 (Combiner, CLIP frozen) on the mini CIR set (FashionIQ layout), from the tiny
# FashionIQ stage-1 checkpoint; trains on features cached by CIRFeatureCacheHook (all four
# caption forms per triplet are cached; FIQCaptionMerge samples one per epoch).
_base_ = ['./clip4cir-sum_tiny_1xb16-10e_mini-cir-fashioniq-32x32.py']

load_from = ('work_dirs/clip4cir-sum_tiny_1xb16-10e_mini-cir-fashioniq-32x32/'
             'best_fashioniq_score_epoch_10.pth')
model = dict(
    combiner=dict(_delete_=True, type='Combiner', clip_dim={{_base_.embed_dim}},
                  projection_dim=256, hidden_dim=512),
    finetune='none')
train_dataloader = dict(
    batch_size=64,
    dataset=dict(pipeline=[dict(type='FIQCaptionMerge', training=True),
                           dict(type='PackInputs', meta_keys={{_base_.train_meta}})]))
optim_wrapper = dict(_delete_=True, type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-3))
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=30, val_interval=10)
custom_hooks = [dict(type='CIRFeatureCacheHook', pipeline={{_base_.gallery_pipeline}},
                     batch_size=256)]
