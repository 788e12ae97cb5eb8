# Tiny SMMCL on the mini LLRGBD set (data/mini/llrgbd, `python
# tools/dataset_converters/make_mini_datasets.py`): trains 20 iterations on 2 CPU cores in
# about a minute. Tiny DualMSCAN (dims 16/32/64/128, one block per stage), LightHam 64, MD_R 8,
# 64x96 crops, min_views=1 (a 64x96 crop has only 2x3 cells at stride 32).
_base_ = [
    'mmseg::_base_/default_runtime.py',
    '../_base_/models/smmcl_dual-mscan-tiny-lightham.py',
    '../_base_/datasets/mini-llrgbd.py',
    '../_base_/schedules/smmcl_adamw-poly-20iter.py',
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
randomness = dict(seed=0)
