# Copyright (c) mmcontrast contributors. All rights reserved.
"""Offline face alignment: five landmarks -> similarity transform -> 224x224 crop (age.md §4).

The landmarks come from MTCNN of the PyPI ``facenet-pytorch`` package (it bundles
its detector weights; nothing is downloaded). The similarity transform
(``skimage.transform.SimilarityTransform``) maps the landmarks onto a
reference five-point template scaled so that about 40 % margin surrounds the
face. Images without a detected face are copied resized and listed in
``<out>/failed.txt``.

    python tools/dataset_converters/align_faces.py data/fgnet/images data/fgnet/aligned
"""
import argparse
import os
import os.path as osp

import cv2
import numpy as np

#: ArcFace 5-point template in a 112x112 crop (eyes, nose, mouth corners).
TEMPLATE_112 = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366],
                         [41.5493, 92.3655], [70.7299, 92.2041]])


def reference_points(size: int = 224, margin: float = 0.4) -> np.ndarray:
    """Template landmarks in a ``size`` crop with ``margin`` extra context around the face."""
    pts = (TEMPLATE_112 - 56.0) / 112.0  # centred, face spans ~1
    return pts * size / (1.0 + margin) + size / 2.0


def align(img: np.ndarray, landmarks: np.ndarray, size: int = 224,
          margin: float = 0.4) -> np.ndarray:
    """Warp an RGB image so that its (5, 2) landmarks land on the template."""
    from skimage.transform import SimilarityTransform
    src, dst = np.asarray(landmarks, float), reference_points(size, margin)
    if hasattr(SimilarityTransform, 'from_estimate'):  # scikit-image >= 0.26
        tf = SimilarityTransform.from_estimate(src, dst)
        ok = bool(tf)
    else:
        tf = SimilarityTransform()
        ok = tf.estimate(src, dst)
    if not ok:
        raise ValueError('similarity transform estimation failed')
    return cv2.warpAffine(img, tf.params[:2], (size, size), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REFLECT)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('src')
    parser.add_argument('dst')
    parser.add_argument('--size', type=int, default=224)
    parser.add_argument('--margin', type=float, default=0.4)
    parser.add_argument('--device', default='cpu')
    args = parser.parse_args()
    from facenet_pytorch import MTCNN
    from PIL import Image
    mtcnn = MTCNN(keep_all=False, device=args.device)
    os.makedirs(args.dst, exist_ok=True)
    failed = []
    for name in sorted(os.listdir(args.src)):
        img = np.asarray(Image.open(osp.join(args.src, name)).convert('RGB'))
        _, probs, points = mtcnn.detect(Image.fromarray(img), landmarks=True)
        if points is None:
            out = cv2.resize(img, (args.size, args.size))
            failed.append(name)
        else:
            out = align(img, points[int(np.argmax(probs))], args.size, args.margin)
        cv2.imwrite(osp.join(args.dst, name), out[..., ::-1])
    with open(osp.join(args.dst, 'failed.txt'), 'w') as f:
        f.write('\n'.join(failed) + ('\n' if failed else ''))
    print(f'aligned {len(os.listdir(args.src)) - len(failed)}, no face: {len(failed)}')


if __name__ == '__main__':
    main()
