# NYUDv2 RGB-D (795 train / 654 test, 640x480, 40 classes; void 0 -> 255 via reduce_zero_label,
# which NYUDv2Dataset sets and LoadAnnotations takes from the dataset).
# Layout (CMX release): data/NYUDv2/{RGB,Depth,HHA,Label}/<name>, train.txt, test.txt (basenames).
_base_ = './rgbx.py'
dataset_type = 'NYUDv2Dataset'
data_root = 'data/NYUDv2'
nyudv2 = dict(type=dataset_type, data_root=data_root,
              data_prefix=dict(img_path='RGB', x_path='Depth', seg_map_path='Label'))
train_dataloader = dict(dataset=dict(nyudv2, ann_file='train.txt'))
val_dataloader = dict(dataset=dict(nyudv2, ann_file='test.txt'))
test_dataloader = val_dataloader
# 40-class mIoU, void ignored: there is no trained void class to leave out of the mean.
val_evaluator = dict(_delete_=True, type='IoUMetric', iou_metrics=['mIoU'])
test_evaluator = val_evaluator
