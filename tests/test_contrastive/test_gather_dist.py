# Copyright (c) mmcontrast contributors. All rights reserved.
"""Two CPU ranks (gloo): losses over gathered batches equal the single-process loss on 2B.

The workers run in a fresh interpreter (``torch.multiprocessing.spawn`` needs
an importable entry point, which pytest's importlib mode does not give), save
their losses, gradients and queue contents, and the test compares them with
the same losses computed in this process on the concatenated batch.

Gradients: rank r's local loss is the mean over its B rows and the gather
layer sums the key gradients over ranks, so rank r's input gradient is
d(L_0 + L_1)/dx_r = 2 dL/dx_r with L the single-process mean over 2B rows
(DDP then averages parameter gradients over the 2 ranks: equal to dL/dtheta).
DCCL's gathered loss is the full-batch loss on every rank: the same factor.
"""
import os
import os.path as osp
import socket
import subprocess
import sys
import textwrap

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import (confidence_align_uniform_loss,
                                           info_nce_loss, relational_kl_loss)

B, D, WORLD = 4, 6, 2

WORKER = textwrap.dedent('''
    import sys
    import torch
    import torch.distributed as dist
    import torch.multiprocessing as mp
    import torch.nn.functional as F


    def data():
        g = torch.Generator().manual_seed(0)
        return [F.normalize(torch.randn({n}, {d}, generator=g, dtype=torch.float64), dim=1)
                for _ in range(4)]


    def labels():
        y = torch.tensor([0, 1, -1, 1, 0, -1, 1, 0])[:{n}]
        return y, torch.linspace(0.1, 1.0, {n}, dtype=torch.float64)


    def work(rank, port, out_dir):
        dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{{port}}', rank=rank,
                                world_size={w})
        from mmcontrast.contrastive import MemoryQueue
        from mmcontrast.contrastive.losses import (confidence_align_uniform_loss, info_nce_loss,
                                                   relational_kl_loss)
        q_all, k_all, t_q, t_k = data()
        y, c = labels()
        sl = slice(rank * {b}, (rank + 1) * {b})
        res = {{}}
        cases = {{
            'itc': lambda q, k: info_nce_loss(q, k, temperature=0.07, symmetric=True,
                                              gather=True),
            'ntxent': lambda q, k: info_nce_loss(q, k, temperature=0.5, symmetric=True,
                                                 intra_negatives=True, gather=True),
            'dcl': lambda q, k: info_nce_loss(q, k, temperature=0.5, symmetric=True,
                                              intra_negatives=True, decoupled=True,
                                              symmetric_reduction='sum', gather=True),
            'topo': lambda q, k: relational_kl_loss(q, q, t_q[sl], t_q[sl], 0.07,
                                                    exclude_self=True, gather=True)
            + relational_kl_loss(q, k, t_q[sl], t_k[sl], 0.07, gather=True),
            'dccl': lambda q, k: sum(confidence_align_uniform_loss(q, k, y[sl], c[sl],
                                                                   gather=True)),
        }}
        for name, fn in cases.items():
            q = q_all[sl].clone().requires_grad_()
            k = k_all[sl].clone().requires_grad_()
            loss = fn(q, k)
            loss.backward()
            res[name] = (loss.detach(), q.grad, k.grad)
        queue = MemoryQueue(4 * {b}, {d}, payloads={{'label': ((), torch.long, -1)}})
        queue.enqueue(k_all[sl].float(), label=torch.arange({b}) + rank * {b})
        res['queue'] = (queue.feats.clone(), queue.label.clone(), int(queue.ptr))
        torch.save(res, f'{{out_dir}}/rank{{rank}}.pth')
        dist.barrier()
        dist.destroy_process_group()


    if __name__ == '__main__':
        mp.spawn(work, args=(int(sys.argv[1]), sys.argv[2]), nprocs={w}, join=True)
''').format(
    n=B * WORLD, d=D, b=B, w=WORLD)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _data():
    g = torch.Generator().manual_seed(0)
    return [
        F.normalize(
            torch.randn(B * WORLD, D, generator=g, dtype=torch.float64), dim=1)
        for _ in range(4)
    ]


@pytest.mark.dist
def test_two_ranks_equal_single_process(tmp_path, repo_root):
    script = tmp_path / 'worker.py'
    script.write_text(WORKER)
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    out = subprocess.run(
        [sys.executable,
         str(script),
         str(_free_port()),
         str(tmp_path)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=600,
        env=env)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    ranks = [
        torch.load(osp.join(tmp_path, f'rank{r}.pth')) for r in range(WORLD)
    ]

    q_all, k_all, t_q, t_k = _data()
    y = torch.tensor([0, 1, -1, 1, 0, -1, 1, 0])[:B * WORLD]
    c = torch.linspace(0.1, 1.0, B * WORLD, dtype=torch.float64)
    single = {
        'itc':
        lambda q, k: info_nce_loss(q, k, temperature=0.07, symmetric=True),
        'ntxent':
        lambda q, k: info_nce_loss(
            q, k, temperature=0.5, symmetric=True, intra_negatives=True),
        'dcl':
        lambda q, k: info_nce_loss(
            q,
            k,
            temperature=0.5,
            symmetric=True,
            intra_negatives=True,
            decoupled=True,
            symmetric_reduction='sum'),
        'topo':
        lambda q, k: relational_kl_loss(
            q, q, t_q, t_q, 0.07, exclude_self=True) + relational_kl_loss(
                q, k, t_q, t_k, 0.07),
        'dccl':
        lambda q, k: sum(confidence_align_uniform_loss(q, k, y, c)),
    }
    for name, fn in single.items():
        q = q_all.clone().requires_grad_()
        k = k_all.clone().requires_grad_()
        loss = fn(q, k)
        loss.backward()
        dist_loss = sum(r[name][0] for r in ranks) / WORLD
        torch.testing.assert_close(
            dist_loss, loss.detach(), atol=1e-10, rtol=0, msg=name)
        dq = torch.cat([r[name][1] for r in ranks]) / WORLD
        dk = torch.cat([r[name][2] for r in ranks]) / WORLD
        torch.testing.assert_close(dq, q.grad, atol=1e-10, rtol=0, msg=name)
        torch.testing.assert_close(dk, k.grad, atol=1e-10, rtol=0, msg=name)
    # the queue receives both ranks' entries, rank 0 first, on every rank
    for r in ranks:
        feats, label, ptr = r['queue']
        assert ptr == B * WORLD
        torch.testing.assert_close(feats[:B * WORLD], k_all.float())
        assert torch.equal(label[:B * WORLD], torch.arange(B * WORLD))
