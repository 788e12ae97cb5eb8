# Copyright (c) mmcontrast contributors. All rights reserved.
"""Issue 12 for every loss: non-finite input, shapes, label ranges, overflowing temperatures.

Each case calls a loss with one corrupted argument and asserts a ``ValueError``
whose message names that argument (never a silent finite number or NaN);
documented empty cases return a finite zero that keeps the graph; a
temperature whose inverse overflows float32 is rejected when the module is
built.
"""
import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive import losses as L
from mmcontrast.registry import MODELS

G = torch.Generator().manual_seed(0)


def _u(*shape):
    return F.normalize(torch.randn(*shape, generator=G), dim=-1)


def _nan(x, value=float('nan')):
    x = x.clone()
    x.view(-1)[1] = value
    return x


B, D = 6, 4
Q, K, QUEUE = _u(B, D), _u(B, D), _u(10, D)
Y = torch.tensor([0, 1, 0, 1, 2, 2])
FEATS = torch.randn(2, 4, 5, 6, generator=G)
MASK = torch.zeros(2, 5, 6, dtype=torch.long)
MASK[:, :, 3:] = 1
SCORE = torch.randn(2, 3, 5, 6, generator=G)
SEG = torch.randint(0, 3, (2, 5, 6), generator=G)

# (loss, kwargs builder with the bad argument, name expected in the message)
NON_FINITE = {
    'info_nce/query': (lambda v: L.info_nce_loss(_nan(Q, v), K), 'query'),
    'info_nce/key': (lambda v: L.info_nce_loss(Q, _nan(K, v)), 'key'),
    'info_nce/queue': (lambda v: L.info_nce_loss(Q, K, _nan(QUEUE, v)), 'queue'),
    'supcon/anchors': (lambda v: L.supcon_loss(_nan(Q, v), Y), 'anchors'),
    'supcon/keys': (lambda v: L.supcon_loss(Q, Y, _nan(K, v)), 'keys'),
    'smmcl/emb_x': (lambda v: L.smmcl_loss(FEATS, _nan(FEATS, v), SEG, 3, min_views=1),
                    'emb_x'),
    'focal/feats': (lambda v: L.focal_contrast_loss(_nan(FEATS, v), MASK), 'feats'),
    'focal_soft/feats': (lambda v: L.focal_soft_contrast_loss(_nan(FEATS, v), MASK), 'feats'),
    'neighbour/query': (lambda v: L.neighbour_contrast_loss(_nan(Q, v), QUEUE,
                                                            torch.arange(10) % 3, Y, 3),
                        'query'),
    'neighbour/queue_feats': (lambda v: L.neighbour_contrast_loss(
        Q, _nan(QUEUE, v), torch.arange(10) % 3, Y, 3), 'queue_feats'),
    'dist_consistency/logits': (lambda v: L.distribution_consistency_loss(
        _nan(torch.randn(B, 3), v), torch.full((B, 3), 1 / 3)), 'logits'),
    'neighbour_class_distribution/keys': (lambda v: L.neighbour_class_distribution(
        _nan(Q, v), QUEUE, torch.full((10, 3), 1 / 3)), 'keys'),
    'pixel_text/score_maps': (lambda v: L.align_guided_contrastive([_nan(SCORE, v)], SEG),
                              'score_maps'),
    'relational_kl/student_a': (lambda v: L.relational_kl_loss(_nan(Q, v), K, Q, K),
                                'student_a'),
    'relational_kl/teacher_b': (lambda v: L.relational_kl_loss(Q, K, Q, _nan(K, v)),
                                'teacher_b'),
    'align_uniform/z1': (lambda v: L.align_uniform_loss(_nan(Q, v), K), 'z1'),
    'confidence_align_uniform/z2': (lambda v: L.confidence_align_uniform_loss(
        Q, _nan(K, v), Y, torch.ones(B)), 'z2'),
    'confidence_align_uniform/confidence': (lambda v: L.confidence_align_uniform_loss(
        Q, K, Y, _nan(torch.ones(B), v)), 'confidence'),
    'cross_similarity/y2': (lambda v: L.cross_similarity_loss(FEATS, _nan(FEATS, v)), 'y2'),
    'spatial_cosine/t': (lambda v: L.spatial_cosine_loss(FEATS, _nan(FEATS, v)), 't'),
    'pixel_consistency/y': (lambda v: L.pixel_consistency_loss(
        _nan(FEATS, v), FEATS, torch.eye(30, dtype=torch.bool).expand(2, 30, 30)), 'y'),
    'triplet/negative': (lambda v: L.triplet_margin_loss(Q, K, _nan(Q, v)), 'negative'),
    'cosine_pair/x': (lambda v: L.cosine_pair_loss(_nan(Q, v), K), 'x'),
    'contrastive_pair/x2': (lambda v: L.contrastive_pair_loss(Q, _nan(K, v), Y % 2), 'x2'),
}


@pytest.mark.parametrize('value', [float('nan'), float('inf'), float('-inf')])
@pytest.mark.parametrize('case', sorted(NON_FINITE))
def test_non_finite_input_is_rejected(case, value):
    fn, name = NON_FINITE[case]
    with pytest.raises(ValueError, match=rf'\b{name}\b.*non-finite'):
        fn(value)


SHAPES = {
    'info_nce/key dim': (lambda: L.info_nce_loss(Q, _u(B, D + 1)), 'key'),
    'info_nce/queue dim': (lambda: L.info_nce_loss(Q, K, _u(3, D + 1)), 'queue'),
    'info_nce/key_ids': (lambda: L.info_nce_loss(Q, K, key_ids=Y[:3]), 'key_ids'),
    'info_nce/targets': (lambda: L.info_nce_loss(Q, K, targets=Y[:3]), 'targets'),
    'supcon/anchor_labels': (lambda: L.supcon_loss(Q, Y[:4]), 'anchor_labels'),
    'supcon/key_labels': (lambda: L.supcon_loss(Q, Y, K, Y[:2]), 'key_labels'),
    'smmcl/labels batch': (lambda: L.smmcl_loss(FEATS, FEATS, SEG[:1], 3), 'labels'),
    'focal/labels': (lambda: L.focal_contrast_loss(FEATS, MASK[:, :2]), 'labels'),
    'neighbour/labels': (lambda: L.neighbour_contrast_loss(Q, QUEUE, torch.arange(10),
                                                           Y[:2], 3), 'labels'),
    'neighbour/queue_labels': (lambda: L.neighbour_contrast_loss(Q, QUEUE, torch.arange(4),
                                                                 Y, 3), 'queue_labels'),
    'dist_consistency/keep': (lambda: L.distribution_consistency_loss(
        torch.randn(B, 3), torch.full((B, 3), 1 / 3), torch.ones(2, dtype=torch.bool)), 'keep'),
    'pixel_text/score_maps': (lambda: L.align_guided_contrastive([SCORE[:1]], SEG),
                              'score_maps'),
    'relational_kl/student_b': (lambda: L.relational_kl_loss(Q, _u(B, D + 1), Q, K),
                                'student_b'),
    'confidence_align_uniform/labels': (lambda: L.confidence_align_uniform_loss(
        Q, K, Y[:3], torch.ones(B)), 'labels'),
    'triplet': (lambda: L.triplet_margin_loss(Q, K[:3], Q), 'anchor'),
    'contrastive_pair/is_same': (lambda: L.contrastive_pair_loss(Q, K, Y[:2]), 'is_same'),
}


@pytest.mark.parametrize('case', sorted(SHAPES))
def test_shape_mismatch_names_the_argument(case):
    fn, name = SHAPES[case]
    with pytest.raises(ValueError, match=rf'\b{name}\b'):
        fn()


LABELS = {
    'info_nce/targets out of range': (lambda: L.info_nce_loss(Q, K, targets=Y + 4), 'targets'),
    'supcon/float labels': (lambda: L.supcon_loss(Q, Y.float()), 'anchor_labels'),
    'smmcl/id >= num_classes': (lambda: L.smmcl_loss(FEATS, FEATS, SEG + 1, 3), 'labels'),
    'focal/float labels': (lambda: L.focal_contrast_loss(FEATS, MASK.float()), 'labels'),
    'pixel_text/float labels': (lambda: L.align_guided_contrastive([SCORE], SEG.float()),
                                'label'),
    'confidence_align_uniform/float labels': (lambda: L.confidence_align_uniform_loss(
        Q, K, Y.float(), torch.ones(B)), 'labels'),
    'contrastive_pair/is_same not 0/1': (lambda: L.contrastive_pair_loss(Q, K, Y), 'is_same'),
}


@pytest.mark.parametrize('case', sorted(LABELS))
def test_label_range_and_dtype_names_the_argument(case):
    fn, name = LABELS[case]
    with pytest.raises(ValueError, match=rf'\b{name}\b'):
        fn()


MODULES = [
    ('InfoNCELoss', 'temperature'), ('SupConLoss', 'temperature'),
    ('SMMCLLoss', 'temperature'), ('SMMCLLoss', 'temperature_cm'),
    ('FOCALContrastLoss', 'temperature'), ('FOCALSoftContrastLoss', 'weight_temperature'),
    ('NeighbourContrastLoss', 'temperature'), ('DistributionConsistencyLoss', 'temperature'),
    ('AlignGuidedContrastiveLoss', 'tau'), ('RelationalKLLoss', 'temperature'),
    ('RelationalKLLoss', 'teacher_temperature'),
]


@pytest.mark.parametrize('value', [1e-40, 0.0, -1.0, float('inf'), float('nan')])
@pytest.mark.parametrize('type_name,arg', MODULES)
def test_bad_temperature_rejected_at_construction(type_name, arg, value):
    with pytest.raises(ValueError, match=arg):
        MODELS.build({'type': type_name, arg: value})


def test_overflowing_temperature_in_functions():
    for fn in (lambda: L.supcon_loss(Q, Y, temperature=1e-40),
               lambda: L.info_nce_loss(Q, K, temperature=1e-40),
               lambda: L.info_nce_loss(Q, K, temperature=torch.tensor(1e-40)),
               lambda: L.relational_kl_loss(Q, K, Q, K, temperature=1e-40),
               lambda: L.neighbour_contrast_loss(Q, QUEUE, torch.arange(10), Y, 3, 1e-40)):
        with pytest.raises(ValueError, match='overflows'):
            fn()
    # the smallest accepted temperature still gives a finite loss
    assert torch.isfinite(L.supcon_loss(Q, Y, temperature=1e-30))


def test_documented_empty_cases_are_finite_zeros_with_graph():
    e = torch.zeros(0, D, requires_grad=True)
    y0 = torch.zeros(0, dtype=torch.long)
    outs = [
        L.info_nce_loss(e, e),
        L.info_nce_loss(e, e, symmetric=True),
        L.supcon_loss(e, y0),
        L.supcon_loss(Q.requires_grad_(), torch.arange(B)),  # no positives
        L.relational_kl_loss(e, e, e, e),
        L.neighbour_contrast_loss(e, QUEUE, torch.arange(10), y0, 3),
        L.triplet_margin_loss(e, e, e),
        L.contrastive_pair_loss(e, e, y0),
        L.focal_contrast_loss(FEATS.requires_grad_(), torch.zeros_like(MASK)),  # authentic
    ]
    for out in outs:
        assert out.dim() == 0 and out.item() == 0 and torch.isfinite(out)
        assert out.requires_grad
