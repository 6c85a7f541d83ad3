"""Stage moves and lineage: moving challenges between stages, and tracing what came of them.

This module does things with challenges; the stage model it follows is data, kept by the
hub (:attr:`Hub.process <coinnovation.models.Hub.process>`, a
:class:`~coinnovation.models.stages.StageModel`). A challenge moves through the stages of
the hub's stage model; :func:`move` records each move with its date, the session that
decided it and who agreed, and refuses a move the stage model does not allow.
:func:`lineage` traces a challenge from its framings through contributions and solutions
to agreements and outcomes — following challenges it was split from or merged into — as a
directed graph.

Examples:
    >>> from datetime import date
    >>> from coinnovation.models import Challenge, Hub
    >>> hub = Hub(challenges=(Challenge(id="ch-1", title="Diabetes apps"),))
    >>> hub = move(hub, "ch-1", "ideation", on=date(2023, 6, 22))
    >>> hub.challenge("ch-1").stage
    'ideation'
    >>> move(hub, "ch-1", "adoption", on=date(2023, 6, 23))
    Traceback (most recent call last):
    ...
    coinnovation.errors.IllegalTransitionError: challenge 'ch-1', field 'stage': cannot move from 'ideation' to 'adoption' (the process allows from 'ideation' only: framing, co_design)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from coinnovation.errors import IllegalTransitionError
from coinnovation.models import (
    Challenge,
    Contribution,
    ContributionKind,
    Hub,
    StageChange,
)

__all__ = ["allowed_moves", "lineage", "lineage_steps", "move"]


def allowed_moves(hub: Hub, challenge: str) -> tuple[str, ...]:
    """The stages a challenge may move to next under the hub's stage model.

    Args:
        hub: The hub.
        challenge: The challenge's id.

    Returns:
        The allowed stages, in stage order.

    Raises:
        UnknownReferenceError: No such challenge.

    Examples:
        >>> from coinnovation.models import Challenge, Hub
        >>> hub = Hub(challenges=(Challenge(id="ch-1", title="t", stage="piloting"),))
        >>> allowed_moves(hub, "ch-1")
        ('framing', 'ideation', 'co_design', 'evaluation')
    """
    return hub.process.allowed(hub.challenge(challenge).stage)


def move(
    hub: Hub,
    challenge: str,
    stage: str,
    *,
    on: date,
    session: str | None = None,
    agreed_by: Iterable[str] = (),
    note: str | None = None,
) -> Hub:
    """Move a challenge to another stage, recording the move in its stage history.

    A challenge with no history yet first gets its current stage recorded as where it
    entered the process (on the same day), so the history always shows where it came from.

    Args:
        hub: The hub.
        challenge: The challenge's id.
        stage: The stage to move to.
        on: The day of the move; not before the last move.
        session: The id of the session that decided it.
        agreed_by: Ids of the stakeholders who agreed to it.
        note: Free text.

    Returns:
        A new hub with the challenge moved.

    Raises:
        IllegalTransitionError: The hub's stage model does not allow the move, or ``on``
            is before the last move.
        UnknownReferenceError: No such challenge.
        HubIntegrityError: ``session`` or ``agreed_by`` name records the hub does not hold.

    Examples:
        >>> from datetime import date
        >>> from coinnovation.models import Challenge, Hub
        >>> hub = Hub(challenges=(Challenge(id="ch-1", title="t"),))
        >>> hub = move(hub, "ch-1", "ideation", on=date(2023, 6, 22), note="chosen at table 1")
        >>> [(m.stage, m.note) for m in hub.challenge("ch-1").stage_history]
        [('framing', 'entered the process'), ('ideation', 'chosen at table 1')]
    """
    record = hub.challenge(challenge)
    refused = hub.process.why_not(record.stage, stage)
    if refused is not None:
        raise IllegalTransitionError("challenge", challenge, "stage", record.stage, stage, refused)
    history = record.stage_history
    if history and on < history[-1].on:
        raise IllegalTransitionError(
            "challenge",
            challenge,
            "stage",
            record.stage,
            stage,
            f"the move is dated {on}, before the last move ({history[-1].on})",
        )
    if not history:
        history = (StageChange(stage=record.stage, on=on, note="entered the process"),)
    change = StageChange(stage=stage, on=on, session=session, agreed_by=tuple(agreed_by), note=note)
    moved = record.model_copy(update={"stage": stage, "stage_history": (*history, change)})
    return hub.replace(moved)


def _family(hub: Hub, challenge: str) -> list[str]:
    """The challenge and every challenge linked to it by splits and merges, transitively."""
    links: dict[str, set[str]] = defaultdict(set)
    for record in hub.challenges:
        for parent in record.derived_from:
            links[parent].add(record.id)
            links[record.id].add(parent)
    seen = {challenge}
    stack = [challenge]
    while stack:
        for other in links[stack.pop()]:
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return [record.id for record in hub.challenges if record.id in seen]


def _node(graph: nx.DiGraph[str], node: str, kind: str, **data: Any) -> None:
    graph.add_node(node, kind=kind, **{k: v for k, v in data.items() if v is not None})


def lineage(hub: Hub, challenge: str) -> nx.DiGraph[str]:
    """The lineage of a challenge: framings → contributions → solutions → agreements → outcomes.

    Nodes are record ids with a ``kind`` attribute — ``challenge``, ``framing``,
    ``contribution``, ``solution`` (a contribution of kind solution, or one an agreement
    takes forward in its ``solutions``), ``agreement``,
    ``outcome`` — plus ``label`` (title, statement or text), ``session`` (the session behind
    the step, if recorded) and ``on`` (its date, if recorded). A challenge node also
    carries its ``stage`` and ``history`` (``(stage, day, session)`` per move).

    Edges point from a step to what came of it, with a ``relation`` attribute:

    - ``framed``: challenge → framing; ``reframed``: framing → the framing that answers it;
    - ``raised``: challenge → contribution (contributions on the challenge, or made in a
      session on it); ``responded``: contribution → its response;
    - ``agreed``: solution → agreement that takes it forward (or challenge → agreement);
    - ``produced``: agreement, solution or challenge → outcome;
    - ``split_into`` / ``merged_into`` / ``continued_as``: challenge → challenge derived
      from it (split: a parent with several children; merged: a child with several
      parents).

    Every challenge related to ``challenge`` by splits and merges, however distant, is
    included with its own lineage; the graph's ``root`` attribute names ``challenge``.

    Args:
        hub: The hub.
        challenge: The challenge's id.

    Returns:
        A directed acyclic graph.

    Raises:
        UnknownReferenceError: No such challenge.

    Examples:
        >>> from coinnovation.models import Challenge, Framing, Hub, Organisation
        >>> hub = Hub(challenges=(Challenge(id="ch-1", title="Apps"),
        ...                       Challenge(id="ch-2", title="Data costs", derived_from=("ch-1",))),
        ...           framings=(Framing(id="f-1", challenge="ch-1", author="o-x", statement="s"),),
        ...           organisations=(Organisation(id="o-x", name="X", sector="community"),))
        >>> G = lineage(hub, "ch-1")
        >>> sorted(G.edges(data="relation"))
        [('ch-1', 'ch-2', 'continued_as'), ('ch-1', 'f-1', 'framed')]
    """
    hub.challenge(challenge)
    family = _family(hub, challenge)
    members = set(family)
    graph: nx.DiGraph[str] = nx.DiGraph(root=challenge)
    children: dict[str, list[str]] = defaultdict(list)
    for record_id in family:
        record: Challenge = hub.challenge(record_id)
        for parent in record.derived_from:
            children[parent].append(record_id)
    for record_id in family:
        record = hub.challenge(record_id)
        _node(
            graph,
            record_id,
            "challenge",
            label=record.title,
            stage=record.stage,
            history=[(m.stage, m.on, m.session) for m in record.stage_history] or None,
            on=record.stage_history[0].on if record.stage_history else None,
        )
    for record_id in family:
        record = hub.challenge(record_id)
        for parent in record.derived_from:
            if len(record.derived_from) > 1:
                relation = "merged_into"
            elif len(children[parent]) > 1:
                relation = "split_into"
            else:
                relation = "continued_as"
            graph.add_edge(parent, record_id, relation=relation)

    for framing in hub.framings:
        if framing.challenge in members:
            day = framing.created.date() if framing.created is not None else None
            _node(
                graph,
                framing.id,
                "framing",
                label=framing.statement,
                session=framing.session,
                on=day,
                author=framing.author,
            )
            graph.add_edge(framing.challenge, framing.id, relation="framed")
    for framing in hub.framings:
        if framing.reframes is not None and framing.reframes in graph and framing.id in graph:
            graph.add_edge(framing.reframes, framing.id, relation="reframed")

    effective = hub.session_context()
    taken_up = {solution for agreement in hub.agreements for solution in agreement.solutions}
    included: dict[str, Contribution] = {}
    for contribution in hub.contributions:
        if contribution.challenge is not None:
            on = [contribution.challenge] if contribution.challenge in members else []
        else:
            on = [c for c in effective.get(contribution.session, ((), None))[0] if c in members]
        if not on:
            continue
        included[contribution.id] = contribution
        solution = contribution.kind is ContributionKind.SOLUTION or contribution.id in taken_up
        kind = "solution" if solution else "contribution"
        day = contribution.created.date() if contribution.created is not None else None
        _node(
            graph,
            contribution.id,
            kind,
            label=contribution.text,
            session=contribution.session,
            on=day,
            author=contribution.author,
        )
        if contribution.responds_to is None or contribution.responds_to not in included:
            for challenge_id in on:
                graph.add_edge(challenge_id, contribution.id, relation="raised")
    for contribution in included.values():
        if contribution.responds_to in included:
            graph.add_edge(contribution.responds_to, contribution.id, relation="responded")

    agreements = set()
    for agreement in hub.agreements:
        sources = [s for s in agreement.solutions if s in included]
        if agreement.challenge not in members and not sources:
            continue
        agreements.add(agreement.id)
        _node(
            graph,
            agreement.id,
            "agreement",
            label=agreement.title,
            session=agreement.session,
            on=agreement.created,
            status=agreement.status.value,
        )
        for source in sources or [agreement.challenge or challenge]:
            graph.add_edge(source, agreement.id, relation="agreed")

    for outcome in hub.outcomes:
        if outcome.agreement in agreements:
            source = outcome.agreement
        elif outcome.solution in included:
            source = outcome.solution
        elif outcome.challenge in members:
            source = outcome.challenge
        else:
            continue
        _node(
            graph,
            outcome.id,
            "outcome",
            label=outcome.description,
            session=outcome.session,
            on=outcome.on,
        )
        graph.add_edge(source, outcome.id, relation="produced")
    return graph


def lineage_steps(graph: nx.DiGraph[str]) -> list[tuple[int, str, str, str]]:
    """The lineage as indented steps for printing: ``(depth, relation, node, kind)``.

    Walks the graph from its root challenge (and any challenge it derives from) depth
    first, in the order records were added; a node reached twice is listed at its first
    place.

    Args:
        graph: A graph from :func:`lineage`.

    Returns:
        The steps, in reading order.

    Examples:
        >>> from coinnovation.models import Challenge, Hub
        >>> hub = Hub(challenges=(Challenge(id="ch-1", title="Apps"),))
        >>> lineage_steps(lineage(hub, "ch-1"))
        [(0, 'challenge', 'ch-1', 'challenge')]
    """
    starts = [
        node
        for node, degree in graph.in_degree()
        if degree == 0 and graph.nodes[node].get("kind") == "challenge"
    ]
    steps: list[tuple[int, str, str, str]] = []
    seen: set[str] = set()

    for start in starts:
        stack: list[tuple[str, int, str]] = [(start, 0, "challenge")]
        while stack:
            node, depth, relation = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            steps.append((depth, relation, node, graph.nodes[node]["kind"]))
            stack.extend(
                (child, depth + 1, graph.edges[node, child]["relation"])
                for child in reversed(list(graph.successors(node)))
            )
    return steps
