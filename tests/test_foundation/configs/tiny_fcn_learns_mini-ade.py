# The deterministic tiny model with a stride-8 head and 60 SGD steps: enough for a fast test
# that a tools/train.py run actually learns (loss falls, mIoU far above an untrained model's).
_base_ = ['./tiny_fcn_deterministic_mini-ade.py']
model = dict(backbone=dict(out_indices=(1, )), decode_head=dict(in_channels=16))
optim_wrapper = dict(optimizer=dict(lr=0.1))
train_cfg = dict(max_iters=60, val_interval=60)
default_hooks = dict(checkpoint=dict(interval=60))
