# CTP at paper size: ViT-B/16 (DeiT-base init) + ALBEF BERT (bert-base-chinese, fusion from
# layer 6), joint dim 256, queue 1024. Weights: DeiT-base through mmpretrain's checkpoint (prefix
# 'backbone.'); bert-base-chinese converted once with `python
# tools/model_converters/ctp_bert2mmcontrast.py <hf pytorch_model.bin>
# pretrain/bert-base-chinese_albef.pth` (see configs/ctp/README.md).
_base_ = ['./ctp_vit-albef-bert.py']

deit_ckpt = ('https://download.openmmlab.com/mmclassification/v0/deit/'
             'deit-base_pt-16xb64_in1k_20220216-db63c16c.pth')
bert_ckpt = 'pretrain/bert-base-chinese_albef.pth'
model = dict(
    vision_encoder=dict(
        arch='deit-base', img_size=224, patch_size=16,
        init_cfg=dict(type='Pretrained', checkpoint=deit_ckpt, prefix='backbone.')),
    text_encoder=dict(
        vocab_size=21128, hidden_size=768, num_layers=12, fusion_layer=6, num_heads=12,
        intermediate_size=3072, encoder_width=768,
        init_cfg=dict(type='Pretrained', checkpoint=bert_ckpt, prefix='text_encoder.')),
    mlm_head=dict(
        hidden_size=768, vocab_size=21128,
        init_cfg=dict(type='Pretrained', checkpoint=bert_ckpt, prefix='mlm_head.')),
    vision_width=768,
    text_width=768,
    embed_dim=256,
    queue_size=1024,
    mlm_temperature=1.0)
