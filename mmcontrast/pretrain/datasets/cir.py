# Copyright (c) mmcontrast contributors. All rights reserved.
"""CIRR and FashionIQ in the layouts of the official CLIP4Cir code (clip4cir.md §4).

Both datasets have two modes: ``'query'`` (triplets: reference, caption,
target) and ``'gallery'`` (every image of the split, one sample each, used as
mmpretrain's retrieval ``prototype``). Query samples carry gallery indices of
their reference (``ref_idx``), target (``tgt_idx``, -1 when unknown) and, for
CIRR, the subset members other than the reference (``member_idx``).
"""
import json
import os.path as osp
import zlib
from typing import List, Sequence

from mmengine.dataset import BaseDataset
from mmpretrain.registry import DATASETS

MODES = ('query', 'gallery')


def _read_json(path: str, what: str):
    if not osp.isfile(path):
        raise FileNotFoundError(f'{what} {path!r} not found; check data_root/split '
                                '(layout: configs/clip4cir/README.md).')
    with open(path) as f:
        return json.load(f)


@DATASETS.register_module()
class CIRRDataset(BaseDataset):
    """CIRR (Liu et al., "Image Retrieval on Real-life Images with
    Pre-trained Vision-and-Language Models", ICCV 2021), layout::

        <data_root>/{train/<0..99>,dev,test1}/*.png
        <data_root>/cirr/captions/cap.rc2.{train,val,test1}.json
        <data_root>/cirr/image_splits/split.rc2.{train,val,test1}.json

    Args:
        data_root (str): The ``cirr_dataset`` folder.
        split (str): 'train', 'val' or 'test1'. Defaults to 'val'.
        mode (str): 'query' or 'gallery'. Defaults to 'query'.
        pipeline (list): Transforms. Defaults to ().
    """

    def __init__(self, data_root: str, split: str = 'val', mode: str = 'query',
                 pipeline: Sequence = (), **kwargs) -> None:
        if mode not in MODES:
            raise ValueError(f'mode must be one of {MODES}, got {mode!r}.')
        if split not in ('train', 'val', 'test1'):
            raise ValueError(f"CIRR split must be 'train', 'val' or 'test1', got {split!r}.")
        self.split, self.mode = split, mode
        super().__init__(data_root=data_root, pipeline=list(pipeline), **kwargs)

    def load_data_list(self) -> List[dict]:
        root = self.data_root
        names = _read_json(osp.join(root, 'cirr', 'image_splits',
                                    f'split.rc2.{self.split}.json'), 'CIRR image split')
        gallery = list(names)
        index = {n: i for i, n in enumerate(gallery)}
        self._metainfo.update(gallery_names=gallery, dataset='cirr', split=self.split)
        if self.mode == 'gallery':
            return [dict(img_path=osp.join(root, names[n]), name=n, category=0)
                    for n in gallery]
        triplets = _read_json(osp.join(root, 'cirr', 'captions', f'cap.rc2.{self.split}.json'),
                              'CIRR captions')
        out = []
        for t in triplets:
            ref, tgt = t['reference'], t.get('target_hard')
            for n in [ref] + ([tgt] if tgt else []):
                if n not in index:
                    raise KeyError(f'CIRR {self.split} pair {t["pairid"]}: image {n!r} is not '
                                   f'in split.rc2.{self.split}.json.')
            members = [index[m] for m in t['img_set']['members'] if m != ref and m in index]
            out.append(dict(
                pairid=str(t['pairid']), caption=t['caption'], ref_name=ref,
                ref_path=osp.join(root, names[ref]), ref_idx=index[ref],
                tgt_path=osp.join(root, names[tgt]) if tgt else '',
                tgt_idx=index[tgt] if tgt else -1, tgt_id=index[tgt] if tgt else -1,
                member_idx=members, category=0))
        return out


@DATASETS.register_module()
class FashionIQDataset(BaseDataset):
    """FashionIQ (Wu et al., "Fashion IQ", CVPR 2021), the three categories in
    one dataset, layout::

        <data_root>/captions/cap.{dress,shirt,toptee}.{train,val,test}.json
        <data_root>/image_splits/split.{cat}.{split}.json
        <data_root>/images/<asin><img_suffix>

    Query samples keep both captions (``captions``; ``FIQCaptionMerge``
    builds ``caption``) and their ``category`` index; the gallery is the
    concatenation of the per-category splits, each item tagged with its
    category (prediction ranks only the query's category).

    Args:
        data_root (str): The ``fashionIQ_dataset`` folder.
        split (str): 'train', 'val' or 'test'. Defaults to 'val'.
        categories (Sequence[str]): Defaults to ('dress', 'shirt', 'toptee').
        mode (str): 'query' or 'gallery'. Defaults to 'query'.
        img_suffix (str): Image file suffix. Defaults to '.jpg'.
        pipeline (list): Transforms. Defaults to ().
    """

    def __init__(self, data_root: str, split: str = 'val',
                 categories: Sequence[str] = ('dress', 'shirt', 'toptee'),
                 mode: str = 'query', img_suffix: str = '.jpg',
                 pipeline: Sequence = (), **kwargs) -> None:
        if mode not in MODES:
            raise ValueError(f'mode must be one of {MODES}, got {mode!r}.')
        self.split, self.mode = split, mode
        self.categories = tuple(categories)
        self.img_suffix = img_suffix
        super().__init__(data_root=data_root, pipeline=list(pipeline), **kwargs)

    def _path(self, asin: str) -> str:
        return osp.join(self.data_root, 'images', asin + self.img_suffix)

    def load_data_list(self) -> List[dict]:
        root = self.data_root
        gallery, index = [], {}
        for c, cat in enumerate(self.categories):
            for asin in _read_json(osp.join(root, 'image_splits', f'split.{cat}.{self.split}.json'),
                                   'FashionIQ image split'):
                index[(c, asin)] = len(gallery)
                gallery.append((c, asin))
        self._metainfo.update(gallery_names=[a for _, a in gallery], dataset='fashioniq',
                              categories=self.categories, split=self.split)
        if self.mode == 'gallery':
            return [dict(img_path=self._path(a), name=a, category=c) for c, a in gallery]
        out = []
        for c, cat in enumerate(self.categories):
            triplets = _read_json(osp.join(root, 'captions', f'cap.{cat}.{self.split}.json'),
                                  'FashionIQ captions')
            for j, t in enumerate(triplets):
                ref, tgt = t['candidate'], t.get('target')
                tgt_idx = index.get((c, tgt), -1) if tgt else -1
                out.append(dict(
                    pairid=f'{cat}-{j}', captions=list(t['captions']), category=c,
                    ref_name=ref, ref_path=self._path(ref), ref_idx=index.get((c, ref), -1),
                    tgt_path=self._path(tgt) if tgt else '', tgt_idx=tgt_idx,
                    tgt_id=tgt_idx if tgt_idx >= 0 else zlib.crc32(tgt.encode()) + len(gallery),
                    member_idx=[]))
        return out
