# FOCAL with the HRNet-W32 extractor (pose-HRNet layout, random init, highest-resolution branch
# only): (B, 32, 256, 256) features (output stride 4); otherwise focal_vit-sam-l.py.
_base_ = './focal_vit-sam-l.py'
hrnet_w32 = dict(
    type='HRNet',
    norm_cfg=dict(type='BN', requires_grad=True),  # official: plain BN, 1 image per GPU
    norm_eval=False,
    multiscale_output=False,  # fuse into the highest-resolution branch only
    extra=dict(
        stage1=dict(num_modules=1, num_branches=1, block='BOTTLENECK', num_blocks=(4, ),
                    num_channels=(64, )),
        stage2=dict(num_modules=1, num_branches=2, block='BASIC', num_blocks=(4, 4),
                    num_channels=(32, 64)),
        stage3=dict(num_modules=4, num_branches=3, block='BASIC', num_blocks=(4, 4, 4),
                    num_channels=(32, 64, 128)),
        stage4=dict(num_modules=3, num_branches=4, block='BASIC', num_blocks=(4, 4, 4, 4),
                    num_channels=(32, 64, 128, 256))))
model = dict(extractors=[hrnet_w32])
