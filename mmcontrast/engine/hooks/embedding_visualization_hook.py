# Copyright (c) mmcontrast contributors. All rights reserved.
"""A 2-D picture (t-SNE or PCA) of the contrastive embeddings of a validation batch."""
import io
from typing import List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from mmcontrast.registry import HOOKS


@HOOKS.register_module()
class EmbeddingVisualizationHook(Hook):
    """Project the features of a few validation (and test) batches to 2-D, coloured by class.

    After every ``interval``-th validation (and after testing when ``on_test``), the hook runs
    ``model.extract_feat`` on the first ``num_batches`` batches of the loop's dataloader:

    * a (B, C) output (classifiers, e.g. CoNe) gives one point per image, coloured by
      ``gt_label``;
    * a (B, C, h, w) output (segmentors: ICPC, SMMCL, FOCAL, lanes) gives one point per
      feature-grid cell, coloured by ``gt_sem_seg`` nearest-resized to (h, w); ignored labels
      (``>= num_classes``, e.g. 255) are dropped.

    A list/tuple of outputs (multi-level necks) is indexed with ``feat_index``. At most
    ``max_points`` points (uniform random subset, fixed ``seed``) are embedded with
    scikit-learn's ``TSNE`` (``method='tsne'``) or ``PCA`` (``method='pca'``, instant), drawn
    with matplotlib and written with ``runner.visualizer.add_image`` as ``{mode}_{name}``, so
    every mmengine visualisation backend of the config gets it (``LocalVisBackend``:
    ``<work_dir>/<timestamp>/vis_data/vis_image/val_embedding_<step>.png``;
    ``TensorboardVisBackend``: an image summary). Only the main process draws.

    Args:
        interval (int): Draw after every ``interval``-th validation. Defaults to 1.
        num_batches (int): Validation batches to embed. Defaults to 1.
        max_points (int): Points kept for the projection. Defaults to 1000.
        feat_index (int): Which output of a multi-level ``extract_feat``. Defaults to -1.
        method (str): ``'tsne'`` or ``'pca'``. Defaults to ``'tsne'``.
        perplexity (float): t-SNE perplexity (capped to what the point count allows).
        on_test (bool): Also draw after ``runner.test()``. Defaults to True.
        name (str): Image name. Defaults to ``'embedding'``.
        seed (int): Seed of the subset and of t-SNE. Defaults to 0.
    """

    priority = 'LOW'

    def __init__(self,
                 interval: int = 1,
                 num_batches: int = 1,
                 max_points: int = 1000,
                 feat_index: int = -1,
                 method: str = 'tsne',
                 perplexity: float = 30.,
                 on_test: bool = True,
                 name: str = 'embedding',
                 seed: int = 0) -> None:
        if method not in ('tsne', 'pca'):
            raise ValueError(f"EmbeddingVisualizationHook: method must be 'tsne' or 'pca', "
                             f'got {method!r}')
        if interval < 1 or num_batches < 1 or max_points < 3:
            raise ValueError('EmbeddingVisualizationHook: interval >= 1, num_batches >= 1 and '
                             f'max_points >= 3 required, got {interval}, {num_batches}, '
                             f'{max_points}')
        self.interval = interval
        self.num_batches = num_batches
        self.max_points = max_points
        self.feat_index = feat_index
        self.method = method
        self.perplexity = perplexity
        self.on_test = on_test
        self.name = name
        self.seed = seed
        self._val_count = 0
        self.last_points: Optional[Tuple[np.ndarray, np.ndarray]] = None

    # ------------------------------------------------------------------ hooks
    def after_val_epoch(self, runner, metrics=None) -> None:
        self._val_count += 1
        if self._val_count % self.interval == 0:
            self._draw(runner, runner.val_loop.dataloader, 'val')

    def after_test_epoch(self, runner, metrics=None) -> None:
        if self.on_test:
            self._draw(runner, runner.test_loop.dataloader, 'test')

    # ---------------------------------------------------------------- helpers
    @staticmethod
    def _labels_of(samples: Sequence, feats: torch.Tensor) -> torch.Tensor:
        """Per-point labels: (B,) for (B, C) features, (B*h*w,) for (B, C, h, w)."""
        if feats.dim() == 2:
            labels = [s.gt_label.flatten()[0] if 'gt_label' in s else torch.tensor(-1)
                      for s in samples]
            return torch.stack([torch.as_tensor(v).long().cpu() for v in labels])
        h, w = feats.shape[-2:]
        maps = []
        for s in samples:
            if 'gt_sem_seg' not in s:
                maps.append(torch.full((h * w, ), -1, dtype=torch.long))
                continue
            gt = s.gt_sem_seg.data.float().cpu()[None]  # (1, 1, H, W)
            maps.append(F.interpolate(gt, size=(h, w), mode='nearest').long().flatten())
        return torch.cat(maps)

    def collect(self, model, dataloader) -> Tuple[np.ndarray, np.ndarray]:
        """Features (N, C) and labels (N,) of the first ``num_batches`` batches."""
        if is_model_wrapper(model):
            model = model.module
        was_training = model.training
        model.eval()
        feats_all: List[torch.Tensor] = []
        labels_all: List[torch.Tensor] = []
        with torch.no_grad():
            for i, batch in enumerate(dataloader):
                if i >= self.num_batches:
                    break
                data = model.data_preprocessor(batch, False)
                feats = model.extract_feat(data['inputs'])
                if isinstance(feats, (list, tuple)):
                    feats = feats[self.feat_index]
                if feats.dim() not in (2, 4):
                    raise ValueError('EmbeddingVisualizationHook: extract_feat gave a '
                                     f'{tuple(feats.shape)} tensor; expected (B, C) or '
                                     '(B, C, h, w) (choose one with feat_index)')
                labels = self._labels_of(data['data_samples'], feats)
                if feats.dim() == 4:
                    feats = feats.permute(0, 2, 3, 1).flatten(0, 2)
                feats_all.append(feats.float().cpu())
                labels_all.append(labels)
        model.train(was_training)
        feats, labels = torch.cat(feats_all).numpy(), torch.cat(labels_all).numpy()
        return feats, labels

    def project(self, feats: np.ndarray, labels: np.ndarray,
                num_classes: Optional[int] = None) -> Tuple[np.ndarray, np.ndarray]:
        """Drop ignored points, subsample to ``max_points``, reduce to (N, 2)."""
        keep = labels >= 0
        if num_classes is not None:
            keep &= labels < num_classes
        feats, labels = feats[keep], labels[keep]
        rng = np.random.RandomState(self.seed)
        if len(feats) > self.max_points:
            idx = rng.choice(len(feats), self.max_points, replace=False)
            feats, labels = feats[idx], labels[idx]
        if len(feats) < 3:
            raise ValueError(f'EmbeddingVisualizationHook: only {len(feats)} labelled points '
                             'in the batches; raise num_batches')
        if self.method == 'pca':
            from sklearn.decomposition import PCA
            xy = PCA(n_components=2, random_state=self.seed).fit_transform(feats)
        else:
            from sklearn.manifold import TSNE
            perplexity = float(min(self.perplexity, max(1., (len(feats) - 1) / 3.)))
            xy = TSNE(n_components=2, perplexity=perplexity, init='pca',
                      random_state=self.seed).fit_transform(feats)
        return xy.astype(np.float32), labels

    def render(self, xy: np.ndarray, labels: np.ndarray, classes=None,
               title: str = '') -> np.ndarray:
        """Scatter plot as an (H, W, 3) uint8 RGB array."""
        import matplotlib
        matplotlib.use('Agg', force=False)
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(5, 5), dpi=80)
        cmap = plt.get_cmap('tab20')
        for k in np.unique(labels):
            m = labels == k
            name = classes[k] if classes is not None and k < len(classes) else str(k)
            ax.scatter(xy[m, 0], xy[m, 1], s=6, color=cmap(int(k) % 20), label=name)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title, fontsize=9)
        if len(np.unique(labels)) <= 20:
            ax.legend(fontsize=6, markerscale=2, loc='best')
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format='png')
        plt.close(fig)
        import cv2
        img = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
        return img[..., ::-1].copy()

    def _draw(self, runner, dataloader, mode: str) -> None:
        if not is_main_process():
            return
        meta = getattr(dataloader.dataset, 'metainfo', {}) or {}
        classes = meta.get('classes')
        feats, labels = self.collect(runner.model, dataloader)
        xy, labels = self.project(feats, labels, len(classes) if classes else None)
        self.last_points = (xy, labels)
        title = f'{self.method} of {len(xy)} {mode} embeddings (iter {runner.iter})'
        img = self.render(xy, labels, classes, title)
        runner.visualizer.add_image(f'{mode}_{self.name}', img, step=runner.iter)
