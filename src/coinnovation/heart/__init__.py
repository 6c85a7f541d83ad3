"""Community at the heart: is a sector an equal partner, directly and throughout?

Community organisations and advocates should take part in co-innovation as equal
partners: in the middle of the network rather than at its edge, at every stage of every
challenge, framing the problems, rewarded in proportion to what they put in, and drawn
from the communities that need it most. :func:`heart_report` measures each of those for
one sector (``"community"`` by default) against the others, as six :class:`Indicator`
objects in a :class:`HeartReport`:

- ``centrality``: mean betweenness (Freeman 1977) and strength of the sector's nodes in
  the collaboration network, relative to the hub mean, and its share of the most central
  nodes against its share of all nodes;
- ``brokerage``: its share of the Gould and Fernandez (1989) brokerage roles;
- ``throughout``: the share of each challenge's stages at which it took part at IAP2
  level *involve* or above (IAP2 Spectrum of Public Participation 2018; Arnstein 1969);
- ``voice``: its share of the framings and contributions;
- ``equal_partners``: the agreements that reward it at least in proportion to what it
  contributes;
- ``reach``: how far the people taking part come from the most deprived communities
  served (English Indices of Deprivation 2019, MHCLG), against their share of the
  population.

Each indicator carries its value (``None`` when it cannot be computed, with a note
saying why), its definition and formula, how to read it, the ids of the records it was
computed from, per-node, per-challenge or per-agreement details, and flags: records to
look at. Nothing here reads or writes files: :meth:`HeartReport.explain` returns the text
a command line prints.

Each indicator is computed in a module of its own (:mod:`~coinnovation.heart.centrality`,
:mod:`~coinnovation.heart.brokerage`, :mod:`~coinnovation.heart.throughout`,
:mod:`~coinnovation.heart.voice`, :mod:`~coinnovation.heart.equal_partners`,
:mod:`~coinnovation.heart.reach`); :mod:`~coinnovation.heart.report` holds the results and
their wording. The package reads the network (:mod:`coinnovation.network`) and sharing's
one comparison of reward and contribution shares (:mod:`coinnovation.sharing.fairness`);
nothing below it imports it.

References:
    Arnstein, S. R. (1969). A ladder of citizen participation. *Journal of the American
    Institute of Planners* 35(4), 216–224.

    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35–41.

    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach
    to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

    International Association for Public Participation (2018). *IAP2 Spectrum of Public
    Participation*. IAP2 International Federation.

    Ministry of Housing, Communities and Local Government (2019). *The English Indices
    of Deprivation 2019*. MHCLG.

Examples:
    >>> import coinnovation as co
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report(hub, kind="table")
    >>> [indicator.name for indicator in report.indicators]
    ['centrality', 'brokerage', 'throughout', 'voice', 'equal_partners', 'reach']
    >>> report["throughout"].value
    1.0
    >>> round(report["voice"].value, 3)
    0.636
    >>> round(report["centrality"].figures["strength_ratio"], 3)
    1.183
"""

from coinnovation.heart._compute import heart_report
from coinnovation.heart.centrality import AUTO_BETWEENNESS_SOURCES, EXACT_BETWEENNESS_NODES
from coinnovation.heart.report import (
    INDICATORS,
    Better,
    HeartReport,
    Indicator,
    Interval,
    Significance,
)
from coinnovation.heart.throughout import UnknownLevel

__all__ = [
    "AUTO_BETWEENNESS_SOURCES",
    "EXACT_BETWEENNESS_NODES",
    "INDICATORS",
    "Better",
    "HeartReport",
    "Indicator",
    "Interval",
    "Significance",
    "UnknownLevel",
    "heart_report",
]
