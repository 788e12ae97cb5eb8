# The mini CIR set in the FashionIQ layout (three "categories" of bases in one dataset;
# data/mini/cir/fashionIQ_dataset). Batch 16, val and gallery 64, no workers.
_base_ = ['./cir_32x32.py']

data_root = 'data/mini/cir/fashionIQ_dataset'
data = dict(type='FashionIQDataset', data_root=data_root,
            categories=('dress', 'shirt', 'toptee'), img_suffix='.jpg')
train_pipeline = [dict(type='FIQCaptionMerge', training=True), *_base_.train_pipeline]
query_pipeline = [dict(type='FIQCaptionMerge', training=False), *_base_.query_pipeline]
train_dataloader = dict(batch_size=16, num_workers=0, dataset=dict(data, pipeline=train_pipeline))
val_dataloader = dict(batch_size=64, num_workers=0, dataset=dict(data, pipeline=query_pipeline))
gallery_dataloader = dict(batch_size=64, num_workers=0, dataset=data)
val_evaluator = dict(type='FashionIQRecall', topk=(10, 50))
test_dataloader = val_dataloader
test_evaluator = val_evaluator
