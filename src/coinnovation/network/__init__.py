"""Who collaborates with whom: networks from the session record, and their measures.

Build a network from a hub (:mod:`~coinnovation.network.build`), then measure it:
centrality and communities (:mod:`~coinnovation.network.centrality`), groups and
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

from coinnovation.network.build import (
    Level,
    Nested,
    affiliation_graph,
    collaboration_edges,
    collaboration_graph,
    interaction_graph,
)
from coinnovation.network.centrality import (
    MEASURES,
    CommunityResult,
    CorePeripheryResult,
    centrality_table,
    communities,
    core_periphery,
)
from coinnovation.network.groups import (
    ROLES,
    BrokerageResult,
    EIResult,
    MixingResult,
    assortativity,
    brokerage,
    ei_index,
    mixing,
)
from coinnovation.network.holes import (
    constraint,
    effective_size,
    efficiency,
    hierarchy,
    structural_holes,
)
from coinnovation.network.inclusion import (
    INDICATORS,
    HeartReport,
    Indicator,
    UnknownLevel,
    heart_report,
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
    "INDICATORS",
    "MEASURES",
    "ROLES",
    "BrokerageResult",
    "CommunityResult",
    "CorePeripheryResult",
    "EIResult",
    "EdgeList",
    "HeartReport",
    "Indicator",
    "Level",
    "MeasuresOverTime",
    "MixingResult",
    "Nested",
    "NodeTable",
    "Snapshot",
    "TieChanges",
    "UnknownLevel",
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
    "heart_report",
    "hierarchy",
    "interaction_graph",
    "measures_over_time",
    "mixing",
    "node_measures",
    "projected_edges",
    "projected_graph",
    "snapshots",
    "structural_holes",
    "tie_changes",
    "tie_changes_over",
]
