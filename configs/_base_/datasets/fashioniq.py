# FashionIQ (data/fashionIQ_dataset; dress, shirt, toptee trained together): the two captions
# merged (FIQCaptionMerge: one of four forms per epoch), each category ranked against its own
# gallery; (mean R@10 + mean R@50) / 2. Batch 128 (AMP), val 1024, gallery 256.
_base_ = ['./cir_288x288.py']

data_root = 'data/fashionIQ_dataset'
data = dict(type='FashionIQDataset', data_root=data_root,
            categories=('dress', 'shirt', 'toptee'), img_suffix='.jpg')
train_pipeline = [dict(type='FIQCaptionMerge', training=True), *_base_.train_pipeline]
query_pipeline = [dict(type='FIQCaptionMerge', training=False), *_base_.query_pipeline]
train_dataloader = dict(batch_size=128, num_workers=8, persistent_workers=True,
                        dataset=dict(data, pipeline=train_pipeline))
val_dataloader = dict(batch_size=1024, num_workers=2,
                      dataset=dict(data, pipeline=query_pipeline))
gallery_dataloader = dict(batch_size=256, num_workers=8, dataset=data)
val_evaluator = dict(type='FashionIQRecall', topk=(10, 50))
test_dataloader = val_dataloader
test_evaluator = val_evaluator
