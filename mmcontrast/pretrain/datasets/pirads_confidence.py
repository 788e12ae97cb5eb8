# Copyright (c) mmcontrast contributors. All rights reserved.
"""Exam metadata (several PI-RADS reports) -> (binary label, confidence)."""
from collections import Counter
from typing import Dict, Mapping, Optional, Sequence, Tuple

UNLABELED = (-1, -1.0)
MAX_REPORTS = 7


class PIRADSConfidence:
    """DCCL's report-agreement confidence (Ruppli et al., MILLanD 2023, spec §3a).

    PI-RADS 3 reports are dropped; the rest map to a binary label (<= 2 -> 0,
    >= 4 -> 1). With ``n`` remaining reports and ``p`` the fraction agreeing
    with the majority label:

    ===============  ==========================  ===============================
    case             ``mode='paper'`` (default)  ``mode='code'`` (official code)
    ===============  ==========================  ===============================
    n >= 2           majority, c = 2 (p - 1/2)   majority (first seen on a tie),
                                                 c = p
    n = 1, negative  c = eps                     c = 1 / m̄ (mean raw list length
                                                 of exams whose list length != 1)
    n = 1, positive  unlabeled (-1, -1)          unlabeled
    n = 0            unlabeled                   unlabeled
    ===============  ==========================  ===============================

    Computed once per exam when a dataset is built (``m̄`` is a statistic of
    the whole report table, so call it on the full table).

    Args:
        mode (str): 'paper' or 'code'. Defaults to 'paper'.
        eps (float): Single-negative confidence in paper mode, in
            ``(0, 2 (4/7 - 1/2))`` (below the least odd-n confidence for up
            to 7 reports). Defaults to 0.1.
    """

    def __init__(self, mode: str = 'paper', eps: float = 0.1) -> None:
        if mode not in ('paper', 'code'):
            raise ValueError(f"PIRADSConfidence mode must be 'paper' or 'code', got {mode!r}.")
        bound = 2 * (4 / 7 - 0.5)
        if not 0 < eps < bound:
            raise ValueError(f'PIRADSConfidence eps must be in (0, {bound:.4f}), got {eps}.')
        self.mode, self.eps = mode, float(eps)

    @staticmethod
    def _check(study: str, reports: Sequence) -> list:
        if not isinstance(reports, (list, tuple)):
            raise ValueError(f'PI-RADS reports of exam {study!r} must be a list, got '
                             f'{type(reports).__name__}.')
        out = []
        for r in reports:
            if isinstance(r, bool) or int(r) != r or not 1 <= int(r) <= 5:
                raise ValueError(f'exam {study!r}: PI-RADS scores are integers 1..5, got {r!r}.')
            out.append(int(r))
        return out

    @staticmethod
    def mean_length(table: Mapping[str, Sequence]) -> float:
        """m̄: mean raw list length over exams whose raw list length != 1."""
        lens = [len(v) for v in table.values() if len(v) != 1]
        return sum(lens) / len(lens) if lens else 1.0

    def exam(self, reports: Sequence, mean_len: Optional[float] = None,
             study: str = '?') -> Tuple[int, float]:
        """(label, confidence) of one exam; ``(-1, -1.0)`` when unlabeled.

        Args:
            reports (Sequence[int]): PI-RADS scores of the exam.
            mean_len (float, optional): ``m̄`` (code mode with a single
                negative report).
            study (str): Exam id for error messages.
        """
        bins = [0 if r <= 2 else 1 for r in self._check(study, reports) if r != 3]
        n = len(bins)
        if n == 0:
            return UNLABELED
        if n == 1:
            if bins[0] == 1:
                return UNLABELED
            if self.mode == 'paper':
                return 0, self.eps
            if not mean_len:
                raise ValueError('code mode needs mean_len (m̄) for single-report exams.')
            return 0, 1.0 / mean_len
        label, count = Counter(bins).most_common(1)[0]  # first seen on a tie
        p = count / n
        return int(label), (2 * (p - 0.5) if self.mode == 'paper' else p)

    def __call__(self, table: Mapping[str, Sequence]) -> Dict[str, Tuple[int, float]]:
        """Map ``{study_id: [pirads, ...]}`` to ``{study_id: (label, conf)}``."""
        if not isinstance(table, Mapping):
            raise ValueError('the PI-RADS report table must be a dict {study_id: [scores]}.')
        m = self.mean_length(table)
        return {str(k): self.exam(v, m, str(k)) for k, v in table.items()}
