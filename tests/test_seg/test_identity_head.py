# Copyright (c) mmcontrast contributors. All rights reserved.
"""IdentityHead: logits pass through, loss = weighted CE after upsampling."""
import torch
import torch.nn.functional as F
from mmengine.structures import PixelData
from mmseg.structures import SegDataSample

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.models.heads import IdentityHead


def test_identity_and_loss():
    head = IdentityHead(num_classes=4, loss_decode=dict(type='CrossEntropyLoss', loss_weight=0.4))
    assert not hasattr(head, 'conv_seg') and sum(p.numel() for p in head.parameters()) == 0
    x = torch.randn(2, 4, 4, 4)
    assert head(x) is x
    ds = []
    for _ in range(2):
        d = SegDataSample()
        d.gt_sem_seg = PixelData(data=torch.randint(0, 4, (1, 8, 8)))
        ds.append(d)
    loss = head.loss(x, ds, None)['loss_ce']
    gt = torch.stack([d.gt_sem_seg.data[0] for d in ds])
    up = F.interpolate(x, size=(8, 8), mode='bilinear', align_corners=False)
    torch.testing.assert_close(loss, 0.4 * F.cross_entropy(up, gt, ignore_index=255))
