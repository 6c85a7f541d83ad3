"""The old homes of the stage moves and the stage model still work, with a DeprecationWarning.

``coinnovation.process`` moved to ``coinnovation.lineage`` and ``coinnovation.models.process``
to ``coinnovation.models.stages`` (issue 10); ``Hub.process`` keeps its name.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from datetime import date

import pytest

import coinnovation
import coinnovation.lineage as lineage
import coinnovation.models.stages as stages
from coinnovation.models import Challenge, Hub

#: Each deprecated module, with the module its names moved to.
MOVED = {"coinnovation.process": lineage, "coinnovation.models.process": stages}


@pytest.mark.parametrize("name", lineage.__all__)
def test_every_name_of_coinnovation_process_warns_and_still_works(name: str) -> None:
    old = importlib.import_module("coinnovation.process")
    with pytest.warns(
        DeprecationWarning,
        match=f"coinnovation.process is deprecated: import {name} from coinnovation.lineage",
    ) as caught:
        value = getattr(old, name)
    assert value is getattr(lineage, name)
    assert caught[0].filename == __file__  # the warning points at the caller


@pytest.mark.parametrize("name", stages.__all__)
def test_every_name_of_models_process_warns_and_still_works(name: str) -> None:
    old = importlib.import_module("coinnovation.models.process")
    with pytest.warns(
        DeprecationWarning,
        match=(
            f"coinnovation.models.process is deprecated: import {name} from "
            "coinnovation.models.stages"
        ),
    ) as caught:
        value = getattr(old, name)
    assert value is getattr(stages, name)
    assert caught[0].filename == __file__


@pytest.mark.parametrize("old_name", sorted(MOVED))
def test_the_old_modules_list_the_new_names_and_refuse_unknown_ones(old_name: str) -> None:
    old = importlib.import_module(old_name)
    assert old.__all__ == MOVED[old_name].__all__
    with pytest.raises(AttributeError, match="nothing"):
        old.nothing  # noqa: B018


def test_the_old_modules_are_still_attributes_of_their_packages() -> None:
    assert coinnovation.process is importlib.import_module("coinnovation.process")
    assert coinnovation.models.process is importlib.import_module("coinnovation.models.process")


def test_old_spellings_move_and_trace_the_same() -> None:
    hub = Hub(challenges=(Challenge(id="ch-1", title="Apps"),))
    with pytest.warns(DeprecationWarning, match="import move from coinnovation.lineage"):
        from coinnovation.process import move
    with pytest.warns(DeprecationWarning, match="import lineage from coinnovation.lineage"):
        from coinnovation.process import lineage as old_lineage
    with pytest.warns(DeprecationWarning, match="import DEFAULT_PROCESS from"):
        from coinnovation.models.process import DEFAULT_PROCESS
    moved = move(hub, "ch-1", "ideation", on=date(2023, 6, 22))
    assert moved == lineage.move(hub, "ch-1", "ideation", on=date(2023, 6, 22))
    assert sorted(old_lineage(moved, "ch-1").nodes) == sorted(lineage.lineage(moved, "ch-1").nodes)
    assert DEFAULT_PROCESS is stages.DEFAULT_PROCESS
    assert moved.process.allowed("ideation") == DEFAULT_PROCESS.allowed("ideation")


@pytest.mark.parametrize("old_name", sorted(MOVED))
def test_importing_an_old_module_warns_of_nothing_until_a_name_is_used(old_name: str) -> None:
    quiet = f"import warnings\nwarnings.simplefilter('error')\nimport {old_name}\n"
    assert subprocess.run([sys.executable, "-c", quiet], capture_output=True).returncode == 0
    star = f"import warnings\nwarnings.simplefilter('error')\nfrom {old_name} import *\n"
    result = subprocess.run([sys.executable, "-c", star], capture_output=True, text=True)
    assert "DeprecationWarning" in result.stderr
