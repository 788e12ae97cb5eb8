# Copyright (c) mmcontrast contributors. All rights reserved.
from .identity_head import IdentityHead

__all__ = ['IdentityHead']
