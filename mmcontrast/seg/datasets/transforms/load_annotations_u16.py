# Copyright (c) mmcontrast contributors. All rights reserved.
"""Segmentation-map loader that keeps 16-bit label ids (ADE20K-Full)."""
import mmcv
import numpy as np
from mmengine import fileio
from mmseg.datasets.transforms import LoadAnnotations
from mmseg.registry import TRANSFORMS

from ..checks import check_seg_map


@TRANSFORMS.register_module()
class LoadAnnotationsU16(LoadAnnotations):
    """Load a uint16 label map (e.g. ADE20K-Full's ``*.tif``, trainIds
    0..846, void 65535) without narrowing it.

    mmseg's ``LoadAnnotations`` casts every map to uint8, which silently wraps
    ids >= 256. This loader keeps ``uint16`` until ``PackSegInputs`` (which
    casts to int64); cv2 resizes uint16 with nearest neighbour, so mmseg's
    geometric transforms work unchanged (use ``ignore_index=65535`` in
    ``RandomCrop`` and the heads/metrics). ``reduce_zero_label`` is not
    supported (16-bit sets store trainIds already).

    Args:
        imdecode_backend (str): Decoder; ``'cv2'`` reads 16-bit TIFF/PNG
            unchanged. Defaults to ``'cv2'``.
        backend_args (dict, optional): File backend arguments.
    """

    def __init__(self, imdecode_backend: str = 'cv2', backend_args=None) -> None:
        super().__init__(reduce_zero_label=False, imdecode_backend=imdecode_backend,
                         backend_args=backend_args)

    def _load_seg_map(self, results: dict) -> None:
        """Read ``results['seg_map_path']`` into ``results['gt_seg_map']`` (H, W) uint16."""
        if results.get('reduce_zero_label', False):
            raise ValueError('LoadAnnotationsU16 does not support reduce_zero_label=True; '
                             'set it to False in the dataset (16-bit maps hold trainIds).')
        img_bytes = fileio.get(results['seg_map_path'], backend_args=self.backend_args)
        seg = mmcv.imfrombytes(img_bytes, flag='unchanged', backend=self.imdecode_backend)
        if seg is None:
            raise ValueError(f'cannot read annotation {results["seg_map_path"]}: the file is '
                             'empty or corrupt.')
        seg = np.asarray(seg).squeeze()
        if seg.ndim != 2:
            raise ValueError(f'{results["seg_map_path"]}: expected a single-channel label map, '
                             f'got shape {seg.shape}.')
        if seg.dtype not in (np.uint8, np.uint16):
            raise ValueError(f'{results["seg_map_path"]}: expected uint8/uint16 labels, '
                             f'got {seg.dtype}.')
        seg = seg.astype(np.uint16)
        if results.get('label_map', None) is not None:
            src = seg.copy()
            for old_id, new_id in results['label_map'].items():
                seg[src == old_id] = new_id
        check_seg_map(results, seg, results['seg_map_path'])
        results['gt_seg_map'] = seg
        results['seg_fields'].append('gt_seg_map')
