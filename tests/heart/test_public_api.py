"""The heart package's public names: ``__all__`` is exact, sorted, resolves and is documented."""

from __future__ import annotations

import importlib
import inspect

import pytest

import coinnovation.heart as heart

MODULES = [
    "coinnovation.heart",
    "coinnovation.heart.report",
    "coinnovation.heart.centrality",
    "coinnovation.heart.brokerage",
    "coinnovation.heart.throughout",
    "coinnovation.heart.voice",
    "coinnovation.heart.equal_partners",
    "coinnovation.heart.reach",
]


def test_heart_exports_exactly_all() -> None:
    public = {name for name in dir(heart) if not name.startswith("_")}
    modules = {name for name in public if inspect.ismodule(getattr(heart, name))}
    assert public - modules == set(heart.__all__)
    assert heart.__all__ == [
        "AUTO_BETWEENNESS_SOURCES",
        "EXACT_BETWEENNESS_NODES",
        "INDICATORS",
        "Better",
        "HeartReport",
        "Indicator",
        "Interval",
        "Significance",
        "UnknownLevel",
        "heart_report",
    ]


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_resolves(name: str) -> None:
    module = importlib.import_module(name)
    names = list(module.__all__)
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


def test_heart_imports_nothing_above_it() -> None:
    # heart sits above network and sharing, below export, report and cli; privacy is
    # only a type to it.
    for name in MODULES:
        source = inspect.getsource(importlib.import_module(name))
        for above in ("coinnovation.report", "coinnovation.export", "coinnovation.cli"):
            assert f"from {above}" not in source, f"{name} imports {above}"
            assert f"import {above}" not in source, f"{name} imports {above}"
