# Copyright (c) mmcontrast contributors. All rights reserved.
"""Two-stream MSCAN (SegNeXt) encoder for RGB-X segmentation."""
import copy
from typing import List, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
from mmcv.cnn import build_norm_layer
from mmengine.logging import MMLogger
from mmengine.model import BaseModule
from mmengine.runner.checkpoint import _load_checkpoint, load_state_dict
from mmseg.models.backbones import MSCAN
from mmseg.registry import MODELS
from torch import Tensor

from .cross_modulation import CrossModulation, conv_fan_out_init


def build_projector(in_channels: int, out_channels: int,
                    norm_cfg: dict) -> nn.Sequential:
    """SMMCL's embedding projector.

    ``Conv1x1(d->d) -> GELU -> BN -> Conv1x1(d->d) -> GELU -> BN ->
    Conv1x1(d->out)``, all with biases.
    """
    return nn.Sequential(
        nn.Conv2d(in_channels, in_channels, 1), nn.GELU(),
        build_norm_layer(norm_cfg, in_channels)[1],
        nn.Conv2d(in_channels, in_channels, 1), nn.GELU(),
        build_norm_layer(norm_cfg, in_channels)[1],
        nn.Conv2d(in_channels, out_channels, 1))


@MODELS.register_module()
class DualMSCAN(BaseModule):
    """Two MSCAN streams with per-stage cross-modulation and fusion.

    The encoder of SMMCL ("Understanding Dark Scenes by Contrasting
    Multi-Modal Observations", Dong & Yokoya, WACV 2024,
    https://arxiv.org/abs/2308.12320), a CMX-style RGB-X SegNeXt. Two
    ``mmseg.models.backbones.MSCAN`` instances are stepped stage by stage
    (``patch_embed{i}`` -> ``block{i}`` -> ``norm{i}``); after each stage a
    :class:`CrossModulation` exchanges information between the streams, whose
    outputs feed the next stage, and a 1x1 conv fuses them into the stage
    output. At the last stage, projectors map the *pre-modulation* features of
    each stream to the embeddings of the contrastive loss.

    Both streams load the same ImageNet MSCAN checkpoint
    (``init_cfg=dict(type='Pretrained', checkpoint=...)``): its keys are
    duplicated into ``rgb`` and ``x``.

    Args:
        embed_dims (Sequence[int]): Channels per stage.
            Defaults to (64, 128, 320, 512) (MSCAN-B).
        mlp_ratios (Sequence[int]): MLP ratios per stage. Defaults to (8, 8, 4, 4).
        depths (Sequence[int]): Blocks per stage. Defaults to (3, 3, 12, 3).
        drop_rate (float): Dropout rate. Defaults to 0.
        drop_path_rate (float): Stochastic depth rate. Defaults to 0.2.
        attention_kernel_sizes (list): MSCA kernel sizes, as MSCAN.
        attention_kernel_paddings (list): MSCA paddings, as MSCAN.
        act_cfg (dict): Activation config. Defaults to GELU.
        norm_cfg (dict): Norm of the MSCAN blocks and projectors. Defaults to
            ``dict(type='BN')`` as in the official code (use SyncBN at will).
        in_channels (Sequence[int]): Channels of RGB and X in the input.
            Defaults to (3, 3).
        with_projectors (bool): Build the embedding projectors (needed by the
            contrastive loss; off for the no-contrast baseline, so that DDP
            sees no unused parameters). Defaults to True.
        proj_channels (int): Embedding dimension. Defaults to 256.
        out_indices (Sequence[int]): Stages whose fused map is returned; only
            those stages get a fusion conv, so a stage the decoder never reads
            has no parameters without gradient (DDP). SMMCL's LightHam reads
            strides 8/16/32: ``(1, 2, 3)``. Defaults to (0, 1, 2, 3).
        checkpoint_prefix (str, optional): Keep only checkpoint keys with this
            prefix (stripped), e.g. ``'backbone.'``. Defaults to None: keys
            under ``'backbone.'`` when there are any (a segmentor
            checkpoint), else all keys (an ImageNet MSCAN checkpoint).
        init_cfg (dict, optional): ``dict(type='Pretrained', checkpoint=...)``
            to load one MSCAN checkpoint into both streams; None for MSCAN's
            own random init. Defaults to None.
    """

    def __init__(self,
                 embed_dims: Sequence[int] = (64, 128, 320, 512),
                 mlp_ratios: Sequence[int] = (8, 8, 4, 4),
                 depths: Sequence[int] = (3, 3, 12, 3),
                 drop_rate: float = 0.,
                 drop_path_rate: float = 0.2,
                 attention_kernel_sizes: list = [5, [1, 7], [1, 11], [1, 21]],
                 attention_kernel_paddings: list = [2, [0, 3], [0, 5], [0, 10]],
                 act_cfg: dict = dict(type='GELU'),
                 norm_cfg: dict = dict(type='BN', requires_grad=True),
                 in_channels: Sequence[int] = (3, 3),
                 with_projectors: bool = True,
                 proj_channels: int = 256,
                 checkpoint_prefix: Optional[str] = None,
                 out_indices: Sequence[int] = (0, 1, 2, 3),
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if len(embed_dims) != len(depths) or len(mlp_ratios) != len(depths):
            raise ValueError('embed_dims, mlp_ratios and depths must have one '
                             f'entry per stage, got {embed_dims}, {mlp_ratios}, {depths}')
        if tuple(in_channels) != (3, 3):
            raise ValueError('in_channels must be (3, 3): MSCAN stems take 3 '
                             'channels; replicate a 1-channel X to 3 in the loader, '
                             f'got {in_channels}')
        if init_cfg is not None and init_cfg.get('type') != 'Pretrained':
            raise ValueError("init_cfg must be None or dict(type='Pretrained', "
                             f"checkpoint=...), got {init_cfg}")
        out_indices = tuple(sorted(set(int(i) for i in out_indices)))
        if not out_indices or min(out_indices) < 0 or max(out_indices) >= len(depths):
            raise ValueError(f'out_indices must be non-empty stage ids in [0, {len(depths)}), '
                             f'got {out_indices}')
        self.out_indices = out_indices
        self.embed_dims = list(embed_dims)
        self.num_stages = len(depths)
        self.in_channels = tuple(in_channels)
        self.checkpoint_prefix = checkpoint_prefix
        stream = dict(
            embed_dims=list(embed_dims), mlp_ratios=list(mlp_ratios),
            depths=list(depths), num_stages=len(depths), drop_rate=drop_rate,
            drop_path_rate=drop_path_rate,
            attention_kernel_sizes=attention_kernel_sizes,
            attention_kernel_paddings=attention_kernel_paddings,
            act_cfg=act_cfg, norm_cfg=norm_cfg)
        self.rgb = MSCAN(**copy.deepcopy(stream))
        self.x = MSCAN(**copy.deepcopy(stream))
        self.modulations = nn.ModuleList(CrossModulation(d) for d in embed_dims)
        # Identity keeps the indices (and checkpoint keys) of the other stages.
        self.fusions = nn.ModuleList(
            nn.Conv2d(2 * d, d, 1) if i in out_indices else nn.Identity()
            for i, d in enumerate(embed_dims))
        self.with_projectors = with_projectors
        if with_projectors:
            self.projector_rgb = build_projector(embed_dims[-1], proj_channels, norm_cfg)
            self.projector_x = build_projector(embed_dims[-1], proj_channels, norm_cfg)

    def _new_parts(self) -> List[nn.Module]:
        parts = [self.modulations, self.fusions]
        if self.with_projectors:
            parts += [self.projector_rgb, self.projector_x]
        return parts

    def init_weights(self) -> None:
        """Init the new parts; load one checkpoint into both streams or use
        MSCAN's own init."""
        for part in self._new_parts():
            conv_fan_out_init(part)
        if self.init_cfg is None:
            self.rgb.init_weights()
            self.x.init_weights()
            return
        logger = MMLogger.get_current_instance()
        ckpt = _load_checkpoint(self.init_cfg['checkpoint'], map_location='cpu',
                                logger=logger)
        state = ckpt.get('state_dict', ckpt.get('model', ckpt))
        state = self._select_keys(state)
        for name in ('rgb', 'x'):
            logger.info(f'DualMSCAN: loading {self.init_cfg["checkpoint"]} into '
                        f'the {name} stream')
            load_state_dict(getattr(self, name), state, strict=False, logger=logger)
        self._is_init = True

    def _select_keys(self, state: dict) -> dict:
        prefix = self.checkpoint_prefix
        if prefix is None:
            # an ImageNet MSCAN checkpoint has bare keys; a segmentor checkpoint
            # (backbone. + decode_head. keys) contributes its backbone.
            prefix = 'backbone.' if any(k.startswith('backbone.') for k in state) else ''
        return {k[len(prefix):]: v for k, v in state.items() if k.startswith(prefix)}

    @staticmethod
    def _stage(stream: MSCAN, i: int, x: Tensor) -> Tensor:
        """Run stage ``i`` of one MSCAN stream: (B,C,H,W) -> (B,d_i,h,w)."""
        B = x.shape[0]
        x, H, W = getattr(stream, f'patch_embed{i + 1}')(x)
        for blk in getattr(stream, f'block{i + 1}'):
            x = blk(x, H, W)
        x = getattr(stream, f'norm{i + 1}')(x)
        return x.reshape(B, H, W, -1).permute(0, 3, 1, 2).contiguous()

    def forward(self, inputs: Tensor, return_embeddings: bool = False
                ) -> Union[List[Tensor], Tuple[List[Tensor], Tuple[Tensor, Tensor]]]:
        """Encode RGB ‖ X.

        Args:
            inputs (Tensor): (B, 6, H, W) normalised RGB (channels 0-2) and X
                (channels 3-5).
            return_embeddings (bool): Also return the projected last-stage
                embeddings of both streams (training with contrast).

        Returns:
            list[Tensor] | tuple: fused features ``[(B, d_i, H/s_i, W/s_i)]``
            for the stages in ``out_indices`` (strides 4, 8, 16, 32); with
            ``return_embeddings`` also
            ``(emb_rgb, emb_x)``, each (B, proj_channels, H/32, W/32).
        """
        if inputs.dim() != 4 or inputs.shape[1] != sum(self.in_channels):
            raise ValueError('DualMSCAN expects (B, 6, H, W) RGB-X inputs, got '
                             f'{tuple(inputs.shape)}')
        if return_embeddings and not self.with_projectors:
            raise ValueError('return_embeddings needs with_projectors=True')
        c, x = inputs.split(list(self.in_channels), dim=1)
        outs, embeddings = [], None
        for i in range(self.num_stages):
            c = self._stage(self.rgb, i, c)
            x = self._stage(self.x, i, x)
            if return_embeddings and i == self.num_stages - 1:
                embeddings = (self.projector_rgb(c), self.projector_x(x))
            c, x = self.modulations[i](c, x)
            if i in self.out_indices:
                outs.append(self.fusions[i](torch.cat([c, x], dim=1)))
        if return_embeddings:
            return outs, embeddings
        return outs
