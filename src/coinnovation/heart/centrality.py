"""The ``centrality`` indicator: is the sector in the middle of the collaboration?

Mean betweenness (Freeman 1977) and strength of the sector's nodes in the collaboration
network, relative to the hub mean, and its share of the most central nodes against its
share of all nodes.

References:
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35–41.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.heart import heart_report
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report(hub, kind="table")
    >>> round(report["centrality"].value, 3), round(report["centrality"].figures["strength_ratio"], 3)
    (1.093, 1.183)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Literal

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from coinnovation.heart._context import _Context, _Network, _Number, _ratio
from coinnovation.heart.report import Indicator, _indicator
from coinnovation.network.centrality import Distance, centrality_table

__all__ = ["AUTO_BETWEENNESS_SOURCES", "EXACT_BETWEENNESS_NODES"]

#: ``heart_report(k="auto")`` computes betweenness exactly on networks of at most this
#: many nodes. Exact betweenness costs about n·m (a search from every node): 2 s for the
#: 2,250 organisations of a 100k-participation programme, ten minutes for the 22,500 of a
#: million participations.
EXACT_BETWEENNESS_NODES = 5_000

#: The sources ``heart_report(k="auto")`` samples on larger networks (Brandes and Pich
#: 2007): the mean betweenness of a sector is an average over hundreds of nodes, so its
#: sampling error is small; the indicator's note says it was estimated.
AUTO_BETWEENNESS_SOURCES = 500

#: Relative tolerance for betweenness values tied with the last of the top group.
_TIE = 1e-9


def _centrality(
    ctx: _Context,
    network: _Network,
    *,
    top: float,
    distance: Distance,
    k: int | Literal["auto"] | None,
    seed: int | None,
    level: str,
    weight: str,
    graph: Callable[[], nx.Graph[Any]],
) -> Indicator:
    label = ctx.label
    definition = (
        f"How central the {label} sector's stakeholders are in the collaboration network "
        f"({level} level, {weight} weights: actors tied when they took part in the same "
        "session). Betweenness c_B(v) = Σ_{s≠v≠t} σ_st(v) / σ_st, the share of shortest "
        "paths between other pairs that pass through v (Freeman 1977; paths counted in "
        "steps unless a distance is given), and strength s(v) = Σ_u w_uv. Value = "
        f"betweenness_ratio = mean c_B over {label} nodes ÷ mean c_B over all nodes; "
        "strength_ratio likewise. The top group holds the ⌈top·n⌉ nodes of highest "
        f"betweenness (top = {top:g}), every node tied with the last of them, and no node "
        f"of zero betweenness; top_share = {label} nodes in it ÷ its size, against "
        f"node_share = {label} nodes ÷ n."
    )
    reading = (
        f"Above 1, the {label} sector lies between the others more than the average "
        "stakeholder does (in the middle of the work, not at its edge); below 1, the "
        "others work around it. A top_share above node_share means it is over-represented "
        "among the most central stakeholders."
    )
    nodes, member, evidence = network.nodes, network.member, network.evidence
    n = len(nodes)
    members = int(member.sum()) if n else 0
    notes: list[str | None] = [ctx.none_note()]
    figures: dict[str, _Number] = {
        "betweenness_ratio": None,
        "strength_ratio": None,
        "top_share": None,
        "node_share": _ratio(members, n),
        "nodes": n,
        f"{ctx.sector.value}_nodes": members,
        "top_size": 0,
    }
    if n == 0:
        notes.append("no collaboration network: no participations in the sessions chosen")
        return _indicator(
            "centrality",
            None,
            definition=definition,
            reading=reading,
            evidence=evidence,
            figures=figures,
            notes=notes,
        )
    if k == "auto":
        k = AUTO_BETWEENNESS_SOURCES if n > EXACT_BETWEENNESS_NODES else None
        seed = 0 if seed is None else seed
    sampled = k is not None and k < n
    if isinstance(distance, str) and distance != "inverse":
        # An edge attribute named as the distance is read from the graph with the
        # sessions behind each tie, as collaboration_graph gives it.
        table = centrality_table(
            graph(),
            measures=("strength", "betweenness"),
            distance=distance,
            k=k if sampled else None,
            seed=seed,
        )
        between = np.asarray(table.columns["betweenness"], dtype=np.float64)
    elif distance is None and not sampled:
        table = centrality_table(network.edges, measures=("strength",))
        between = _exact_betweenness(network)
    else:
        table = centrality_table(
            network.edges,
            measures=("strength", "betweenness"),
            distance=distance,
            k=k if sampled else None,
            seed=seed,
        )
        between = np.asarray(table.columns["betweenness"], dtype=np.float64)
    if sampled:
        figures["sources"] = k
        notes.append(
            f"betweenness estimated from the shortest paths of {k:,} of the {n:,} nodes, "
            f"sampled (seed {seed}) as sources and scaled up (Brandes and Pich 2007): "
            "not exact; give k=None for the exact values"
        )
    strength = np.asarray(table.columns["strength"], dtype=np.float64)
    value: float | None = None
    if members:
        value = _ratio(float(between[member].mean()), float(between.mean()))
        figures["betweenness_ratio"] = value
        figures["strength_ratio"] = _ratio(float(strength[member].mean()), float(strength.mean()))
        if value is None:
            notes.append(
                "betweenness is 0 for every node: no stakeholder lies on a shortest path "
                "between two others (a session with everyone ties everyone: choose "
                "sessions with kind=, such as tables)"
            )
        if figures["strength_ratio"] is None:
            notes.append("the network has no ties: strength is 0 for every node")
    else:
        notes.append(f"no {label}-sector node in the network: the ratios are undefined")
    in_top = np.zeros(n, dtype=bool)
    positive = between > 0
    if positive.any():
        size = max(1, math.ceil(top * n))
        cut = float(np.sort(between)[::-1][size - 1])
        in_top = positive & (between >= cut * (1 - _TIE))
        figures["top_size"] = int(in_top.sum())
        figures["top_share"] = float((in_top & member).sum()) / float(in_top.sum())
    else:
        notes.append("no node has positive betweenness: there is no top group")
    degree = network.degree
    data = network.data
    details = [
        {
            "node": node,
            "name": data[i].get("name"),
            "sector": data[i].get("sector"),
            ctx.sector.value: bool(member[i]),
            "strength": float(strength[i]),
            "betweenness": float(between[i]),
            "top": bool(in_top[i]),
        }
        for i, node in enumerate(nodes)
    ]
    isolated = [str(nodes[i]) for i in np.flatnonzero(member & (degree == 0)).tolist()]
    return _indicator(
        "centrality",
        value,
        definition=definition,
        reading=reading,
        evidence=evidence,
        details=details,
        figures=figures,
        flagged={"isolated": isolated},
        notes=notes,
    )


def _exact_betweenness(network: _Network) -> NDArray[np.float64]:
    """Exact betweenness on step counts, normalised as ``centrality_table`` does.

    Only the components that are not cliques are searched (:attr:`_Network.between`):
    in a clique nobody lies between two others. The sums of pair dependencies found
    there are scaled by 1 / ((n − 1)(n − 2)) for the whole network's n nodes, as
    networkx and ``centrality_table(normalized=True)`` scale them.
    """
    n = len(network)
    between = np.zeros(n)
    keep = network.between
    if not keep.any():
        return between
    part = centrality_table(network.restricted(keep), measures=("betweenness",), normalized=False)
    # Unnormalised betweenness on an undirected graph is half the summed dependencies.
    sums = 2.0 * np.asarray(part.columns["betweenness"], dtype=np.float64)
    pairs = n - 1
    between[keep] = sums * (1 / (pairs * (pairs - 1))) if pairs >= 2 else sums
    return between
