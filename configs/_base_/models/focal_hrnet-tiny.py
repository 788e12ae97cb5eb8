# Tiny FOCAL for CPU runs: a tiny HRNet (channels 8/16/32/64, one block per branch) at 128x128
# -> (B, 8, 32, 32) features; otherwise focal_hrnet-w32.py.
_base_ = './focal_hrnet-w32.py'
hrnet_tiny = dict(
    type='HRNet',
    norm_cfg=dict(type='BN', requires_grad=True),
    norm_eval=False,
    multiscale_output=False,
    extra=dict(
        stage1=dict(num_modules=1, num_branches=1, block='BOTTLENECK', num_blocks=(1, ),
                    num_channels=(8, )),
        stage2=dict(num_modules=1, num_branches=2, block='BASIC', num_blocks=(1, 1),
                    num_channels=(8, 16)),
        stage3=dict(num_modules=1, num_branches=3, block='BASIC', num_blocks=(1, 1, 1),
                    num_channels=(8, 16, 32)),
        stage4=dict(num_modules=1, num_branches=4, block='BASIC', num_blocks=(1, 1, 1, 1),
                    num_channels=(8, 16, 32, 64))))
model = dict(data_preprocessor=dict(size=(128, 128)), extractors=[hrnet_tiny])
