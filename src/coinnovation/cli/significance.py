"""The ``coinnovation test`` command: is a group measure of the hub more than chance?

Importing this module adds the command to :data:`coinnovation.cli.commands.app`. It builds
the collaboration network, runs :func:`~coinnovation.inference.permutation_test` (and
:func:`~coinnovation.inference.permutation_tests`, or
:func:`~coinnovation.inference.heart_tests` for ``--measure heart``) and prints each
test's reading, or the results as JSON (``--json``). Groups are attribute values (sectors,
organisation kinds, organisation ids), never people; the output still goes through the
hub's :class:`~coinnovation.privacy.Privacy`, as every output that could show people.

Examples:
    >>> from coinnovation.cli.commands import run
    >>> run(["test", "examples/walsall-2023/hub.json", "--kind", "table",
    ...      "--permutations", "999", "--seed", "1"])  # doctest: +ELLIPSIS
    21 nodes, 206 ties (organisation level, count weights); 999 random relabellings of sector (seed 1)
    E-I index by sector, whole network = 0.534; as high or higher in ...
    0
"""

from __future__ import annotations

import json
from typing import Any

import click

from coinnovation.cli._errors import failure
from coinnovation.cli._options import SEED
from coinnovation.cli.commands import _FORMAT, _load, _privacy, _secret_option, app
from coinnovation.errors import CoinnovationError, NullModelError
from coinnovation.io import Format
from coinnovation.models.vocabularies import Sector, SessionKind

__all__ = ["significance"]

_MEASURES = ("ei", "assortativity", "mixing", "brokerage", "heart")

#: The heart indicators a test can take (coinnovation.inference.HEART_INDICATORS, named
#: here so that the command starts without loading the network modules).
_INDICATORS = ("centrality", "brokerage", "throughout", "voice", "equal_partners")

#: The node attributes a test may group by, at each level of the network.
_ATTRIBUTES = {
    "organisation": ("sector", "organisation_kind"),
    "person": ("sector", "organisation"),
}


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3g}"


def _table(rows: list[dict[str, Any]]) -> str:
    """The tests of a family as aligned text: one line per test."""
    header = ("test", "observed", "null mean", "p ≥", "p ≤", "p two-sided", "p Holm")
    lines = [
        (
            str(row["test"]),
            _number(row["observed"]),
            _number(row["null_mean"]),
            _number(row["p_greater"]),
            _number(row["p_less"]),
            _number(row["p_two_sided"]),
            _number(row["p_holm"]),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    text = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in [header, *lines]
    ]
    return "\n".join(text)


@app.command("test")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--measure",
    type=click.Choice(_MEASURES),
    default="ei",
    show_default=True,
    help="E-I index (whole network and each group), assortativity, the mixing matrix's "
    "cells, brokerage roles per group, or the heart report's indicators (see --indicator).",
)
@click.option(
    "--by",
    "attribute",
    type=click.Choice(sorted({a for names in _ATTRIBUTES.values() for a in names})),
    default="sector",
    show_default=True,
    help="The node attribute whose values are shuffled (organisation: person level only; "
    "organisation_kind: organisation level only; heart: sector only).",
)
@click.option(
    "--permutations",
    type=click.IntRange(min=1, max=10_000_000),
    default=9999,
    show_default=True,
    help="How many random draws.",
)
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the draws.")
@click.option(
    "--null",
    type=click.Choice(["labels", "bipartite"]),
    default="labels",
    show_default=True,
    help="Shuffle the attribute among the nodes, or rewire who attended which session "
    "keeping everyone's number of sessions and every session's size (person level).",
)
@click.option(
    "--exact",
    is_flag=True,
    help="Enumerate every distinct relabelling instead of drawing (small networks).",
)
@click.option(
    "--level",
    type=click.Choice(["person", "organisation"]),
    default="organisation",
    show_default=True,
    help="Who the nodes of the network are.",
)
@click.option(
    "--weight",
    "weight_scheme",
    type=click.Choice(["count", "newman"]),
    help="Tie weights of the network [default: newman for heart, else count].",
)
@click.option(
    "--weighted",
    is_flag=True,
    help="Sum tie weights in the E-I index, assortativity and mixing (default: count ties).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([kind.value for kind in SessionKind]),
    help="Only sessions of this kind (repeatable), e.g. --kind table.",
)
@click.option(
    "--sector",
    type=click.Choice([sector.value for sector in Sector]),
    default=Sector.COMMUNITY.value,
    show_default=True,
    help="The sector tested, for --measure heart.",
)
@click.option(
    "--indicator",
    "indicators",
    multiple=True,
    type=click.Choice(_INDICATORS),
    help="A heart indicator to test (repeatable) [default: centrality and brokerage; "
    "throughout, voice and equal_partners recompute the report per draw].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--format", "format_", type=_FORMAT, help="Read as this format, whatever the suffix.")
@_secret_option
def significance(
    file: str,
    measure: str,
    attribute: str,
    permutations: int,
    seed: int,
    null: str,
    exact: bool,
    level: str,
    weight_scheme: str | None,
    weighted: bool,
    kinds: tuple[str, ...],
    sector: str,
    indicators: tuple[str, ...],
    as_json: bool,
    format_: Format | None,
    secret_file: str | None,
) -> None:
    """Is a group measure of the hub in FILE more than chance? Permutation tests.

    Compares the measure with its values in networks drawn from a null model — the
    attribute shuffled among the nodes (group sizes kept), or the attendance rewired —
    and prints the observed value, the null mean and the p-values (one-sided each way
    and two-sided, with the +1 correction; Holm-adjusted across a family of tests).
    """
    if attribute not in _ATTRIBUTES[level]:
        raise click.BadParameter(
            f"nodes of the {level} level have no {attribute!r}; choose "
            f"{' or '.join(_ATTRIBUTES[level])}",
            param_hint="--by",
        )
    if indicators and measure != "heart":
        raise click.BadParameter("--indicator is for --measure heart", param_hint="--indicator")
    if exact and set(indicators) - {"centrality", "brokerage"}:
        raise click.BadParameter(
            "throughout, voice and equal_partners recompute the report per draw: they have "
            "no --exact",
            param_hint="--exact",
        )
    if measure == "heart" and attribute != "sector":
        raise click.BadParameter(
            "the heart report compares sectors: use --by sector", param_hint="--by"
        )
    if null == "bipartite" and level != "person":
        raise click.BadParameter(
            "the bipartite null rewires who attended which session: use --level person",
            param_hint="--null",
        )
    if null == "bipartite" and (exact or measure == "heart"):
        raise click.BadParameter(
            "--null bipartite draws rewired networks: it has no --exact, and the heart "
            "test relabels sectors",
            param_hint="--null",
        )
    scheme = weight_scheme or ("newman" if measure == "heart" else "count")
    hub = _load(file, format_)
    try:
        payload, text = _run(
            hub,
            measure=measure,
            attribute=attribute,
            permutations=permutations,
            seed=seed,
            null=null,
            exact=exact,
            level=level,
            scheme=scheme,
            weighted=weighted,
            kinds=kinds,
            sector=sector,
            indicators=indicators or ("centrality", "brokerage"),
        )
    except NullModelError as error:  # --exact on too large a network: choose otherwise
        raise failure(error, file, exit_code=2) from None
    except CoinnovationError as error:
        raise failure(error, file) from None
    privacy = _privacy(hub, file, secret_file)
    if as_json:
        shown = privacy.data(payload)
        click.echo(json.dumps(shown, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(privacy.text(text))


def _run(
    hub: Any,
    *,
    measure: str,
    attribute: str,
    permutations: int,
    seed: int,
    null: str,
    exact: bool,
    level: str,
    scheme: str,
    weighted: bool,
    kinds: tuple[str, ...],
    sector: str,
    indicators: tuple[str, ...],
) -> tuple[dict[str, Any], str]:
    """The tests asked for: their data (for --json) and their text."""
    from coinnovation.inference import (
        BipartiteNull,
        heart_tests,
        permutation_test,
        permutation_tests,
    )
    from coinnovation.network.build import affiliation_graph, collaboration_graph

    kind = kinds or None
    options: dict[str, Any] = {
        "measure": measure,
        "attribute": attribute,
        "level": level,
        "weight_scheme": scheme,
        "weighted": weighted,
        "kind": list(kinds),
        "null": null,
        "permutations": permutations,
        "seed": None if exact else seed,
        "exact": exact,
    }
    draws = "every relabelling" if exact else f"{permutations:,} random relabellings"
    if measure == "heart":
        family = heart_tests(
            hub,
            sector=sector,
            level=level,  # type: ignore[arg-type]
            weight=scheme,  # type: ignore[arg-type]
            kind=kind,
            indicators=indicators,
            permutations=permutations,
            seed=seed,
            exact=exact,
        )
        options["sector"] = sector
        options["indicators"] = list(indicators)
        lines = [
            f"Is the {sector.replace('_', ' ')} sector at the heart? {draws} of sector "
            f"among the {level}s" + ("" if exact else f" (seed {seed})"),
            family.reading(),
            "",
            _table(family.rows()),
        ]
        return {**options, "tests": family.rows()}, "\n".join(lines)
    graph = collaboration_graph(hub, level=level, weight=scheme, kind=kind)  # type: ignore[arg-type]
    null_model: Any = "labels"
    if null == "bipartite":
        null_model = BipartiteNull(affiliation_graph(hub, kind=kind))
        draws = f"{permutations:,} rewired affiliation networks"
    common: dict[str, Any] = {
        "null": null_model,
        "permutations": permutations,
        "seed": seed,
        "weight": "weight" if weighted else None,
        "exact": exact,
        "default": "unknown",
    }
    header = (
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} ties ({level} level, "
        f"{scheme} weights); {draws}"
        + ("" if null == "bipartite" else f" of {attribute}")
        + ("" if exact else f" (seed {seed})")
    )
    lines = [header]
    tests: list[dict[str, Any]] = []
    if measure in ("ei", "assortativity"):
        single = permutation_test(graph, measure, attribute, **common)  # type: ignore[arg-type]
        lines.append(single.reading())
        tests.extend(single.rows())
    if measure != "assortativity":
        family = permutation_tests(graph, measure, attribute, **common)  # type: ignore[arg-type]
        if measure != "ei":
            lines.append(family.statistic)
        lines.extend(["", _table(family.rows())])
        tests.extend(family.rows())
    return {**options, "tests": tests}, "\n".join(lines)
