# CLIP4Cir stage 1 (sum combiner, fine-tune both towers), tiny CPU config on the mini CIR set in
# the CIRR layout (data/mini/cir/cirr_dataset; `python tools/dataset_converters/make_mini_datasets.py
# cir`). Validation at the end only, so the best checkpoint is best_cirr_avg_epoch_10.pth.
_base_ = ['../_base_/models/clip4cir_tiny.py', '../_base_/datasets/mini-cir-cirr.py',
          'mmpretrain::_base_/default_runtime.py',
          '../_base_/schedules/clip4cir_adamw-constant-10e.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

model = dict(
    mask_reference=True,  # CIRR removes the reference from its ranking
    prototype={{_base_.gallery_dataloader}})
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=10),
    checkpoint=dict(type='CheckpointHook', interval=10, max_keep_ckpts=1,
                    save_best=['cirr/avg'], rule='greater'))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0, deterministic=False)
