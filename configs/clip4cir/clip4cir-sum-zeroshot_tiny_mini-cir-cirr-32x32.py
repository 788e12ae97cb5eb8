# Zero-shot baseline of the tiny runs: the randomly initialised tiny CLIP (seed 0) + sum on the
# mini CIR set (CIRR layout), no training (tools/clip4cir_init_checkpoint.py, then tools/test.py).
_base_ = ['./clip4cir-sum_tiny_1xb16-10e_mini-cir-cirr-32x32.py']
model = dict(finetune='none')
# Nothing is trainable, and torch DDP refuses such a model: under tools/dist_test.sh wrap only
# the submodules that train (none), as mmengine's separate wrapper does.
model_wrapper_cfg = dict(type='MMSeparateDistributedDataParallel')
