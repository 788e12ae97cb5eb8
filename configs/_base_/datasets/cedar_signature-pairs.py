# CEDAR genuine/forged pairs: python tools/dataset_converters/signature_pairs.py cedar data/CEDAR --seed 0
_base_ = ['./signature-pairs.py']
data_root = 'data/CEDAR'
train_dataloader = dict(dataset=dict(data_root=data_root, ann_file='pairs/train.csv'))
val_dataloader = dict(dataset=dict(data_root=data_root, ann_file='pairs/val.csv'))
test_dataloader = dict(dataset=dict(data_root=data_root, ann_file='pairs/test.csv'))
