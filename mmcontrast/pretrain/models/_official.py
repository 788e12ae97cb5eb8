# Copyright (c) mmcontrast contributors. All rights reserved.
"""Resolution of ``official_compat`` switches against per-item flags."""
from typing import Any, Sequence


def resolve_official(name: str, value: Any, official_compat: bool, default: Any,
                     official: Any, choices: Sequence[Any]) -> Any:
    """Return ``value`` if given, else the official or the default behaviour.

    Raises:
        ValueError: ``value`` is not one of ``choices``.
    """
    if value is None:
        value = official if official_compat else default
    if value not in choices:
        raise ValueError(f'{name} must be one of {tuple(choices)}, got {value!r}.')
    return value
