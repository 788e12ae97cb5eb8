# Copyright (c) mmcontrast contributors. All rights reserved.
"""Two gloo CPU ranks: CTP's gathered losses and queue equal one process on the full batch.

Rank r holds rows [rB, (r+1)B). The mean of the ranks' ``loss_itc`` / ``loss_topo`` equals
the single-process loss over 2B rows, and rank r's input gradient is 2x the single-process
gradient of those rows (the gather layer sums key gradients over ranks; DDP then averages
parameter gradients over the 2 ranks). Both queues receive the gathered batch in rank order
and the pointer advances by B * W.
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

B, D, WORLD = 3, 5, 2

WORKER = textwrap.dedent('''
    import sys
    import torch
    import torch.distributed as dist
    import torch.multiprocessing as mp
    import torch.nn.functional as F


    def work(rank, port, out_dir):
        dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{{port}}', rank=rank,
                                world_size={w})
        from mmcontrast.contrastive import MemoryQueue
        from mmcontrast.pretrain.models.multimodal import CTPITCHead, TopologyPreservationLoss
        g = torch.Generator().manual_seed(0)
        feats = [F.normalize(torch.randn({n}, {d}, generator=g, dtype=torch.float64), dim=1)
                 for _ in range(4)]
        sl = slice(rank * {b}, (rank + 1) * {b})
        v, w, vr, wr = [f[sl].clone() for f in feats]
        res = {{}}
        for name in ('itc', 'topo'):
            vv, ww = v.clone().requires_grad_(), w.clone().requires_grad_()
            if name == 'itc':
                loss = CTPITCHead(use_queue=False).loss(vv, ww)['loss_itc']
            else:
                loss = TopologyPreservationLoss()(vv, ww, vr, wr)
            loss.backward()
            res[name] = (loss.detach(), vv.grad, ww.grad)
        q = MemoryQueue(2 * {n}, {d})
        q.enqueue(v)
        res['queue'] = (q.feats.clone(), int(q.ptr))
        torch.save(res, f'{{out_dir}}/rank{{rank}}.pth')
        dist.destroy_process_group()


    if __name__ == '__main__':
        mp.spawn(work, args=(int(sys.argv[1]), sys.argv[2]), nprocs={w}, join=True)
''').format(n=B * WORLD, d=D, b=B, w=WORLD)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.mark.dist
def test_two_ranks_equal_single_process(tmp_path, repo_root):
    from mmcontrast.pretrain.models.multimodal import CTPITCHead, TopologyPreservationLoss
    script = tmp_path / 'worker.py'
    script.write_text(WORKER)
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    out = subprocess.run([sys.executable, str(script), str(_free_port()), str(tmp_path)],
                         cwd=repo_root, capture_output=True, text=True, timeout=600, env=env)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    ranks = [torch.load(osp.join(tmp_path, f'rank{r}.pth')) for r in range(WORLD)]
    g = torch.Generator().manual_seed(0)
    v, w, vr, wr = [F.normalize(torch.randn(B * WORLD, D, generator=g, dtype=torch.float64),
                                dim=1) for _ in range(4)]
    for name in ('itc', 'topo'):
        vv, ww = v.clone().requires_grad_(), w.clone().requires_grad_()
        if name == 'itc':
            loss = CTPITCHead(use_queue=False).loss(vv, ww)['loss_itc']
        else:
            loss = TopologyPreservationLoss()(vv, ww, vr, wr)
        loss.backward()
        mean = sum(r[name][0] for r in ranks) / WORLD
        torch.testing.assert_close(mean, loss.detach(), rtol=1e-10, atol=1e-12)
        for r in range(WORLD):
            sl = slice(r * B, (r + 1) * B)
            torch.testing.assert_close(ranks[r][name][1], WORLD * vv.grad[sl], rtol=1e-9,
                                       atol=1e-12)
            torch.testing.assert_close(ranks[r][name][2], WORLD * ww.grad[sl], rtol=1e-9,
                                       atol=1e-12)
    for r in range(WORLD):
        feats, ptr = ranks[r]['queue']
        assert ptr == B * WORLD
        torch.testing.assert_close(feats[:B * WORLD], v.to(feats.dtype))
