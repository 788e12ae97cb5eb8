# Copyright (c) mmcontrast contributors. All rights reserved.
"""Host-agnostic hooks, registered in mmengine's root ``HOOKS`` (visible from every host scope)."""
from .embedding_visualization_hook import EmbeddingVisualizationHook
from .logger_hook import MainProcessLoggerHook

__all__ = ['EmbeddingVisualizationHook', 'MainProcessLoggerHook']
