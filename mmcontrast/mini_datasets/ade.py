# Copyright (c) mmcontrast contributors. All rights reserved.
"""ADE20K-style semantic segmentation (``ADEChallengeData2016`` layout).

``ADEChallengeData2016/images/{training,validation}/*.jpg`` and
``annotations/{training,validation}/*.png`` with ADE20K's own label ids
(0 = "other", class ``i`` of mmseg's ``ADE20KDataset`` stored as ``i + 1``), so
``ADE20KDataset(reduce_zero_label=True)`` loads it unchanged. Only a few ADE
classes occur: a tiny config selects them with
``metainfo=dict(classes=MINI_ADE_CLASSES)`` and mmseg's label map does the rest.

Labels are colour clusters of real photos (k-means on pixel colours, fitted
once over all images), so a model can learn them from local appearance; pixels
whose colour is ambiguous between two clusters are "other" (0).
"""
import os
import os.path as osp

import cv2
import numpy as np

from .sources import bundled_photos, random_crop

#: The ADE20K classes used by the mini set, in the order of cluster ids.
MINI_ADE_CLASSES = ('sky', 'building', 'tree', 'flower')


def make_ade_style(out_dir: str, seed: int = 0, size: int = 96,
                   n_train: int = 24, n_val: int = 8) -> None:
    """Write the mini ADE20K set under ``out_dir/ADEChallengeData2016``."""
    from mmseg.datasets import ADE20KDataset
    from sklearn.cluster import KMeans

    ade_classes = ADE20KDataset.METAINFO['classes']
    ade_ids = np.array([ade_classes.index(c) + 1 for c in MINI_ADE_CLASSES],
                       dtype=np.uint8)
    rng = np.random.default_rng(seed)
    photos = list(bundled_photos().values())
    crops = [random_crop(photos[i % len(photos)], size, rng)
             for i in range(n_train + n_val)]

    pixels = np.concatenate([c.reshape(-1, 3) for c in crops]).astype(np.float32)
    sample = pixels[rng.choice(len(pixels), 20000, replace=False)]
    km = KMeans(n_clusters=len(MINI_ADE_CLASSES), n_init=4, random_state=seed)
    km.fit(sample)
    # Order clusters by brightness so class ids do not depend on k-means' order.
    order = np.argsort(km.cluster_centers_.sum(1))[::-1]
    centres = km.cluster_centers_[order]

    root = osp.join(out_dir, 'ADEChallengeData2016')
    for split, idx in (('training', range(n_train)),
                       ('validation', range(n_train, n_train + n_val))):
        os.makedirs(osp.join(root, 'images', split), exist_ok=True)
        os.makedirs(osp.join(root, 'annotations', split), exist_ok=True)
        for i in idx:
            img = crops[i]
            d = np.linalg.norm(
                img.reshape(-1, 1, 3).astype(np.float32) - centres[None], axis=2)
            two = np.sort(d, axis=1)[:, :2]
            label = ade_ids[d.argmin(1)]
            label[two[:, 0] > 0.9 * two[:, 1]] = 0  # ambiguous colour: "other"
            name = f'ADE_{split}_{i:08d}'
            cv2.imwrite(osp.join(root, 'images', split, name + '.jpg'),
                        img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, 95])
            cv2.imwrite(osp.join(root, 'annotations', split, name + '.png'),
                        label.reshape(size, size))
