# FP-attack victim: SigNet (port layer order) trained with Hadsell's contrastive
# loss on BHSig260-Hindi pairs, the port's recipe (fpattack.md §5). Write the CSVs first:
#   python tools/dataset_converters/signature_pairs.py bhsig260-hindi data/BHSig260 --seed 0
# τ: the val metric's `verification/threshold` (best balanced accuracy on the
# validation writers); write it into the attack base (`threshold` in
# ../_base_/attacks/fpattack-loop_signet_bhsig260-hindi.py).
_base_ = [
    '../_base_/models/signet_siamese.py', '../_base_/datasets/bhsig260-hindi_signature-pairs.py',
    '../_base_/schedules/signet_rmsprop-step-20e.py'
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
test_evaluator = dict(type='VerificationMetric', threshold=0.03)
