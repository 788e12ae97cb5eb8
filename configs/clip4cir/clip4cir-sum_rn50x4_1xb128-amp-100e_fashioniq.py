# CLIP4Cir stage 1 on FashionIQ (dress, shirt, toptee trained together): fine-tune both RN50x4
# CLIP towers with the sum query (README recipe: AdamW 2e-6, constant, batch 128, 100 epochs,
# AMP, validation every epoch, best checkpoint by (mean R@10 + mean R@50) / 2).
_base_ = ['../_base_/models/clip4cir_rn50x4.py', '../_base_/datasets/fashioniq.py',
          'mmpretrain::_base_/default_runtime.py',
          '../_base_/schedules/clip4cir_adamw-constant-100e.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

model = dict(
    mask_reference=False,  # FashionIQ keeps the reference
    mask_other_groups=True,  # and ranks each category's own gallery
    prototype={{_base_.gallery_dataloader}})
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=1,
                    save_best=['fashioniq/score'], rule='greater'))
env_cfg = dict(cudnn_benchmark=True)
