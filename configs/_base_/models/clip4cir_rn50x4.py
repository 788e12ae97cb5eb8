# CLIP4Cir on OpenAI CLIP RN50x4 (288 px, joint dim 640). Convert the OpenAI weights once:
#   python tools/model_converters/clip2mmcontrast.py RN50x4.pt checkpoints/clip_rn50x4.pth
_base_ = ['./clip4cir_clip.py']

embed_dim = 640
clip_checkpoint = 'checkpoints/clip_rn50x4.pth'
model = dict(
    clip=dict(
        backbone=dict(layers=(4, 6, 10, 6), width=80, output_dim=embed_dim,
                      input_resolution=288),
        text_encoder=dict(context_length=77, transformer_width=640, transformer_heads=10,
                          transformer_layers=12, embed_dim=embed_dim),
        with_cp=True,  # batch 128 at 288 px needs it on a 24 GB GPU (issue #10)
        init_cfg=dict(type='Pretrained', checkpoint=clip_checkpoint)),
    combiner=dict(clip_dim=embed_dim),
    score_chunk=1024)
