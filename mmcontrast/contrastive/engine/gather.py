# Copyright (c) mmcontrast contributors. All rights reserved.
"""All-gather that carries gradients, for in-batch negatives across ranks.

``mmengine.dist.all_gather`` returns tensors detached from the graph, so a
loss over gathered negatives would only train on the local slice's
*queries*. :class:`GatherLayer` returns every rank's tensor and, in backward,
sums the incoming gradients over ranks and hands each rank the slice of its own
input (as SimCLR/CLIP implementations do). Without an initialised process
group it is the identity, so single-process code needs no special case.
"""
from typing import List, Tuple

import torch
import torch.distributed as dist
from mmengine.dist import get_world_size, is_distributed


class GatherLayer(torch.autograd.Function):
    """Gather tensors from all ranks, with a gradient path back to each input."""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> Tuple[torch.Tensor, ...]:
        output = [torch.zeros_like(x) for _ in range(dist.get_world_size())]
        dist.all_gather(output, x.contiguous())
        return tuple(output)

    @staticmethod
    def backward(ctx, *grads: torch.Tensor) -> torch.Tensor:
        all_grads = torch.stack(grads)
        dist.all_reduce(all_grads)
        return all_grads[dist.get_rank()]


def all_gather_with_grad(x: torch.Tensor) -> torch.Tensor:
    """Concatenate ``x`` from every rank along dim 0, keeping gradients.

    Args:
        x (Tensor): (B, ...) local tensor; every rank must pass the same shape.

    Returns:
        Tensor: (world_size * B, ...), rank r's rows at ``[r*B:(r+1)*B]``.
        ``x`` itself when not distributed.
    """
    if not is_distributed() or get_world_size() == 1:
        return x
    return torch.cat(GatherLayer.apply(x), dim=0)


def all_gather_no_grad(x: torch.Tensor) -> torch.Tensor:
    """Concatenate ``x`` from every rank along dim 0, without gradients."""
    if not is_distributed() or get_world_size() == 1:
        return x.detach()
    output: List[torch.Tensor] = [torch.zeros_like(x) for _ in range(get_world_size())]
    dist.all_gather(output, x.detach().contiguous())
    return torch.cat(output, dim=0)
