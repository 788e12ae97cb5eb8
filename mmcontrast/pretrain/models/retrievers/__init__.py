# Copyright (c) mmcontrast contributors. All rights reserved.
from .cir_combiners import Combiner, SumCombiner
from .composed_image_retriever import ComposedImageRetriever
from .cir_data_preprocessor import CIRDataPreprocessor
from .openai_clip_encoder import OpenAICLIPEncoder

__all__ = [
    'CIRDataPreprocessor', 'Combiner', 'SumCombiner', 'ComposedImageRetriever', 'OpenAICLIPEncoder']
