"""The heart report's results: each :class:`Indicator`, and the :class:`HeartReport` of six.

An :class:`Indicator` carries its value (``None`` when it cannot be computed, with the
reason), what kind of number that is and which way is good, its definition and how to
read it, the records it was computed from, details and flags; :class:`HeartReport` holds
the six of :data:`INDICATORS` in order, as text, data, a frame or an HTML table, and can be
made safe to share through a privacy policy. The wording shared by every indicator (its
scale, the headings of its flags) lives here too. What a permutation test and a
bootstrap say about an indicator travels with it as plain data (:class:`Significance`,
:class:`Interval`), filled in from above by :mod:`coinnovation.inference`
(:meth:`HeartReport.with_inference`); the heart package computes none of it.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.heart import heart_report
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report(hub, kind="table")
    >>> isinstance(report, HeartReport), [indicator.name for indicator in report.indicators]
    (True, ['centrality', 'brokerage', 'throughout', 'voice', 'equal_partners', 'reach'])
    >>> report["equal_partners"].key
    '1 = rewarded in proportion in every agreement; higher is better'
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs

from coinnovation.heart._context import _Evidence, _Number, _Row
from coinnovation.models.records import FIELD_OF_KIND
from coinnovation.models.vocabularies import Sector
from coinnovation.results import Table

if TYPE_CHECKING:  # the report needs privacy only for a type: no import at run time
    from coinnovation.privacy import Privacy

__all__ = ["INDICATORS", "Better", "HeartReport", "Indicator", "Interval", "Significance"]

INDICATORS: tuple[str, ...] = (
    "centrality",
    "brokerage",
    "throughout",
    "voice",
    "equal_partners",
    "reach",
)
"""The indicators of a :class:`HeartReport`, in their fixed order."""

Better = Literal["higher", "lower", "closer"]
"""Which way an indicator's value is good: ``"higher"``, ``"lower"`` or ``"closer"`` to its
neutral value."""

#: Why a record is flagged, in words, for the text report.
_REASONS = {
    "isolated": "{S} stakeholders tied to nobody in the network",
    "role_not_held": "brokerage roles others hold and the {S} sector never does",
    "below_threshold": "challenges where the {S} sector took part only below {T}",
    "level_unrecorded": "challenges where the {S} sector's participations have no level",
    "unplaced": "challenges where it reached {T} only in sessions of no known stage",
    "absent": "challenges with no {S} participation at all",
    "no_work": "challenges no recorded session worked on (Session.challenges)",
    "no_framing": "challenges with no framing by the {S} sector",
    "left_out": "challenges the {S} sector worked on whose agreements have no {S} party",
    "reward_below_contribution": "agreements rewarding the {S} sector below its contribution",
    "unreached": "deprived communities no participating person belongs to",
}


# -- results ---------------------------------------------------------------------------------


def _number(value: _Number) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def _neutral_text(value: float) -> str:
    """A neutral value as short text: ``1`` rather than ``1.000``."""
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"


def _first_note(indicator: Indicator) -> str | None:
    """Why a value is missing, when nobody said: the first note."""
    if indicator.value is not None:
        return None
    return indicator.notes[0] if indicator.notes else None


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, width=88, initial_indent=indent, subsequent_indent=indent, break_long_words=False
    )


#: The chance words of a p-value's side: ``"greater"`` reads "as high or higher".
_SIDES = {
    "greater": "as high or higher",
    "less": "as low or lower",
    "two-sided": "as far from the null mean or further",
}


def _floats(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(value) for value in values)


def _ints(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(int(value) for value in values)


def _p_text(p: float) -> str:
    """A p-value as people read it: two significant figures (``0.18``, ``0.001``)."""
    return f"{p:.2g}"


@attrs.frozen
class Significance:
    r"""What a permutation test says about an indicator, as plain data.

    Filled in by :meth:`HeartReport.with_inference` (from
    :func:`~coinnovation.inference.heart_tests`, through
    :func:`~coinnovation.inference.heart_report_tested`); the heart package computes
    none of it. ``p_value`` is the one-sided p-value on the side that is good for the
    indicator (``alternative="greater"`` for "higher is better"), with the ``+ 1``
    correction (Phipson and Smyth 2010): :math:`p = (1 + \text{hits}) / (1 +
    \text{permutations})`, where ``hits`` counts the draws at least as extreme as
    the observed value (plain ``hits / permutations`` when ``exact``).

    Attributes:
        p_value: The p-value for ``alternative``; ``None`` when it cannot be computed
            (``reason`` says why).
        alternative: ``"greater"``, ``"less"`` or ``"two-sided"``.
        hits: Draws at least as extreme as the observed value.
        permutations: Draws the p-value rests on.
        null_model: The null model's name (``"labels"``).
        draws: What one draw is, plural (``"random relabellings of sector"``).
        observed: The tested value (the indicator's, up to estimated betweenness).
        null_mean: The mean of the null distribution.
        null_sd: Its standard deviation (``n − 1``).
        p_holm: ``p_value`` Holm-adjusted across the indicators tested together.
        p_greater: The one-sided p-value for "higher than chance".
        p_less: The one-sided p-value for "lower than chance".
        p_two_sided: The two-sided p-value.
        seed: The seed of the draws.
        exact: Whether the draws were every labelling once.
        reading: The test in plain English.
        bins: Edges of the null distribution's histogram (one more than ``counts``).
        counts: Draws in each bin, for a small picture.
        reason: Why there is no p-value; ``None`` otherwise.

    Examples:
        >>> test = Significance(p_value=0.178, alternative="greater", hits=177,
        ...                     permutations=999, null_model="labels",
        ...                     draws="random relabellings of sector")
        >>> test.summary
        'p = 0.18 (seen in 177 of 999 random relabellings of sector)'
    """

    p_value: float | None
    alternative: str
    hits: int
    permutations: int
    null_model: str
    draws: str
    observed: float | None = None
    null_mean: float | None = None
    null_sd: float | None = None
    p_holm: float | None = None
    p_greater: float | None = None
    p_less: float | None = None
    p_two_sided: float | None = None
    seed: int | None = None
    exact: bool = False
    reading: str = ""
    bins: tuple[float, ...] = attrs.field(default=(), converter=_floats)
    counts: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    reason: str | None = None

    @property
    def summary(self) -> str:
        """The p-value and how often chance did as well, in one line.

        Examples:
            >>> Significance(None, "greater", 0, 0, "labels", "draws",
            ...              reason="nobody brokers").summary
            'not tested — nobody brokers'
        """
        if self.p_value is None:
            return f"not tested — {self.reason or 'no p-value'}"
        side = "" if self.alternative == "greater" else f", {_SIDES[self.alternative]}"
        return (
            f"p = {_p_text(self.p_value)} (seen in {self.hits:,} of {self.permutations:,} "
            f"{self.draws}{side})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The test as JSON-ready data (the histogram as two lists).

        Examples:
            >>> Significance(0.5, "greater", 1, 3, "labels", "draws").to_dict()["p_value"]
            0.5
        """
        data = attrs.asdict(self)
        data["bins"], data["counts"] = list(self.bins), list(self.counts)
        data["summary"] = self.summary
        return data


@attrs.frozen
class Interval:
    """A bootstrap interval of an indicator, as plain data.

    Filled in by :meth:`HeartReport.with_inference` (from
    :func:`~coinnovation.inference.heart_bootstrap`): the percentile interval of the
    indicator over resamples of the sessions (Efron and Tibshirani 1993, §13.3).

    Attributes:
        low: The interval's lower end; ``None`` when the indicator was undefined in
            every resample.
        high: Its upper end.
        confidence: Its coverage (0.95).
        resamples: The number of resamples.
        mean: The mean of the resampled values.
        std_error: Their standard deviation (``n − 1``), the bootstrap standard error.
        undefined: Resamples in which the indicator could not be computed.
        sessions: The sessions resampled.
        seed: The seed of the resamples.

    Examples:
        >>> Interval(1.0, 1.4, 0.95, 200).summary
        '95 % interval 1.00 to 1.40 (200 resamples of the sessions)'
    """

    low: float | None
    high: float | None
    confidence: float
    resamples: int
    mean: float | None = None
    std_error: float | None = None
    undefined: int = 0
    sessions: int = 0
    seed: int | None = None

    @property
    def summary(self) -> str:
        """The interval in one line.

        Examples:
            >>> Interval(None, None, 0.95, 20, undefined=20).summary
            'no interval: undefined in every one of 20 resamples'
        """
        if self.low is None or self.high is None:
            return f"no interval: undefined in every one of {self.resamples:,} resamples"
        text = (
            f"{self.confidence * 100:g} % interval {self.low:.2f} to {self.high:.2f} "
            f"({self.resamples:,} resamples of the sessions"
        )
        if self.undefined:
            text += f"; undefined in {self.undefined:,}"
        return text + ")"

    def to_dict(self) -> dict[str, Any]:
        """The interval as JSON-ready data.

        Examples:
            >>> Interval(0.2, 0.4, 0.9, 10).to_dict()["high"]
            0.4
        """
        return {**attrs.asdict(self), "summary": self.summary}


@attrs.frozen(eq=False)
class Indicator(Table):
    """One indicator of the report: a value, what it means, and the evidence behind it.

    Every headline value says what kind of number it is (:attr:`scale`), the value it is
    read against (:attr:`neutral`, with :attr:`neutral_meaning`) and which way is good
    (:attr:`better`); :attr:`key` puts the three in one line, such as ``"1 = as central
    as the average stakeholder; higher is better"``. A value that cannot be computed is
    ``None``, never 0, and :attr:`reason` says why.

    As a result table (:class:`~coinnovation.results.Table`), its :attr:`details`, one
    row each: ``to_frame()`` and a notebook table come from them; :meth:`to_dict` holds
    the whole indicator.

    Attributes:
        name: One of :data:`INDICATORS`.
        value: The headline value; ``None`` when it cannot be computed (see ``reason``).
        definition: What it measures, in plain English, with its formula.
        reading: How to read it: which values are good.
        records: The ids of the records it was computed from, grouped by kind.
        details: Rows of plain data: per node, per challenge, per agreement or per
            community, depending on the indicator.
        flags: The ids (of records, or names of roles) to look at, each once.
        figures: The secondary numbers, by name (the headline value among them).
        flagged: The flags grouped by reason: ``isolated`` (centrality),
            ``role_not_held`` (brokerage), ``below_threshold``, ``level_unrecorded``,
            ``unplaced`` and ``absent`` (throughout), ``no_framing`` (voice),
            ``left_out`` and ``reward_below_contribution`` (equal partners),
            ``unreached`` (reach).
        notes: Why a value is missing, and other caveats.
        sources: How many records of each kind it was computed from.
        scale: What kind of number the value is, in a few words (``"ratio of the
            sector's mean betweenness to the mean of all nodes"``).
        neutral: The value it is read against: where the sector is on a par with the
            others or in proportion to its numbers (1 for a ratio, the sector's share of
            the nodes for a share of brokerage), or, for a share that should be whole,
            1; ``None`` when that cannot be computed either.
        neutral_meaning: What the neutral value means, in words.
        better: Which way is good: ``"higher"``, ``"lower"`` or ``"closer"`` to
            ``neutral``.
        reason: Why the value is ``None`` (by default the first note); ``None`` when
            there is a value.
        significance: What a permutation test of the value says (:class:`Significance`);
            ``None`` when it was not tested (see
            :func:`~coinnovation.inference.heart_report_tested`).
        interval: Its bootstrap interval over the sessions (:class:`Interval`); ``None``
            when it was not bootstrapped.

    Examples:
        >>> indicator = Indicator(name="voice", value=0.5, definition="d", reading="r")
        >>> indicator.value, indicator.flags
        (0.5, ())
        >>> Indicator(name="voice", value=None, definition="d", reading="r",
        ...           notes=("the hub records no framings",)).reason
        'the hub records no framings'
    """

    name: str
    value: float | None
    definition: str
    reading: str
    records: tuple[str, ...] = ()
    details: tuple[_Row, ...] = ()
    flags: tuple[str, ...] = ()
    figures: dict[str, _Number] = attrs.field(factory=dict)
    flagged: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    notes: tuple[str, ...] = ()
    sources: dict[str, int] = attrs.field(factory=dict)
    scale: str = ""
    neutral: float | None = None
    neutral_meaning: str = ""
    better: Better = "higher"
    reason: str | None = attrs.field(default=attrs.Factory(_first_note, takes_self=True))
    significance: Significance | None = None
    interval: Interval | None = None

    @property
    def key(self) -> str:
        """The neutral value, what it means and which way is good, in one line.

        Examples:
            >>> Indicator(name="centrality", value=1.2, definition="", reading="",
            ...           neutral=1.0, neutral_meaning="as central as the average").key
            '1 = as central as the average; higher is better'
            >>> Indicator(name="x", value=None, definition="", reading="", better="lower").key
            'lower is better'
        """
        if self.neutral is None:
            meaning = f" (the neutral value, {self.neutral_meaning}, is n/a)"
            return f"{self.better} is better" + (meaning if self.neutral_meaning else "")
        neutral = _neutral_text(self.neutral)
        head = f"{neutral} = {self.neutral_meaning}" if self.neutral_meaning else neutral
        if self.better == "closer":
            return f"{head}; closer to {neutral} is better"
        return f"{head}; {self.better} is better"

    @property
    def headline(self) -> str:
        """The value as text: three decimals, or ``n/a — reason`` when it is ``None``.

        Examples:
            >>> Indicator(name="x", value=0.5, definition="", reading="").headline
            '0.500'
            >>> Indicator(name="x", value=None, definition="", reading="",
            ...           reason="no framings").headline
            'n/a — no framings'
        """
        if self.value is None:
            return f"n/a — {self.reason}" if self.reason else "n/a"
        return _number(self.value)

    @property
    def title(self) -> str:
        """The indicator's name in words (``"equal partners"``).

        Examples:
            >>> Indicator(name="equal_partners", value=None, definition="", reading="").title
            'equal partners'
        """
        return self.name.replace("_", " ")

    @staticmethod
    def flag_heading(
        reason: str, *, sector: str = Sector.COMMUNITY.value, threshold: str = ""
    ) -> str:
        """What a reason in :attr:`flagged` means, in words, for headings.

        Args:
            reason: A key of :attr:`flagged` (``"below_threshold"`` ...).
            sector: The sector's name.
            threshold: The IAP2 threshold's name.

        Returns:
            The heading, lower case; the reason itself when it is not a known one.

        Examples:
            >>> Indicator.flag_heading("no_framing")
            'challenges with no framing by the community sector'
        """
        return _REASONS.get(reason, reason).format(S=sector, T=threshold or "threshold")

    def to_dict(self) -> dict[str, Any]:
        """The indicator as JSON-ready data.

        Examples:
            >>> Indicator(name="voice", value=0.5, definition="d", reading="r").to_dict()["value"]
            0.5
        """
        return {
            "name": self.name,
            "value": self.value,
            "reason": self.reason,
            "scale": self.scale,
            "neutral": self.neutral,
            "neutral_meaning": self.neutral_meaning,
            "better": self.better,
            "key": self.key,
            "definition": self.definition,
            "reading": self.reading,
            "figures": dict(self.figures),
            "flags": list(self.flags),
            "flagged": {reason: list(ids) for reason, ids in self.flagged.items()},
            "notes": list(self.notes),
            "sources": dict(self.sources),
            "records": list(self.records),
            "details": [dict(row) for row in self.details],
        } | self._inference()

    def _inference(self) -> dict[str, Any]:
        """The test and the interval as data, each only when there is one."""
        data: dict[str, Any] = {}
        if self.significance is not None:
            data["significance"] = self.significance.to_dict()
        if self.interval is not None:
            data["interval"] = self.interval.to_dict()
        return data

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of the details, in the order they first appear.

        Examples:
            >>> rows = ({"challenge": "ch-1", "share": 0.5},)
            >>> Indicator(name="throughout", value=0.5, definition="d", reading="r",
            ...           details=rows).columns
            ('challenge', 'share')
        """
        return tuple(dict.fromkeys(name for row in self.details for name in row))

    def rows(self) -> list[dict[str, Any]]:
        """The details, one dict per row.

        Examples:
            >>> rows = ({"challenge": "ch-1", "share": 0.5},)
            >>> indicator = Indicator(name="throughout", value=0.5, definition="d",
            ...                       reading="r", details=rows)
            >>> indicator.to_frame()["share"].tolist()
            [0.5]
        """
        return [dict(row) for row in self.details]

    def _caption(self) -> str:
        return f"{self.title.capitalize()}: {self.headline}"

    def explain(
        self, *, sector: str = Sector.COMMUNITY.value, threshold: str = "", brief: bool = False
    ) -> str:
        """The indicator as readable text: value, definition, reading, figures and flags.

        Args:
            sector: The sector's name, for the flag headings.
            threshold: The IAP2 threshold's name, for the flag headings.
            brief: Leave out the definition and the reading (figures, flags and notes
                only).

        Returns:
            Several lines, without a final newline.

        Examples:
            >>> indicator = Indicator(name="voice", value=0.5, definition="Who frames.",
            ...                       reading="Higher is better.", figures={"framings": 4},
            ...                       scale="share of the framings", neutral=0.25,
            ...                       neutral_meaning="its share of those taking part")
            >>> print(indicator.explain())
            Voice: 0.500
              Scale: share of the framings; 0.250 = its share of those taking part; higher
              is better
              Who frames.
              Reading: Higher is better.
              Figures: framings 4
        """
        lines = textwrap.wrap(
            f"{self.title.capitalize()}: {self.headline}",
            width=88,
            subsequent_indent="  ",
            break_long_words=False,
        )
        if self.scale or self.neutral is not None or self.neutral_meaning:
            scale = f"{self.scale}; {self.key}" if self.scale else self.key
            lines += _wrap(f"Scale: {scale}", "  ")
        if not brief:
            lines += _wrap(self.definition, "  ")
            lines += _wrap(f"Reading: {self.reading}", "  ")
        if self.significance is not None:
            lines += _wrap(f"Chance: {self.significance.summary}", "  ")
            if self.significance.p_holm is not None:
                lines += _wrap(
                    f"Holm-adjusted across the indicators tested: p = "
                    f"{_p_text(self.significance.p_holm)}",
                    "    ",
                )
        if self.interval is not None:
            lines += _wrap(f"Uncertainty: {self.interval.summary}", "  ")
        if self.figures:
            figures = ", ".join(f"{key} {_number(value)}" for key, value in self.figures.items())
            lines += _wrap(f"Figures: {figures}", "  ")
        for reason, ids in self.flagged.items():
            if not ids:
                continue
            heading = self.flag_heading(reason, sector=sector, threshold=threshold)
            lines += _wrap(f"Flag: {heading} ({len(ids)}): {', '.join(ids)}", "  ")
        for note in self.notes:
            if note != self.reason:  # already said on the first line
                lines += _wrap(f"Note: {note}", "  ")
        if self.sources:
            counts = ", ".join(
                f"{count} {kind if count == 1 else FIELD_OF_KIND.get(kind, kind)}"
                for kind, count in self.sources.items()
            )
            lines += _wrap(f"Computed from: {counts}", "  ")
        return "\n".join(lines)


@attrs.frozen(eq=False)
class HeartReport(Table):
    """Six indicators of whether a sector is at the heart of a hub's work.

    As a result table (:class:`~coinnovation.results.Table`), one row per indicator
    (value, reason, scale, neutral value, which way is better, key, and counts of flags
    and records, notes): ``to_frame()`` comes from it, and the notebook table shows the
    headline and how to read each; :meth:`to_dict` holds every indicator whole.

    Attributes:
        hub: The hub's name.
        sector: The sector measured against the others (its value, ``"community"``).
        options: The options the report was computed with.
        indicators: One :class:`Indicator` per name of :data:`INDICATORS`, in that order.

    Examples:
        >>> from coinnovation.heart import heart_report
        >>> from coinnovation.models import Hub
        >>> report = heart_report(Hub(name="empty"))
        >>> report.sector, len(report.indicators), report["voice"].value
        ('community', 6, None)
    """

    hub: str | None
    sector: str
    options: dict[str, Any]
    indicators: tuple[Indicator, ...]

    def __getitem__(self, name: str) -> Indicator:
        """The indicator with this name.

        Raises:
            KeyError: No indicator has this name.

        Examples:
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.models import Hub
            >>> heart_report(Hub())["reach"].name
            'reach'
        """
        for indicator in self.indicators:
            if indicator.name == name:
                return indicator
        raise KeyError(name)

    @property
    def values(self) -> dict[str, float | None]:
        """Each indicator's value, by name, in order.

        Examples:
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.models import Hub
            >>> heart_report(Hub()).values["throughout"] is None
            True
        """
        return {indicator.name: indicator.value for indicator in self.indicators}

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data.

        Examples:
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.models import Hub
            >>> data = heart_report(Hub(name="x")).to_dict()
            >>> data["hub"], [item["name"] for item in data["indicators"]][:2]
            ('x', ['centrality', 'brokerage'])
        """
        return {
            "hub": self.hub,
            "sector": self.sector,
            "options": dict(self.options),
            "indicators": [indicator.to_dict() for indicator in self.indicators],
        }

    label: ClassVar[str] = "indicator"
    _columns: ClassVar[tuple[str, ...]] = (
        "value",
        "reason",
        "scale",
        "neutral",
        "better",
        "key",
        "flags",
        "records",
        "notes",
    )
    #: The columns a tested report adds (:meth:`with_inference`).
    _tested: ClassVar[tuple[str, ...]] = (
        "p_value",
        "alternative",
        "permutations",
        "null_model",
        "null_mean",
        "p_holm",
        "chance",
    )
    #: The columns a bootstrapped report adds.
    _bootstrapped: ClassVar[tuple[str, ...]] = ("low", "high", "confidence", "resamples")

    @property
    def tested(self) -> bool:
        """Whether any indicator carries a permutation test.

        Examples:
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.models import Hub
            >>> heart_report(Hub()).tested
            False
        """
        return any(indicator.significance is not None for indicator in self.indicators)

    @property
    def bootstrapped(self) -> bool:
        """Whether any indicator carries a bootstrap interval.

        Examples:
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.models import Hub
            >>> heart_report(Hub()).bootstrapped
            False
        """
        return any(indicator.interval is not None for indicator in self.indicators)

    @property
    def columns(self) -> tuple[str, ...]:
        """The frame's columns: those of every report, then the test's and the interval's.

        The test's (``p_value``, ``alternative``, ``permutations``, ``null_model``,
        ``null_mean``, ``p_holm``, ``chance``) only when an indicator was tested, the
        interval's (``low``, ``high``, ``confidence``, ``resamples``) only when one was
        bootstrapped.

        Examples:
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.models import Hub
            >>> heart_report(Hub()).columns[:3]
            ('value', 'reason', 'scale')
        """
        return (
            self._columns
            + (self._tested if self.tested else ())
            + (self._bootstrapped if self.bootstrapped else ())
        )

    def rows(self) -> list[dict[str, Any]]:
        """One row per indicator: value, flags, records and notes.

        Examples:
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.models import Hub
            >>> heart_report(Hub()).to_frame().index.tolist()[:3]
            ['centrality', 'brokerage', 'throughout']
        """
        tested, bootstrapped = self.tested, self.bootstrapped
        rows = []
        for indicator in self.indicators:
            row: dict[str, Any] = {
                "indicator": indicator.name,
                "value": indicator.value,
                "reason": indicator.reason,
                "scale": indicator.scale,
                "neutral": indicator.neutral,
                "better": indicator.better,
                "key": indicator.key,
                "flags": len(indicator.flags),
                "records": len(indicator.records),
                "notes": " ".join(indicator.notes),
            }
            test = indicator.significance
            if tested:
                row |= {
                    "p_value": None if test is None else test.p_value,
                    "alternative": None if test is None else test.alternative,
                    "permutations": None if test is None else test.permutations,
                    "null_model": None if test is None else test.null_model,
                    "null_mean": None if test is None else test.null_mean,
                    "p_holm": None if test is None else test.p_holm,
                    "chance": None if test is None else test.summary,
                }
            interval = indicator.interval
            if bootstrapped:
                row |= {
                    "low": None if interval is None else interval.low,
                    "high": None if interval is None else interval.high,
                    "confidence": None if interval is None else interval.confidence,
                    "resamples": None if interval is None else interval.resamples,
                }
            rows.append(row)
        return rows

    def with_inference(
        self,
        significance: Mapping[str, Significance | Mapping[str, Any]] | None = None,
        intervals: Mapping[str, Interval | Mapping[str, Any]] | None = None,
        *,
        options: Mapping[str, Any] | None = None,
    ) -> HeartReport:
        """A copy with what tests and a bootstrap say filled in, indicator by indicator.

        The heart package computes none of it: :mod:`coinnovation.inference` does
        (:func:`~coinnovation.inference.heart_report_tested` runs both and calls this).
        Indicators not named keep what they had.

        Args:
            significance: Indicator name to its :class:`Significance` (or the same as a
                mapping of its fields).
            intervals: Indicator name to its :class:`Interval` (or a mapping).
            options: Added to the report's options (how the tests were drawn).

        Returns:
            A new report; this one is unchanged.

        Raises:
            KeyError: A name that is not an indicator of the report.

        Examples:
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.models import Hub
            >>> report = heart_report(Hub()).with_inference(
            ...     intervals={"voice": {"low": 0.2, "high": 0.5, "confidence": 0.95,
            ...                          "resamples": 99}})
            >>> report["voice"].interval.summary
            '95 % interval 0.20 to 0.50 (99 resamples of the sessions)'
        """
        tests = {
            name: test if isinstance(test, Significance) else Significance(**test)
            for name, test in (significance or {}).items()
        }
        spans = {
            name: span if isinstance(span, Interval) else Interval(**span)
            for name, span in (intervals or {}).items()
        }
        names = {indicator.name for indicator in self.indicators}
        for name in (*tests, *spans):
            if name not in names:
                raise KeyError(name)
        indicators = tuple(
            attrs.evolve(
                indicator,
                significance=tests.get(indicator.name, indicator.significance),
                interval=spans.get(indicator.name, indicator.interval),
            )
            for indicator in self.indicators
        )
        merged = {**self.options, **(options or {})}
        return attrs.evolve(self, indicators=indicators, options=merged)

    def explain(self, *, brief: bool = False) -> str:
        """The whole report as readable text, for a terminal (no final newline).

        Args:
            brief: Leave out each indicator's definition and reading.

        Examples:
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.models import Hub
            >>> print(heart_report(Hub(name="Empty hub")).explain().splitlines()[0])
            Community at the heart: the community sector against the others
        """
        label = self.sector.replace("_", " ")
        threshold = str(self.options.get("level_threshold", ""))
        kinds = self.options.get("kind")
        sessions = self.options.get("sessions") or (
            "all sessions" if not kinds else "sessions of kind " + ", ".join(kinds)
        )
        deciles = ", ".join(str(decile) for decile in self.options.get("deprived", ()))
        lines = [f"{label.capitalize()} at the heart: the {label} sector against the others"]
        lines.append(f"Hub: {self.hub or 'unnamed'}")
        lines += _wrap(
            f"Options: {self.options.get('level')} level, {self.options.get('weight')} "
            f"weights, {sessions}; IAP2 threshold {threshold}; deprived: IMD deciles "
            f"{deciles or 'none'}",
            "",
        )
        lines.append("")
        width = max(len(indicator.title) for indicator in self.indicators)
        for indicator in self.indicators:
            if indicator.value is None:
                lines += textwrap.wrap(
                    f"{indicator.title:<{width}}  {indicator.headline}",
                    width=88,
                    initial_indent="  ",
                    subsequent_indent=" " * (width + 4),
                    break_long_words=False,
                )
            else:
                line = f"  {indicator.title:<{width}}  {indicator.headline:>7}  {indicator.key}"
                test = indicator.significance
                if test is not None and test.p_value is not None:
                    line += f"; p = {_p_text(test.p_value)}"
                lines.append(line)
        for indicator in self.indicators:
            lines.append("")
            lines.append(indicator.explain(sector=label, threshold=threshold, brief=brief))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()

    def _display(self) -> tuple[Sequence[Any], Iterable[Sequence[Any]]]:
        tested, bootstrapped = self.tested, self.bootstrapped
        rows = []
        for indicator in self.indicators:
            row: list[Any] = [indicator.title, indicator.headline, indicator.scale, indicator.key]
            if tested:
                test = indicator.significance
                row.append("" if test is None else test.summary)
            if bootstrapped:
                span = indicator.interval
                row.append("" if span is None else span.summary)
            row += [len(indicator.flags), " ".join(indicator.notes)]
            rows.append(tuple(row))
        headings = ["indicator", "value", "scale", "how to read it"]
        headings += ["chance"] if tested else []
        headings += ["uncertainty"] if bootstrapped else []
        return (*headings, "flags", "notes"), rows

    def _caption(self) -> str:
        label = self.sector.replace("_", " ")
        return f"{label.capitalize()} at the heart: {self.hub or 'unnamed hub'}"

    def shared(self, privacy: Privacy) -> HeartReport:
        """The report made safe to share: every person in it through a privacy policy.

        Every field of every indicator — records, details, flags, flagged, notes, the
        text — goes through :meth:`Privacy.data <coinnovation.privacy.Privacy.data>`:
        person ids become labels (the id if named, else the pseudonym), names of people
        who are not named become pseudonyms, and excluded people are left out (a detail
        row about one of them too; a note says how many flagged people are not listed).
        Values and figures are unchanged: they were computed from the whole hub.

        Args:
            privacy: The hub's privacy policy.

        Returns:
            A new report; this one is unchanged.

        Examples:
            >>> from coinnovation.models import Hub, Organisation, Person, Membership
            >>> from coinnovation.models import Session, Participation
            >>> from coinnovation.heart import heart_report
            >>> from coinnovation.privacy import Privacy
            >>> hub = Hub(
            ...     organisations=(Organisation(id="o-c", name="Tenants", sector="community"),),
            ...     people=(Person(id="p-ana", name="Ana Silva"),),
            ...     sessions=(Session(id="s-1", name="Day"),),
            ...     participations=(Participation(id="pa-1", session="s-1", person="p-ana"),))
            >>> report = heart_report(hub, level="person")
            >>> report["reach"].records
            ('pa-1', 'p-ana')
            >>> privacy = Privacy(hub, secret="a secret of sixteen+ characters")
            >>> report.shared(privacy)["reach"].records == (privacy.label("p-ana"),)
            True
        """
        indicators = []
        for indicator in self.indicators:
            fields = {
                field.name: privacy.data(getattr(indicator, field.name))
                for field in attrs.fields(Indicator)
                if field.name not in ("name", "value", "significance", "interval")
            }
            if indicator.significance is not None:
                test = indicator.significance
                fields["significance"] = attrs.evolve(
                    test,
                    draws=privacy.text(test.draws),
                    reading=privacy.text(test.reading),
                    reason=None if test.reason is None else privacy.text(test.reason),
                )
            hidden = sum(
                1
                for flag in indicator.flags
                if privacy.is_person(flag) and not privacy.visible(flag)
            )
            if hidden:
                people = "person" if hidden == 1 else "people"
                fields["notes"] = (
                    *fields["notes"],
                    f"{hidden} flagged {people} asked to be left out: not listed",
                )
            indicators.append(attrs.evolve(indicator, **fields))
        return attrs.evolve(
            self,
            hub=None if self.hub is None else privacy.text(self.hub),
            options=privacy.data(self.options),
            indicators=tuple(indicators),
        )


# -- shared wording --------------------------------------------------------------------------


@attrs.frozen
class _Scale:
    """What an indicator's number is, the value it is read against, and which way is good."""

    scale: str
    neutral: float | None
    meaning: str
    better: Better = "higher"


#: Each indicator's scale; a neutral value of ``None`` is computed from the hub.
_SCALES = {
    "centrality": _Scale(
        "ratio of the sector's mean betweenness to the mean of all nodes",
        1.0,
        "as central as the average stakeholder",
    ),
    "brokerage": _Scale(
        "share of all brokerage (0 to 1)",
        None,
        "its share of the nodes",
    ),
    "throughout": _Scale(
        "share of the stages of each challenge it took part in, averaged (0 to 1)",
        1.0,
        "at every stage of every challenge",
    ),
    "voice": _Scale(
        "share of the framings (0 to 1)",
        None,
        "its share of those taking part",
    ),
    "equal_partners": _Scale(
        "share of its agreements (0 to 1)",
        1.0,
        "rewarded in proportion in every agreement",
    ),
    "reach": _Scale(
        "ratio of deprived communities' share of the people taking part to their share "
        "of the population",
        1.0,
        "in proportion to the population served",
    ),
}


def _indicator(
    name: str,
    value: float | None,
    *,
    definition: str,
    reading: str,
    evidence: _Evidence,
    details: Sequence[_Row] = (),
    figures: Mapping[str, _Number] | None = None,
    flagged: Mapping[str, Sequence[str]] | None = None,
    notes: Iterable[str | None] = (),
    neutral: float | None = None,
    reason: str | None = None,
) -> Indicator:
    grouped = {reason: tuple(dict.fromkeys(ids)) for reason, ids in (flagged or {}).items()}
    flags = tuple(dict.fromkeys(flag for ids in grouped.values() for flag in ids))
    kept = tuple(dict.fromkeys(note for note in notes if note))
    scale = _SCALES[name]
    if value is not None:
        reason = None
    elif reason is None:
        reason = kept[0] if kept else "it cannot be computed from this hub"
    return Indicator(
        name=name,
        value=value,
        definition=definition,
        reading=reading,
        records=evidence.records,
        details=tuple(details),
        flags=flags,
        figures=dict(figures or {}),
        flagged=grouped,
        notes=kept,
        sources=evidence.sources,
        scale=scale.scale,
        neutral=scale.neutral if scale.neutral is not None else neutral,
        neutral_meaning=scale.meaning,
        better=scale.better,
        reason=reason,
    )
