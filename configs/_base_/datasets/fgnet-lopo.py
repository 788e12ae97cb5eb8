# FG-NET, leave-one-person-out (82 folds; MAE/CS pooled over all 1,002 predictions): every image
# in annotations/all.json; `lopo_fold` picks the held-out person and is set per fold by
# tools/age_lopo.py. Batch 32 triplets for training, 32 for testing.
# Faster folds (age.md §9): pre-decode once with
#   python tools/dataset_converters/face_age_pack.py data/fgnet --img-dir aligned
# and replace LoadImageFromFile in both pipelines by
#   dict(type='LoadImageFromPack', pack_file='data/fgnet/aligned_pack.npy',
#        index_file='data/fgnet/aligned_pack.json', img_dir='data/fgnet/aligned')
_base_ = ['./face-age_224x224.py']

fold = 0
data_root = 'data/fgnet'
train_dataset_plain = dict(
    type='FaceAgeDataset', data_root=data_root, data_prefix=dict(img_path='aligned'),
    ann_file='annotations/all.json', lopo_fold=fold, lopo_split='train',
    pipeline={{_base_.train_pipeline}}, _delete_=True)
train_dataloader = dict(batch_size=32, num_workers=4, dataset=dict(dataset=train_dataset_plain))
val_dataloader = dict(
    batch_size=32,
    num_workers=2,
    dataset=dict(data_root=data_root, ann_file='annotations/all.json', lopo_fold=fold,
                 lopo_split='test'))
test_dataloader = val_dataloader
