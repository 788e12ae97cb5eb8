# Copyright (c) mmcontrast contributors. All rights reserved.
from .identity_head import IdentityHead  # noqa: E402
__all__ = ['IdentityHead']
