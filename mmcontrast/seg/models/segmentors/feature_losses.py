# Copyright (c) mmcontrast contributors. All rights reserved.
"""One way for a segmentor to add losses on its named features."""
import inspect
from abc import ABCMeta, abstractmethod
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

import torch
import torch.nn as nn
from mmseg.registry import MODELS
from mmseg.utils import SampleList, add_prefix
from torch import Tensor


class FeatureLossMixin(metaclass=ABCMeta):
    """Adds ``feature_losses``: loss modules fed by features picked by name.

    A segmentor using the mixin names what its training forward produces
    (:meth:`extract_named_feats` returns ``{name: feature}``; the class lists
    the names in ``feature_names``) and the config attaches losses to them::

        feature_losses=dict(
            contrast=dict(type='SMMCLLoss', features=('emb_rgb', 'emb_x'),
                          min_views=5),
            agc=dict(type='AlignGuidedContrastiveLoss', features='score_maps'))

    Each entry is built from root/mmseg ``MODELS`` after removing
    ``features`` (one name or a sequence of names) and is called as
    ``loss(*[feats[n] for n in features], label, [num_classes=K])`` where
    ``label`` is the stacked ``gt_sem_seg`` (B, 1, H, W) and ``num_classes``
    is passed when the loss's ``forward`` has such a parameter. A tensor
    result is stored under the module's ``loss_name`` (else ``loss_<entry>``);
    a dict result is stored with its keys prefixed by the entry name
    (``contrast.loss_cm``), as mmseg prefixes its heads' losses.

    A dict (not a list) so that inheriting configs can change one field of
    one loss (``feature_losses=dict(contrast=dict(min_views=1))``) or drop it
    (``feature_losses=dict(agc=None)``): mmengine merges dicts key by key but
    replaces lists whole.

    Users: ``DenseCLIP``/``ICPC`` (``score_maps``), ``RGBXEncoderDecoder``
    (``emb_rgb``, ``emb_x``; SMMCL) and ``FOCAL`` (``features``).
    """

    #: Names :meth:`extract_named_feats` provides; set by the segmentor.
    feature_names: Tuple[str, ...] = ()

    def init_feature_losses(self, feature_losses: Optional[Mapping[str, Optional[dict]]]) -> None:
        """Build the losses (call after ``nn.Module.__init__``).

        Args:
            feature_losses (dict, optional): ``{entry name: loss config with a
                'features' key, or None (dropped)}``.
        """
        if feature_losses is not None and not isinstance(feature_losses, Mapping):
            raise TypeError('feature_losses must be a dict {name: loss config}, got '
                            f'{type(feature_losses).__name__}; write e.g. feature_losses='
                            "dict(contrast=dict(type='SMMCLLoss', features=('emb_rgb', 'emb_x')))")
        self.feature_losses = nn.ModuleDict()
        self._feature_loss_inputs: Dict[str, Tuple[str, ...]] = {}
        self._feature_loss_wants_k: Dict[str, bool] = {}
        for name, cfg in (feature_losses or {}).items():
            if cfg is None:
                continue
            cfg = dict(cfg)
            features = cfg.pop('features', None)
            if features is None:
                raise ValueError(f"feature_losses.{name} needs 'features' (one of "
                                 f'{self.feature_names} or a list of them).')
            features = (features, ) if isinstance(features, str) else tuple(features)
            unknown = [f for f in features if f not in self.feature_names]
            if unknown:
                raise ValueError(f'feature_losses.{name}.features {unknown} are not produced by '
                                 f'{type(self).__name__}; available: {self.feature_names}.')
            module = MODELS.build(cfg)
            self.feature_losses[name] = module
            self._feature_loss_inputs[name] = features
            params = inspect.signature(module.forward).parameters
            self._feature_loss_wants_k[name] = 'num_classes' in params

    @property
    def with_feature_losses(self) -> bool:
        """Whether any feature loss is configured."""
        return len(self.feature_losses) > 0

    @property
    def required_features(self) -> set:
        """Names of the features the configured losses read."""
        return {f for fs in self._feature_loss_inputs.values() for f in fs}

    @abstractmethod
    def extract_named_feats(self, inputs: Tensor) -> Dict[str, Any]:
        """Training forward: ``{name: feature}`` for ``feature_names``."""

    def feature_loss(self, feats: Mapping[str, Any], data_samples: SampleList) -> Dict[str, Tensor]:
        """Evaluate every feature loss.

        Args:
            feats (dict): :meth:`extract_named_feats` output.
            data_samples (list[SegDataSample]): with ``gt_sem_seg`` (1, H, W).

        Returns:
            dict[str, Tensor]: loss entries (see the class docstring).
        """
        losses: Dict[str, Tensor] = {}
        if not self.with_feature_losses:
            return losses
        label = torch.stack([ds.gt_sem_seg.data for ds in data_samples])  # (B, 1, H, W)
        for name, module in self.feature_losses.items():
            args: Sequence[Any] = [feats[f] for f in self._feature_loss_inputs[name]]
            kwargs = dict(num_classes=self.num_classes) if self._feature_loss_wants_k[name] \
                else {}
            out = module(*args, label.to(_device_of(args)), **kwargs)
            if isinstance(out, dict):
                losses.update(add_prefix(out, name))
            else:
                losses[getattr(module, 'loss_name', f'loss_{name}')] = out
        return losses


def _device_of(values: Sequence[Any]) -> torch.device:
    """Device of the first tensor in (nested lists of) ``values``."""
    for v in values:
        if isinstance(v, Tensor):
            return v.device
        if isinstance(v, (list, tuple)) and v:
            return _device_of(v)
    return torch.device('cpu')
