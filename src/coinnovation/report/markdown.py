"""A hub's report as GitHub-flavoured Markdown: the HTML page's twin, for wikis and repositories.

:func:`report_markdown` builds the text (no I/O) with the same sections as
:func:`~coinnovation.report.html.report_html`, tables as GFM tables and the network picture
as a relative link to its PNG (written beside it by
:func:`~coinnovation.report.write_report`). The interactive view exists only in the HTML
page; the Markdown points to it.

Every name goes through the hub's :class:`~coinnovation.privacy.Privacy` policy, and all
text is escaped: ``&``, ``<`` and ``>`` as HTML entities (Markdown renderers pass raw HTML
through), and the characters Markdown reads as markup (``*``, ``_``, ``|``, ``[`` …) with
a backslash.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.privacy import Privacy
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> policy = Privacy.for_hub(hub, secret="a secret of sixteen+ characters")
    >>> text = report_markdown(hub, privacy=policy, kind="table",
    ...                        generated=date(2024, 1, 31))
    >>> text.splitlines()[0]
    '# Community Digital Health Co-Innovation Event, Walsall 2023'
    >>> "![Organisation network" in text
    True
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from coinnovation.models.hub import Hub
from coinnovation.models.scope import Scope
from coinnovation.models.vocabularies import SessionKind
from coinnovation.network.build import Level
from coinnovation.network.projection import Oversize, WeightScheme
from coinnovation.privacy import Privacy
from coinnovation.report._content import (
    COLOURS,
    MAX_NODES,
    NAMES_NOTE,
    Content,
    IndicatorView,
    ProgressCallback,
    ProgressLike,
    gather,
    progress_callback,
    steps_of,
)
from coinnovation.report.html import (
    _AGREEMENTS_HINT,
    MEASURE_NOTES,
    _agreement_bases,
    _agreement_table,
)

__all__ = ["escape_markdown", "render_markdown", "report_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([#+=-])(?=[\s#+=-]|$)")


def escape_markdown(text: object) -> str:
    r"""Text as Markdown that shows it literally, on one line.

    ``&``, ``<`` and ``>`` become HTML entities (so ``<script>`` is text, never a tag),
    Markdown's inline markup characters get a backslash (and a leading ``#``, ``-``,
    ``+``, ``=`` or ``1.`` one too, so the text never starts a heading or list), and line
    breaks become spaces.

    Args:
        text: The text (anything: it is passed through ``str``).

    Returns:
        The escaped text.

    Examples:
        >>> print(escape_markdown("<script>alert(1)</script> *bold* | pipe"))
        &lt;script&gt;alert(1)&lt;/script&gt; \*bold\* \| pipe
        >>> print(escape_markdown("1. not a list"))
        1\. not a list
    """
    flat = " ".join(str(text).split())
    escaped = _SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
    return _LINE_START.sub(_unmark, escaped, count=1)


def _unmark(match: re.Match[str]) -> str:
    """A backslash that keeps a line's start from reading as a list or heading."""
    if match[1] is not None:
        return f"{match[1]}\\{match[2]}"
    return f"\\{match[3]}"


_e = escape_markdown


def _words(text: str) -> str:
    return text.replace("_", " ")


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[bool]) -> str:
    lines = [
        "| " + " | ".join(_e(h) for h in headers) + " |",
        "|" + "|".join("---:" if right else "---" for right in numeric) + "|",
    ]
    lines += ["| " + " | ".join(_e(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _glance(content: Content) -> list[str]:
    summary = content.summary
    out = ["## The hub at a glance", ""]
    if content.description:
        out += [_e(content.description), ""]
    if content.dates is not None:
        first, last = content.dates
        when = first if first == last else f"{first} to {last}"
        out += [f"Sessions held: **{_e(when)}**.", ""]
    records = [(_words(kind), str(count)) for kind, count in summary.counts.items() if count]
    out += [_table(("Records", "Number"), records or [("none", "0")], (False, True)), ""]
    sectors = sorted(
        set(summary.organisations_by_sector) | set(summary.people_by_sector),
        key=lambda s: list(COLOURS).index(s) if s in COLOURS else len(COLOURS),
    )
    if sectors:
        rows = [
            (
                _words(sector),
                str(summary.organisations_by_sector.get(sector, 0)),
                str(summary.people_by_sector.get(sector, 0)),
            )
            for sector in sectors
        ]
        out += [_table(("Sector", "Organisations", "People"), rows, (False, True, True)), ""]
    stages = [(_words(s), str(n)) for s, n in summary.challenges_by_stage.items() if n]
    if stages:
        out += [_table(("Challenges by stage", "Number"), stages, (False, True)), ""]
    statuses = [(_words(s), str(n)) for s, n in summary.agreements_by_status.items() if n]
    if statuses:
        out += [_table(("Agreements by status", "Number"), statuses, (False, True)), ""]
    named = content.consent.get("named", 0)
    pseudonymous = content.consent.get("pseudonymous", 0)
    excluded = content.consent.get("excluded", 0)
    sentence = (
        f"People: {named} shown by name (they agreed to it), {pseudonymous} under a "
        "pseudonym that stays the same in every report on this hub"
    )
    if excluded:
        sentence += (
            f", and {excluded} not shown at all — they still count in the totals, "
            "but appear in no list, table or picture"
        )
    out += [f"_{_e(sentence + '.')}_", ""]
    return out


def _sessions(content: Content) -> list[str]:
    out = ["## Sessions", ""]
    if not content.summary.sessions:
        return [*out, "No sessions are recorded.", ""]
    out += [
        "Each session with its kind and how many took part in it or in the sessions within "
        "it: people, and organisations recorded without a person, each counted once.",
        "",
    ]
    for line in content.summary.sessions:
        out.append(
            f"{'  ' * line.depth}- **{_e(line.name)}** \\[{_e(_words(line.kind))}\\] — "
            f"{_e(line.taking_part)}"
        )
    if content.sessions_note:
        out += ["", f"_{_e(content.sessions_note)}_"]
    return [*out, ""]


def _picture(content: Content, picture: str | None, page: str | None) -> list[str]:
    out = [f"## {_e(content.network_title)}", ""]
    if picture is None:
        out += ["The picture is not included.", ""]
    else:
        alt = (
            f"{content.network_title}: {len(content.nodes)} nodes and {len(content.edges)} "
            "ties, coloured by sector"
        )
        if content.groups:
            alt = (
                f"{content.network_title}: the {len(content.nodes):,} strongest of "
                f"{content.network_nodes:,} nodes and {len(content.edges):,} ties among "
                "them, coloured by sector, the others in one ringed circle per sector"
            )
        target = picture.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        out += [f"![{_e(alt)}]({target})", ""]
    caption = " ".join(
        filter(None, (content.network_caption, content.picture_note, content.view_note))
    )
    out += [f"_{_e(caption)}_", ""]
    if content.sectors:
        out += [
            "Sectors: "
            + ", ".join(f"{_e(_words(s))} {n}" for s, n in content.sectors.items())
            + ".",
            "",
        ]
    if page is not None:
        out += [
            f"To explore the network — names on hover, neighbours on click, a sector filter — "
            f"open the HTML version of this report, `{page.replace('`', '')}`.",
            "",
        ]
    return out


def _measures(content: Content) -> list[str]:
    out = ["## Measures", ""]
    if not content.measures:
        return [*out, "The network has no nodes to measure.", ""]
    out += [_e(content.measures_caption), ""]
    headers, numeric, rows = content.measure_table
    out += [_table(headers, rows, numeric), ""]
    out += [
        f"- **{_e(name)}**: {_e(MEASURE_NOTES[name])}"
        for name in content.measure_names
        if name in MEASURE_NOTES
    ]
    return [*out, ""]


def _heart(content: Content) -> list[str]:
    sector = _words(content.heart_sector)
    out = [
        f"## Is the {_e(sector)} sector at the heart?",
        "",
        f"Six indicators of whether the {_e(sector)} sector takes part as an equal partner, "
        "directly and throughout. Each says how to read it; flags name what to look at.",
        "",
    ]
    if content.inference_note:
        out += [_e(content.inference_note), ""]
    for indicator in content.heart:
        out += [f"### {_e(indicator.title)}: {_e(indicator.value)}", ""]
        if indicator.reason:
            out += [f"**{_e(indicator.headline)}**", ""]
        if indicator.key:
            scale = f"{indicator.scale}; {indicator.key}" if indicator.scale else indicator.key
            out += [f"_Scale:_ {_e(scale)}", ""]
        out += [_e(indicator.reading), ""]
        items = _inference_items(indicator)
        items += [
            f"- **Flag:** {_e(heading)} ({count:,}): {_e(', '.join(flagged))}"
            for heading, count, flagged in indicator.flag_lines
        ]
        items += [f"- _Note:_ {_e(note)}" for note in indicator.notes]
        if items:
            out += [*items, ""]
    return out


def _inference_items(indicator: IndicatorView) -> list[str]:
    """The indicator's p-value, its reading and its interval, as list items (none if untested)."""
    items = []
    if indicator.chance:
        items.append(f"- **Chance:** {_e(indicator.chance)}")
        if indicator.holm:
            items.append(
                f"- _Holm-adjusted across the indicators tested:_ p = {_e(indicator.holm)}"
            )
        if indicator.chance_reading:
            items.append(f"- _Reading:_ {_e(indicator.chance_reading)}")
    if indicator.interval:
        items.append(f"- **Uncertainty:** {_e(indicator.interval)}")
    return items


def _agreements(content: Content) -> list[str]:
    out = ["## Agreements", ""]
    if not content.agreements:
        return [*out, "No agreements are recorded.", ""]
    out += [_e(_AGREEMENTS_HINT), ""]
    for agreement in content.agreements:
        out += [
            f"### {_e(agreement.title)}",
            "",
            f"Agreement {_e(agreement.id)}, {_e(_words(agreement.status))}.",
            "",
        ]
        headers, numeric, rows = _agreement_table(agreement)
        if rows:
            out += [_table(headers, rows, numeric), ""]
        for line in [*_agreement_bases(agreement), *agreement.notes]:
            out += [f"_{_e(line)}_", ""]
    if content.agreements_note:
        out += [f"_{_e(content.agreements_note)}_", ""]
    return out


def render_markdown(
    content: Content, *, picture: str | None = "network.png", page: str | None = "index.html"
) -> str:
    """Lay out gathered content as GitHub-flavoured Markdown (everything escaped).

    Args:
        content: What the report says (see :func:`report_markdown`).
        picture: The network picture's path relative to the Markdown file; ``None``
            leaves the picture out.
        page: The HTML report's path relative to the Markdown file, for the interactive
            view; ``None`` leaves the pointer out.

    Returns:
        The text, ending with a newline.

    Examples:
        >>> from coinnovation.models import Hub
        >>> from coinnovation.report._content import gather
        >>> content = gather(Hub(name="<b>Demo</b>"), picture=False)
        >>> render_markdown(content).splitlines()[0]
        '# &lt;b&gt;Demo&lt;/b&gt;'
    """
    parts = [
        f"# {_e(content.title)}",
        "",
        f"Report generated {_e(content.generated)} with coinnovation.",
        "",
        *_glance(content),
        *_sessions(content),
        *_picture(content, picture, page),
        *_measures(content),
        *_heart(content),
        *_agreements(content),
        "---",
        "",
        f"_{NAMES_NOTE}_",
    ]
    return "\n".join(parts) + "\n"


def report_markdown(
    hub: Hub,
    *,
    privacy: Privacy | None = None,
    secret: bytes | str | None = None,
    title: str | None = None,
    level: Level = "organisation",
    weight: WeightScheme = "newman",
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
    seed: int = 0,
    top: int = 15,
    max_nodes: int | None = MAX_NODES,
    generated: datetime | date | None = None,
    picture: str | None = "network.png",
    page: str | None = "index.html",
    progress: ProgressCallback | ProgressLike | bool | None = None,
    permutations: int | None = None,
    resamples: int | None = None,
) -> str:
    """A hub's report as GitHub-flavoured Markdown (no files read or written).

    The same sections as :func:`~coinnovation.report.html.report_html`; the picture is a
    link to ``picture``, which this function does not draw (so it needs no matplotlib):
    :func:`~coinnovation.report.write_report` writes both.

    Args:
        hub: The hub.
        privacy: The hub's privacy policy (:meth:`Privacy.for_hub
            <coinnovation.privacy.Privacy.for_hub>`): people by name only when they
            consented, under a pseudonym otherwise, not at all when excluded. ``None``:
            a policy without a secret, which refuses to show anyone under a pseudonym
            (see :mod:`coinnovation.privacy`).
        secret: Deprecated: the hub's secret; pass ``privacy=`` instead.
        title: The report's title (default: the hub's name).
        level: Who the network's nodes are.
        weight: Tie weights: ``"newman"`` or ``"count"``.
        scope: The sessions the network (picture, measures, centrality and brokerage)
            is built from (:class:`~coinnovation.models.Scope`); or give ``kind``, not
            both.
        kind: Build the network from sessions of this kind (or kinds) only.
        max_session_size: Skip or down-weight sessions with more actors (a plenary) in
            the network (see :func:`~coinnovation.network.build.collaboration_graph`).
        oversize: ``"skip"`` or ``"downweight"``: what ``max_session_size`` does.
        seed: The seed of the network's spring layout (for the caption), and of the
            tests and resamples.
        top: How many nodes the measures table lists (at most
            :data:`~coinnovation.report._content.MAX_ROWS`, 1,000).
        max_nodes: The most nodes the network's picture and interactive view show
            one by one (default 300): the strongest, with the heaviest ties among them
            (at most 10,000); the others are gathered into one circle per sector, and
            the report says so. ``None``: every node and tie, however many.
        generated: The date shown as the report's date (default: now, in UTC).
        picture: The picture's path relative to the Markdown file (``None``: no picture).
        page: The HTML report's path relative to the Markdown file (``None``: no pointer).
        progress: As for :func:`~coinnovation.report.html.report_html`.
        permutations: As for :func:`~coinnovation.report.html.report_html` (the
            p-values and readings, without the picture).
        resamples: As for :func:`~coinnovation.report.html.report_html`.

    Returns:
        The text.

    Raises:
        PrivacyError: Someone would be shown under a pseudonym and the policy has no
            secret, or the secret is shorter than 16 bytes.
        ValueError: An unknown level, weight or session kind.
        TypeError: ``privacy`` and ``secret``, or ``scope`` and ``kind``, both given.

    Examples:
        >>> import coinnovation as co
        >>> from coinnovation.privacy import Privacy
        >>> hub = co.load("examples/walsall-2023/hub.json")
        >>> policy = Privacy.for_hub(hub, secret="a secret of sixteen+ characters")
        >>> text = report_markdown(hub, privacy=policy, generated=date(2024, 1, 31))
        >>> print(text.splitlines()[2])
        Report generated 2024-01-31 with coinnovation.
    """
    with progress_callback(progress) as tell:
        content = gather(
            hub,
            privacy=Privacy.from_options(hub, privacy, secret=secret, output="the report"),
            title=title,
            level=level,
            weight=weight,
            scope=scope,
            kind=kind,
            max_session_size=max_session_size,
            oversize=oversize,
            seed=seed,
            top=top,
            max_nodes=max_nodes,
            generated=generated,
            picture=False,
            permutations=permutations,
            resamples=resamples,
            tell=tell,
            steps=1,
        )
        total = steps_of(picture=False) + 1
        tell("Writing the Markdown", total - 1, total)
        text = render_markdown(content, picture=picture, page=page)
        tell("Done", total, total)
    return text
