# CLIP4Cir stage 1 on CIRR: fine-tune both RN50x4 CLIP towers with the sum query (README recipe:
# AdamW 2e-6, constant, batch 128, 100 epochs, AMP, validation every epoch, best checkpoints by the
# arithmetic, harmonic and geometric means of the 7 recalls).
_base_ = ['../_base_/models/clip4cir_rn50x4.py', '../_base_/datasets/cirr.py',
          'mmpretrain::_base_/default_runtime.py',
          '../_base_/schedules/clip4cir_adamw-constant-100e.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

model = dict(
    mask_reference=True,
    prototype={{_base_.gallery_dataloader}})
# CIRR test1 (server only): set test_dataloader.dataset.split='test1', the prototype split to
# 'test1' and test_evaluator=dict(type='CIRRSubmission', outfile_prefix=...).
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=1,
                    save_best=['cirr/arithmetic_mean', 'cirr/harmonic_mean',
                               'cirr/geometric_mean'],
                    rule=['greater', 'greater', 'greater']))
env_cfg = dict(cudnn_benchmark=True)
