# Copyright (c) mmcontrast contributors. All rights reserved.
"""FP-attack algorithms, registered in mmengine's root ``TASK_UTILS``."""
from .base import BaseFPAttack
from .cw import CW
from .gradient_baselines import FGSM, IFGSM, MIM, PGD, VMIFGSM, PGDStyle
from .style_transfer import NoStyleFPAttack, StyleTransferFPAttack
from .terms import attack_hinge, gram, l1_sum, style_loss, tv_loss

__all__ = ['BaseFPAttack', 'StyleTransferFPAttack', 'NoStyleFPAttack', 'FGSM', 'IFGSM', 'MIM',
           'PGD', 'PGDStyle', 'CW', 'VMIFGSM', 'gram', 'tv_loss', 'l1_sum', 'attack_hinge',
           'style_loss']
