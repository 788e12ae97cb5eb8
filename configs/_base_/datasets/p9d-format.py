# Loaders of the P9D layout (P9DDataset, no data root here): per-task train/test/retrieval splits
# of image-title pairs, tokenised titles packed with the item meta. A P9D dataset base (p9d,
# mini-p9d) inherits this and sets data_root, tasks, the pipelines and the batch sizes.
text_keys = ['input_ids', 'attention_mask', 'mlm_input_ids', 'mlm_labels']
meta_keys = ['item_id', 'cate_name', 'task_idx', 'is_query', 'num_positives', 'sample_idx']
pack_train = dict(type='PackInputs', algorithm_keys=text_keys, meta_keys=meta_keys)
pack_test = dict(type='PackInputs', algorithm_keys=text_keys[:2], meta_keys=meta_keys)
p9d = dict(type='P9DDataset', task_id=0)
train_dataloader = dict(
    drop_last=True,  # the queue needs a constant global batch
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(p9d, split='train'))
val_dataloader = dict(
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(p9d, split='test'))
test_dataloader = dict(val_dataloader, dataset=dict(p9d, split='retrieval'))
val_evaluator = dict(type='CrossModalRecall', topk=(1, 5, 10))
test_evaluator = dict(type='CTPMultiModalmAP', ks=(1, 5, 10))
