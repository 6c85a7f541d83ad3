"""The house's layers: public homes, old import paths, and what `import coinnovation` loads."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

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


#: What must not load with ``import coinnovation``: everything heavier than models and files.
HEAVY = (
    "networkx",
    "scipy",
    "pandas",
    "sqlalchemy",
    "coinnovation.network",
    "coinnovation.sharing",
    "coinnovation.export",
    "coinnovation.report",
    "coinnovation.privacy",
    "coinnovation.io.store",
    "coinnovation.io.registers",
)


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.parametrize("code", ["import coinnovation", "import coinnovation.io"])
def test_import_coinnovation_is_light(code: str) -> None:
    loaded = _loaded_after(code)
    assert {"coinnovation.errors", "coinnovation.models", "coinnovation.io.files"} <= loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_command_line_starts_without_networkx() -> None:
    loaded = _loaded_after(
        "import contextlib, io\n"
        "from coinnovation.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--version'])"
    )
    assert "coinnovation.cli.commands" in loaded
    assert not loaded & {"networkx", "scipy", "coinnovation.network", "coinnovation.export"}


def test_every_name_of_the_top_level_is_reachable_and_listed() -> None:
    import coinnovation

    listed = dir(coinnovation)
    for name in coinnovation.__all__:
        assert name in listed, name
        assert getattr(coinnovation, name) is not None
    # Subpackages load on first use, as they did when io imported them all.
    assert coinnovation.sharing.split is importlib.import_module("coinnovation.sharing").split
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        coinnovation.nothing  # noqa: B018
