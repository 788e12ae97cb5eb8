# Age on MORPH-II, protocol P2: subject-exclusive 80/20 split (no identity shared by train and
# test); annotations from `morph2_to_json.py ... --protocol P2`. Otherwise as the P1 config.
_base_ = './agecl_resnet50_1xb64-60e_morph2.py'

protocol = 'p2'
train_dataloader = dict(
    dataset=dict(dataset=dict(ann_file=f'annotations/{protocol}_seed0_train.json')))
val_dataloader = dict(dataset=dict(ann_file=f'annotations/{protocol}_seed0_test.json'))
test_dataloader = val_dataloader
