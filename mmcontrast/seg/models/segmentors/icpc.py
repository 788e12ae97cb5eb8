# Copyright (c) mmcontrast contributors. All rights reserved.
"""ICPC: DenseCLIP with its three parts switched on by default."""
from typing import Optional

from mmseg.registry import MODELS

from .denseclip import DenseCLIP

_UNSET = 'default'


@MODELS.register_module()
class ICPC(DenseCLIP):
    """ICPC (Yu et al., "ICPC: Instance-Conditioned Prompting with Contrastive
    Learning for Semantic Segmentation", arXiv 2308.07078).

    :class:`DenseCLIP` whose ICPC parts default to the method spec's
    reconstruction: ``InstancePromptGenerator`` (CoCoOp-style shift of the
    shared contexts from the global embedding), ``MultiScaleAligner`` at
    stages 1 and 2 (strides 8 and 16) and ``AlignGuidedContrastiveLoss``
    (tau 0.07, 10 hard negatives, weight 1). Pass ``None`` to switch a part
    off (ablations), or a dict to configure it.
    """

    def __init__(self,
                 *args,
                 prompt_generator: Optional[dict] = _UNSET,
                 aligner: Optional[dict] = _UNSET,
                 agc_loss: Optional[dict] = _UNSET,
                 **kwargs) -> None:
        if prompt_generator == _UNSET:
            prompt_generator = dict(type='InstancePromptGenerator')
        if aligner == _UNSET:
            aligner = dict(type='MultiScaleAligner', stages=(1, 2))
        if agc_loss == _UNSET:
            agc_loss = dict(type='AlignGuidedContrastiveLoss', tau=0.07, topk_neg=10,
                            loss_weight=1.0)
        super().__init__(*args, prompt_generator=prompt_generator, aligner=aligner,
                         agc_loss=agc_loss, **kwargs)
