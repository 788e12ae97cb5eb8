# Copyright (c) mmcontrast contributors. All rights reserved.
"""The engine of the contrastive core; every loss in ``losses/`` is a rule on top of it.

* :mod:`.precision` -- the one fp32 rule (:func:`fp32`) and inverse temperatures;
* :mod:`.checks` -- input validation (non-finite, shapes, label ranges, temperatures);
* :mod:`.similarity` -- dot / cosine / squared-euclidean similarities in fp32;
* :mod:`.fused_rows` -- fused masked row reductions with analytic backward
  (log-sum-exp with excluded columns, negatives-only SupCon terms, streamed
  weighted sums);
* :mod:`.masked_rows` -- dense masked log-sum-exp / log-softmax / means / KL
  for the rules the fused kernels do not cover;
* :mod:`.chunking` -- row chunks under checkpointing;
* :mod:`.reducers` -- valid and weighted means;
* :mod:`.gather` -- all-gather with and without gradient.
"""
from .checks import (check_all_finite, check_dim, check_finite, check_labels, check_len,
                     check_temperature)
from .chunking import chunked_rows
from .fused_rows import masked_row_logsumexp, negatives_only_row_terms, weighted_row_sum
from .gather import all_gather_no_grad, all_gather_with_grad
from .masked_rows import (combine_logsumexp, kl_rows, masked_log_softmax, masked_logsumexp,
                          masked_mean, neg_fill)
from .precision import fp32, inverse_temperature
from .reducers import valid_mean, weighted_mean
from .similarity import METRICS, paired_similarity, similarity

__all__ = [
    'fp32', 'inverse_temperature', 'check_finite', 'check_all_finite', 'check_dim',
    'check_len', 'check_labels', 'check_temperature', 'chunked_rows', 'masked_row_logsumexp',
    'negatives_only_row_terms', 'weighted_row_sum', 'all_gather_no_grad', 'all_gather_with_grad',
    'combine_logsumexp', 'kl_rows', 'masked_log_softmax', 'masked_logsumexp', 'masked_mean',
    'neg_fill', 'valid_mean', 'weighted_mean', 'METRICS', 'paired_similarity', 'similarity'
]
