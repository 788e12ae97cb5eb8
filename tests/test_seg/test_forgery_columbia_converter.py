# Copyright (c) mmcontrast contributors. All rights reserved.
import importlib.util
import os.path as osp

import numpy as np
import pytest

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
spec = importlib.util.spec_from_file_location(
    'columbia', osp.join(REPO, 'tools/dataset_converters/forgery_columbia.py'))
columbia = importlib.util.module_from_spec(spec)
spec.loader.exec_module(columbia)


def test_edgemask_smaller_region_and_forced_colour():
    edge = np.zeros((10, 10, 3), np.uint8)
    edge[:, :7, 2] = 255    # red: 70 px
    edge[:, 7:, 1] = 255    # green: 30 px
    edge[:, 6] = 255        # white boundary column
    m = columbia.edgemask_to_binary(edge)
    assert m.dtype == np.uint8 and set(np.unique(m)) == {0, 255}
    assert (m[:, 7:] == 255).all() and (m[:, :7] == 0).all()
    r = columbia.edgemask_to_binary(edge, 'red')
    assert (r[:, :6] == 255).all() and (r[:, 6:] == 0).all()
    with pytest.raises(ValueError, match='forged_colour'):
        columbia.edgemask_to_binary(edge, 'purple')
