# Tiny FOCAL v1 on the mini splicing set (data/mini/forgery, written by
# `python tools/dataset_converters/make_mini_datasets.py`): a tiny HRNet (channels 8/16/32/64,
# one block per branch) at 128x128 -> (B, 8, 32, 32) features, 200 iterations of batch 4 on CPU
# (about 2 minutes on 2 cores), k=2 k-means on every validation image.
_base_ = [
    '../_base_/models/focal_hrnet-tiny.py', '../_base_/datasets/mini-forgery_128x128.py',
    'mmseg::_base_/default_runtime.py', '../_base_/schedules/focal_adam-plateau-200iter.py'
]
custom_imports = dict(imports=['mmcontrast.seg', 'mmpretrain.models'], allow_failed_imports=False)
randomness = dict(seed=0)
