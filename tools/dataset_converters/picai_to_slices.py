# Copyright (c) mmcontrast contributors. All rights reserved.
"""Convert PI-CAI (.mha volumes, delineations, marksheet, PI-RADS JSON) to 2D slices.

    python tools/dataset_converters/picai_to_slices.py data/picai data/picai/slices_128 \
        --crop 128 --num-folds 5 --seed 0

Expected layout under ROOT (spec §4)::

    images/<pid>/<pid>_<sid>_{t2w,adc,hbv}.mha
    picai_labels/csPCa_lesion_delineations/{human_expert/resampled,AI/Bosma22a}/<pid>_<sid>.nii.gz
    picai_labels/clinical_information/marksheet.csv
    metadata/pirads_reports.json        {"<sid>": [pirads, ...]}  (user-provided)
"""
import argparse

from mmcontrast.pretrain.datasets.picai_conversion import convert_picai


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('root')
    p.add_argument('out')
    p.add_argument('--crop', type=int, default=128)
    p.add_argument('--num-folds', type=int, default=5)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--confidence-mode', default='paper', choices=('paper', 'code'))
    p.add_argument('--eps', type=float, default=0.1)
    a = p.parse_args(argv)
    path = convert_picai(a.root, a.out, a.crop, a.num_folds, a.seed,
                         dict(mode=a.confidence_mode, eps=a.eps))
    print(f'wrote {path}')


if __name__ == '__main__':
    main()
