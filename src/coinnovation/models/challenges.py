"""What partners work on: challenges, the framings of them, and their stage history.

A challenge is a problem put forward to work on. Several parties frame it — state how they
understand it — and a framing may reframe another. A challenge moves through the stages of
the hub's stage model; each move is a :class:`StageChange` with its date, the session that
decided it and who agreed.

Examples:
    >>> from coinnovation.models import Challenge, Framing
    >>> c = Challenge(id="ch-1", title="Diabetes self-management in Blakenall")
    >>> c.stage
    'framing'
    >>> Framing(id="f-1", challenge="ch-1", author="p-ana", statement="Data costs money.").author
    'p-ana'
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AwareDatetime, StringConstraints

from coinnovation.models.base import Entity, Id, Record, Text
from coinnovation.models.vocabularies import Stage

__all__ = ["Challenge", "Framing", "StageChange", "StageName"]

#: A stage name: lower-case letters, digits and underscores (the hub lists the valid ones).
StageName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class StageChange(Record):
    """One move of a challenge into a stage.

    Attributes:
        stage: The stage entered.
        on: The day of the move.
        session: The id of the session that decided it, if any.
        agreed_by: Ids of the stakeholders who agreed to the move.
        note: Free text.

    Examples:
        >>> from datetime import date
        >>> StageChange(stage="ideation", on=date(2023, 6, 22), session="s-t1").stage
        'ideation'
    """

    stage: StageName
    on: date
    session: Id | None = None
    agreed_by: tuple[Id, ...] = ()
    note: str | None = None


class Challenge(Entity):
    """A problem put forward for partners to work on.

    Attributes:
        title: A short statement of the problem.
        description: Free text.
        health_area: The health area (``"diabetes"``, ``"mental health"`` ...).
        stage: The stage the challenge is at now (one of the hub's stages).
        stage_history: Every move so far, oldest first; when present, the last one
            must be to ``stage``.
        communities: Ids of the communities whose needs are at stake.
        proposed_by: Ids of the stakeholders who put the challenge forward.
        derived_from: Ids of the challenges this one came out of: one, when a challenge
            was split (each part names it) or renamed; several, when challenges were
            merged into this one.

    Examples:
        >>> Challenge(id="ch-2", title="Perinatal mental health", stage="ideation").stage
        'ideation'
    """

    title: Text
    description: str | None = None
    health_area: str | None = None
    stage: StageName = Stage.FRAMING.value
    stage_history: tuple[StageChange, ...] = ()
    communities: tuple[Id, ...] = ()
    proposed_by: tuple[Id, ...] = ()
    derived_from: tuple[Id, ...] = ()


class Framing(Entity):
    """One party's statement of how a challenge is understood.

    Attributes:
        challenge: The id of the challenge framed.
        author: The id of the person or organisation who framed it.
        statement: The framing, in their words.
        session: The id of the session where it was given, if any.
        reframes: The id of an earlier framing of the same challenge that this one
            answers or replaces.
        created: When it was given.

    Examples:
        >>> f = Framing(id="f-2", challenge="ch-1", author="p-1", statement="x", reframes="f-1")
        >>> f.reframes
        'f-1'
    """

    challenge: Id
    author: Id
    statement: Text
    session: Id | None = None
    reframes: Id | None = None
    created: AwareDatetime | None = None
