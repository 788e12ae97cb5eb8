# JointT (joint training on all tasks seen so far, the upper bound) on the mini P9D set:
# the SeqF model, trained at task k on industries 0..k.
_base_ = ['./seqf_vit-tiny-bert-tiny_1xb16-20e-per-task_mini-p9d.py']
train_dataloader = dict(dataset=dict(cumulative=True))
