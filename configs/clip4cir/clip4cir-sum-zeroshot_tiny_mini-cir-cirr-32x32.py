# Zero-shot baseline of the tiny runs: the randomly initialised tiny CLIP (seed 0) + sum on the
# mini CIR set (CIRR layout), no training (tools/clip4cir_init_checkpoint.py, then tools/test.py).
_base_ = ['./clip4cir-sum_tiny_1xb16-10e_mini-cir-cirr-32x32.py']
# Test-only and single-process: nothing is trainable, so torch DDP (tools/dist_test.sh)
# refuses to wrap the model.
model = dict(finetune='none')
