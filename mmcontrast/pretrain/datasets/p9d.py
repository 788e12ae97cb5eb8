# Copyright (c) mmcontrast contributors. All rights reserved.
"""P9D: the nine-industry product image-title set of CTP, one task per industry."""
import json
import os.path as osp
from collections import Counter
from typing import List, Optional, Sequence

from mmengine.dataset import BaseDataset
from mmpretrain.registry import DATASETS

#: P9D's task order (exact keys of train.json / industry_name values).
P9D_TASKS = ('家居用品', '家装家饰', '食品/保健', '美容护理', '服饰鞋包', '车品配件', '母婴',
             '运动/户外', '3C数码')

_SPLITS = ('train', 'test', 'val', 'retrieval')


@DATASETS.register_module()
class P9DDataset(BaseDataset):
    """P9D in its published JSON layout (Zhu et al., "CTP", ICCV 2023).

    ::

        json/train.json    {industry: {item_id: {"title", "cate_name", ...}}}
        json/test.json     {item_id: {"title", "cate_name", "industry_name"}}
        json/query.json    same as test.json   json/gallery.json  same
        train_images/<item_id>.jpg
        gallery_images/<item_id>.jpg   (test, query and gallery images)

    The task filter is resolved here, at build time, from ``tasks`` and
    ``task_id`` (so ``--cfg-options ...dataset.task_id=k`` works): split
    ``train`` keeps ``tasks[task_id]`` (or ``tasks[:task_id+1]`` with
    ``cumulative=True``, JointT); ``test``/``val`` keep every seen task
    ``tasks[:task_id+1]``; ``retrieval`` is the multimodal-retrieval set:
    seen-task queries (``is_query=1``) followed by seen-task gallery items,
    each query carrying ``num_positives`` = gallery items of its
    ``cate_name`` (over the whole gallery file with ``positives_from='all'``,
    the official behaviour, or the seen tasks with ``'seen'``).

    Each data info: ``img_path``, ``text`` (raw title), ``item_id``,
    ``cate_name``, ``task_idx`` (index of the item's industry in ``tasks``),
    ``sample_idx``; plus ``is_query``/``num_positives`` for ``retrieval``.

    Args:
        data_root (str): P9D root.
        split (str): ``'train'``, ``'test'``, ``'val'`` (= test.json) or
            ``'retrieval'``.
        tasks (Sequence[str]): Industry names in task order. Defaults to
            :data:`P9D_TASKS`.
        task_id (int): Current task k (0-based). Defaults to 0.
        cumulative (bool, optional): Train on all seen tasks (JointT).
            Defaults to None (False for train; evaluation is always cumulative).
        positives_from (str): ``'all'`` or ``'seen'``. Defaults to 'all'.
        pipeline (list): Transforms. Defaults to ().
        **kwargs: Other ``BaseDataset`` arguments.
    """

    def __init__(self,
                 data_root: str,
                 split: str = 'train',
                 tasks: Sequence[str] = P9D_TASKS,
                 task_id: int = 0,
                 cumulative: Optional[bool] = None,
                 positives_from: str = 'all',
                 pipeline: Sequence = (),
                 **kwargs) -> None:
        if split not in _SPLITS:
            raise ValueError(f'P9DDataset split must be one of {_SPLITS}, got {split!r}.')
        tasks = list(tasks)
        if not 0 <= int(task_id) < len(tasks):
            raise ValueError(f'P9DDataset task_id={task_id} is outside the {len(tasks)} tasks '
                             f'{tasks}; pass --cfg-options ...dataset.task_id=<0..'
                             f'{len(tasks) - 1}>.')
        if positives_from not in ('all', 'seen'):
            raise ValueError(f"positives_from must be 'all' or 'seen', got {positives_from!r}.")
        self.split = split
        self.tasks = tasks
        self.task_id = int(task_id)
        self.cumulative = cumulative
        self.positives_from = positives_from
        super().__init__(data_root=data_root, pipeline=pipeline, ann_file='', **kwargs)

    @property
    def seen_tasks(self) -> List[str]:
        """Industries the current split keeps."""
        if self.split == 'train' and not self.cumulative:
            return [self.tasks[self.task_id]]
        return self.tasks[:self.task_id + 1]

    def _json(self, name: str):
        path = osp.join(self.data_root, 'json', name)
        if not osp.isfile(path):
            raise FileNotFoundError(
                f'P9D annotation {path} not found: data_root must hold json/{name} '
                '(see configs/ctp/README.md for the layout; the mini set is made by '
                '`python tools/dataset_converters/make_mini_datasets.py`).')
        with open(path, encoding='utf-8') as f:
            return json.load(f)

    def _info(self, item_id: str, rec: dict, folder: str, industry: str) -> dict:
        for key in ('title', 'cate_name'):
            if key not in rec:
                raise KeyError(f'P9D item {item_id!r} ({folder}) has no {key!r} field.')
        return dict(
            img_path=osp.join(self.data_root, folder, f'{item_id}.jpg'),
            text=rec['title'],
            item_id=str(item_id),
            cate_name=rec['cate_name'],
            task_idx=self.tasks.index(industry))

    def _eval_items(self, name: str) -> List[dict]:
        seen = set(self.seen_tasks)
        out = []
        for item_id, rec in self._json(name).items():
            ind = rec.get('industry_name')
            if ind is None:
                raise KeyError(f'P9D {name}: item {item_id!r} has no "industry_name".')
            if ind in seen:
                out.append(self._info(item_id, rec, 'gallery_images', ind))
        return out

    def load_data_list(self) -> List[dict]:
        """Resolve the task filter and return the data infos."""
        if self.split == 'train':
            ann = self._json('train.json')
            missing = [t for t in self.seen_tasks if t not in ann]
            if missing:
                raise KeyError(f'P9D train.json has no industries {missing}; it has '
                               f'{list(ann)}. Check `tasks` in the config.')
            data = [
                self._info(item_id, rec, 'train_images', ind) for ind in self.seen_tasks
                for item_id, rec in ann[ind].items()
            ]
        elif self.split in ('test', 'val'):
            data = self._eval_items('test.json')
        else:
            queries = self._eval_items('query.json')
            gallery = self._eval_items('gallery.json')
            if self.positives_from == 'all':
                counts = Counter(r['cate_name'] for r in self._json('gallery.json').values())
            else:
                counts = Counter(g['cate_name'] for g in gallery)
            for q in queries:
                q.update(is_query=1, num_positives=counts[q['cate_name']])
            for g in gallery:
                g.update(is_query=0, num_positives=0)
            data = queries + gallery
        if not data:
            raise ValueError(f'P9D split {self.split!r} is empty for tasks {self.seen_tasks}.')
        for i, d in enumerate(data):
            d['sample_idx'] = i
        return data
