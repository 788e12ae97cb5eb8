# Copyright (c) mmcontrast contributors. All rights reserved.
"""Host-agnostic test-time clusterers (root ``MODELS`` registry), pure torch + scikit-learn.

Used by FOCAL (forgery localisation by per-image clustering of dense features).
"""
from .hdbscan_clusterer import HDBSCANClusterer, hdbscan_ids
from .kmeans2_clusterer import KMeans2Clusterer, kmeans2_cosine
from .labelling import NOISE_MODES, forgery_score, largest_cluster_pristine

__all__ = ['HDBSCANClusterer', 'hdbscan_ids', 'KMeans2Clusterer', 'kmeans2_cosine',
           'NOISE_MODES', 'forgery_score', 'largest_cluster_pristine']
