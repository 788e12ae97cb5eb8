# DCCL with the official code's confidences (spec §7.1): c = p, single negatives 1/m̄, pairs
# with min confidence 0.5 zeroed. The dataset recomputes the metadata with mode='code'.
_base_ = './dccl_resnet18_1xb64-200e_picai-slices.py'
model = dict(head=dict(loss=dict(confidence_mode='code')))
train_dataloader = dict(dataset=dict(reports_file='../metadata/pirads_reports.json',
                                     confidence=dict(mode='code')))
