"""Optional dependencies: import them on demand, with the exact install hint when missing.

Examples:
    >>> require("json", "cli", "this example").__name__
    'json'
    >>> require("no_such_module_xyz", "viz", "drawing networks")
    Traceback (most recent call last):
    ...
    coinnovation.errors.MissingDependencyError: drawing networks needs the optional dependency 'no_such_module_xyz': pip install 'coinnovation[viz]'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from coinnovation.errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import an optional module, or raise :class:`MissingDependencyError` with the hint.

    Args:
        module: The module to import (``"pandas"``, ``"yaml"`` ...).
        extra: The coinnovation extra that installs it.
        feature: What needs it, for the message (``"DataFrame export"``).

    Returns:
        The imported module.

    Raises:
        MissingDependencyError: The module is not installed.

    Examples:
        >>> require("math", "dev", "arithmetic").sqrt(4.0)
        2.0
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(module, extra, feature) from None
