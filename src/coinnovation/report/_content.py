"""What a report says, gathered once and made safe to share; the renderers only lay it out.

:func:`gather` reads a hub and returns a :class:`Content`: every name in it has been
through the hub's :class:`~coinnovation.privacy.Privacy` policy (people by name only
when they consented, under a pseudonym otherwise, not at all when excluded), and
nothing in it is escaped yet: :mod:`coinnovation.report.html` and
:mod:`coinnovation.report.markdown` escape everything they write.

Examples:
    >>> import coinnovation as co
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> from coinnovation.privacy import Privacy
    >>> policy = Privacy.for_hub(hub, secret="a secret of sixteen+ characters")
    >>> content = gather(hub, privacy=policy, picture=False)
    >>> len(content.nodes), content.sectors["community"]
    (21, 8)
"""

from __future__ import annotations

import io
import math
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from enum import Enum
from fractions import Fraction
from typing import Any, Protocol

import attrs
import networkx as nx
import numpy as np

from coinnovation._optional import require
from coinnovation.errors import CoinnovationError
from coinnovation.heart import (
    AUTO_BETWEENNESS_SOURCES,
    EXACT_BETWEENNESS_NODES,
    Indicator,
    heart_report,
)
from coinnovation.models.agreements import Agreement
from coinnovation.models.hub import Hub
from coinnovation.models.scope import Scope
from coinnovation.models.vocabularies import Consent, Sector, SessionKind, session_kinds
from coinnovation.network.build import Level, collaboration_graph
from coinnovation.network.measures import node_measures
from coinnovation.network.projection import Oversize, WeightScheme
from coinnovation.privacy import Privacy
from coinnovation.report.summary import HubSummary, SessionLine, summarise
from coinnovation.report.tables import (
    choose_ranking,
    decimals,
    format_value,
    rank_labels,
    ties_sentence,
)
from coinnovation.sharing.fairness import RewardComparison, compare_agreement
from coinnovation.sharing.rounding import format_money

__all__ = [
    "COLOURS",
    "Box",
    "PICTURE_SIZE",
    "SVG_SIZE",
    "AgreementView",
    "Content",
    "IndicatorView",
    "NetworkNode",
    "PartyRow",
    "ProgressCallback",
    "ProgressLike",
    "boxes_overlap",
    "gather",
    "legible_labels",
    "progress_callback",
    "steps_of",
]

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``callback(step, done, total)`` when a step of a report starts."""

#: Sector colours: the Okabe–Ito palette, distinguishable with colour-blindness.
COLOURS: dict[str, str] = {
    Sector.COMMUNITY.value: "#D55E00",
    Sector.INDUSTRY.value: "#0072B2",
    Sector.ACADEMIA.value: "#009E73",
    Sector.GOVERNMENT.value: "#CC79A7",
    Sector.HEALTH_SERVICE.value: "#56B4E9",
    Sector.OTHER.value: "#E69F00",
    "unknown": "#999999",
}

#: The network picture's size in pixels (width, height).
PICTURE_SIZE = (960, 720)
_DPI = 100

#: The interactive view's drawing area (SVG user units) and its margin.
SVG_SIZE = (800, 600)
_MARGIN = 40

#: Measures shown in the report's table, in order (those the table has).
MEASURE_COLUMNS = (
    "degree",
    "strength",
    "betweenness",
    "eigenvector",
    "constraint",
    "ei",
    "brokerage",
)

#: The measures the table may be ranked by, in order of preference: the first that tells
#: the listed nodes apart best (betweenness ties everywhere when everyone meets everyone).
RANKING = ("betweenness", "strength", "degree")

#: What ranking by each measure shows, for the table's caption.
_RANKED = {
    "betweenness": "that lie most between others",
    "strength": "with the strongest ties",
    "degree": "tied to the most others",
}

_NO_SECTOR = "unknown"

#: What a network's nodes are, plural, by level.
_NOUNS = {"organisation": "organisations", "person": "people", "sector": "sectors"}

#: The note on names that ends every report, in its HTML and Markdown forms alike.
NAMES_NOTE = (
    "Names: people appear by name only if they agreed to it; everybody else appears under "
    "a pseudonym made from the hub's secret, which this report does not contain. People "
    "who asked to be left out appear nowhere, though they count in the totals. Check the "
    "report before you send it on."
)
_LABEL_MOST = 40  # never name more nodes than this in the picture

#: The most nodes the network views (the interactive view and the picture) show one by
#: one, by default: the strongest (by strength, the sum of a node's tie weights). The
#: others are gathered into one circle per sector, and the page says so. 300 nodes and
#: their heaviest ties keep the page under 5 MB at any size of hub.
MAX_NODES = 300

#: The most ties the network views draw: the heaviest ties among the nodes shown.
MAX_TIES = 10_000

#: The most rows the measures table lists, whatever ``top`` asks for; every row is in
#: ``coinnovation metrics ... -o measures.csv``.
MAX_ROWS = 1_000

#: The most sessions the sessions tree lists: the tree is cut at the deepest level whose
#: sessions all fit (events, then workshops ...), each line still counting who took part
#: within it.
MAX_SESSIONS = 300

#: The most records a heart indicator's flag names; the others are counted.
MAX_FLAGGED = 50

#: The most agreements the report shows, in the hub's order, and the most parties it
#: lists of each.
MAX_AGREEMENTS = 100
MAX_PARTIES = 100
_LABEL_LENGTH = 28
_LABEL_PAD = 2.0  # pixels kept clear around each label

Box = tuple[float, float, float, float]
"""A rectangle as ``(x0, y0, x1, y1)``, with ``x0 <= x1`` and ``y0 <= y1``."""


class ProgressLike(Protocol):
    """The part of :class:`rich.progress.Progress` a report drives (add a task, update it).

    Examples:
        >>> class Log:
        ...     def add_task(self, description, *, total=None):
        ...         return 1
        ...     def update(self, task_id, *, description=None, completed=None, total=None):
        ...         print(description, completed, total)
        >>> with progress_callback(Log()) as tell:
        ...     tell("Drawing", 3, 7)
        Drawing 3 7
    """

    def add_task(self, description: str, *, total: float | None = ...) -> Any:
        """Add a task; return its id.

        Examples:
            >>> from rich.progress import Progress
            >>> Progress().add_task("report", total=None)
            0
        """

    def update(
        self,
        task_id: Any,
        *,
        description: str | None = ...,
        completed: float | None = ...,
        total: float | None = ...,
    ) -> None:
        """Move a task on.

        Examples:
            >>> from rich.progress import Progress
            >>> bar = Progress()
            >>> bar.update(bar.add_task("report", total=7), description="Drawing", completed=3)
            >>> bar.tasks[0].description, bar.tasks[0].completed
            ('Drawing', 3)
        """


@contextmanager
def progress_callback(
    progress: ProgressCallback | ProgressLike | bool | None,
) -> Iterator[ProgressCallback]:
    """A callback for ``progress=``: silent, the caller's own, or a rich progress bar.

    ``None`` and ``False`` are silent; a callable is called as it is; an object with
    rich's ``add_task``/``update`` (a :class:`rich.progress.Progress` the caller has
    started) gets one task; ``True`` shows a transient rich bar on standard error for
    the time of the ``with`` block (needs ``rich``, in the ``cli`` and ``viz`` extras).

    Examples:
        >>> seen = []
        >>> with progress_callback(lambda step, done, total: seen.append(done)) as tell:
        ...     tell("one", 0, 2)
        >>> seen
        [0]
    """
    if progress is None or progress is False:
        yield _silent
        return
    if progress is True:
        require("rich", "viz", "the report's progress bar")
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            yield _rich_callback(bar)
        return
    if hasattr(progress, "add_task") and hasattr(progress, "update"):
        yield _rich_callback(progress)
        return
    if callable(progress):
        yield progress
        return
    raise TypeError(f"progress must be a callable, a rich Progress, True or None, not {progress!r}")


def _silent(step: str, done: int, total: int) -> None:
    """Report nothing."""


def _rich_callback(bar: ProgressLike) -> ProgressCallback:
    task = bar.add_task("report", total=None)

    def tell(step: str, done: int, total: int) -> None:
        bar.update(task, description=step, completed=done, total=total)

    return tell


# -- what the report holds -------------------------------------------------------------------


@attrs.frozen
class NetworkNode:
    """One node of the network views, safe to show.

    Attributes:
        name: What to call it (a person's name only if they consented).
        sector: Its sector's value (``"unknown"`` when none).
        strength: Its strength (weighted degree) in the whole network.
        x: Its position across, in SVG units (0 at the left).
        y: Its position down, in SVG units (0 at the top).
        radius: Its radius in SVG units (grows with strength).

    Examples:
        >>> NetworkNode("O", "community", 1.5, 10.0, 20.0, 8.0).sector
        'community'
    """

    name: str
    sector: str
    strength: float
    x: float
    y: float
    radius: float


@attrs.frozen
class NetworkGroup:
    """The nodes of one sector that the network views gather into one circle.

    Attributes:
        sector: The sector's value (``"unknown"`` when none).
        count: How many nodes it stands for.
        strength: The sum of their strengths.
        noun: What the nodes are, plural (``"organisations"``).
        x: Its position across, in SVG units.
        y: Its position down, in SVG units.
        radius: Its radius in SVG units (grows with ``count``).

    Examples:
        >>> group = NetworkGroup("community", 1801, 52.5, "organisations", 60.0, 560.0, 12.0)
        >>> group.name
        '1,801 more community organisations'
    """

    sector: str
    count: int
    strength: float
    noun: str
    x: float
    y: float
    radius: float

    @property
    def name(self) -> str:
        """What the circle stands for, in words.

        Examples:
            >>> NetworkGroup("health_service", 1, 0.5, "organisations", 0, 0, 8).name
            '1 more health service organisation'
        """
        noun = self.noun[:-1] if self.count == 1 and self.noun.endswith("s") else self.noun
        if self.count == 1 and self.noun == "people":
            noun = "person"
        sector = "without a sector" if self.sector == _NO_SECTOR else ""
        words = self.sector.replace("_", " ")
        if sector:
            return f"{self.count:,} more {noun} {sector}"
        return f"{self.count:,} more {words} {noun}"

    @property
    def note(self) -> str:
        """What the circle's tooltip adds to its name.

        Examples:
            >>> NetworkGroup("industry", 3, 1.25, "organisations", 0, 0, 8).note
            'not shown one by one; strength 1.250 in all'
        """
        return f"not shown one by one; strength {self.strength:.3f} in all"


@attrs.frozen
class IndicatorView:
    """One "community at the heart" indicator, ready to show.

    Attributes:
        name: Its name (``"equal_partners"``).
        title: Its name in words, capitalised (``"Equal partners"``).
        value: Its value as text (``"n/a"`` when it cannot be computed).
        reading: How to read it.
        flags: Headings of the flags with what they flag (safe labels).
        notes: Caveats (person ids replaced by safe labels).
        scale: What kind of number the value is.
        key: Its neutral value, what that means and which way is good, in one line
            (see :attr:`Indicator.key <coinnovation.heart.report.Indicator.key>`).
        reason: Why the value cannot be computed (``None`` when it can).
        counts: How many records each flag is about in all, those not listed included
            (people who may not be shown, and those past :data:`MAX_FLAGGED`); empty:
            as many as its items.
        chance: What a permutation test says, in one line (``"p = 0.18 (seen in 177 of
            999 random relabellings of sector)"``); empty when not tested.
        chance_reading: The test's reading in plain English, with the null mean.
        holm: The p-value Holm-adjusted across the indicators tested, as text.
        interval: The bootstrap interval in one line; empty when not bootstrapped.
        observed: The tested value, for the picture of the null distribution.
        bins: The edges of the null distribution's histogram (empty: no picture).
        histogram: The draws in each bin.

    Examples:
        >>> IndicatorView("voice", "Voice", "0.500", "Higher is better.", (), ()).value
        '0.500'
        >>> IndicatorView("voice", "Voice", "n/a", "", (), (), reason="no framings").headline
        'n/a — no framings'
    """

    name: str
    title: str
    value: str
    reading: str
    flags: tuple[tuple[str, tuple[str, ...]], ...]
    notes: tuple[str, ...]
    scale: str = ""
    key: str = ""
    reason: str | None = None
    counts: tuple[int, ...] = ()
    chance: str = ""
    chance_reading: str = ""
    holm: str = ""
    interval: str = ""
    observed: float | None = None
    bins: tuple[float, ...] = ()
    histogram: tuple[int, ...] = ()

    @property
    def flag_lines(self) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
        """Each flag as its heading, how many records it is about, and the items it lists.

        Examples:
            >>> view = IndicatorView("voice", "Voice", "0.5", "", (("Unframed", ("A", "B")),), ())
            >>> view.flag_lines
            (('Unframed', 2, ('A', 'B')),)
        """
        counts = self.counts or tuple(len(items) for _, items in self.flags)
        return tuple(
            (heading, count, items)
            for (heading, items), count in zip(self.flags, counts, strict=True)
        )

    @property
    def headline(self) -> str:
        """The value with the reason it is missing, if it is (``"n/a — reason"``).

        Examples:
            >>> IndicatorView("voice", "Voice", "0.500", "", (), ()).headline
            '0.500'
        """
        return f"{self.value} — {self.reason}" if self.reason else self.value


def _verdict(row: PartyRow) -> bool | None:
    """A hand-made row's verdict, by the comparison's own rule (for rows made without one)."""
    if row.contribution_share is None or row.reward_share is None:
        return None
    reward, put_in = Fraction(row.reward_share), Fraction(row.contribution_share)
    comparison = RewardComparison((0,), {0: reward}, {0: put_in}, "", "")
    return comparison.is_equal_partner([0])


@attrs.frozen
class PartyRow:
    """One party of an agreement: what it puts in against what it gets.

    Attributes:
        name: The party's safe name.
        sector: Its sector's value.
        contribution: What it puts in, to the minor unit with its currency (``""`` if
            unknown).
        contribution_share: Its share of all contributions, as a fraction (``None`` when
            nobody's contribution has a value).
        reward_share: Its share of what is shared out (``None`` when nothing is).
        reward: What its share is worth, to the minor unit with its currency (``""``
            when the rewards have no money value).
        equal_partner: Whether its reward share is at least its contribution share, as
            sharing's one comparison says (:meth:`RewardComparison.is_equal_partner
            <coinnovation.sharing.RewardComparison.is_equal_partner>`, which
            :func:`~coinnovation.sharing.check_fairness` and the heart report's equal
            partners read too); ``None`` when the shares cannot be compared. By default,
            that comparison's verdict on the two shares.

    Examples:
        >>> PartyRow("O", "community", "100.00 GBP", 0.25, 0.5).below
        False
        >>> PartyRow("O", "community", "", 0.5, None).equal_partner is None
        True
    """

    name: str
    sector: str
    contribution: str
    contribution_share: float | None
    reward_share: float | None
    reward: str = ""
    equal_partner: bool | None = attrs.field(default=attrs.Factory(_verdict, takes_self=True))

    @property
    def below(self) -> bool:
        """Whether it gets less than its share of the contributions (not an equal partner).

        Examples:
            >>> PartyRow("O", "community", "", 0.5, 0.25).below
            True
        """
        return self.equal_partner is False


@attrs.frozen
class AgreementView:
    """One agreement: its status and each party's shares.

    Attributes:
        id: The agreement's id.
        title: Its title.
        status: Its lifecycle status.
        rows: One per party that may be shown.
        notes: What the reader should know (parties left out, shares not recorded).
        reward_basis: What the reward shares are (recorded in the agreement, weighed by
            money or each reward counted equally), from
            :func:`~coinnovation.sharing.compare_agreement`.
        contribution_basis: How what each party puts in is valued.

    Examples:
        >>> AgreementView("ag", "Pilot", "draft", (), ()).status
        'draft'
    """

    id: str
    title: str
    status: str
    rows: tuple[PartyRow, ...]
    notes: tuple[str, ...]
    reward_basis: str = ""
    contribution_basis: str = ""

    @property
    def valued(self) -> bool:
        """Whether any shown party's reward has a money value (the table then shows it).

        Examples:
            >>> AgreementView("ag", "Pilot", "draft", (), ()).valued
            False
        """
        return any(row.reward for row in self.rows)


@attrs.frozen
class Content:
    """Everything a report shows, every name already through the privacy policy.

    Attributes:
        title: The report's title.
        generated: When it was made, as text.
        summary: The hub's summary (counts, sectors, the sessions tree).
        description: The hub's description, if any.
        dates: The first and last day of its sessions (``None`` when none is dated).
        consent: People by consent (``named``, ``pseudonymous``, ``excluded``).
        level: The network's level.
        weight: Its tie weights.
        kinds: The session kinds it was built from (empty for all).
        seed: The layout's seed.
        nodes: The nodes shown, in the graph's order.
        edges: The ties shown, as pairs of indices into ``nodes`` with their weight.
        sectors: Nodes per sector, in the order of the legend.
        picture: The PNG of the network (``None`` when not drawn).
        measure_names: The measure columns of the table.
        measures: Its rows: name, sector, then the measures as text (each column with
            enough decimals to tell its values apart).
        measure_total: How many nodes could be listed.
        measure_rank: The measure the rows are ranked by, highest first (``None``: in
            network order); see :data:`RANKING`.
        measure_ranks: Each row's rank, ``"3="`` when tied.
        measures_caption: What the table shows, how it is ranked and which rows tie.
        picture_labels: How many nodes the picture names (0 when it is not drawn).
        scope: The sessions the network was built from (``None``: those of ``kinds``).
        groups: The nodes not shown one by one, one circle per sector (empty when every
            node is shown; see :data:`MAX_NODES`).
        network_nodes: The nodes of the network that may be shown, one by one or in a
            group (``None``: as many as ``nodes``).
        ties_among_shown: The ties among the nodes shown, drawn or not (``None``: as
            many as ``edges``; see :data:`MAX_TIES`).
        sessions_total: The sessions of the hub (``None``: as many as the summary's
            tree lists; see :data:`MAX_SESSIONS`).
        sessions_note: Which sessions the tree leaves out (empty when none).
        agreements_total: The agreements of the hub (``None``: as many as
            ``agreements``; see :data:`MAX_AGREEMENTS`).
        heart: The six indicators.
        heart_sector: The sector the indicators are about.
        agreements: Each agreement's shares.
        measure_intervals: With ``resamples``: each row's bootstrap interval of the
            ranking measure, as text (empty: no interval column).
        interval_header: The interval column's heading.
        inference_note: How the p-values and intervals were drawn (empty when none were).

    Examples:
        >>> from coinnovation.models import Hub
        >>> gather(Hub(), picture=False).nodes
        ()
    """

    title: str
    generated: str
    summary: HubSummary
    description: str | None
    dates: tuple[str, str] | None
    consent: dict[str, int]
    level: str
    weight: str
    kinds: tuple[str, ...]
    seed: int
    nodes: tuple[NetworkNode, ...]
    edges: tuple[tuple[int, int, float], ...]
    sectors: dict[str, int]
    picture: bytes | None
    measure_names: tuple[str, ...]
    measures: tuple[tuple[str, ...], ...]
    measure_total: int
    heart: tuple[IndicatorView, ...]
    heart_sector: str
    agreements: tuple[AgreementView, ...]
    measure_rank: str | None = None
    measure_ranks: tuple[str, ...] = ()
    measures_caption: str = ""
    picture_labels: int = 0
    scope: Scope | None = None
    groups: tuple[NetworkGroup, ...] = ()
    network_nodes: int | None = None
    ties_among_shown: int | None = None
    sessions_total: int | None = None
    sessions_note: str = ""
    agreements_total: int | None = None
    measure_intervals: tuple[str, ...] = ()
    interval_header: str = ""
    inference_note: str = ""

    @property
    def measure_table(
        self,
    ) -> tuple[tuple[str, ...], tuple[bool, ...], tuple[tuple[str, ...], ...]]:
        """The measures table as the renderers lay it out: headers, numeric columns, rows.

        Each row starts with its rank (``"3="`` when tied; its position when the rows
        are not ranked), then the name, the sector in words and the measures.

        Examples:
            >>> from coinnovation.models import Hub
            >>> gather(Hub(), picture=False).measure_table[0][:3]
            ('Rank', 'Name', 'Sector')
        """
        ranks = self.measure_ranks or tuple(str(i + 1) for i in range(len(self.measures)))
        headers = ("Rank", "Name", "Sector", *self.measure_names)
        numeric = (True, False, False, *(True for _ in self.measure_names))
        rows = tuple(
            (rank, row[0], row[1].replace("_", " "), *row[2:])
            for rank, row in zip(ranks, self.measures, strict=True)
        )
        if self.measure_intervals:
            headers += (self.interval_header,)
            numeric += (True,)
            rows = tuple(
                (*row, interval) for row, interval in zip(rows, self.measure_intervals, strict=True)
            )
        return headers, numeric, rows

    @property
    def picture_note(self) -> str:
        """Which nodes the picture names, and where to find the others' names.

        Examples:
            >>> from coinnovation.models import Hub
            >>> gather(Hub(), picture=False).picture_note
            ''
        """
        if self.picture is None or not self.nodes:
            return ""
        total = len(self.nodes)
        if not self.groups:
            if self.picture_labels >= total:
                return "Every node is named."
            return (
                f"{self.picture_labels} of the {total} nodes are named: the strongest whose "
                "names fit without covering another name or node. The interactive view "
                "names every node."
            )
        if self.picture_labels >= total:
            return "Every node shown one by one is named."
        return (
            f"{self.picture_labels} of the {total} nodes shown one by one are named: the "
            "strongest whose names fit without covering another name or node. The "
            "interactive view names every node it shows."
        )

    @property
    def shown_all(self) -> bool:
        """Whether the network views show every node and every tie.

        Examples:
            >>> from coinnovation.models import Hub
            >>> gather(Hub(), picture=False).shown_all
            True
        """
        among = len(self.edges) if self.ties_among_shown is None else self.ties_among_shown
        return not self.groups and among <= len(self.edges)

    @property
    def view_note(self) -> str:
        """What the network views leave out of a large network, and where to find it all.

        Empty when they show every node and every tie.

        Examples:
            >>> from coinnovation.models import Hub
            >>> gather(Hub(), picture=False).view_note
            ''
        """
        if self.shown_all:
            return ""
        noun = _NOUNS.get(self.level, "nodes")
        shown, drawn = len(self.nodes), len(self.edges)
        total = self.network_nodes if self.network_nodes is not None else shown
        among = self.ties_among_shown if self.ties_among_shown is not None else drawn
        if self.groups:
            text = (
                f"This view shows the {shown:,} strongest of the {total:,} {noun} one by one "
                "(by strength, the sum of their tie weights)"
            )
        else:
            text = f"This view shows all {shown:,} {noun}"
        if drawn < among:
            text += f" and the {drawn:,} heaviest of the {among:,} ties among them."
        else:
            text += f" and the {among:,} ties among them."
        if self.groups:
            hidden = sum(group.count for group in self.groups)
            sectors = ", ".join(
                f"{group.sector.replace('_', ' ')} {group.count:,}" for group in self.groups
            )
            circles = "one ringed circle per sector" if len(self.groups) > 1 else "a ringed circle"
            text += (
                f" The other {hidden:,} {noun} are gathered into {circles} at the bottom "
                f"({sectors}); their ties are not drawn."
            )
        return (
            text + " The measures are of the whole network. For every node and tie, export "
            "the network (coinnovation network HUB -o network.gexf) and its measures "
            "(coinnovation metrics HUB -o measures.csv)."
        )

    @property
    def agreements_note(self) -> str:
        """Which agreements the report leaves out, if any.

        Examples:
            >>> from coinnovation.models import Hub
            >>> gather(Hub(), picture=False).agreements_note
            ''
        """
        shown = len(self.agreements)
        total = self.agreements_total if self.agreements_total is not None else shown
        if shown >= total:
            return ""
        return (
            f"The report shows the first {shown:,} of the {total:,} agreements, in the "
            "hub's order. Any other: coinnovation share HUB AGREEMENT."
        )

    @property
    def network_title(self) -> str:
        """What the network is, in words (``"Organisation network"``).

        Examples:
            >>> from coinnovation.models import Hub
            >>> gather(Hub(), picture=False).network_title
            'Organisation network'
        """
        return f"{self.level.capitalize()} network"

    @property
    def network_caption(self) -> str:
        """A sentence saying how the network was built and drawn.

        Examples:
            >>> from coinnovation.models import Hub
            >>> text = gather(Hub(), picture=False).network_caption
            >>> text.split(":")[0]
            'Who took part in the same sessions'
        """
        if self.scope is not None:
            sessions = self.scope.describe()
        else:
            sessions = f"sessions of kind {', '.join(self.kinds)}" if self.kinds else "all sessions"
        noun = _NOUNS
        weights = {
            "newman": "ties weighted as Newman (2001) does: a tie in a session of n people "
            "counts 1/(n − 1), so a small group weighs more than a crowd",
            "count": "ties weighted by how many sessions they shared",
        }
        return (
            f"Who took part in the same sessions: {noun.get(self.level, self.level)} tied "
            f"when they met in {sessions}, {weights.get(self.weight, f'{self.weight} weights')}. "
            "Colour shows the sector, size the strength (the sum of a node's tie weights); "
            f"the layout is a spring layout with seed {self.seed}."
        )


# -- gathering -------------------------------------------------------------------------------


def _sector_value(value: Any) -> str:
    if value is None:
        return _NO_SECTOR
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _generated(when: datetime | date | None) -> str:
    if when is None:
        when = datetime.now(UTC)
    if isinstance(when, datetime):
        return when.isoformat(timespec="minutes")
    return when.isoformat()


def _dates(hub: Hub) -> tuple[str, str] | None:
    days = [moment.date() for s in hub.sessions for moment in (s.start, s.end) if moment]
    if not days:
        return None
    return min(days).isoformat(), max(days).isoformat()


class _Names:
    """Safe names for any stakeholder id, and safe free text, through the privacy policy."""

    def __init__(self, hub: Hub, privacy: Privacy) -> None:
        self.privacy = privacy
        self.organisations = {o.id: o.name for o in hub.organisations}

    def name(self, record: str) -> str | None:
        """A stakeholder's name; ``None`` for an excluded person."""
        if self.privacy.is_person(record):
            return self.privacy.name(record)
        return self.text(self.organisations.get(record, record))

    def label(self, record: str) -> str | None:
        """A record id as shown: people by label, organisations by name, others as is."""
        if self.privacy.is_person(record):
            return self.privacy.label(record)
        return self.text(self.organisations.get(record, record))

    def text(self, text: str) -> str:
        """Free text with every person who is not named made unrecognisable."""
        return self.privacy.text(text)

    def summary(self, summary: HubSummary) -> HubSummary:
        """The hub's summary with its names (the hub's, the sessions') made safe."""
        return attrs.evolve(
            summary,
            name=None if summary.name is None else self.text(summary.name),
            sessions=tuple(
                attrs.evolve(line, name=self.text(line.name)) for line in summary.sessions
            ),
        )


def _excluded(privacy: Privacy, node: Any, data: dict[str, Any]) -> bool:
    """Whether a node is a person the policy shows nowhere (as :meth:`Privacy.graph` reads it)."""
    kind = data.get("kind")
    person = kind == "person" or (kind is None and privacy.is_person(node))
    return person and not privacy.visible(node)


@attrs.frozen
class _View:
    """The part of a network the views show: its strongest nodes and their heaviest ties.

    Attributes:
        graph: The nodes shown, in the network's order, and the ties drawn (before the
            privacy policy; the whole network when everything is shown).
        total: The nodes of the network that may be shown.
        among: The ties among the nodes shown (``None``: all drawn).
        hidden: The nodes that may be shown but are not, by sector, in the network's order.
    """

    graph: nx.Graph[Any]
    total: int
    among: int | None
    hidden: dict[str, list[Any]]

    @classmethod
    def of(
        cls,
        network: nx.Graph[Any],
        strength: dict[Any, Any],
        privacy: Privacy,
        max_nodes: int | None,
    ) -> _View:
        """The view of ``network``: its ``max_nodes`` strongest nodes and their heaviest ties.

        Nodes tie on strength by their order in the network; ties on weight likewise.
        """
        visible = [
            node for node, data in network.nodes(data=True) if not _excluded(privacy, node, data)
        ]
        if max_nodes is None or (
            len(visible) <= max_nodes and network.number_of_edges() <= MAX_TIES
        ):
            return cls(network, len(visible), None, {})
        hidden: dict[str, list[Any]] = {}
        if len(visible) <= max_nodes:
            chosen = visible
        else:
            values = np.array([float(strength.get(node, 0.0)) for node in visible])
            strongest = np.sort(np.argsort(-values, kind="stable")[:max_nodes])
            chosen = [visible[i] for i in strongest]
            shown = set(chosen)
            for node in visible:
                if node not in shown:
                    sector = _sector_value(network.nodes[node].get("sector"))
                    hidden.setdefault(sector, []).append(node)
        rank = {node: i for i, node in enumerate(chosen)}
        directed = network.is_directed()
        ties: list[tuple[Any, Any, dict[str, Any]]] = []
        for i, node in enumerate(chosen):
            for other, data in network.adj[node].items():
                j = rank.get(other)
                if j is not None and (directed or j >= i):
                    ties.append((node, other, data))
        among = len(ties)
        if among > MAX_TIES:
            weights = np.array([float(data.get("weight", 1.0)) for *_, data in ties])
            heaviest = np.sort(np.argsort(-weights, kind="stable")[:MAX_TIES])
            ties = [ties[k] for k in heaviest]
        graph = network.__class__()
        graph.graph.update(network.graph)
        graph.add_nodes_from((node, network.nodes[node]) for node in chosen)
        graph.add_edges_from(ties)
        return cls(graph, len(visible), among, hidden)


#: The band at the bottom of the network views kept for the circles of nodes not shown
#: one by one (SVG units), and how far above the bottom edge their centres are.
_BAND = 90.0
_GROUP_RISE = 52.0


def _groups(
    view: _View, strength: dict[Any, Any], order: Iterable[str], noun: str
) -> tuple[NetworkGroup, ...]:
    """One circle per sector for the nodes the view does not show, spaced along the bottom."""
    present = [sector for sector in order if view.hidden.get(sector)]
    if not present:
        return ()
    width, height = SVG_SIZE
    step = (width - 2 * _MARGIN) / len(present)
    most = max(len(view.hidden[sector]) for sector in present)
    return tuple(
        NetworkGroup(
            sector=sector,
            count=len(view.hidden[sector]),
            strength=math.fsum(float(strength.get(node, 0.0)) for node in view.hidden[sector]),
            noun=noun,
            x=round(_MARGIN + step * (i + 0.5), 2),
            y=round(height - _GROUP_RISE, 2),
            radius=round(10.0 + 12.0 * math.sqrt(len(view.hidden[sector]) / most), 2),
        )
        for i, sector in enumerate(present)
    )


def _tree(lines: tuple[SessionLine, ...], limit: int) -> tuple[tuple[SessionLine, ...], str]:
    """The sessions tree cut to at most ``limit`` lines, at the deepest level that fits.

    Every session down to that level is kept, in order; when even the top-level sessions
    do not fit, the first ``limit`` of them. Returns the lines kept and a sentence saying
    what was left out (empty when nothing was).
    """
    if len(lines) <= limit:
        return lines, ""
    per_depth = Counter(line.depth for line in lines)
    deepest, kept = 0, per_depth[0]
    while deepest + 1 in per_depth and kept + per_depth[deepest + 1] <= limit:
        deepest += 1
        kept += per_depth[deepest]
    cut = tuple(line for line in lines if line.depth <= deepest)[:limit]
    if kept > limit:
        which = f"the first {len(cut):,} of the {kept:,} top-level sessions"
    elif deepest == 0:
        which = f"the {len(cut):,} top-level sessions"
    else:
        which = f"the {len(cut):,} sessions down to level {deepest + 1}"
    return cut, (
        f"The tree lists {which}, of {len(lines):,} sessions in all; each line counts who "
        "took part in the sessions within it. Every session: coinnovation summary HUB --json."
    )


def _layout(graph: nx.Graph[Any], seed: int) -> dict[Any, tuple[float, float]]:
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    positions = nx.spring_layout(graph, seed=seed, weight="weight")
    return {node: (float(xy[0]), float(xy[1])) for node, xy in positions.items()}


def _to_svg(
    positions: dict[Any, tuple[float, float]],
    *,
    band: float = 0.0,
) -> dict[Any, tuple[float, float]]:
    """Positions scaled into the SVG area above a ``band`` at the bottom, y down, aspect kept."""
    if not positions:
        return {}
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    width, height = SVG_SIZE
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    room_x, room_y = width - 2 * _MARGIN, height - band - 2 * _MARGIN
    scale = min(
        room_x / span_x if span_x > 0 else math.inf, room_y / span_y if span_y > 0 else math.inf
    )
    if not math.isfinite(scale):
        scale = 1.0
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        node: (
            round(width / 2 + (x - mid_x) * scale, 2),
            round(height / 2 - band / 2 - (y - mid_y) * scale, 2),
        )
        for node, (x, y) in positions.items()
    }


def _radius(strength: float, strongest: float, count: int) -> float:
    """A node's radius: its area grows with strength; smaller nodes in bigger networks."""
    largest = min(18.0, max(6.0, 18.0 * math.sqrt(30 / max(count, 1))))
    share = math.sqrt(strength / strongest) if strongest > 0 else 0.0
    return round(largest * (0.28 + 0.72 * share), 2)


def _sector_order(present: Iterable[str]) -> list[str]:
    order = [s.value for s in Sector] + [_NO_SECTOR]
    found = set(present)
    return [s for s in order if s in found] + sorted(found - set(order))


def _short(name: str) -> str:
    return name if len(name) <= _LABEL_LENGTH else name[: _LABEL_LENGTH - 1] + "…"


def boxes_overlap(a: Box, b: Box, *, pad: float = 0.0) -> bool:
    """Whether two rectangles overlap, each grown by ``pad`` on every side.

    Rectangles that only touch do not overlap.

    Examples:
        >>> boxes_overlap((0, 0, 10, 10), (5, 5, 15, 15)), boxes_overlap((0, 0, 1, 1), (1, 0, 2, 1))
        (True, False)
    """
    return (
        a[0] - pad < b[2] + pad
        and b[0] - pad < a[2] + pad
        and a[1] - pad < b[3] + pad
        and b[1] - pad < a[3] + pad
    )


def legible_labels(
    boxes: Sequence[Box],
    order: Iterable[int],
    *,
    limit: int | None = None,
    bounds: Box | None = None,
    pad: float = 0.0,
    obstacles: Sequence[Box] = (),
) -> list[int]:
    """Which labels to draw so that none covers another: greedily, in ``order``.

    Each label, taken in ``order`` (the most important first, such as the strongest
    node), is kept when its box lies inside ``bounds``, covers none of the
    ``obstacles`` (such as the nodes) and overlaps no label kept before it (see
    :func:`boxes_overlap`, with ``pad`` around each label), until ``limit`` are kept.

    Args:
        boxes: Each label's box.
        order: Indices into ``boxes``, most important first.
        limit: The most labels to keep.
        bounds: The area labels must lie in (``None``: anywhere).
        pad: Space kept clear around each label.
        obstacles: Boxes no label may cover.

    Returns:
        The indices kept, in ``order``.

    Examples:
        >>> legible_labels([(0, 0, 10, 4), (5, 2, 15, 6), (20, 0, 30, 4)], [1, 0, 2])
        [1, 2]
    """
    kept: list[int] = []
    for index in order:
        if limit is not None and len(kept) >= limit:
            break
        box = boxes[index]
        if bounds is not None and not (
            bounds[0] <= box[0]
            and box[2] <= bounds[2]
            and bounds[1] <= box[1]
            and box[3] <= bounds[3]
        ):
            continue
        if any(boxes_overlap(box, boxes[other], pad=pad) for other in kept):
            continue
        if any(boxes_overlap(box, obstacle) for obstacle in obstacles):
            continue
        kept.append(index)
    return kept


def _draw(
    nodes: Sequence[NetworkNode],
    edges: Sequence[tuple[int, int, float]],
    sectors: dict[str, int],
    title: str,
    *,
    groups: Sequence[NetworkGroup] = (),
) -> tuple[bytes, int]:
    """The network as a PNG: matplotlib's Agg canvas on a Figure, no pyplot.

    ``groups`` are drawn as ringed circles, each with the number of nodes it stands for;
    the legend counts every node of a sector, shown one by one or in its group.
    """
    require("matplotlib", "viz", "the report's network picture")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patheffects import withStroke

    width, height = PICTURE_SIZE
    figure = Figure(figsize=(width / _DPI, height / _DPI), dpi=_DPI, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.02, 0.03, 0.74, 0.87))
    axes.set_axis_off()
    figure.text(0.02, 0.965, title, fontsize=13, va="top", parse_math=False)
    # SVG units run down the page; matplotlib's up: flip y so both views match.
    xs = [node.x for node in nodes]
    ys = [SVG_SIZE[1] - node.y for node in nodes]
    if edges:
        heaviest = max(weight for _, _, weight in edges) or 1.0
        segments = [((xs[a], ys[a]), (xs[b], ys[b])) for a, b, _ in edges]
        widths = [0.4 + 3.2 * weight / heaviest for _, _, weight in edges]
        axes.add_collection(
            LineCollection(segments, linewidths=widths, colors="#8c8c8c", alpha=0.45, zorder=1)
        )
    handles = []
    for sector in sectors:
        members = [i for i, node in enumerate(nodes) if node.sector == sector]
        colour = COLOURS.get(sector, COLOURS[_NO_SECTOR])
        axes.scatter(
            [xs[i] for i in members],
            [ys[i] for i in members],
            s=[(nodes[i].radius * 1.1) ** 2 for i in members],
            c=colour,
            edgecolors="white",
            linewidths=0.8,
            zorder=2,
        )
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=9,
                markerfacecolor=colour,
                markeredgecolor="white",
                label=f"{sector.replace('_', ' ')} ({sectors[sector]:,})",
            )
        )
    for group in groups:
        colour = COLOURS.get(group.sector, COLOURS[_NO_SECTOR])
        centre = (group.x, SVG_SIZE[1] - group.y)
        axes.scatter(
            [centre[0]],
            [centre[1]],
            s=[(group.radius * 1.1) ** 2],
            c=colour,
            alpha=0.25,
            linewidths=0,
            zorder=2,
        )
        axes.scatter(
            [centre[0]],
            [centre[1]],
            s=[(group.radius * 1.1) ** 2],
            facecolors="none",
            edgecolors=colour,
            linewidths=1.6,
            linestyles="--",
            zorder=2,
        )
        axes.annotate(
            f"+{group.count:,}",
            centre,
            xytext=(0, -(group.radius * 1.1 / 2 + 3)),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=7,
            color="#222222",
            zorder=3,
            parse_math=False,
        )
    if not nodes:
        axes.text(0.5, 0.5, "No one to draw", ha="center", va="center", transform=axes.transAxes)
    axes.set_xlim(0, SVG_SIZE[0])
    axes.set_ylim(0, SVG_SIZE[1])
    axes.set_aspect("equal")
    axes.apply_aspect()
    # Name only what stays legible: the strongest nodes first, each label kept when its
    # box, measured as drawn, covers no label kept before it and stays in the picture.
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    strongest = sorted(range(len(nodes)), key=lambda i: (-nodes[i].strength, nodes[i].name))
    candidates = strongest[: 3 * _LABEL_MOST]
    labels = {
        i: axes.annotate(
            _short(nodes[i].name),
            (xs[i], ys[i]),
            xytext=(0, nodes[i].radius * 1.1 / 2 + 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color="#222222",
            zorder=3,
            parse_math=False,
            path_effects=[withStroke(linewidth=2.5, foreground="white")],
        )
        for i in candidates
    }
    boxes: list[Box] = [(0.0, 0.0, 0.0, 0.0)] * len(nodes)
    for i, label in labels.items():
        extent = label.get_window_extent(renderer)
        boxes[i] = (extent.x0, extent.y0, extent.x1, extent.y1)
    # Nodes are obstacles too: a label over another node hides it. A node's disc is
    # (radius × 1.1) points across, as scattered above.
    discs: list[Box] = []
    to_pixels = _DPI / 72
    for i, node in enumerate(nodes):
        cx, cy = axes.transData.transform((xs[i], ys[i]))
        half = node.radius * 1.1 / 2 * to_pixels
        discs.append((cx - half, cy - half, cx + half, cy + half))
    for group in groups:
        cx, cy = axes.transData.transform((group.x, SVG_SIZE[1] - group.y))
        half = group.radius * 1.1 / 2 * to_pixels
        discs.append((cx - half, cy - half - 14, cx + half, cy + half))
    width_px, height_px = PICTURE_SIZE
    kept = set(
        legible_labels(
            boxes,
            candidates,
            limit=_LABEL_MOST,
            bounds=(0.0, 0.0, float(width_px), float(height_px)),
            pad=_LABEL_PAD,
            obstacles=discs,
        )
    )
    for i, label in labels.items():
        if i not in kept:
            label.remove()
    if handles:
        figure.legend(
            handles=handles,
            loc="center left",
            bbox_to_anchor=(0.77, 0.5),
            frameon=False,
            title="Sector (nodes)",
            fontsize=9,
        )
    key = "Size: strength\nLines: ties, thicker\nfor heavier weights"
    if groups:
        shown = len(nodes)
        key = (
            f"The {shown:,} strongest nodes;\ndashed rings: the other\n"
            f"{sum(group.count for group in groups):,}, by sector\n" + key
        )
    figure.text(0.77, 0.12 + 0.06 * bool(groups), key, fontsize=8, color="#444444", va="top")
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # A name in a script the font lacks draws as boxes: not an error for a report.
        warnings.filterwarnings("ignore", message=r"Glyph .* missing", category=UserWarning)
        figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue(), len(kept)


def _percent(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _agreements(
    hub: Hub, names: _Names, agreements: Sequence[Agreement]
) -> tuple[AgreementView, ...]:
    views = []
    for agreement in agreements:
        notes: list[str] = []
        try:
            comparison: RewardComparison | None = compare_agreement(hub, agreement)
        except CoinnovationError as error:
            comparison = None
            notes.append(f"Contributions cannot be valued: {names.text(str(error))}")
        rewards = comparison.reward_shares if comparison is not None else None
        portions = comparison.contribution_shares if comparison is not None else None
        given = comparison.contributions if comparison is not None else None
        currency = comparison.currency if comparison is not None else None
        amounts = comparison.rewards if comparison is not None else None
        for note in comparison.notes if comparison is not None else ():
            notes.append(names.text(f"{note[:1].upper()}{note[1:]}."))
        rows: list[PartyRow] = []
        hidden = 0
        beyond = 0
        for party in agreement.party_ids:
            shown = names.name(party)
            if shown is None:
                hidden += 1
                continue
            if len(rows) >= MAX_PARTIES:
                beyond += 1
                continue
            value = None if given is None else given.get(party)
            rows.append(
                PartyRow(
                    name=shown,
                    sector=_sector_value(hub.sector_of(party)),
                    contribution=(
                        "" if value is None or currency is None else format_money(value, currency)
                    ),
                    contribution_share=None if portions is None else _percent(portions[party]),
                    reward_share=None if rewards is None else _percent(rewards[party]),
                    reward=(
                        ""
                        if amounts is None or currency is None
                        else format_money(amounts[party], currency)
                    ),
                    equal_partner=(
                        None if comparison is None else comparison.is_equal_partner([party])
                    ),
                )
            )
        if hidden:
            parties = "party" if hidden == 1 else "parties"
            notes.append(
                f"{hidden} {parties} asked not to be shown: their rows are left out, so "
                "the shares above do not add up to 100 %."
            )
        if beyond:
            notes.append(
                f"The table lists the first {MAX_PARTIES:,} parties; {beyond:,} more are not "
                "listed, so the shares above do not add up to 100 %."
            )
        if any(row.below for row in rows):
            notes.append("Marked rows get less than their share of the contributions.")
        views.append(
            AgreementView(
                id=agreement.id,
                title=names.text(agreement.title),
                status=agreement.status.value,
                rows=tuple(rows),
                notes=tuple(notes),
                reward_basis="" if comparison is None else names.text(comparison.reward_basis),
                contribution_basis=(
                    "" if comparison is None else names.text(comparison.contribution_basis)
                ),
            )
        )
    return tuple(views)


def _heart(
    hub: Hub,
    names: _Names,
    *,
    level: Level,
    weight: WeightScheme,
    scope: Scope,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
    permutations: int = 0,
    resamples: int = 0,
    seed: int = 0,
) -> tuple[tuple[IndicatorView, ...], str]:
    options: dict[str, Any] = {
        "level": level,
        "weight": weight,
        "scope": scope,
        "max_session_size": max_session_size,
        "oversize": oversize,
    }
    if permutations or resamples:
        from coinnovation.inference import heart_report_tested

        report = heart_report_tested(
            hub, permutations=permutations, resamples=resamples, seed=seed, **options
        )
    else:
        report = heart_report(hub, **options)
    sector = report.sector.replace("_", " ")
    threshold = str(report.options.get("level_threshold", "threshold"))
    views = []
    for indicator in report.indicators:
        flags = []
        counts: list[int] = []
        for reason, ids in indicator.flagged.items():
            if not ids:
                continue
            items: list[str] = []
            hidden = 0
            for record in ids:
                label = names.label(record) if len(items) < MAX_FLAGGED else None
                if label is not None:
                    items.append(label)
                elif len(items) < MAX_FLAGGED:
                    hidden += 1
            beyond = len(ids) - len(items) - hidden
            if hidden:
                items.append(f"{hidden} not shown")
            if beyond:
                items.append(f"and {beyond:,} more")
            heading = Indicator.flag_heading(reason, sector=sector, threshold=threshold)
            flags.append((heading[:1].upper() + heading[1:], tuple(items)))
            counts.append(len(ids))
        value, why = indicator.value, indicator.reason
        test, span = indicator.significance, indicator.interval
        tested: dict[str, Any] = {}
        if test is not None:
            tested = {
                "chance": names.text(test.summary),
                "chance_reading": names.text(test.reading),
                "holm": "" if test.p_holm is None else f"{test.p_holm:.2g}",
                "observed": test.observed,
                "bins": test.bins,
                "histogram": test.counts,
            }
        if span is not None:
            tested["interval"] = span.summary
        views.append(
            IndicatorView(
                name=indicator.name,
                title=indicator.title.capitalize(),
                value="n/a" if value is None else f"{value:.3f}",
                reading=names.text(indicator.reading),
                flags=tuple(flags),
                notes=tuple(
                    names.text(note) for note in indicator.notes if note != indicator.reason
                ),
                scale=indicator.scale,
                key=indicator.key,
                reason=None if why is None else names.text(why),
                counts=tuple(counts),
                **tested,
            )
        )
    return tuple(views), report.sector


def _measures_caption(table: Any, rank: str | None, listed: int) -> str:
    """The measures table's caption: what it lists, by what, and which rows tie."""
    total = len(table)
    if rank is None:
        return f"The {listed} of {total} nodes in network order; measured on the whole network."
    text = (
        f"The {listed} of {total} nodes {_RANKED.get(rank, 'ranked highest')} (ranked by "
        f"{rank}, highest first); measured on the whole network."
    )
    if rank != "betweenness" and "betweenness" in table.names:
        values = [float(value) for _, value in table.top("betweenness", total)]
        tied = sum(1 for value in values if math.isclose(value, values[0], rel_tol=1e-9))
        if values[0] == 0:
            text += (
                " Betweenness cannot rank them: it is 0 for every node, as nobody lies "
                "between two others who are not tied themselves."
            )
        elif tied > 1:
            shown = f"{values[0]:.{decimals(values[:listed])}f}"
            text += (
                f" Betweenness cannot rank them: {tied} nodes tie at the highest "
                f"betweenness, {shown}."
            )
    ties = ties_sentence(table, rank, shown=listed)
    if ties is not None:
        text += f" Tied ranks are marked =: {ties[:1].lower()}{ties[1:]}"
    return text


def steps_of(*, picture: bool) -> int:
    """How many progress steps :func:`gather` reports.

    Examples:
        >>> steps_of(picture=True), steps_of(picture=False)
        (7, 6)
    """
    return 6 + int(picture)


def gather(
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
    picture: bool = True,
    tell: ProgressCallback = _silent,
    steps: int = 0,
    permutations: int | None = None,
    resamples: int | None = None,
) -> Content:
    """Gather a report's content from a hub, every name through its privacy policy.

    Args:
        hub: The hub.
        privacy: The hub's privacy policy (:meth:`Privacy.for_hub
            <coinnovation.privacy.Privacy.for_hub>`); ``None``: one without a secret,
            which refuses to show anyone under a pseudonym (see
            :mod:`coinnovation.privacy`).
        secret: Deprecated: the hub's secret; pass ``privacy=`` instead.
        title: The report's title (default: the hub's name).
        level: The network's actors.
        weight: Its tie weights.
        scope: The sessions the network (and its two heart indicators) is built from
            (:class:`~coinnovation.models.Scope`); or give ``kind``, not both.
        kind: Build the network from sessions of this kind (or kinds) only.
        max_session_size: Sessions with more actors (a plenary) are skipped or
            down-weighted in the network and its two heart indicators (see
            :func:`~coinnovation.network.build.collaboration_graph`).
        oversize: ``"skip"`` or ``"downweight"``: what ``max_session_size`` does.
        seed: The layout's seed.
        top: Rows of the measures table (at most :data:`MAX_ROWS`).
        max_nodes: The most nodes the network views show one by one: the strongest;
            the others are gathered into one circle per sector, and the report says so
            (see :data:`MAX_NODES`). ``None``: every node and tie, however many.
        generated: When the report was made (default: now, in UTC).
        picture: Whether to draw the PNG (needs matplotlib).
        tell: Called as each step starts.
        steps: Steps the caller runs after these, for the progress total.
        permutations: Test the heart's network indicators against this many random
            relabellings of the sectors (:func:`~coinnovation.inference.heart_report_tested`,
            seeded with ``seed``); ``None``: no tests.
        resamples: Bootstrap the heart's indicators, and the ranking measure of the
            measures table (:func:`~coinnovation.inference.bootstrap`), over this many
            resamples of the sessions; ``None``: no intervals.

    Returns:
        The content.

    Raises:
        PrivacyError: Someone would be shown under a pseudonym and the policy has no
            secret, or the secret is shorter than 16 bytes.

    Examples:
        >>> from coinnovation.models import Hub
        >>> gather(Hub(name="x"), picture=False).title
        'x'
    """
    if isinstance(top, bool) or top < 0:
        raise ValueError(f"top must be a whole number of rows, 0 or more, not {top!r}")
    if max_nodes is not None and (isinstance(max_nodes, bool) or max_nodes < 1):
        raise ValueError(f"max_nodes must be a whole number, 1 or more, or None, not {max_nodes!r}")
    for name, count in (("permutations", permutations), ("resamples", resamples)):
        if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
            raise TypeError(f"{name} must be a whole number or None, not {count!r}")
        if count is not None and count < 1:
            raise ValueError(f"{name} must be 1 or more, or None, not {count!r}")
    privacy = Privacy.from_options(hub, privacy, secret=secret, output="the report")
    chosen = Scope.from_options(scope, kind=session_kinds(kind) or None)
    kinds = () if chosen.kinds is None else tuple(kind.value for kind in chosen.kinds)
    names = _Names(hub, privacy)
    total = steps_of(picture=picture) + steps
    tell("Summarising the hub", 0, total)
    whole = summarise(hub)
    tree, sessions_note = _tree(whole.sessions, MAX_SESSIONS)
    summary = names.summary(attrs.evolve(whole, sessions=tree))
    consent = Counter(person.consent.value for person in hub.people)

    tell("Building the network", 1, total)
    network = collaboration_graph(
        hub,
        level=level,
        weight=weight,
        scope=chosen,
        max_session_size=max_session_size,
        oversize=oversize,
    )

    tell("Measuring the network", 2, total)
    people = level == "person"
    grouped = "sector" if network.number_of_nodes() else None
    # Exact betweenness costs a search from every node (minutes on tens of thousands of
    # organisations): above the heart report's limit both estimate it the same way.
    network_size = network.number_of_nodes()
    sampled = network_size > EXACT_BETWEENNESS_NODES
    table = node_measures(
        network,
        attribute=grouped,
        default=_NO_SECTOR,
        k=AUTO_BETWEENNESS_SOURCES if sampled else None,
        seed=seed if sampled else None,
    )
    strength = table["strength"] if "strength" in table.names else {}
    shared = privacy.node_table(table, people=people)
    names_column = shared["name"] if "name" in shared.names else {}
    sectors_column = shared["sector"] if "sector" in shared.names else {}
    shown = [name for name in MEASURE_COLUMNS if name in shared.names]
    position = {node: i for i, node in enumerate(shared.nodes)}
    rank = choose_ranking(shared, RANKING, rows=top)
    order = (
        [position[node] for node, _ in shared.top(rank, len(shared))]
        if rank is not None
        else list(range(len(shared)))
    )
    listed = order[: min(top, MAX_ROWS)]
    places = {name: decimals(shared.columns[name][i] for i in listed) for name in shown}
    rows = tuple(
        (
            str(names_column.get(shared.nodes[i], shared.nodes[i])),
            _sector_value(sectors_column.get(shared.nodes[i])),
            *(format_value(shared.columns[name][i], digits=places[name]) for name in shown),
        )
        for i in listed
    )
    ranks: tuple[str, ...] = ()
    if rank is not None:
        ranks = tuple(rank_labels([float(shared.columns[rank][i]) for i in order])[:top])
    caption = _measures_caption(shared, rank, len(listed))
    if sampled:
        caption += (
            f" Betweenness is estimated from the shortest paths of {AUTO_BETWEENNESS_SOURCES:,}"
            f" of the {network_size:,} nodes, sampled (seed {seed}), as the heart report estimates"
            " it"
            f" on networks of more than {EXACT_BETWEENNESS_NODES:,} nodes."
        )
    intervals: tuple[str, ...] = ()
    header = ""
    if resamples and rank is not None and listed:
        from coinnovation.inference import bootstrap

        spread = bootstrap(
            hub,
            rank,
            level=level,
            weight=weight,
            scope=chosen,
            resamples=resamples,
            seed=seed,
            privacy=privacy,
        )
        found = {node: j for j, node in enumerate(spread.nodes)}
        digits = places.get(rank, 3)
        header = f"{rank} {spread.confidence * 100:g} % interval"
        texts = []
        for i in listed:
            j = found.get(shared.nodes[i])
            low, high = spread.interval(spread.nodes[j]) if j is not None else (None, None)
            texts.append(
                "–"
                if low is None or high is None
                else f"{format_value(low, digits=digits)} to {format_value(high, digits=digits)}"
            )
        intervals = tuple(texts)
        caption += (
            f" The interval of {rank} is its {spread.confidence * 100:g} % percentile interval over "
            f"{resamples:,} bootstrap resamples of the sessions (seed {seed})."
        )
    if top > len(listed) and len(shared) > len(listed):
        caption += (
            f" The report lists at most {MAX_ROWS:,} rows; every row: coinnovation "
            "metrics HUB -o measures.csv."
        )

    tell("Laying out the network", 3, total)
    view = _View.of(network, strength, privacy, max_nodes)
    safe = privacy.graph(view.graph)
    # Each node's strength under the name the shared graph gives it: people relabelled as
    # Privacy.graph relabels them, everything else (organisations in a person network
    # too) under its own id.
    strength_of: dict[Any, float] = {}
    for node, data in view.graph.nodes(data=True):
        value = strength.get(node)
        if value is None or _excluded(privacy, node, data):
            continue
        kind = data.get("kind")
        person = kind == "person" or (kind is None and privacy.is_person(node))
        strength_of[privacy.label(str(node)) if person else node] = float(value)
    band = _BAND if view.hidden else 0.0
    positions = _to_svg(_layout(safe, seed), band=band)
    index = {node: i for i, node in enumerate(safe.nodes)}
    strongest = max(strength_of.values(), default=0.0)
    nodes = tuple(
        NetworkNode(
            name=str(data.get("name") or node),
            sector=_sector_value(data.get("sector")),
            strength=float(strength_of.get(node, 0.0)),
            x=positions[node][0],
            y=positions[node][1],
            radius=_radius(float(strength_of.get(node, 0.0)), strongest, len(safe)),
        )
        for node, data in safe.nodes(data=True)
    )
    edges = tuple(
        (index[a], index[b], float(data.get("weight", 1.0))) for a, b, data in safe.edges(data=True)
    )
    counts = Counter(node.sector for node in nodes)
    counts.update({sector: len(hidden) for sector, hidden in view.hidden.items()})
    sectors = {sector: counts[sector] for sector in _sector_order(counts)}
    groups = _groups(view, strength, sectors, _NOUNS.get(level, "nodes"))
    measure_total, network_nodes, ties_among_shown = len(shared), view.total, view.among
    content_title = names.text(title or hub.name or "Co-innovation hub report")

    drawing = None
    labelled = 0
    done = 4
    if picture:
        tell("Drawing the network", done, total)
        drawing, labelled = _draw(
            nodes, edges, sectors, f"{level.capitalize()} network", groups=groups
        )
        done += 1
    # Let the whole network go before the heart report builds its own: with millions of
    # ties alive, every garbage collection the heart report triggers walks them all.
    del network, table, shared, view, safe

    tell("Reading whether the community is at the heart", done, total)
    heart, heart_sector = _heart(
        hub,
        names,
        level=level,
        weight=weight,
        scope=chosen,
        max_session_size=max_session_size,
        oversize=oversize,
        permutations=permutations or 0,
        resamples=resamples or 0,
        seed=seed,
    )
    inference_note = _inference_note(permutations, resamples, seed)

    tell("Reading the agreements", done + 1, total)
    agreements = _agreements(hub, names, hub.agreements[:MAX_AGREEMENTS])
    return Content(
        title=content_title,
        generated=_generated(generated),
        summary=summary,
        description=None if hub.description is None else names.text(hub.description),
        dates=_dates(hub),
        consent={c.value: consent[c.value] for c in Consent},
        level=level,
        weight=weight,
        kinds=kinds,
        seed=seed,
        nodes=nodes,
        edges=edges,
        sectors=sectors,
        picture=drawing,
        measure_names=tuple(shown),
        measures=rows,
        measure_total=measure_total,
        heart=heart,
        heart_sector=heart_sector,
        agreements=agreements,
        measure_rank=rank,
        measure_ranks=ranks,
        measures_caption=caption,
        picture_labels=labelled,
        scope=chosen,
        groups=groups,
        network_nodes=network_nodes,
        ties_among_shown=ties_among_shown,
        sessions_total=len(whole.sessions),
        sessions_note=sessions_note,
        agreements_total=len(hub.agreements),
        measure_intervals=intervals,
        interval_header=header,
        inference_note=inference_note,
    )


def _inference_note(permutations: int | None, resamples: int | None, seed: int) -> str:
    """How the heart's p-values and intervals were drawn, and how to read them."""
    parts = []
    if permutations:
        parts.append(
            f"Each p-value compares the indicator with {permutations:,} random relabellings "
            "of the sectors (each sector keeps its number of nodes): it is the chance that "
            "a random set of as many nodes would do as well, counting the observed one "
            "among the draws. A small p-value (such as 0.01) says chance rarely does as "
            "well; a large one says the figure is within what chance gives, not that it is "
            "zero. The Holm-adjusted p-value allows for testing several indicators at once."
        )
    if resamples:
        parts.append(
            f"Each interval is the 95 % percentile interval of the indicator over {resamples:,} "
            "bootstrap resamples of the sessions: how much it would vary had other sessions "
            "been held; with few sessions read it as a rough spread."
        )
    if parts:
        parts.append(f"Seed {seed}.")
    return " ".join(parts)
