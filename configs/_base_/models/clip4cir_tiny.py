# Tiny CLIP4Cir for CPU runs ([mmcontrast] CPU-size choices, not the paper's): a randomly
# initialised tiny CLIP (modified ResNet (1,1,1,1) width 16 with the attention pool + 2-layer
# text transformer over the real CLIP BPE, 64-d joint space) on 32 px crops.
_base_ = ['./clip4cir_clip.py']

embed_dim = 64
model = dict(
    clip=dict(
        backbone=dict(layers=(1, 1, 1, 1), width=16, output_dim=embed_dim,
                      input_resolution=32),
        text_encoder=dict(context_length=16, transformer_width=64, transformer_heads=4,
                          transformer_layers=2, embed_dim=embed_dim),
        with_cp=False),
    combiner=dict(clip_dim=embed_dim))
