"""A hub at a glance: counts by kind and sector, the sessions tree, challenges by stage.

:func:`summarise` computes a :class:`HubSummary` (a frozen result, no I/O);
:meth:`HubSummary.to_text` renders it for a terminal, :meth:`HubSummary.to_dict` for JSON.

Examples:
    >>> from coinnovation.models import Hub, Organisation, Session
    >>> hub = Hub(name="demo", organisations=(Organisation(id="o", name="O", sector="community"),),
    ...           sessions=(Session(id="s", name="Day", kind="event"),))
    >>> summary = summarise(hub)
    >>> summary.counts["organisations"], summary.organisations_by_sector["community"]
    (1, 1)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from coinnovation.models.hub import Hub
from coinnovation.models.integrity import record_kinds
from coinnovation.models.vocabularies import AgreementStatus, Sector

__all__ = ["HubSummary", "SessionLine", "summarise"]

_NO_SECTOR = "unknown"


@attrs.frozen
class SessionLine:
    """One session in the summary's tree.

    Attributes:
        depth: 0 for a top-level session, 1 for its children, and so on.
        id: The session's id.
        name: Its name.
        kind: Its kind (event, workshop, table ...).
        recorded: Participations recorded at the session itself.
        attendees: Distinct stakeholders at the session and all sessions under it.
        own: Distinct stakeholders recorded at the session itself.
        within: How many sessions lie under it (its whole subtree).
        within_kind: The kind of those sessions when they all share one, else ``None``.

    Examples:
        >>> SessionLine(0, "s", "Day", "event", 0, 0).depth
        0
    """

    depth: int
    id: str
    name: str
    kind: str
    recorded: int
    attendees: int
    own: int = 0
    within: int = 0
    within_kind: str | None = None

    @property
    def taking_part(self) -> str:
        """How many took part, and where, in plain English.

        A stakeholder is a person, or an organisation recorded without one; someone at
        several sessions under this one counts once.

        Examples:
            >>> SessionLine(1, "w", "Workshop 1", "workshop", 0, 89, own=0, within=4,
            ...             within_kind="table").taking_part
            '89 took part, all at its 4 tables'
            >>> SessionLine(2, "t", "Table 1", "table", 23, 23).taking_part
            '23 took part'
        """
        if not self.attendees:
            return "nobody recorded"
        text = f"{self.attendees} took part"
        if not self.within:
            if self.recorded > self.attendees:
                text += f" ({self.recorded} sign-ins)"
            return text
        if self.within_kind is None:
            where = f"the {self.within} sessions within it"
            if self.within == 1:
                where = "the session within it"
        else:
            kind = self.within_kind.replace("_", " ")
            where = f"its {kind}" if self.within == 1 else f"its {self.within} {_plural(kind)}"
        if not self.own:
            preposition = "at" if self.within_kind is not None else "in"
            return f"{text}, all {preposition} {where}"
        preposition = "at" if self.within_kind is not None else "in"
        return (
            f"{text}, here or {preposition} {where} "
            f"({self.own} at the {self.kind.replace('_', ' ')} itself)"
        )


def _plural(noun: str) -> str:
    """A session kind's plural (``"table"`` → ``"tables"``)."""
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    return noun + "s"


@attrs.frozen
class HubSummary:
    """Counts that describe a hub at a glance.

    Attributes:
        name: The hub's name.
        schema_version: Its file-format version.
        counts: Number of records of each kind (hub field name to count).
        organisations_by_sector: Organisations per sector.
        people_by_sector: People per sector (``"unknown"`` for people with none).
        sessions: The sessions tree, depth first.
        challenges_by_stage: Challenges per stage, in the hub's stage order.
        agreements_by_status: Agreements per lifecycle status.

    Examples:
        >>> from coinnovation.models import Hub
        >>> summarise(Hub(name="empty")).counts["people"]
        0
    """

    name: str | None
    schema_version: str
    counts: dict[str, int]
    organisations_by_sector: dict[str, int]
    people_by_sector: dict[str, int]
    sessions: tuple[SessionLine, ...]
    challenges_by_stage: dict[str, int]
    agreements_by_status: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data.

        Examples:
            >>> from coinnovation.models import Hub
            >>> summarise(Hub(name="x")).to_dict()["name"]
            'x'
        """
        return attrs.asdict(self)

    def to_text(self, *, max_sessions: int = 60) -> str:
        """The summary as aligned plain text for a terminal.

        Args:
            max_sessions: Show at most this many sessions of the tree.

        Returns:
            The text, ending without a newline.

        Examples:
            >>> from coinnovation.models import Hub, Organisation
            >>> hub = Hub(name="demo").add(Organisation(id="o", name="O", sector="industry"))
            >>> print(summarise(hub).to_text())
            demo (schema 1.1)
            <BLANKLINE>
            Records
              organisations  1
            <BLANKLINE>
            By sector   organisations  people
              industry              1       0
        """
        lines = [f"{self.name or 'Unnamed hub'} (schema {self.schema_version})", "", "Records"]
        present = {kind: count for kind, count in self.counts.items() if count}
        width = max(map(len, present), default=0)
        lines += [f"  {kind:<{width}}  {count}" for kind, count in present.items()]
        if not present:
            lines.append("  (none)")

        sectors = [s.value for s in Sector] + [_NO_SECTOR]
        rows = [
            (
                sector,
                self.organisations_by_sector.get(sector, 0),
                self.people_by_sector.get(sector, 0),
            )
            for sector in sectors
            if self.organisations_by_sector.get(sector) or self.people_by_sector.get(sector)
        ]
        if rows:
            width = max(len("By sector") - 2, *(len(row[0]) for row in rows))
            lines += ["", f"{'By sector':<{width + 2}}  organisations  people"]
            lines += [f"  {s:<{width}}  {o:>13}  {p:>6}" for s, o, p in rows]

        if self.sessions:
            lines += [
                "",
                "Sessions and how many took part (people, and organisations on their own)",
            ]
            for line in self.sessions[:max_sessions]:
                indent = "  " * (line.depth + 1)
                lines.append(f"{indent}{line.name} [{line.kind}, {line.id}]  {line.taking_part}")
            if len(self.sessions) > max_sessions:
                lines.append(f"  ... and {len(self.sessions) - max_sessions} more sessions")

        for title, table in (
            ("Challenges by stage", self.challenges_by_stage),
            ("Agreements by status", self.agreements_by_status),
        ):
            if any(table.values()):
                width = max(map(len, table))
                lines += ["", title]
                lines += [f"  {key:<{width}}  {count}" for key, count in table.items()]
        return "\n".join(lines)


def summarise(hub: Hub) -> HubSummary:
    """Count a hub's records by kind, sector, stage and status, and lay out its sessions.

    Args:
        hub: The hub.

    Returns:
        The summary.

    Examples:
        >>> from coinnovation.models import Hub, Session
        >>> hub = Hub(sessions=(Session(id="d", name="Day"), Session(id="t", name="T", parent="d")))
        >>> [(line.depth, line.id) for line in summarise(hub).sessions]
        [(0, 'd'), (1, 't')]
    """
    counts = {field: len(records) for _, field, records in record_kinds(hub)}
    organisations = Counter(o.sector.value for o in hub.organisations)
    people: Counter[str] = Counter()
    for person in hub.people:
        sector = hub.sector_of(person.id)
        people[sector.value if sector is not None else _NO_SECTOR] += 1

    recorded: Counter[str] = Counter()
    own: dict[str, set[str]] = {}
    for participation in hub.participations:
        recorded[participation.session] += 1
        own.setdefault(participation.session, set()).add(participation.stakeholder)
    # The tree depth first, then each session's subtree folded into its parent's from the
    # leaves up: one pass, however deep or wide the tree (not one walk per session).
    tree = [
        session
        for root in hub.root_sessions()
        for session in hub.subsessions(root.id, include_self=True)
    ]
    reached: dict[str, set[str]] = {}
    attendees: dict[str, int] = {}
    within: Counter[str] = Counter()
    kinds_within: dict[str, set[str]] = {}
    for session in reversed(tree):
        mine = reached.pop(session.id, set())
        mine.update(own.get(session.id, ()))
        attendees[session.id] = len(mine)
        parent = session.parent
        if parent is None:
            continue
        into = reached.get(parent)
        if into is None or len(into) < len(mine):  # pour the smaller set into the larger
            reached[parent], mine = mine, into if into is not None else set()
        reached[parent].update(mine)
        within[parent] += 1 + within[session.id]
        kinds = kinds_within.setdefault(parent, set())
        kinds.add(session.kind.value)
        kinds.update(kinds_within.get(session.id, ()))
    lines = []
    depth: dict[str, int] = {}
    for session in tree:
        depth[session.id] = 0 if session.parent is None else depth[session.parent] + 1
        kinds = kinds_within.get(session.id, set())
        lines.append(
            SessionLine(
                depth=depth[session.id],
                id=session.id,
                name=session.name,
                kind=session.kind.value,
                recorded=recorded[session.id],
                attendees=attendees[session.id],
                own=len(own.get(session.id, ())),
                within=within[session.id],
                within_kind=next(iter(kinds)) if len(kinds) == 1 else None,
            )
        )
    stages = Counter(c.stage for c in hub.challenges)
    statuses = Counter(a.status.value for a in hub.agreements)
    return HubSummary(
        name=hub.name,
        schema_version=hub.schema_version,
        counts=counts,
        organisations_by_sector=dict(organisations),
        people_by_sector=dict(people),
        sessions=tuple(lines),
        challenges_by_stage={stage: stages[stage] for stage in hub.stages},
        agreements_by_status={s.value: statuses[s.value] for s in AgreementStatus},
    )
