# Zero-shot baseline of the tiny runs on the mini CIR set (FashionIQ layout): the randomly
# initialised tiny CLIP (seed 0) + sum, no training.
_base_ = ['./clip4cir-sum_tiny_1xb16-10e_mini-cir-fashioniq-32x32.py']
model = dict(finetune='none')
# Nothing is trainable, and torch DDP refuses such a model: under tools/dist_test.sh wrap only
# the submodules that train (none), as mmengine's separate wrapper does.
model_wrapper_cfg = dict(type='MMSeparateDistributedDataParallel')
