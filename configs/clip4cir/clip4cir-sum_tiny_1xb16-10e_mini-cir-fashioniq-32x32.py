# CLIP4Cir stage 1 (sum combiner) tiny CPU config on the mini CIR set in the FashionIQ layout
# (three "categories" of bases in one dataset; data/mini/cir/fashionIQ_dataset).
_base_ = ['../_base_/models/clip4cir_tiny.py', '../_base_/datasets/mini-cir-fashioniq.py',
          'mmpretrain::_base_/default_runtime.py',
          '../_base_/schedules/clip4cir_adamw-constant-10e.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

model = dict(
    mask_reference=False,  # FashionIQ keeps the reference in the ranking
    mask_other_groups=True,  # and ranks only the query's category
    prototype={{_base_.gallery_dataloader}})
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=10),
    checkpoint=dict(type='CheckpointHook', interval=10, max_keep_ckpts=1,
                    save_best=['fashioniq/score'], rule='greater'))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0, deterministic=False)
