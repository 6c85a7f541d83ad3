"""The heart report's old homes in ``coinnovation.network`` still work, with a warning."""

from __future__ import annotations

import importlib

import pytest

import coinnovation.heart as heart
from coinnovation.models import Hub

#: The names ``coinnovation.network`` exported before issue 10 that moved to heart.
NETWORK_NAMES = ["INDICATORS", "HeartReport", "Indicator", "UnknownLevel", "heart_report"]

#: The public names of the old module ``coinnovation.network.inclusion``.
INCLUSION_NAMES = [*NETWORK_NAMES, "Better"]


@pytest.mark.parametrize("name", NETWORK_NAMES)
def test_network_name_warns_and_still_works(name: str) -> None:
    network = importlib.import_module("coinnovation.network")
    with pytest.warns(
        DeprecationWarning, match=f"coinnovation.heart; import {name} from there"
    ) as caught:
        old = getattr(network, name)
    assert old is getattr(heart, name)
    assert caught[0].filename == __file__  # the warning points at the caller


@pytest.mark.parametrize("name", INCLUSION_NAMES)
def test_inclusion_name_warns_and_still_works(name: str) -> None:
    inclusion = importlib.import_module("coinnovation.network.inclusion")
    with pytest.warns(
        DeprecationWarning, match="coinnovation.network.inclusion is deprecated"
    ) as caught:
        old = getattr(inclusion, name)
    assert old is getattr(heart, name)
    assert caught[0].filename == __file__


def test_old_spellings_compute_the_same_report() -> None:
    with pytest.warns(DeprecationWarning, match="import heart_report from there"):
        from coinnovation.network import heart_report
    with pytest.warns(DeprecationWarning, match="import HeartReport from there"):
        from coinnovation.network.inclusion import HeartReport
    report = heart_report(Hub(name="old"))
    assert isinstance(report, HeartReport)
    assert report.to_dict() == heart.heart_report(Hub(name="old")).to_dict()


def test_the_old_module_is_reached_from_network() -> None:
    network = importlib.import_module("coinnovation.network")
    inclusion = network.inclusion
    assert inclusion is importlib.import_module("coinnovation.network.inclusion")
    with pytest.warns(DeprecationWarning, match="import INDICATORS from there"):
        assert inclusion.INDICATORS == heart.INDICATORS


def test_unknown_names_still_raise() -> None:
    network = importlib.import_module("coinnovation.network")
    inclusion = importlib.import_module("coinnovation.network.inclusion")
    with pytest.raises(AttributeError, match="nothing"):
        network.nothing  # noqa: B018
    with pytest.raises(AttributeError, match="nothing"):
        inclusion.nothing  # noqa: B018
