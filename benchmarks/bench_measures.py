"""Measures on large networks: coinnovation against igraph and networkx, side by side.

The networks are person-level collaboration networks of seeded synthetic hubs
(``coinnovation.testing.synthetic.synthetic_hub(n, seed=0)``) with 10k and 100k
participation records, projected with ``coinnovation.network.build.collaboration_edges`` (shared-session
counts; ``--nested subtree`` makes events count their workshops' and tables' people too,
which gives about twice the ties). Every timing is the best of ``--repeat`` rounds, all
libraries measured in this one process on the same graph, each from its own graph object
(built beforehand, not timed, except where said).

Cases:

1. The centrality table without betweenness on the 100k network: degree, strength,
   eigenvector centrality and PageRank (ours from the ``EdgeList``, and from the
   ``nx.Graph`` where reading the graph is included) against igraph's ``degree``,
   ``strength``, ``eigenvector_centrality`` and ``pagerank``. Target: within 3×.
2. Closeness of every node (step counts) on the 10k and the 100k network: ours
   (``engine="auto"``, the bit-parallel searches; and ``engine="scipy"`` at 10k) against
   igraph's ``closeness`` (the same searches; igraph scales each node by the nodes it
   reaches, ours by Wasserman and Faust's rule, which costs nothing more). Target: within
   1× (``--no-closeness-100k`` skips the 100k case, about a minute in igraph).
3. Exact betweenness on the 10k network: ours (``engine="auto"``: rustworkx when
   installed; and ``engine="scipy"``) against igraph's ``betweenness``. Target: within 2×.
4. Betweenness from k = 64 sampled sources on the 100k network: ours (scipy engine)
   against igraph's ``betweenness(sources=...)`` on the same sources, and networkx.
5. Louvain communities on the 100k network: ours (``engine="auto"``: networkit's
   compiled Louvain when the ``fast`` extra is installed), from the ``EdgeList`` and from
   the ``nx.Graph``, against igraph's ``community_multilevel``. Targets: time within 1×
   (from the ``EdgeList``), modularity at least 99 % of igraph's. networkx's Louvain
   (``engine="networkx"``, about a minute) unless ``--skip-networkx``.

igraph is GPL: it is imported here, in the benchmark, and never by the library. A missed
target prints ``MISSED`` but does not fail the run.

Usage::

    python benchmarks/bench_measures.py
    python benchmarks/bench_measures.py --repeat 3 --skip-networkx --nested subtree
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np

from coinnovation.network.build import collaboration_edges
from coinnovation.network.centrality import centrality_table
from coinnovation.network.community import communities
from coinnovation.testing.synthetic import synthetic_hub

LINEAR = ("degree", "strength", "eigenvector", "pagerank")


def best_of(repeat: int, f: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def line(
    name: str, seconds: float, baseline: float | None = None, target: float | None = None
) -> None:
    text = f"  {name:<58} {seconds:9.3f} s"
    if baseline:
        ratio = seconds / baseline
        text += f"   {ratio:6.2f}× igraph"
        if target is not None:
            text += "   ok" if ratio <= target else f"   MISSED (target {target}×)"
    print(text, flush=True)


def verdict(value: float, target: float, *, at_least: bool = False) -> str:
    met = value >= target if at_least else value <= target
    return "ok" if met else f"MISSED (target {'>=' if at_least else '<='} {target:g})"


def network(participations: int, nested: str) -> tuple[Any, nx.Graph, Any]:
    import igraph as ig

    hub = synthetic_hub(participations, seed=0)
    edges = collaboration_edges(hub, nested=nested)  # type: ignore[arg-type]
    nxg = edges.to_networkx(evidence=False)
    g = ig.Graph(
        n=len(edges.nodes),
        edges=np.column_stack([edges.source, edges.target]).tolist(),
        edge_attrs={"weight": np.asarray(edges.weight, dtype=float).tolist()},
    )
    components = nx.number_connected_components(nxg)
    print(
        f"\n{participations:,} participations: {len(edges.nodes):,} people, {len(edges):,} ties, "
        f"{components:,} components (nested={nested})",
        flush=True,
    )
    return edges, nxg, g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--nested", choices=("own", "subtree"), default="own")
    parser.add_argument("--no-closeness-100k", action="store_true")
    parser.add_argument("--skip-networkx", action="store_true", help="skip the slow networkx calls")
    args = parser.parse_args()
    try:
        import igraph as ig
    except ImportError:
        sys.exit("this benchmark compares with igraph: pip install 'coinnovation[bench]'")
    try:
        import rustworkx

        fast = f"rustworkx {rustworkx.__version__}"
    except ImportError:
        fast = "rustworkx not installed"
    try:
        import networkit

        fast += f", networkit {networkit.__version__}"
    except ImportError:
        fast += ", networkit not installed (communities run on networkx)"
    print(
        f"Python {platform.python_version()}, networkx {nx.__version__}, igraph {ig.__version__}, "
        f"{fast}, {os.cpu_count()} CPUs; best of {args.repeat}"
    )
    repeat = args.repeat

    small_edges, small_nx, small_g = network(10_000, args.nested)
    # -- closeness and exact betweenness on the 10k network
    print("closeness, every node (10k network)")
    base = best_of(repeat, lambda: small_g.closeness())
    line("igraph closeness", base)
    for engine in ("auto", "scipy"):
        t = best_of(
            repeat,
            lambda e=engine: centrality_table(small_edges, measures=("closeness",), engine=e),
        )
        line(f"coinnovation closeness engine={engine}", t, base, 1.0 if engine == "auto" else None)
    print("exact betweenness (10k network)")
    base = best_of(repeat, lambda: small_g.betweenness())
    line("igraph betweenness", base)
    for engine in ("auto", "scipy"):
        t = best_of(
            repeat,
            lambda e=engine: centrality_table(small_edges, measures=("betweenness",), engine=e),
        )
        line(
            f"coinnovation betweenness engine={engine}", t, base, 2.0 if engine == "auto" else None
        )
    if not args.skip_networkx:
        t = best_of(1, lambda: nx.betweenness_centrality(small_nx))
        line("networkx betweenness_centrality", t, base)

    edges, nxg, g = network(100_000, args.nested)
    n = len(edges.nodes)
    # -- the linear-algebra table
    print("centrality table without betweenness: degree, strength, eigenvector, PageRank")

    def igraph_table() -> None:
        g.degree()
        g.strength(weights="weight")
        with warnings.catch_warnings():  # igraph warns that the graph is disconnected
            warnings.simplefilter("ignore", RuntimeWarning)
            g.eigenvector_centrality(weights="weight")
        g.pagerank(weights="weight")

    base = best_of(repeat, igraph_table)
    line("igraph degree + strength + eigenvector_centrality + pagerank", base)
    t = best_of(repeat, lambda: centrality_table(edges, measures=LINEAR))
    line("coinnovation centrality_table(EdgeList)", t, base, 3.0)
    t = best_of(repeat, lambda: centrality_table(nxg, measures=LINEAR))
    line("coinnovation centrality_table(nx.Graph), reading the graph included", t, base)
    for name in LINEAR:
        t = best_of(repeat, lambda m=name: centrality_table(edges, measures=(m,)))
        line(f"  of which {name}", t)
    if not args.skip_networkx:

        def networkx_table() -> None:
            nx.degree_centrality(nxg)
            dict(nxg.degree(weight="weight"))
            nx.eigenvector_centrality(nxg, weight="weight", max_iter=1000)
            nx.pagerank(nxg)

        t = best_of(1, networkx_table)
        line("networkx degree, strength, eigenvector_centrality, pagerank", t, base)
    if not args.no_closeness_100k:
        print("closeness, every node (100k network)")
        base = best_of(1, lambda: g.closeness())
        line("igraph closeness", base)
        t = best_of(min(repeat, 2), lambda: centrality_table(edges, measures=("closeness",)))
        line("coinnovation closeness engine=auto", t, base, 1.0)

    # -- sampled betweenness
    print("betweenness from k=64 sampled sources (100k network)")
    sources = random.Random(7).sample(range(n), 64)
    base = best_of(repeat, lambda: g.betweenness(sources=sources))
    line("igraph betweenness(sources=64 nodes)", base)
    t = best_of(
        repeat,
        lambda: centrality_table(edges, measures=("betweenness",), k=64, seed=7, engine="scipy"),
    )
    line("coinnovation betweenness k=64 engine=scipy", t, base)
    if not args.skip_networkx:
        t = best_of(1, lambda: nx.betweenness_centrality(nxg, k=64, seed=7))
        line("networkx betweenness_centrality k=64", t, base)

    # -- Louvain
    print("Louvain communities (100k network)")
    random.seed(1)  # igraph draws from Python's random module
    base = best_of(repeat, lambda: g.community_multilevel(weights="weight"))
    line("igraph community_multilevel", base)
    t = best_of(repeat, lambda: communities(edges, seed=1))
    line("coinnovation communities(EdgeList) engine=auto", t, base, 1.0)
    t = best_of(repeat, lambda: communities(nxg, seed=1))
    line("coinnovation communities(nx.Graph), reading the graph included", t, base)
    result = communities(edges, seed=1)
    theirs = g.community_multilevel(weights="weight")
    q_igraph = g.modularity(theirs, weights="weight")
    share = result.modularity / q_igraph
    print(
        f"  modularity: coinnovation {result.modularity:.4f} ({len(result)} communities), "
        f"igraph {q_igraph:.4f} ({len(theirs)} communities): "
        f"{share:.4f} of igraph's   {verdict(share, 0.99, at_least=True)}"
    )
    if not args.skip_networkx:
        t = best_of(1, lambda: communities(nxg, seed=1, engine="networkx"))
        line("coinnovation communities engine=networkx (networkx's Louvain)", t, base)
        slow = communities(nxg, seed=1, engine="networkx")
        print(f"  modularity, engine=networkx: {slow.modularity:.4f} ({len(slow)} communities)")


if __name__ == "__main__":
    main()
