# What DenseCLIP and ICPC change on ADE20K-Full (847 classes read from the converter's class-name
# file; void = 65535, 255 being a real class), for every backbone. No `model` here: an ADE20K-Full
# config lists this file next to its model base and sets `model = _base_.denseclip_ade20k_full`
# (DenseCLIP) or `_base_.icpc_ade20k_full` (ICPC).
void = 65535
denseclip_ade20k_full = dict(
    data_preprocessor=dict(seg_pad_val=void),
    class_names=dict(_delete_=True, file='data/ADE20K_2021_17_01/ade20k_full_classes.txt'),
    decode_head=dict(num_classes=847, ignore_index=void),
    identity_head=dict(num_classes=847, ignore_index=void))
icpc_ade20k_full = dict(
    denseclip_ade20k_full,
    # B*K = 4*847 instance-conditioned text sequences per GPU: chunk them with checkpointing.
    text_encoder=dict(text_chunk_size=512, with_cp=True),
    feature_losses=dict(agc=dict(ignore_index=void)))
