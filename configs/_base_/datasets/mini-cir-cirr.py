# The mini CIR set in the CIRR layout (data/mini/cir/cirr_dataset; `python
# tools/dataset_converters/make_mini_datasets.py cir`). Batch 16, val and gallery 64, no workers.
_base_ = ['./cir_32x32.py']

data_root = 'data/mini/cir/cirr_dataset'
data = dict(type='CIRRDataset', data_root=data_root)
train_dataloader = dict(batch_size=16, num_workers=0, dataset=data)
val_dataloader = dict(batch_size=64, num_workers=0, dataset=data)
gallery_dataloader = dict(batch_size=64, num_workers=0, dataset=data)
val_evaluator = dict(type='CIRRRecall')
test_dataloader = val_dataloader
test_evaluator = val_evaluator
