# Copyright (c) mmcontrast contributors. All rights reserved.
"""A trained CTP model through mmpretrain's retrieval inferencers.

Text->image and image->text (``TextToImageRetrievalInferencer`` /
``ImageToTextRetrievalInferencer``) must rank by the ITC cosine of the
student's normalised projected features, the score CrossModalRecall ranks
with; image->image (``ImageRetrievalInferencer``) by the cosine of image
features through ``prototype`` / ``prepare_prototype`` / ``matching``.
References are plain Python loops over features taken from the model one
item at a time. Model: the tiny mini-P9D CTP config (random init).
"""
import copy
import importlib.util
import math
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import Compose, default_collate
from mmpretrain.apis import (ImageRetrievalInferencer, ImageToTextRetrievalInferencer,
                             TextToImageRetrievalInferencer, get_model)
from mmpretrain.registry import TRANSFORMS

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.pretrain.evaluation import paired_gt_ranks
from mmcontrast.pretrain.models.retrievers import CTPDataPreprocessor

REPO = osp.join(osp.dirname(__file__), '..', '..')
CONFIG = osp.join(REPO, 'configs', 'ctp', 'ctp_vit-tiny-bert-tiny_1xb16-20e-per-task_mini-p9d.py')
TASKS = ('家居用品', '家装家饰', '食品/保健')


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope='module')
def cfg(p9d_root):
    cfg = Config.fromfile(CONFIG)
    for t in cfg.test_dataloader.dataset.pipeline:
        if 'vocab_file' in t:
            t['vocab_file'] = osp.join(p9d_root, 'vocab.txt')
    return cfg


@pytest.fixture(scope='module')
def model(cfg):
    """The tiny model with its student moved off random init: the random-init text tower
    gives every caption nearly the same feature (cosine 1 - 1e-6), too close to rank."""
    torch.manual_seed(0)
    model = get_model(copy.deepcopy(cfg), pretrained=False, device='cpu')
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for p in model.student.parameters():
            p.add_(0.3 * torch.randn(p.shape, generator=g))
    return model


@pytest.fixture(scope='module')
def pairs(p9d_root):
    """Test image-caption pairs of the 3 tasks with distinct captions (the templated
    titles repeat; equal captions tie exactly): (image paths, captions)."""
    from mmengine.registry import init_default_scope
    from mmpretrain.registry import DATASETS
    init_default_scope('mmpretrain')
    ds = DATASETS.build(dict(type='P9DDataset', data_root=p9d_root, split='test', tasks=TASKS,
                             task_id=2, pipeline=[]))
    first = {}
    for i in range(len(ds)):
        info = ds.get_data_info(i)
        first.setdefault(info['text'], info['img_path'])
    assert len(first) >= 10
    return list(first.values()), list(first)


@pytest.fixture(scope='module')
def encode(cfg, model):
    """Per-item features: ``encode(img_path=...)``, ``encode(text=...)`` or both (predict)."""
    full = Compose([TRANSFORMS.build(t) for t in cfg.test_dataloader.dataset.pipeline])
    text_only = Compose([TRANSFORMS.build(t) for t in cfg.test_dataloader.dataset.pipeline
                         if t['type'] in ('CTPTokenize', 'PackInputs')])

    @torch.no_grad()
    def run(img_path=None, text=None):
        if img_path is None:
            data = model.data_preprocessor(default_collate([text_only(dict(text=text))]))
            return model.extract_feat(data_samples=data['data_samples'])['text_feat'][0]
        info = dict(img_path=img_path) if text is None else dict(img_path=img_path, text=text)
        data = model.data_preprocessor(default_collate([full(info)]))
        if text is None:
            return model.extract_feat(images=data['inputs'])['img_feat'][0]
        return model.predict(data['inputs'], data['data_samples'])[0]

    return run


# ------------------------------------------------------------------- helpers
def _cos(a, b):
    a, b = a.double().tolist(), b.double().tolist()
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


def _naive(query, gallery):
    """Python-loop cosine scores and the gallery indices by descending score."""
    scores = [_cos(query, g) for g in gallery]
    order = sorted(range(len(scores)), key=lambda j: -scores[j])
    # the comparison is meaningful only without near-ties
    assert all(scores[order[i]] - scores[order[i + 1]] > 1e-5 for i in range(len(order) - 1))
    return order, scores


def _check(matches, query, gallery):
    order, scores = _naive(query, gallery)
    assert [int(m['sample_idx']) for m in matches] == order
    got = torch.tensor([float(m['match_score']) for m in matches], dtype=torch.float64)
    torch.testing.assert_close(got, torch.tensor([scores[j] for j in order],
                                                 dtype=torch.float64), rtol=0, atol=1e-5)


# --------------------------------------------------------------------- tests
def test_text_to_image_ranks_by_itc_cosine(model, pairs, encode):
    images, captions = pairs
    inf = TextToImageRetrievalInferencer(model, prototype=images, pretrained=False)
    queries = [captions[0], captions[5], 'handwritten digit one, thin stroke, upright']
    results = inf(queries, topk=len(images))
    gallery = [encode(img_path=p) for p in images]
    for query, matches in zip(queries, results):
        _check(matches, encode(text=query), gallery)
        assert {m['sample']['img_path'] for m in matches} == set(images)


def test_image_to_text_ranks_by_itc_cosine(model, pairs, encode):
    images, captions = pairs
    inf = ImageToTextRetrievalInferencer(model, prototype=captions, pretrained=False)
    results = inf(images[:3], topk=len(captions))
    gallery = [encode(text=c) for c in captions]
    for path, matches in zip(images[:3], results):
        _check(matches, encode(img_path=path), gallery)
        assert matches[0]['text'] == captions[int(matches[0]['sample_idx'])]


def test_inferencer_ranks_equal_cross_modal_recall_ranks(model, pairs, encode):
    """The rank of each pair's partner in the inferencers is the rank CrossModalRecall
    computes from ``predict``'s features (IR from text queries, TR from image queries)."""
    images, captions = pairs
    preds = [encode(img_path=p, text=c) for p, c in zip(images, captions)]
    v = torch.stack([p.img_feat for p in preds])
    w = torch.stack([p.text_feat for p in preds])
    # predict's features are the single-modality ones the inferencers use
    torch.testing.assert_close(v, torch.stack([encode(img_path=p) for p in images]))
    torch.testing.assert_close(w, torch.stack([encode(text=c) for c in captions]))
    n = len(images)
    t2i = TextToImageRetrievalInferencer(model, prototype=images, pretrained=False)
    ir = [[int(m['sample_idx']) for m in r].index(i)
          for i, r in enumerate(t2i(captions, topk=n, batch_size=4))]
    i2t = ImageToTextRetrievalInferencer(model, prototype=captions, pretrained=False)
    tr = [[int(m['sample_idx']) for m in r].index(i)
          for i, r in enumerate(i2t(images, topk=n, batch_size=4))]
    assert ir == paired_gt_ranks(w, v).tolist()
    assert tr == paired_gt_ranks(v, w).tolist()


def test_image_to_image_inferencer_and_matching(model, pairs, encode, tmp_path):
    images, _ = pairs
    gallery = [encode(img_path=p) for p in images]
    inf = ImageRetrievalInferencer(model, prototype=images, pretrained=False)
    for path, matches in zip(images[:2], inf(images[:2], topk=len(images))):
        _check(matches, encode(img_path=path), gallery)
        assert matches[0]['sample']['img_path'] == path  # itself first
    # BaseRetriever's contract directly: prototype tensor -> prepare_prototype -> matching
    queries = torch.stack([encode(img_path=p) for p in images[3:6]])
    model.prototype = torch.stack(gallery)
    model.prepare_prototype()
    out = model.matching(queries)
    for q, score, label, sorted_score in zip(queries, out['score'], out['pred_label'],
                                             out['pred_score']):
        order, scores = _naive(q, gallery)
        assert label.tolist() == order
        torch.testing.assert_close(score.double(), torch.tensor(scores, dtype=torch.float64),
                                   rtol=0, atol=1e-5)
        torch.testing.assert_close(sorted_score, score[label])
    # dump -> path prototype gives the same gallery
    model.dump_prototype(str(tmp_path / 'proto.pth'))
    vecs = model.prototype_vecs.clone()
    model.prototype = str(tmp_path / 'proto.pth')
    model.prepare_prototype()
    torch.testing.assert_close(model.prototype_vecs, vecs)
    assert 'prototype_vecs' not in model.state_dict()


@pytest.mark.parametrize('form', ['state_dict', 'published'])
def test_checkpoint_through_pretrained_gives_the_same_ranking(form, cfg, model, pairs, tmp_path):
    images, captions = pairs
    state = dict(state_dict=model.state_dict(), meta=dict())
    if form == 'published':  # student only (tools/model_converters/ctp_publish.py)
        spec = importlib.util.spec_from_file_location(
            'ctp_publish', osp.join(REPO, 'tools', 'model_converters', 'ctp_publish.py'))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        state = mod.convert(state)
    ckpt = str(tmp_path / 'ctp.pth')
    torch.save(state, ckpt)

    def ranking(inf):
        res = inf(captions[:3], topk=len(images))
        return ([[int(m['sample_idx']) for m in r] for r in res],
                torch.tensor([[float(m['match_score']) for m in r] for r in res]))

    want = ranking(TextToImageRetrievalInferencer(model, prototype=images, pretrained=False))
    torch.manual_seed(1)  # a different init, overwritten by the checkpoint
    got = ranking(TextToImageRetrievalInferencer(copy.deepcopy(cfg), prototype=images,
                                                 pretrained=ckpt, device='cpu'))
    assert got[0] == want[0]
    torch.testing.assert_close(got[1], want[1])
    torch.manual_seed(1)
    fresh = ranking(TextToImageRetrievalInferencer(copy.deepcopy(cfg), prototype=images,
                                                   pretrained=False, device='cpu'))
    assert not torch.allclose(fresh[1], want[1])  # the checkpoint did matter


def test_text_query_without_tokenizer_is_a_clear_error(cfg, model, pairs):
    images, _ = pairs
    bad = copy.deepcopy(cfg)
    bad.test_dataloader.dataset.pipeline = [
        t for t in bad.test_dataloader.dataset.pipeline if t['type'] != 'CTPTokenize']
    torch.manual_seed(0)
    inf = TextToImageRetrievalInferencer(bad, prototype=images, pretrained=False, device='cpu')
    with pytest.raises(ValueError, match='CTPTokenize'):
        inf('handwritten digit one')
    with pytest.raises(ValueError, match='needs images, captions'):
        model.extract_feat()


def test_preprocessor_is_cls_preprocessor_on_images_and_takes_captions(model):
    from mmpretrain.models.utils import ClsDataPreprocessor
    assert type(model.data_preprocessor) is CTPDataPreprocessor  # named by the model base
    args = dict(mean=[122.771, 116.746, 104.094], std=[68.501, 66.632, 70.323], to_rgb=True)
    batch = dict(inputs=torch.randint(0, 256, (2, 3, 8, 8), dtype=torch.uint8),
                 data_samples=None)
    ours, ref = CTPDataPreprocessor(**args)(dict(batch)), ClsDataPreprocessor(**args)(dict(batch))
    assert torch.equal(ours['inputs'], ref['inputs']) and ours['images'] is ours['inputs']
    text_only = CTPDataPreprocessor(**args)(dict(data_samples=[]))
    assert text_only['inputs'] is None and text_only['images'] is None
