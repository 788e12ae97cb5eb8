# AgeCL at CPU size ([mmcontrast] choices): ResNet_CIFAR-18 at quarter width (base 16), random
# init, DEX over 10 bins (ages 0..9) with a soft-label CE (sigma 1).
_base_ = ['./agecl.py']

model = dict(
    backbone=dict(type='ResNet_CIFAR', depth=18, stem_channels=16, base_channels=16),
    head=dict(
        in_channels=128,
        num_bins=10,
        reg_loss='ce_soft',  # faster to train at CPU size than 'l1' (both options)
        soft_sigma=1.0),
    data_preprocessor=dict(
        mean=[127.5, 127.5, 127.5], std=[127.5, 127.5, 127.5], to_rgb=True))
