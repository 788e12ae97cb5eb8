# Copyright (c) mmcontrast contributors. All rights reserved.
from .ctp_momentum import compatible_momentum_update
from .ctp_retriever import CTPRetriever

__all__ = ["CTPRetriever", "compatible_momentum_update"]
