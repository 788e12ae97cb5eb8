# Copyright (c) mmcontrast contributors. All rights reserved.
"""Identity-suppression diagnostic of an Age model (age.md §8.6): a linear identity probe.

Embeds the test images with a trained checkpoint, then fits a logistic
regression that predicts the SUBJECT from (a) the normalised embedding a and
(b) the backbone feature f, on every other image of each test subject, and
reports its accuracy on the rest (chance = 1 / #subjects). Lower accuracy on
a than the regression-only model's means more identity was suppressed. Also
reports the test MAE. A diagnostic, not a hard criterion.

    python benchmarks/age_identity_probe.py CONFIG CHECKPOINT
"""
import argparse

import numpy as np
import torch


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    args = parser.parse_args()
    from mmengine.config import Config
    from mmengine.dataset import pseudo_collate
    from mmengine.registry import DefaultScope, init_default_scope
    from mmengine.runner import load_checkpoint
    from sklearn.linear_model import LogisticRegression
    import mmcontrast.pretrain  # noqa: F401
    from mmpretrain.registry import DATASETS, MODELS

    cfg = Config.fromfile(args.config)
    DefaultScope._instance_dict.clear()
    init_default_scope(cfg.get('default_scope', 'mmpretrain'))
    model = MODELS.build(cfg.model)
    load_checkpoint(model, args.checkpoint, map_location='cpu')
    model.eval()
    ds = DATASETS.build(cfg.test_dataloader.dataset)
    feats, embs, subj, ages, preds = [], [], [], [], []
    with torch.no_grad():
        for start in range(0, len(ds), 64):
            batch = pseudo_collate([ds[i] for i in range(start, min(start + 64, len(ds)))])
            data = model.data_preprocessor(batch, False)
            f = model.extract_feat(data['inputs'])
            out = model.head(f)
            feats.append((f[-1] if isinstance(f, tuple) else f).numpy())
            embs.append(out['embed'].numpy())
            preds.append(out['pred_age'].numpy())
            subj += [int(d.subject_id) for d in data['data_samples']]
            ages += [float(d.gt_age) for d in data['data_samples']]
    subj, ages = np.array(subj), np.array(ages)
    train = np.zeros(len(subj), bool)
    for s in np.unique(subj):
        train[np.flatnonzero(subj == s)[::2]] = True
    print(f'test MAE: {np.abs(np.concatenate(preds) - ages).mean():.3f}')
    print(f'identity probe chance: {1 / len(np.unique(subj)):.3f}')
    for name, x in (('embedding a', np.concatenate(embs)), ('feature f', np.concatenate(feats))):
        x = (x - x[train].mean(0)) / (x[train].std(0) + 1e-6)
        clf = LogisticRegression(max_iter=2000).fit(x[train], subj[train])
        print(f'identity probe accuracy ({name}): {clf.score(x[~train], subj[~train]):.3f}')


if __name__ == '__main__':
    main()
