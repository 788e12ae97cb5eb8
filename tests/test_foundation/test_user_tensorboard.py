# Copyright (c) mmcontrast contributors. All rights reserved.
"""With the optional ``tensorboard`` extra installed, a run writes a TensorBoard events file
through mmengine's ``TensorboardVisBackend`` (the snippet of docs/visualization.md)."""
import glob
import os.path as osp

import numpy as np
import pytest


def test_tensorboard_backend_writes_events(tmp_path):
    pytest.importorskip('tensorboard')
    from mmengine.visualization import Visualizer

    import mmcontrast  # noqa: F401
    vis = Visualizer(name='user_tb_test', save_dir=str(tmp_path),
                     vis_backends=[dict(type='LocalVisBackend'),
                                   dict(type='TensorboardVisBackend')])
    vis.add_scalars(dict(loss=1.5, mIoU=10.0), step=1)
    vis.add_image('val_embedding', np.zeros((16, 16, 3), np.uint8), step=1)
    vis.close()
    events = glob.glob(osp.join(str(tmp_path), '**', 'events.out.tfevents.*'), recursive=True)
    assert events and osp.getsize(events[0]) > 0
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    acc = EventAccumulator(osp.dirname(events[0]))
    acc.Reload()
    assert 'loss' in acc.Tags()['scalars'] and 'val_embedding' in acc.Tags()['images']
