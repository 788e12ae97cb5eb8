# Copyright (c) mmcontrast contributors. All rights reserved.
"""FP-attack (Guo et al., AISTATS 2024): SigNet victim, signature pairs, attacks."""
from . import attacks  # noqa: F401
from .attack_loop import FPAttackLoop
from .attack_success_rate import AttackSuccessRate, attack_scores
from .dump_adversarial_hook import DumpAdversarialHook
from .siamese_verifier import SiameseVerifier
from .signature_pair_dataset import LoadSignaturePair, SignaturePairDataset, load_signature
from .signet import SigNet
from .verification_metric import VerificationMetric, verification_scores

__all__ = ['SigNet', 'SiameseVerifier', 'SignaturePairDataset', 'LoadSignaturePair',
           'load_signature', 'VerificationMetric', 'verification_scores', 'AttackSuccessRate',
           'attack_scores', 'FPAttackLoop', 'DumpAdversarialHook']
