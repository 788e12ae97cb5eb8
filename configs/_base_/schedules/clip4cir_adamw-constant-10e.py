# CLIP4Cir stage 1 at CPU size: AdamW 5e-4 (random init), constant as the paper, fp32, 10 epochs,
# validation at the end.
_base_ = ['./clip4cir_adamw-constant-100e.py']

optim_wrapper = dict(_delete_=True, type='OptimWrapper',
                     optimizer=dict(type='AdamW', lr=5e-4, betas=(0.9, 0.999), eps=1e-7,
                                    weight_decay=0.01))
train_cfg = dict(max_epochs=10, val_interval=10)
