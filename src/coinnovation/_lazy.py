"""Names a package loads on first use (PEP 562), and old names that warn where they moved.

A package that gathers heavy names (networkx, scipy, SQLAlchemy ...) keeps its import light
by listing them here instead of importing them: :func:`attach` gives the package its
module-level ``__getattr__`` and ``__dir__``. A name is imported from its module the first
time it is read, then kept in the package like any other. Names that moved elsewhere keep
working from their old package, with a :class:`DeprecationWarning` saying where they went.

Examples:
    >>> import types
    >>> package = types.ModuleType("demo")
    >>> package.__getattr__, package.__dir__ = attach(
    ...     package, {"sqrt": "math"}, moved={"dumps": "json"}
    ... )
    >>> package.sqrt(9.0)
    3.0
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     text = package.dumps([1])
    >>> text, str(caught[0].message)
    ('[1]', 'demo.dumps is deprecated: import it from json')
    >>> "sqrt" in dir(package)
    True
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

__all__ = ["attach"]


def attach(
    package: ModuleType,
    names: Mapping[str, str],
    *,
    moved: Mapping[str, str] | None = None,
    moved_to: str | None = None,
    submodules: bool = False,
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names load on first use.

    Args:
        package: The package (``sys.modules[__name__]``).
        names: Each lazy name and the module that defines it.
        moved: Each deprecated name, with the module to import it from now
            (``"coinnovation.export"``); reading it warns every time.
        moved_to: For a deprecated module kept as an alias: the module every public
            name moved to; reading any of them warns, and ``__all__`` is that
            module's.
        submodules: Whether any other public name is looked up as a subpackage or
            module of the package (``coinnovation.network`` after ``import coinnovation``).

    Returns:
        ``(__getattr__, __dir__)``, to assign at the package's top level.

    Examples:
        >>> import types
        >>> package = types.ModuleType("demo")
        >>> getter, listing = attach(package, {"pi": "math"})
        >>> getter("pi") > 3, "pi" in listing()
        (True, True)
    """
    lazy = dict(names)
    old = dict(moved or {})

    def getattr_(name: str) -> Any:
        if name in lazy:
            value = getattr(importlib.import_module(lazy[name]), name)
            setattr(package, name, value)
            return value
        if name in old:
            module = old[name]
            warnings.warn(
                f"{package.__name__}.{name} is deprecated: import it from {module}",
                DeprecationWarning,
                stacklevel=2,
            )
            return getattr(importlib.import_module(module), name)
        if moved_to is not None:
            target = importlib.import_module(moved_to)
            if name == "__all__":
                return list(target.__all__)
            if not name.startswith("_") and hasattr(target, name):
                warnings.warn(
                    f"{package.__name__} is deprecated: import {name} from {moved_to}",
                    DeprecationWarning,
                    stacklevel=2,
                )
                return getattr(target, name)
        if submodules and not name.startswith("_"):
            full = f"{package.__name__}.{name}"
            try:
                return importlib.import_module(full)
            except ModuleNotFoundError as error:
                if error.name != full:
                    raise
        raise AttributeError(f"module {package.__name__!r} has no attribute {name!r}")

    def dir_() -> list[str]:
        return sorted({*vars(package), *lazy})

    return getattr_, dir_
