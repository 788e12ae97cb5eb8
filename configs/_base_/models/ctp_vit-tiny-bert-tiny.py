# CTP at CPU size ([mmcontrast] choices, not the paper's): ViT 64-d x 2 layers (patch 8 on 32 px),
# ALBEF-BERT 64-d x 4 layers (fusion_layer=2) over the mini P9D toy vocabulary, no dropout,
# joint dim 32, queue 64, random init.
_base_ = ['./ctp_vit-albef-bert.py']

vocab_size = 25  # 5 special tokens + 20 words (mmcontrast.mini_datasets.p9d)
model = dict(
    vision_encoder=dict(
        arch=dict(embed_dims=64, num_layers=2, num_heads=4, feedforward_channels=128),
        img_size=32, patch_size=8, drop_rate=0., drop_path_rate=0.),
    text_encoder=dict(
        vocab_size=vocab_size, hidden_size=64, num_layers=4, fusion_layer=2, num_heads=4,
        intermediate_size=128, encoder_width=64, max_position_embeddings=32, dropout=0.0),
    mlm_head=dict(hidden_size=64, vocab_size=vocab_size),
    vision_width=64,
    text_width=64,
    embed_dim=32,
    queue_size=64)
