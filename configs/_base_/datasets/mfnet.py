# MFNet RGB-thermal (784 train / 392 val / 393 test, 640x480, 9 classes incl. trained unlabeled).
# Layout (tools/dataset_converters/mfnet.py): data/MFNet/{rgb,thermal,labels}/<name>.png,
# {train,val,test}.txt; thermal is replicated to 3 channels like depth (rgbx.py). mIoU over the
# 9 classes (unlabeled included, MFNet convention) and without unlabeled (rgbx.py's metric).
_base_ = './rgbx.py'
dataset_type = 'MFNetDataset'
data_root = 'data/MFNet'
mfnet = dict(type=dataset_type, data_root=data_root,
             data_prefix=dict(img_path='rgb', x_path='thermal', seg_map_path='labels'))
train_dataloader = dict(dataset=dict(mfnet, ann_file='train.txt'))
val_dataloader = dict(dataset=dict(mfnet, ann_file='test.txt'))  # RGB-T works report the test split
test_dataloader = val_dataloader
