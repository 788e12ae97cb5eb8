# Copyright (c) mmcontrast contributors. All rights reserved.
"""PIRADSConfidence against the hand-computed table of spec §8.2."""
import pytest

from mmcontrast.pretrain.datasets import PIRADSConfidence

TABLE = {'a': [2, 2, 2, 5], 'b': [2, 4], 'c': [3, 3], 'd': [5], 'e': [1], 'f': [],
         'g': [4, 4, 5, 1, 3]}


def test_paper_mode():
    out = PIRADSConfidence('paper', eps=0.1)(TABLE)
    assert out['a'] == (0, pytest.approx(0.5))
    assert out['b'][1] == pytest.approx(0.0)
    assert out['c'] == out['d'] == out['f'] == (-1, -1.0)
    assert out['e'] == (0, 0.1)
    assert out['g'] == (1, pytest.approx(2 * (3 / 4 - 0.5)))


def test_code_mode():
    out = PIRADSConfidence('code')(TABLE)
    assert out['a'] == (0, pytest.approx(0.75))
    assert out['b'] == (0, pytest.approx(0.5))  # first seen on a tie; pair weight 0 in the loss
    assert out['c'] == out['d'] == (-1, -1.0)
    # m̄ over lists of length != 1 (PI-RADS 3 and empty lists count): (4 + 2 + 2 + 0 + 5) / 5
    assert out['e'] == (0, pytest.approx(5 / 13))
    assert out['g'] == (1, pytest.approx(0.75))


def test_bad_input():
    with pytest.raises(ValueError, match='eps'):
        PIRADSConfidence(eps=0.2)
    with pytest.raises(ValueError, match='mode'):
        PIRADSConfidence('other')
    with pytest.raises(ValueError, match="exam 'x'"):
        PIRADSConfidence()({'x': [6]})
