# DenseCLIP vit-b16 on COCO-Stuff-10k (171 classes; 9k train / 1k test, converted by mmseg's
# tools/dataset_converters/coco_stuff10k.py). Schedule as ADE20K (assumed, no official config).
_base_ = './denseclip_vit-b16-fpn_8xb4-80k_ade20k-640x640.py'
num_classes = 171
model = dict(
    class_names=dict(dataset='COCOStuffDataset'),
    decode_head=dict(num_classes=num_classes),
    identity_head=dict(num_classes=num_classes))
dataset_type = 'COCOStuffDataset'
data_root = 'data/coco_stuff10k'
train_dataloader = dict(
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        reduce_zero_label=True,
        data_prefix=dict(img_path='images/train2014', seg_map_path='annotations/train2014')))
val_dataloader = dict(
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        reduce_zero_label=True,
        data_prefix=dict(img_path='images/test2014', seg_map_path='annotations/test2014')))
test_dataloader = val_dataloader
