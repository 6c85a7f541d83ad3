"""Where the work happens: sessions, who took part in them, and what they put in.

Sessions form a tree through ``parent``: an event contains workshops, a workshop contains
tables. A :class:`Participation` records one stakeholder in one session — a person, or an
organisation where only the organisation is on record (many registers and funding
databases list organisations, not people). A :class:`Contribution` records something a
stakeholder put in; it may respond to another contribution.

Examples:
    >>> from datetime import datetime, timezone
    >>> from coinnovation.models import Session, Participation
    >>> day = Session(id="s-day", name="Co-innovation day", kind="event",
    ...               start=datetime(2023, 6, 22, 9, tzinfo=timezone.utc),
    ...               end=datetime(2023, 6, 22, 16, tzinfo=timezone.utc))
    >>> Participation(id="pa-1", session="s-day", person="p-ana", level="involve").level
    <ParticipationLevel.INVOLVE: 'involve'>
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Self

from pydantic import AwareDatetime, Field, model_validator

from coinnovation.models.base import Entity, Id, Text
from coinnovation.models.challenges import StageName
from coinnovation.models.vocabularies import (
    ContributionKind,
    ParticipationLevel,
    ParticipationRole,
    SessionKind,
)

__all__ = ["Contribution", "Hours", "Participation", "Session"]

#: A non-negative, finite number of hours.
Hours = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]


class Session(Entity):
    """A meeting: an event, a workshop inside it, a table inside that.

    Attributes:
        name: What the session was called.
        kind: Event, workshop, table ...
        parent: The id of the session it is part of (``None`` for a top-level event).
        start: When it started (timezone-aware).
        end: When it ended (timezone-aware, not before ``start``).
        place: Where it was held, in words.
        venue: The id of the organisation that hosted it, if any.
        challenges: Ids of the challenges discussed.
        stage: The stage the session served (one of the hub's stages).
        description: Free text.

    Examples:
        >>> Session(id="s-t1", name="Table 1", kind="table", parent="s-w1").parent
        's-w1'
    """

    name: Text
    kind: SessionKind = SessionKind.MEETING
    parent: Id | None = None
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    place: str | None = None
    venue: Id | None = None
    challenges: tuple[Id, ...] = ()
    stage: StageName | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _times_in_order(self) -> Self:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end.isoformat()} is before start {self.start.isoformat()}")
        return self


class Participation(Entity):
    """One stakeholder taking part in one session.

    Give ``person``; or ``organisation`` alone where only the organisation is on record;
    or both, to say on whose behalf a person came.

    Attributes:
        session: The id of the session.
        person: The id of the person who took part, if known.
        organisation: The id of the organisation taking part, or represented.
        role: The part they played.
        level: How much power they held, on the IAP2 spectrum.
        hours: Hours they gave to the session.

    Examples:
        >>> Participation(id="pa-2", session="s-1", organisation="o-acme").stakeholder
        'o-acme'
    """

    session: Id
    person: Id | None = None
    organisation: Id | None = None
    role: ParticipationRole = ParticipationRole.PARTICIPANT
    level: ParticipationLevel | None = None
    hours: Hours | None = None

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if self.person is None and self.organisation is None:
            raise ValueError("a participation needs a person or an organisation")
        return self

    @property
    def stakeholder(self) -> str:
        """The id of who took part: the person if recorded, else the organisation.

        Examples:
            >>> pa = Participation(id="pa-3", session="s-1", person="p-1", organisation="o-1")
            >>> pa.stakeholder
            'p-1'
        """
        stakeholder = self.person if self.person is not None else self.organisation
        assert stakeholder is not None  # guaranteed by the validator
        return stakeholder


class Contribution(Entity):
    """Something a stakeholder put in at a session: an idea, feedback, a question ...

    Attributes:
        session: The id of the session where it was made.
        author: The id of the person or organisation who made it.
        kind: What it is.
        text: What was said or given.
        responds_to: The id of a contribution it answers.
        challenge: The id of the challenge it concerns.
        addressed_to: Ids of the stakeholders it was addressed to.
        created: When it was made.

    Examples:
        >>> Contribution(id="co-1", session="s-t1", author="p-ana", kind="feedback",
        ...              text="Will it work on a pay-as-you-go phone?").kind
        <ContributionKind.FEEDBACK: 'feedback'>
    """

    session: Id
    author: Id
    kind: ContributionKind = ContributionKind.OTHER
    text: Text
    responds_to: Id | None = None
    challenge: Id | None = None
    addressed_to: tuple[Id, ...] = ()
    created: AwareDatetime | None = None
