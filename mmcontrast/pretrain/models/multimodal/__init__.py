# Copyright (c) mmcontrast contributors. All rights reserved.
from .albef_bert_encoder import ALBEFBertEncoder, ALBEFBertLayer
from .albef_mlm_head import ALBEFMLMHead, mlm_distill_loss, mlm_loss
from .ctp_itc_head import CTPITCHead
from .topology_preservation_loss import TopologyPreservationLoss

__all__ = [
    "ALBEFBertEncoder", "ALBEFBertLayer", "ALBEFMLMHead", "mlm_loss", "mlm_distill_loss",
    "CTPITCHead", "TopologyPreservationLoss"
]
