"""The public names: ``__all__`` is exact, sorted, and every public name is documented."""

from __future__ import annotations

import importlib
import inspect

import pytest

import coinnovation

MODULES = [
    "coinnovation",
    "coinnovation.errors",
    "coinnovation.models",
    "coinnovation.models.base",
    "coinnovation.models.records",
    "coinnovation.models.stages",
    "coinnovation.results",
    "coinnovation.io",
    "coinnovation.export",
    "coinnovation.report",
    "coinnovation.cli",
    "coinnovation.network",
    "coinnovation.inference",
    "coinnovation.inference.permutation",
    "coinnovation.privacy",
    "coinnovation.lineage",
    "coinnovation.sharing",
    "coinnovation.testing.synthetic",
]


def test_top_level_exports_exactly_all() -> None:
    public = {name for name in dir(coinnovation) if not name.startswith("_")}
    modules = {name for name in public if inspect.ismodule(getattr(coinnovation, name))}
    assert public - modules == set(coinnovation.__all__) - {"__version__"}


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_resolves(name: str) -> None:
    module = importlib.import_module(name)
    names = [n for n in module.__all__ if n != "__version__"]
    assert names == sorted(names, key=lambda n: (not n.isupper(), n)) or names == sorted(names)
    for item in names:
        assert hasattr(module, item), f"{name}.{item} is in __all__ but missing"


@pytest.mark.parametrize("name", MODULES)
def test_every_public_name_has_a_docstring_with_an_example(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__, f"{name} has no module docstring"
    assert "Examples:" in module.__doc__, f"{name} module docstring has no example"
    for item in module.__all__:
        obj = getattr(module, item)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        doc = inspect.getdoc(obj) or ""
        assert ">>>" in doc, f"{name}.{item} has no runnable example"
