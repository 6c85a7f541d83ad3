"""What came of the work: outcomes of solutions and agreements.

An :class:`Outcome` records a result — a pilot's uptake, a service adopted, a measured
change — and links it to what produced it: the challenge, the agreement, the solution (a
contribution of kind ``solution``) and the session where it was reported. Outcomes close
a challenge's lineage (see :func:`coinnovation.lineage.lineage`).

Examples:
    >>> from datetime import date
    >>> from decimal import Decimal
    >>> done = Outcome(id="out-1", description="Pilot users still logging after 3 months",
    ...                challenge="ch-1", agreement="ag-1", on=date(2024, 3, 1),
    ...                indicator="retention at 12 weeks", value=Decimal("0.62"), unit="share")
    >>> done.value
    Decimal('0.62')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from coinnovation.models.base import Entity, Id, Text

__all__ = ["Outcome"]


class Outcome(Entity):
    """A result of the work on a challenge.

    Attributes:
        description: What happened, in words.
        challenge: The id of the challenge it answers, if any.
        agreement: The id of the agreement under which it was delivered, if any.
        solution: The id of the solution (a contribution) it came from, if any.
        session: The id of the session where it was reported or decided, if any.
        on: The day it was observed or decided.
        indicator: What was measured, in words (``"uptake"``, ``"A&E visits"``), if any.
        value: The measured value, if any.
        unit: The unit of ``value`` (``"people"``, ``"share"``, ``"GBP"``), if any.
        communities: Ids of the communities it reached.

    Examples:
        >>> Outcome(id="out-2", description="Adopted by the ICB", challenge="ch-1").agreement is None
        True
    """

    description: Text
    challenge: Id | None = None
    agreement: Id | None = None
    solution: Id | None = None
    session: Id | None = None
    on: date | None = None
    indicator: str | None = None
    value: Decimal | None = Field(default=None, allow_inf_nan=False)
    unit: str | None = None
    communities: tuple[Id, ...] = ()
