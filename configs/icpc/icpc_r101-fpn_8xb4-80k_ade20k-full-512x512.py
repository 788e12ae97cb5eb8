# ICPC, CLIP RN101 + Semantic FPN, on ADE20K-Full (847 classes, void 65535):
# 8 GPUs x 4 images, 80k iterations, 512x512 crops; schedule as ADE20K (assumed).
_base_ = ['../_base_/models/icpc_r101-fpn.py', '../_base_/datasets/ade20k-full.py',
          'mmseg::_base_/default_runtime.py', '../_base_/schedules/denseclip_adamw-poly-80k.py']
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
model = dict(
    # B*K = 4*847 text sequences per GPU: chunk them with activation checkpointing.
    text_encoder=dict(text_chunk_size=512, with_cp=True),
    feature_losses=dict(agc=dict(ignore_index=65535)),
    data_preprocessor=dict(seg_pad_val=65535),
    class_names=dict(_delete_=True, file='data/ADE20K_2021_17_01/ade20k_full_classes.txt'),
    decode_head=dict(num_classes=847, ignore_index=65535),
    identity_head=dict(num_classes=847, ignore_index=65535))
