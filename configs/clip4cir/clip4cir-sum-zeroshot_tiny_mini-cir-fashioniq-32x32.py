# Zero-shot baseline of the tiny runs on the mini CIR set (FashionIQ layout): the randomly
# initialised tiny CLIP (seed 0) + sum, no training.
_base_ = ['./clip4cir-sum_tiny_1xb16-10e_mini-cir-fashioniq-32x32.py']
# Test-only and single-process: nothing is trainable, so torch DDP (tools/dist_test.sh)
# refuses to wrap the model.
model = dict(finetune='none')
