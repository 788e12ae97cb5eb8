# LLRGBD low-light indoor RGB-D (1418 train / 479 test, 640x480, 14 classes incl. trained void).
# Layout: data/LLRGBD/{train,test}/{rgb,depth,label}/<name>.png, train/train.txt, test/test.txt.
# mIoU over all 14 classes (void included) and mIoU_wo_void over the other 13 (rgbx.py).
_base_ = './rgbx.py'
dataset_type = 'LLRGBDDataset'
data_root = 'data/LLRGBD'
data_prefix = dict(img_path='rgb', x_path='depth', seg_map_path='label')
train_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root + '/train',
                                     ann_file='train.txt', data_prefix=data_prefix))
val_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root + '/test',
                                   ann_file='test.txt', data_prefix=data_prefix))
test_dataloader = val_dataloader
