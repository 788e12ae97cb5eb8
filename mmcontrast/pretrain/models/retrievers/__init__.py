# Copyright (c) mmcontrast contributors. All rights reserved.
from .ctp_retriever import CTPRetriever

__all__ = ["CTPRetriever"]
