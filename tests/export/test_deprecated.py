"""The exports' old homes in ``coinnovation.io`` still work, with a DeprecationWarning."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import coinnovation.export as export
from coinnovation.io import _MOVED

#: The modules that moved from ``coinnovation.io`` to ``coinnovation.export``.
MODULES = ["graphs", "hypergraph", "tables", "frames", "exports"]


@pytest.mark.parametrize("name", sorted(_MOVED))
def test_io_name_warns_and_still_works(name: str) -> None:
    io = importlib.import_module("coinnovation.io")
    with pytest.warns(
        DeprecationWarning, match=f"coinnovation.io.{name} is deprecated: import it from"
    ) as caught:
        old = getattr(io, name)
    assert old is getattr(export, name)
    assert caught[0].filename == __file__  # the warning points at the caller


@pytest.mark.parametrize("module", MODULES)
def test_old_module_names_warn_and_still_work(module: str) -> None:
    old = importlib.import_module(f"coinnovation.io.{module}")
    new = importlib.import_module(f"coinnovation.export.{module}")
    assert old.__all__ == new.__all__
    for name in new.__all__:
        with pytest.warns(
            DeprecationWarning, match=f"import {name} from coinnovation.export.{module}"
        ) as caught:
            value = getattr(old, name)
        assert value is getattr(new, name)
        assert caught[0].filename == __file__


def test_every_moved_name_is_exported_from_export() -> None:
    assert set(_MOVED) <= set(export.__all__)
    assert not set(_MOVED) & set(importlib.import_module("coinnovation.io").__all__)


def test_old_spellings_write_the_same_file(tmp_path: Path) -> None:
    import networkx as nx

    G = nx.path_graph(3)
    with pytest.warns(DeprecationWarning, match="import write_graph from"):
        from coinnovation.io.graphs import write_graph
    with pytest.warns(DeprecationWarning, match="coinnovation.io.write_graph is deprecated"):
        from coinnovation.io import write_graph as also_old
    assert write_graph is also_old is export.write_graph
    old = write_graph(G, tmp_path / "old.graphml")
    new = export.write_graph(G, tmp_path / "new.graphml")
    assert old.read_bytes() == new.read_bytes()


def test_old_modules_are_attributes_of_io_and_unknown_names_still_raise() -> None:
    io = importlib.import_module("coinnovation.io")
    assert io.graphs is importlib.import_module("coinnovation.io.graphs")
    with pytest.raises(AttributeError, match="nothing"):
        io.nothing  # noqa: B018
    with pytest.raises(AttributeError, match="nothing"):
        io.graphs.nothing  # noqa: B018


def test_a_star_import_of_an_old_module_warns_and_gives_its_names() -> None:
    code = "import warnings\nwarnings.simplefilter('error')\nfrom coinnovation.io.tables import *\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "DeprecationWarning" in result.stderr
