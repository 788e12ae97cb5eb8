# JointT (joint training on all data seen so far; upper bound) on P9D: the SeqF model trained
# at task k on industries 0..k (P9DDataset(cumulative=True)).
_base_ = ['./seqf_vit-b16-bert-zh_4xb128-5e-per-task_p9d.py']
train_dataloader = dict(dataset=dict(cumulative=True))
