"""Which groups work mostly among themselves: Louvain communities and their modularity.

:func:`communities` finds the communities of a collaboration network (Blondel et al.
2008) and says how modular the split is (Newman 2006), in a :class:`CommunityResult`. (The module is named as networkx's ``community``; a module
named ``communities`` would be hidden by the function that :mod:`coinnovation.network`
exports.)

References:
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. J. Stat. Mech. P10008.
    Newman, M. E. J. (2006). Modularity and community structure in networks. PNAS 103(23),
    8577–8582.

Examples:
    >>> import networkx as nx
    >>> communities(nx.karate_club_graph(), seed=1).modularity > 0.4
    True
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from typing import Any, ClassVar

import attrs
import networkx as nx
import numpy as np

from coinnovation.network._engines import Seed, _check_simple, _int_seed
from coinnovation.results import NodeTable, Table

__all__ = ["CommunityResult", "communities"]


# -- communities -----------------------------------------------------------------------------


@attrs.frozen(eq=False)
class CommunityResult(Table):
    """Communities found in a network, largest first, and how modular the split is.

    As a result table (:class:`~coinnovation.results.Table`), one row per node with its
    ``community``: ``to_frame()`` and a notebook table come from it; ``to_dict()`` is
    ``{node: community}``.

    Attributes:
        communities: The communities, as sets of nodes, largest first (ties: the one
            whose first node comes first in the graph).
        membership: A table with one column, ``community``: each node's position in
            ``communities``.
        modularity: Newman's modularity Q of the split (at ``resolution``).
        resolution: The resolution gamma used (1 is classic modularity; higher finds smaller
            communities).

    Examples:
        >>> import networkx as nx
        >>> result = communities(nx.barbell_graph(4, 0), seed=1)
        >>> [sorted(group) for group in result.communities]
        [[0, 1, 2, 3], [4, 5, 6, 7]]
        >>> result.community_of(5)
        1
    """

    communities: tuple[frozenset[Hashable], ...]
    membership: NodeTable
    modularity: float
    resolution: float

    label: ClassVar[str] = "node"
    columns: ClassVar[tuple[str, ...]] = ("community",)

    def __len__(self) -> int:
        return len(self.communities)

    def community_of(self, node: Hashable) -> int:
        """The position of ``node``'s community in :attr:`communities`.

        Raises:
            KeyError: The node is not in the network.

        Examples:
            >>> import networkx as nx
            >>> communities(nx.path_graph(2), seed=0).community_of(0)
            0
        """
        return int(self.membership.row(node)["community"])

    def sizes(self) -> list[int]:
        """The number of nodes in each community, largest first.

        Examples:
            >>> import networkx as nx
            >>> communities(nx.barbell_graph(4, 0), seed=1).sizes()
            [4, 4]
        """
        return [len(group) for group in self.communities]

    def to_dict(self) -> dict[Hashable, int]:
        """``{node: community}``, the community as its position in :attr:`communities`.

        Examples:
            >>> import networkx as nx
            >>> communities(nx.path_graph(2), seed=0).to_dict()
            {0: 0, 1: 0}
        """
        return {node: int(value) for node, value in self.membership["community"].items()}

    def rows(self) -> list[dict[str, Any]]:
        """One row per node: ``{"node": node, "community": position}``.

        Examples:
            >>> import networkx as nx
            >>> communities(nx.path_graph(3), seed=0).to_frame()["community"].tolist()
            [0, 0, 0]
        """
        return self.membership.rows()

    def _table(self) -> tuple[Sequence[Hashable], dict[Any, Any]]:
        return self.membership.nodes, dict(self.membership.columns)

    def _caption(self) -> str:
        count = len(self.communities)
        return (
            f"{count} {'community' if count == 1 else 'communities'} "
            f"(modularity {self.modularity:.3f}, resolution {self.resolution:g})"
        )


def _ordered(
    groups: Iterable[Collection[Hashable]], position: dict[Hashable, int]
) -> tuple[frozenset[Hashable], ...]:
    """Groups largest first; equal sizes in the order of their first node."""
    keyed = [(-len(group), min(position[v] for v in group), frozenset(group)) for group in groups]
    keyed.sort(key=lambda item: (item[0], item[1]))
    return tuple(group for _, _, group in keyed)


def communities(
    G: nx.Graph[Any],
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    threshold: float = 1.0e-7,
    seed: Seed = None,
    backend: str | None = None,
) -> CommunityResult:
    r"""Louvain communities (Blondel et al. 2008) and their modularity (Newman 2006).

    Louvain moves nodes one at a time to the neighbouring community that raises the
    modularity most, then merges each community into one node and repeats, until the
    gain falls below ``threshold``. Modularity, for total tie weight m, strengths s_i
    and resolution gamma:

        Q = 1/(2m) Σ_ij [A_ij − gamma s_i s_j / (2m)] δ(c_i, c_j)

    Q > 0.3 or so is usually read as marked community structure. The search is
    randomised: pass ``seed`` for the same communities on every run. Computed with
    networkx's ``louvain_communities`` (``backend=`` hands it to a networkx backend);
    rustworkx has no community detection.

    Args:
        G: An undirected or directed graph.
        weight: The edge attribute holding tie strengths, or ``None`` for 1 per tie.
        resolution: gamma; above 1 favours smaller communities, below 1 larger ones.
        threshold: The least modularity gain for another round.
        seed: Seed of the random node order (int or numpy Generator).
        backend: A networkx backend name.

    Returns:
        The communities, largest first, each node's community and the modularity.

    Examples:
        >>> import networkx as nx
        >>> result = communities(nx.karate_club_graph(), seed=42)
        >>> len(result), round(result.modularity, 2)
        (4, 0.43)
    """
    _check_simple(G)
    extra: dict[str, Any] = {} if backend is None else {"backend": backend}
    found = nx.community.louvain_communities(
        G,
        weight=weight,
        resolution=resolution,
        threshold=threshold,
        seed=_int_seed(seed),
        **extra,
    )
    nodes = tuple(G)
    position = {node: i for i, node in enumerate(nodes)}
    ordered = _ordered(found, position)
    label = np.empty(len(nodes), dtype=np.int64)
    for index, group in enumerate(ordered):
        label[[position[v] for v in group]] = index
    quality = (
        float(
            nx.community.modularity(
                G, [set(g) for g in ordered], weight=weight, resolution=resolution
            )
        )
        if G.number_of_edges()
        else 0.0
    )
    return CommunityResult(ordered, NodeTable(nodes, {"community": label}), quality, resolution)
