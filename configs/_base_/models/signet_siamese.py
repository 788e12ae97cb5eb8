# FP-attack victim: SigNet (port layer order) in a Siamese verifier trained with Hadsell's
# contrastive loss (fpattack.md §5), on 155x220 inputs.
model = dict(
    type='SiameseVerifier',
    backbone=dict(type='SigNet', arch='port', in_size=(155, 220)),
    margin=1.0, alpha=1.0, beta=1.0,
    label_convention='is_same')
