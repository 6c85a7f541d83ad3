"""The house's layers: public homes, old import paths, and what `import coinnovation` loads."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import coinnovation.errors as errors


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("coinnovation.io.registers", "RegisterError"),
        ("coinnovation.io.registers", "RowProblem"),
        ("coinnovation.io.store", "StoreError"),
        ("coinnovation.io.store", "StoreBusyError"),
        ("coinnovation.io", "RegisterError"),
        ("coinnovation.io", "RowProblem"),
        ("coinnovation.io", "StoreError"),
        ("coinnovation.io", "StoreBusyError"),
        ("coinnovation.privacy", "PrivacyError"),
        ("coinnovation", "PrivacyError"),
        ("coinnovation", "StoreError"),
    ],
)
def test_errors_keep_their_old_import_paths(module: str, name: str) -> None:
    assert getattr(importlib.import_module(module), name) is getattr(errors, name)


def test_every_public_exception_lives_in_errors() -> None:
    import coinnovation

    tree = errors.__doc__ or ""
    for info in pkgutil.walk_packages(coinnovation.__path__, "coinnovation."):
        # The command line's own click exceptions (private) turn these into exit statuses.
        if info.name.startswith("coinnovation.cli"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, BaseException):
                defined_here = value.__module__ == info.name
                assert info.name == "coinnovation.errors" or not defined_here, (
                    f"{info.name}.{name} is an exception outside errors.py"
                )
    for name in errors.__all__:
        if name.endswith("Error") and name != "CoinnovationError":
            assert f"── {name} " in tree, f"{name} is not in the tree drawn in errors.py"
