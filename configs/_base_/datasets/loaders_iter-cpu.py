# loaders_iter.py for the mini datasets on CPU: no worker processes.
_base_ = './loaders_iter.py'
train_dataloader = dict(num_workers=0, persistent_workers=False)
val_dataloader = dict(num_workers=0, persistent_workers=False)
test_dataloader = val_dataloader
