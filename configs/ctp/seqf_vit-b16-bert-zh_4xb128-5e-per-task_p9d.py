# SeqF (sequential fine-tuning; lower bound) on P9D: CTP's model and recipe with in-batch ITC +
# MLM only (no momentum copy, queue, MLM distillation or topology preservation).
_base_ = ['./ctp_vit-b16-bert-zh_4xb128-5e-per-task_p9d.py']
model = dict(distill=False, topology=None, head=dict(use_queue=False))
