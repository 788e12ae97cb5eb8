# Tiny FOCAL for CPU runs: a tiny HRNet (channels 8/16/32/64, one block per branch) at 128x128
# -> (B, 8, 32, 32) features; otherwise focal_hrnet-w32.py.
_base_ = './focal_hrnet-w32.py'
# hrnet_w32's branches and block types, one module of one block per branch, 8/16/32/64 channels
w32_stages = _base_.hrnet_w32.extra
hrnet_tiny = dict(
    _base_.hrnet_w32,
    extra=dict(
        stage1=dict(w32_stages.stage1, num_blocks=(1, ), num_channels=(8, )),
        stage2=dict(w32_stages.stage2, num_blocks=(1, 1), num_channels=(8, 16)),
        stage3=dict(w32_stages.stage3, num_modules=1, num_blocks=(1, 1, 1),
                    num_channels=(8, 16, 32)),
        stage4=dict(w32_stages.stage4, num_modules=1, num_blocks=(1, 1, 1, 1),
                    num_channels=(8, 16, 32, 64))))
model = dict(data_preprocessor=dict(size=(128, 128)), extractors=[hrnet_tiny])
