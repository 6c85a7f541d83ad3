"""Referential integrity of a hub: every problem found, each with its record and field.

:func:`hub_problems` is what :class:`~coinnovation.models.Hub` runs when it is built; call
it yourself on a hub made with ``model_construct`` (which skips validation). It runs in
time linear in the number of records.

Examples:
    >>> from coinnovation.models import Hub, Session
    >>> hub = Hub.model_construct(sessions=(Session(id="s-1", name="Table", parent="s-0"),))
    >>> for problem in hub_problems(hub):
    ...     print(problem)
    session 's-1', field 'parent': unknown session 's-0'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, cast

from coinnovation.errors import Problem
from coinnovation.models.records import RECORD_TYPES
from coinnovation.models.stages import StageModel, transition_problems

if TYPE_CHECKING:
    from coinnovation.models.base import Entity
    from coinnovation.models.challenges import Framing
    from coinnovation.models.hub import Hub
    from coinnovation.models.sessions import Session

__all__ = ["STAKEHOLDER", "find_cycles", "hub_problems", "record_kinds"]

#: The kinds of record that can take part, author, or be a party.
STAKEHOLDER = frozenset({"person", "organisation"})

_ARTICLE = {"organisation": "an", "agreement": "an"}


def record_kinds(hub: Hub) -> Iterator[tuple[str, str, tuple[object, ...]]]:
    """Each collection of the hub as ``(kind, field name, records)``, in file order.

    Args:
        hub: The hub.

    Yields:
        The record kind (``"person"``), the hub field (``"people"``) and its records.

    Examples:
        >>> from coinnovation.models import Hub
        >>> [kind for kind, _, _ in record_kinds(Hub())][:3]
        ['community', 'organisation', 'person']
    """
    for kind, field, _ in RECORD_TYPES:
        yield kind, field, getattr(hub, field)


def find_cycles(parent_of: Mapping[str, str | None]) -> list[str]:
    """The ids that lie on a cycle of a parent relation, each once, in first-seen order.

    Args:
        parent_of: Each id's parent (``None`` or an id missing from the mapping ends a chain).

    Returns:
        Every id whose chain of parents comes back to itself.

    Examples:
        >>> find_cycles({"a": "b", "b": "a", "c": "a", "d": None})
        ['a', 'b']
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    on_cycle: list[str] = []
    for start in parent_of:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent_of and node not in state:
            state[node] = 1
            path.append(node)
            node = parent_of[node]
        if node is not None and state.get(node) == 1:
            on_cycle.extend(sorted(path[path.index(node) :]))
        for visited in path:
            state[visited] = 2
    return on_cycle


class _Checker:
    """Collects problems while walking the hub once.

    The ids of each kind of record are held in one set per kind. A reference is sound
    when its value is in the set of an expected kind (and, if some id is used twice, the
    first record with that id is of that kind). Whole columns of references are tested
    at once with ``set.issuperset``, at C speed; a collection is walked record by record,
    to word each problem, only when that test fails.
    """

    def __init__(
        self,
        hub: Hub,
        invalid: Mapping[str, Iterable[str]] | None = None,
        known: Mapping[str, Mapping[str, Entity]] | None = None,
    ) -> None:
        self.hub = hub
        self.invalid = invalid or {}
        self.known = known or {}
        self.found: list[Problem] = []
        # Each kind's ids, in file order of kinds; None is added after the duplicate check,
        # since an empty optional reference is always sound.
        self.ids: dict[str, set[str | None]] = {}
        self.unique = True
        self._allowed: dict[frozenset[str], set[str | None]] = {}

    def add(self, kind: str, record: str | None, field: str | None, message: str) -> None:
        self.found.append(Problem(kind, record, field, message))

    def index_ids(self) -> None:
        """Collect every kind's ids; report ids used twice (the first use wins)."""
        collections = [(kind, records) for kind, _, records in record_kinds(self.hub)]
        for kind, records in collections:
            self.ids[kind] = set(map(_ID, records))
        by_size = sorted(self.ids.values(), key=len)
        union: set[str | None] = set()
        for ids in by_size[:-1]:
            if not union.isdisjoint(ids):
                self.unique = False
                break
            union |= ids
        self.unique = (
            self.unique
            and all(len(self.ids[kind]) == len(records) for kind, records in collections)
            and (not by_size or by_size[-1].isdisjoint(union))
        )
        if not self.unique:
            first: dict[str, str] = {}
            for kind, records in collections:
                for record in records:
                    record_id: str = record.id  # type: ignore[attr-defined]
                    other = first.get(record_id)
                    if other is None:
                        first[record_id] = kind
                    else:
                        article = _ARTICLE.get(other, "a")
                        message = f"duplicate id: already used by {article} {other}"
                        self.add(kind, record_id, "id", message)
        for ids in self.ids.values():
            ids.add(None)
        # Records left out for failing their own validation still exist: a reference to
        # one is not "unknown". Their ids count for references only, never as duplicates.
        for kind, invalid in self.invalid.items():
            left_out = set(invalid)
            if any(not ids.isdisjoint(left_out) for ids in self.ids.values()):
                self.unique = False
            self.ids.setdefault(kind, {None}).update(left_out)
        # Known records (the rest of a larger hub) are looked up, never copied: an id of
        # the hub's own that another kind knows makes references ambiguous.
        for kind, ids in self.ids.items():
            for other, known in self.known.items():
                if other != kind and any(record_id in known for record_id in ids):
                    self.unique = False

    def kind_of(self, value: str) -> str | None:
        """The kind of the (first) record with this id, if any (the hub's, then known)."""
        for kind, ids in self.ids.items():
            if value in ids:
                return kind
        for kind, records in self.known.items():
            if value in records:
                return kind
        return None

    def known_as(self, value: str | None, expected: frozenset[str]) -> bool:
        """Whether a known record of one of these kinds has this id."""
        return any(value in self.known.get(kind, ()) for kind in expected)

    def allowed(self, expected: frozenset[str]) -> set[str | None]:
        """The values a reference to one of these kinds may take (None included).

        Only sound to use when every id is unique.
        """
        allowed = self._allowed.get(expected)
        if allowed is None:
            kinds = sorted(expected)
            allowed = self.ids[kinds[0]].union(*(self.ids[kind] for kind in kinds[1:]))
            self._allowed[expected] = allowed
        return allowed

    def all_sound(self, values: Iterable[str | None], expected: frozenset[str]) -> bool:
        """Whether every one of these references is sound (a quick test of a column)."""
        if not self.unique:
            return False
        allowed = self.allowed(expected)
        if not self.known:
            return allowed.issuperset(values)
        return all(value in allowed or self.known_as(value, expected) for value in values)

    def ref(
        self, kind: str, record: str, field: str, value: str | None, expected: frozenset[str]
    ) -> None:
        if value is None:
            return
        if self.unique and value in self.allowed(expected):
            return
        actual = self.kind_of(value)
        if actual in expected:
            return
        wanted = " or ".join(sorted(expected))
        if actual is None:
            self.add(kind, record, field, f"unknown {wanted} {value!r}")
        else:
            article = _ARTICLE.get(actual, "a")
            other = _ARTICLE.get(wanted.split()[0], "a")
            self.add(kind, record, field, f"{value!r} is {article} {actual}, not {other} {wanted}")

    def refs(
        self, kind: str, record: str, field: str, values: Iterable[str], expected: frozenset[str]
    ) -> None:
        for index, value in enumerate(values):
            self.ref(kind, record, f"{field}[{index}]", value, expected)

    def cycles(self, kind: str, field: str, parent_of: Mapping[str, str | None]) -> None:
        for record in find_cycles(parent_of):
            self.add(kind, record, field, f"the chain of {field} links loops back to {record!r}")

    def graph_cycles(self, kind: str, field: str, parents_of: Mapping[str, Sequence[str]]) -> None:
        """Report every record on a loop of a many-parent relation (``derived_from``)."""
        if not any(parents_of.values()):
            return
        import networkx as nx

        graph: nx.DiGraph[str] = nx.DiGraph()
        graph.add_edges_from(
            (parent, child) for child, parents in parents_of.items() for parent in parents
        )
        looping = {
            node
            for component in nx.strongly_connected_components(graph)
            if len(component) > 1 or graph.has_edge(*(next(iter(component)),) * 2)
            for node in component
        }
        for record in parents_of:
            if record in looping:
                self.add(
                    kind, record, field, f"the chain of {field} links loops back to {record!r}"
                )


_COMMUNITY = frozenset({"community"})
_ORGANISATION = frozenset({"organisation"})
_PERSON = frozenset({"person"})
_SESSION = frozenset({"session"})
_CHALLENGE = frozenset({"challenge"})
_FRAMING = frozenset({"framing"})
_CONTRIBUTION = frozenset({"contribution"})
_AGREEMENT = frozenset({"agreement"})

_ID = attrgetter("id")
_PARENT = attrgetter("parent")
_COMMUNITIES = attrgetter("communities")


def _column(records: Sequence[Any], name: str) -> list[Any]:
    """One field of every record, in order."""
    return list(map(attrgetter(name), records))


def hub_problems(
    hub: Hub,
    *,
    invalid: Mapping[str, Iterable[str]] | None = None,
    known: Mapping[str, Mapping[str, Entity]] | None = None,
) -> list[Problem]:
    """Every integrity problem in a hub, grouped by kind of record, in file order.

    Checks that ids are unique across the whole hub; that every reference names a record
    of the right kind; that session, organisation, framing and contribution chains do
    not loop; that a sub-session lies within its parent's time; that stages are the
    hub's; that stage histories are in date order and end at the current stage; and
    each agreement's own consistency (see
    :meth:`~coinnovation.models.Agreement.problems`).

    Args:
        hub: The hub to check.
        invalid: The ids of records left out of ``hub`` because they failed their own
            validation, by kind (``{"person": {"p-3"}}``): a reference to one of them is
            not reported, since the record's own problem is. Loading a file uses this to
            report every problem at once.
        known: The other records of a larger, sound hub that ``hub`` holds only some
            records of, by kind and then by id (``{"session": {"s-1": session}}``):
            references to them are sound, and the checks that compare a record with one
            it refers to (a sub-session's times with its parent's, a reframing's challenge
            with the reframed framing's) read them here. They are looked up, never
            copied nor checked, and their ids never count as duplicates: check ``hub``'s
            ids against them first. With ``hub`` holding the records to add to a sound
            hub and ``known`` that hub's records, this finds problems exactly when the
            whole hub after the addition has some (the SQL store checks a change this
            way, in time proportional to the change).

    Returns:
        The problems; an empty list for a sound hub.

    Examples:
        >>> from coinnovation.models import Hub, Person, Participation
        >>> hub = Hub.model_construct(people=(Person(id="p", name="P"),), participations=(
        ...     Participation(id="pa", session="s", person="p"),
        ...     Participation(id="pa", session="s", person="pp")))
        >>> for problem in hub_problems(hub):
        ...     print(problem)
        participation 'pa', field 'id': duplicate id: already used by a participation
        participation 'pa', field 'session': unknown session 's'
        participation 'pa', field 'session': unknown session 's'
        participation 'pa', field 'person': unknown person 'pp'
        >>> [str(p) for p in hub_problems(hub, invalid={"session": ["s"], "person": ["pp"]})]
        ["participation 'pa', field 'id': duplicate id: already used by a participation"]
        >>> from coinnovation.models import Session
        >>> known = {"person": {"p": Person(id="p", name="P")},
        ...          "session": {"s": Session(id="s", name="Day")}}
        >>> added = Hub.model_construct(participations=(
        ...     Participation(id="pa-2", session="s", person="p"),
        ...     Participation(id="pa-3", session="s", person="pp")))
        >>> [str(p) for p in hub_problems(added, known=known)]
        ["participation 'pa-3', field 'person': unknown person 'pp'"]
    """
    check = _Checker(hub, invalid, known)
    check.index_ids()
    sound = check.all_sound

    stages = set(hub.stages)
    for field, message in transition_problems(hub.stages, hub.transitions):
        check.add("hub", None, field, message)
    model = StageModel.model_construct(stages=hub.stages, transitions=hub.transitions)

    def stage_ok(kind: str, record: str, field: str, stage: str | None) -> None:
        if stage is not None and stage not in stages:
            check.add(kind, record, field, f"{stage!r} is not one of the hub's stages")

    # Each large collection is first tested whole, by columns; it is walked record by
    # record, in the same order and with the same messages, only when that test fails.
    organisations = hub.organisations
    if not (
        sound(map(_PARENT, organisations), _ORGANISATION)
        and sound(chain.from_iterable(map(_COMMUNITIES, organisations)), _COMMUNITY)
    ):
        for organisation in organisations:
            oid = organisation.id
            check.ref("organisation", oid, "parent", organisation.parent, _ORGANISATION)
            check.refs("organisation", oid, "communities", organisation.communities, _COMMUNITY)
    check.cycles(
        "organisation",
        "parent",
        dict(zip(map(_ID, organisations), map(_PARENT, organisations), strict=True)),
    )

    people = hub.people
    if not sound(chain.from_iterable(map(_COMMUNITIES, people)), _COMMUNITY):
        for person in people:
            check.refs("person", person.id, "communities", person.communities, _COMMUNITY)

    memberships = hub.memberships
    if not (
        sound(map(attrgetter("person"), memberships), _PERSON)
        and sound(map(attrgetter("organisation"), memberships), _ORGANISATION)
    ):
        for membership in memberships:
            mid = membership.id
            check.ref("membership", mid, "person", membership.person, _PERSON)
            check.ref("membership", mid, "organisation", membership.organisation, _ORGANISATION)

    for challenge in hub.challenges:
        cid = challenge.id
        stage_ok("challenge", cid, "stage", challenge.stage)
        check.refs("challenge", cid, "communities", challenge.communities, _COMMUNITY)
        check.refs("challenge", cid, "proposed_by", challenge.proposed_by, STAKEHOLDER)
        history = challenge.stage_history
        for index, change in enumerate(history):
            field = f"stage_history[{index}]"
            stage_ok("challenge", cid, f"{field}.stage", change.stage)
            check.ref("challenge", cid, f"{field}.session", change.session, _SESSION)
            check.refs("challenge", cid, f"{field}.agreed_by", change.agreed_by, STAKEHOLDER)
            if index and change.on < history[index - 1].on:
                check.add("challenge", cid, f"{field}.on", "moves are not in date order")
            source = history[index - 1].stage if index else None
            if source in stages and change.stage in stages:
                refused = model.why_not(source, change.stage)
                if refused is not None:
                    check.add(
                        "challenge",
                        cid,
                        f"{field}.stage",
                        f"illegal move from {source!r} to {change.stage!r}: {refused}",
                    )
        check.refs("challenge", cid, "derived_from", challenge.derived_from, _CHALLENGE)
        if history and history[-1].stage != challenge.stage:
            check.add(
                "challenge",
                cid,
                "stage",
                f"{challenge.stage!r} differs from the last move in the history "
                f"({history[-1].stage!r})",
            )

    check.graph_cycles("challenge", "derived_from", {c.id: c.derived_from for c in hub.challenges})

    framing_challenge = {framing.id: framing.challenge for framing in hub.framings}
    known_framings = check.known.get("framing", {})
    for framing in hub.framings:
        fid = framing.id
        check.ref("framing", fid, "challenge", framing.challenge, _CHALLENGE)
        check.ref("framing", fid, "author", framing.author, STAKEHOLDER)
        check.ref("framing", fid, "session", framing.session, _SESSION)
        check.ref("framing", fid, "reframes", framing.reframes, _FRAMING)
        other = framing_challenge.get(framing.reframes) if framing.reframes else None
        if other is None and framing.reframes is not None:
            reframed = known_framings.get(framing.reframes)
            if reframed is not None:
                other = cast("Framing", reframed).challenge
        if other is not None and other != framing.challenge:
            check.add(
                "framing",
                fid,
                "reframes",
                f"{framing.reframes!r} frames another challenge ({other!r})",
            )
    check.cycles("framing", "reframes", {f.id: f.reframes for f in hub.framings})

    sessions = hub.sessions
    parents: list[str | None] = _column(sessions, "parent")
    by_id: dict[str, Session] = dict(zip(map(_ID, sessions), sessions, strict=True))
    known_sessions = check.known.get("session", {})
    session_stages: set[str | None] = set(_column(sessions, "stage"))
    session_stages.discard(None)
    references_sound = (
        sound(parents, _SESSION)
        and sound(_column(sessions, "venue"), _ORGANISATION)
        and sound(chain.from_iterable(_column(sessions, "challenges")), _CHALLENGE)
        and session_stages <= stages
    )
    for session, parent_id in zip(sessions, parents, strict=True):
        sid = session.id
        if not references_sound:
            check.ref("session", sid, "parent", parent_id, _SESSION)
            check.ref("session", sid, "venue", session.venue, _ORGANISATION)
            check.refs("session", sid, "challenges", session.challenges, _CHALLENGE)
            stage_ok("session", sid, "stage", session.stage)
        parent = by_id.get(parent_id) if parent_id is not None else None
        if parent is None and parent_id is not None and parent_id in known_sessions:
            parent = cast("Session", known_sessions[parent_id])
        if parent is not None:
            if None not in (session.start, parent.start) and session.start < parent.start:  # type: ignore[operator]
                check.add("session", sid, "start", f"starts before its parent {parent.id!r}")
            if None not in (session.end, parent.end) and session.end > parent.end:  # type: ignore[operator]
                check.add("session", sid, "end", f"ends after its parent {parent.id!r}")
            if None not in (session.start, parent.end) and session.start > parent.end:  # type: ignore[operator]
                check.add("session", sid, "start", f"starts after its parent {parent.id!r} ends")
            if None not in (session.end, parent.start) and session.end < parent.start:  # type: ignore[operator]
                check.add("session", sid, "end", f"ends before its parent {parent.id!r} starts")
    check.cycles("session", "parent", dict(zip(map(_ID, sessions), parents, strict=True)))

    participations = hub.participations
    if not (
        sound(map(attrgetter("session"), participations), _SESSION)
        and sound(map(attrgetter("person"), participations), _PERSON)
        and sound(map(attrgetter("organisation"), participations), _ORGANISATION)
    ):
        for participation in participations:
            pid = participation.id
            check.ref("participation", pid, "session", participation.session, _SESSION)
            check.ref("participation", pid, "person", participation.person, _PERSON)
            check.ref(
                "participation", pid, "organisation", participation.organisation, _ORGANISATION
            )

    for contribution in hub.contributions:
        oid = contribution.id
        check.ref("contribution", oid, "session", contribution.session, _SESSION)
        check.ref("contribution", oid, "author", contribution.author, STAKEHOLDER)
        check.ref("contribution", oid, "responds_to", contribution.responds_to, _CONTRIBUTION)
        check.ref("contribution", oid, "challenge", contribution.challenge, _CHALLENGE)
        check.refs("contribution", oid, "addressed_to", contribution.addressed_to, STAKEHOLDER)
    check.cycles("contribution", "responds_to", {c.id: c.responds_to for c in hub.contributions})

    for agreement in hub.agreements:
        aid = agreement.id
        check.ref("agreement", aid, "challenge", agreement.challenge, _CHALLENGE)
        check.ref("agreement", aid, "session", agreement.session, _SESSION)
        for index, party in enumerate(agreement.parties):
            field = f"parties[{index}].stakeholder"
            check.ref("agreement", aid, field, party.stakeholder, STAKEHOLDER)
        check.refs("agreement", aid, "solutions", agreement.solutions, _CONTRIBUTION)
        for index, amendment in enumerate(agreement.amendments):
            field = f"amendments[{index}]"
            check.ref("agreement", aid, f"{field}.by", amendment.by, STAKEHOLDER)
            if index and amendment.on < agreement.amendments[index - 1].on:
                check.add("agreement", aid, f"{field}.on", "amendments are not in date order")
        check.found.extend(agreement.problems())

    for outcome in hub.outcomes:
        oid = outcome.id
        check.ref("outcome", oid, "challenge", outcome.challenge, _CHALLENGE)
        check.ref("outcome", oid, "agreement", outcome.agreement, _AGREEMENT)
        check.ref("outcome", oid, "solution", outcome.solution, _CONTRIBUTION)
        check.ref("outcome", oid, "session", outcome.session, _SESSION)
        check.refs("outcome", oid, "communities", outcome.communities, _COMMUNITY)
    return check.found
