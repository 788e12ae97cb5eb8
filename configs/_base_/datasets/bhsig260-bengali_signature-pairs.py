# BHSig260-Bengali genuine/forged pairs: python tools/dataset_converters/signature_pairs.py bhsig260-bengali data/BHSig260 --seed 0
_base_ = ['./signature-pairs.py']
data_root = 'data/BHSig260'
train_dataloader = dict(dataset=dict(data_root=data_root, ann_file='pairs-bengali/train.csv'))
val_dataloader = dict(dataset=dict(data_root=data_root, ann_file='pairs-bengali/val.csv'))
test_dataloader = dict(dataset=dict(data_root=data_root, ann_file='pairs-bengali/test.csv'))
