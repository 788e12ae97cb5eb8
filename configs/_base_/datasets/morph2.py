# MORPH-II, protocol P1 = random 80/20 split BY IMAGE (identities leak across the split), seed 0
# of 5 (report mean +- std over seeds 0..4 by overriding `protocol_seed`). Annotations from
# `tools/dataset_converters/morph2_to_json.py <csv> --root data/morph2 --protocol P1`. Batch 64
# triplets (192 images) for training, 128 for testing, 8 workers.
_base_ = ['./face-age_224x224.py']

protocol = 'p1'
protocol_seed = 0
data_root = 'data/morph2'
train_dataset_plain = dict(
    type='FaceAgeDataset', data_root=data_root, data_prefix=dict(img_path='aligned'),
    ann_file=f'annotations/{protocol}_seed{protocol_seed}_train.json',
    pipeline={{_base_.train_pipeline}}, _delete_=True)
train_dataloader = dict(batch_size=64, num_workers=8, dataset=dict(dataset=train_dataset_plain))
val_dataloader = dict(
    batch_size=128,
    num_workers=8,
    dataset=dict(data_root=data_root,
                 ann_file=f'annotations/{protocol}_seed{protocol_seed}_test.json'))
test_dataloader = val_dataloader
