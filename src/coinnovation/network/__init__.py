"""Who collaborates with whom: networks from the session record, and their measures.

Build a network from a hub (:mod:`~coinnovation.network.build`), then measure it:
centrality (:mod:`~coinnovation.network.centrality`), communities
(:mod:`~coinnovation.network.community`), a core and its periphery
(:mod:`~coinnovation.network.core`), groups and
brokerage between sectors (:mod:`~coinnovation.network.groups`), structural holes
(:mod:`~coinnovation.network.holes`), all of them in one table
(:mod:`~coinnovation.network.measures`), and change over time
(:mod:`~coinnovation.network.temporal`). Every function takes and returns plain networkx
graphs, so networkx's own algorithms apply too.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation import network
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> G = network.collaboration_graph(hub, level="organisation", weight="newman")
    >>> G.number_of_nodes()
    21
    >>> round(network.ei_index(G, weight="weight").whole, 3)
    0.514
"""

import importlib
import warnings
from typing import Any

from coinnovation.network.build import (
    Level,
    Nested,
    SessionIncidence,
    affiliation_graph,
    collaboration_edges,
    collaboration_graph,
    interaction_graph,
    session_incidence,
)
from coinnovation.network.centrality import MEASURES, centrality_table
from coinnovation.network.community import CommunityResult, communities
from coinnovation.network.core import CorePeripheryResult, core_periphery
from coinnovation.network.groups import (
    ROLES,
    BrokerageResult,
    EIResult,
    MixingResult,
    assortativity,
    brokerage,
    ei_index,
    group_codes,
    mixing,
)
from coinnovation.network.holes import (
    constraint,
    effective_size,
    efficiency,
    hierarchy,
    structural_holes,
)
from coinnovation.network.measures import node_measures
from coinnovation.network.projection import (
    DEFAULT_MAX_PAIRS,
    EdgeList,
    WeightScheme,
    projected_edges,
    projected_graph,
)
from coinnovation.network.temporal import (
    MeasuresOverTime,
    Snapshot,
    TieChanges,
    measures_over_time,
    snapshots,
    tie_changes,
    tie_changes_over,
)
from coinnovation.results import NodeTable

__all__ = [
    "DEFAULT_MAX_PAIRS",
    "MEASURES",
    "ROLES",
    "BrokerageResult",
    "CommunityResult",
    "CorePeripheryResult",
    "EIResult",
    "EdgeList",
    "Level",
    "MeasuresOverTime",
    "MixingResult",
    "Nested",
    "NodeTable",
    "SessionIncidence",
    "Snapshot",
    "TieChanges",
    "WeightScheme",
    "affiliation_graph",
    "assortativity",
    "brokerage",
    "centrality_table",
    "collaboration_edges",
    "collaboration_graph",
    "communities",
    "constraint",
    "core_periphery",
    "effective_size",
    "efficiency",
    "ei_index",
    "group_codes",
    "hierarchy",
    "interaction_graph",
    "measures_over_time",
    "mixing",
    "node_measures",
    "projected_edges",
    "projected_graph",
    "session_incidence",
    "snapshots",
    "structural_holes",
    "tie_changes",
    "tie_changes_over",
]

#: Names of the heart report that lived here until issue 10: they moved to
#: :mod:`coinnovation.heart` and still work from here, with a DeprecationWarning.
_MOVED_TO_HEART = frozenset(
    {"INDICATORS", "HeartReport", "Indicator", "UnknownLevel", "heart_report"}
)


def __getattr__(name: str) -> Any:
    """The heart report's old names (and ``inclusion``), with a DeprecationWarning."""
    if name in _MOVED_TO_HEART:
        warnings.warn(
            f"coinnovation.network.{name} is deprecated: the heart report moved to "
            f"coinnovation.heart; import {name} from there",
            DeprecationWarning,
            stacklevel=2,
        )
        # The heart report sits above network, which never imports it: the old spelling
        # reaches up by name, at first use only.
        return getattr(importlib.import_module("coinnovation.heart"), name)
    if name == "inclusion":  # the old module: an alias that warns when a name is used
        return importlib.import_module("coinnovation.network.inclusion")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
