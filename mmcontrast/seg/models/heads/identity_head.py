# Copyright (c) mmcontrast contributors. All rights reserved.
"""A decode head whose logits are its input (DenseCLIP's identity head)."""
from mmseg.models.decode_heads.decode_head import BaseDecodeHead
from mmseg.registry import MODELS
from torch import Tensor


@MODELS.register_module()
class IdentityHead(BaseDecodeHead):
    """Pass-through head of DenseCLIP (Rao et al., CVPR 2022): it receives the
    pixel-text score map divided by the temperature, (B, K, h, w), and applies
    the configured ``loss_decode`` (DenseCLIP: cross-entropy, weight 0.4) after
    the usual bilinear upsampling to the label size.

    ``conv_seg`` is deleted (no parameters); ``in_channels``/``channels`` are
    required by ``BaseDecodeHead`` but unused. Arguments as ``BaseDecodeHead``.
    """

    def __init__(self, in_channels: int = 1, channels: int = 1, **kwargs) -> None:
        kwargs.setdefault('init_cfg', None)
        super().__init__(in_channels=in_channels, channels=channels, **kwargs)
        del self.conv_seg

    def forward(self, inputs: Tensor) -> Tensor:
        """Args: inputs (B, K, h, w) logits. Returns: the same tensor."""
        return inputs
