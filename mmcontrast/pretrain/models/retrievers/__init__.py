# Copyright (c) mmcontrast contributors. All rights reserved.
from .cir_combiners import Combiner, SumCombiner
from .cir_data_preprocessor import CIRDataPreprocessor
from .composed_image_retriever import ComposedImageRetriever
from .ctp_data_preprocessor import CTPDataPreprocessor
from .ctp_retriever import CTPRetriever
from .openai_clip_encoder import OpenAICLIPEncoder

__all__ = [
    'CIRDataPreprocessor', 'Combiner', 'ComposedImageRetriever', 'CTPDataPreprocessor',
    'CTPRetriever', 'OpenAICLIPEncoder',
    'SumCombiner'
]
