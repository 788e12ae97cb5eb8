# CIRR (data/cirr_dataset): the reference image is removed from each query's ranking
# (`mask_reference=True` in the config); CIRRRecall on val. Batch 128 (AMP), val 1024, gallery 256.
_base_ = ['./cir_288x288.py']

data_root = 'data/cirr_dataset'
data = dict(type='CIRRDataset', data_root=data_root)
train_dataloader = dict(batch_size=128, num_workers=8, persistent_workers=True, dataset=data)
val_dataloader = dict(batch_size=1024, num_workers=2, dataset=data)
gallery_dataloader = dict(batch_size=256, num_workers=8, dataset=data)
val_evaluator = dict(type='CIRRRecall')
test_dataloader = val_dataloader
test_evaluator = val_evaluator
