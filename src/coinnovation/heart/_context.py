"""The look-ups every indicator of the heart report shares (private to the package).

The hub and the sector measured with their cached sector look-ups (:class:`_Context`), the
records an indicator reads (:class:`_Evidence`), each participation in a session on a
challenge at its effective stage (:func:`_work_on_challenges`), and the stages a challenge
has been through (:func:`_stages_through`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from coinnovation.models.challenges import Challenge
from coinnovation.models.hub import Hub
from coinnovation.models.sessions import Participation
from coinnovation.models.vocabularies import Sector

#: A figure of an indicator: a number, or ``None`` when it cannot be computed.
_Number = float | int | None

#: A row of an indicator's details: plain data.
_Row = dict[str, Any]


class _Evidence:
    """The records an indicator reads, by kind, each once, in order of first use."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, None]] = {}

    def add(self, kind: str, ids: Iterable[str]) -> None:
        self.ids.setdefault(kind, {}).update(dict.fromkeys(ids))

    @property
    def records(self) -> tuple[str, ...]:
        return tuple(record for ids in self.ids.values() for record in ids)

    @property
    def sources(self) -> dict[str, int]:
        return {kind: len(ids) for kind, ids in self.ids.items() if ids}


class _Context:
    """The hub, the sector measured, and cached sector look-ups."""

    def __init__(self, hub: Hub, sector: Sector) -> None:
        self.hub = hub
        self.sector = sector
        self.label = sector.value.replace("_", " ")
        self._sectors: dict[str, Sector | None] = {}
        self._none_note: tuple[str | None] | None = None

    def sector_of(self, stakeholder: str) -> Sector | None:
        if stakeholder not in self._sectors:
            self._sectors[stakeholder] = self.hub.sector_of(stakeholder)
        return self._sectors[stakeholder]

    def is_member(self, stakeholder: str) -> bool:
        """Whether a person or organisation belongs to the sector measured."""
        return self.sector_of(stakeholder) == self.sector

    def none_note(self) -> str | None:
        """A note when no person or organisation of the hub belongs to the sector."""
        if self._none_note is None:
            members = any(self.is_member(o.id) for o in self.hub.organisations) or any(
                self.is_member(p.id) for p in self.hub.people
            )
            note = None if members else f"the hub records no {self.label}-sector stakeholders"
            self._none_note = (note,)
        return self._none_note[0]


def _ratio(part: float, whole: float) -> float | None:
    """``part / whole``, or ``None`` when ``whole`` is not positive."""
    return part / whole if whole > 0 else None


@attrs.frozen
class _Work:
    """One participation in a session on a challenge, at the session's effective stage."""

    participation: Participation
    session: str
    stage: str | None


def _work_on_challenges(hub: Hub) -> dict[str, list[_Work]]:
    """Challenge id to every participation in a session on it (effective challenges)."""
    context = hub.session_context()
    work: dict[str, list[_Work]] = {challenge.id: [] for challenge in hub.challenges}
    for participation in hub.participations:
        challenges, stage = context.get(participation.session, ((), None))
        for challenge in challenges:
            if challenge in work:
                work[challenge].append(_Work(participation, participation.session, stage))
    return work


def _stages_through(hub: Hub, challenge: Challenge) -> tuple[str, ...]:
    """The stages a challenge has been through, in the hub's order.

    Those of its stage history and its current stage; with no history, every stage of
    the hub from the first up to the current one.
    """
    order = {stage: index for index, stage in enumerate(hub.stages)}
    if challenge.stage_history:
        seen = {change.stage for change in challenge.stage_history} | {challenge.stage}
        return tuple(sorted(seen, key=lambda stage: order.get(stage, len(order))))
    if challenge.stage not in order:
        return (challenge.stage,)
    return hub.stages[: order[challenge.stage] + 1]
