# SeqF (sequential fine-tuning, the lower bound) on the mini P9D set: the CTP tiny model with
# in-batch ITC + MLM only (no momentum copy, queue, MLM distillation or topology loss).
#   python tools/continual_train.py configs/ctp/seqf_vit-tiny-bert-tiny_1xb16-20e-per-task_mini-p9d.py
_base_ = ['./ctp_vit-tiny-bert-tiny_1xb16-20e-per-task_mini-p9d.py']
model = dict(distill=False, topology=None, head=dict(use_queue=False))
