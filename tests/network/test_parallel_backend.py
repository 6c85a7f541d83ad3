"""``backend="parallel"`` (the ``parallel`` extra, nx-parallel, Python 3.12+) passes through to
networkx (issue 14): run where nx-parallel is installed (CI's 3.13 run), skipped elsewhere."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from networkx.utils.backends import _load_backend

from coinnovation import network as net

pytest.importorskip(
    "nx_parallel", reason="nx-parallel is not installed (the parallel extra, 3.12+)"
)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the functions nx-parallel runs, recorded as networkx dispatches to it."""
    interface = _load_backend("parallel")
    seen: list[str] = []
    original = interface.betweenness_centrality

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append("betweenness_centrality")
        return original(*args, **kwargs)

    monkeypatch.setattr(interface, "betweenness_centrality", staticmethod(spy))
    return seen


@pytest.mark.parametrize("distance", [None, "weight"])
def test_betweenness_runs_on_nx_parallel_with_networkx_values(
    calls: list[str], distance: str | None
) -> None:
    G = nx.les_miserables_graph()
    kwargs: dict[str, Any] = {"measures": ("betweenness",), "distance": distance}
    serial = net.centrality_table(G, engine="networkx", **kwargs)
    parallel = net.centrality_table(G, backend="parallel", **kwargs)
    assert calls == ["betweenness_centrality"]
    for node in G:
        assert parallel["betweenness"][node] == pytest.approx(
            serial["betweenness"][node], abs=1e-12
        )


def test_sampled_betweenness_passes_k_and_seed_through(calls: list[str]) -> None:
    # Two graphs: networkx notes (a UserWarning, an error here) when it reuses the backend's
    # copy of a graph it cached on the first call.
    once, again = (
        net.centrality_table(
            nx.les_miserables_graph(), measures=("betweenness",), k=20, seed=3, backend="parallel"
        )
        for _ in range(2)
    )
    assert calls == ["betweenness_centrality"] * 2
    assert dict(once["betweenness"]) == pytest.approx(dict(again["betweenness"]))


@pytest.mark.parametrize(
    "call",
    [
        lambda G: net.centrality_table(G, measures=("closeness",), backend="parallel"),
        lambda G: net.communities(G, seed=1, backend="parallel"),
    ],
    ids=["closeness", "communities"],
)
def test_a_measure_nx_parallel_lacks_is_refused_by_networkx(call: Any) -> None:
    """nx-parallel 0.4 has no closeness or Louvain: networkx says so, nothing falls back."""
    with pytest.raises(NotImplementedError, match="not implemented by 'parallel' backend"):
        call(nx.karate_club_graph())
