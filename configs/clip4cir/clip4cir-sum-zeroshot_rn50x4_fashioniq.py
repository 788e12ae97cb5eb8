# Zero-shot baseline on FashionIQ: OpenAI RN50x4 CLIP + sum, no training. Make the checkpoint with
#   python tools/clip4cir_init_checkpoint.py configs/clip4cir/clip4cir-sum-zeroshot_rn50x4_fashioniq.py \
#       work_dirs/clip4cir_zeroshot_rn50x4.pth
# and test it with tools/test.py.
_base_ = ['./clip4cir-sum_rn50x4_1xb128-amp-100e_fashioniq.py']
model = dict(finetune='none', clip=dict(with_cp=False))
# Nothing is trainable, and torch DDP refuses such a model: under tools/dist_test.sh wrap only
# the submodules that train (none), as mmengine's separate wrapper does.
model_wrapper_cfg = dict(type='MMSeparateDistributedDataParallel')
