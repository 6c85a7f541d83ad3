"""The kinds of record a hub holds: one table that every part of the library reads.

Each kind of record has a name (``"person"``), the hub field that holds its records, which
is also its plural (``"people"``), and a class (:class:`~coinnovation.models.Person`).
Code that needs any of the three, or to go from one to another, reads it here rather than
spelling the table out again.

Examples:
    >>> [(kind, field) for kind, field, _ in RECORD_TYPES][:2]
    [('community', 'communities'), ('organisation', 'organisations')]
    >>> FIELD_OF_KIND["person"], KIND_OF_FIELD["people"]
    ('people', 'person')
    >>> from coinnovation.models import Session
    >>> KIND_OF[Session], FIELD_OF[Session]
    ('session', 'sessions')
"""

from __future__ import annotations

from coinnovation.models.agreements import Agreement
from coinnovation.models.base import Entity
from coinnovation.models.challenges import Challenge, Framing
from coinnovation.models.outcomes import Outcome
from coinnovation.models.sessions import Contribution, Participation, Session
from coinnovation.models.stakeholders import Community, Membership, Organisation, Person

__all__ = ["FIELD_OF", "FIELD_OF_KIND", "KIND_OF", "KIND_OF_FIELD", "RECORD_TYPES"]

#: ``(kind, hub field, class)`` for each kind of record, in file order.
RECORD_TYPES: tuple[tuple[str, str, type[Entity]], ...] = (
    ("community", "communities", Community),
    ("organisation", "organisations", Organisation),
    ("person", "people", Person),
    ("membership", "memberships", Membership),
    ("challenge", "challenges", Challenge),
    ("framing", "framings", Framing),
    ("session", "sessions", Session),
    ("participation", "participations", Participation),
    ("contribution", "contributions", Contribution),
    ("agreement", "agreements", Agreement),
    ("outcome", "outcomes", Outcome),
)

#: Record class to hub field (``Person`` to ``"people"``).
FIELD_OF: dict[type[Entity], str] = {cls: field for _, field, cls in RECORD_TYPES}
#: Record class to kind (``Person`` to ``"person"``).
KIND_OF: dict[type[Entity], str] = {cls: kind for kind, _, cls in RECORD_TYPES}
#: Hub field to kind (``"people"`` to ``"person"``).
KIND_OF_FIELD: dict[str, str] = {field: kind for kind, field, _ in RECORD_TYPES}
#: Kind to hub field, which is also the kind's plural (``"person"`` to ``"people"``).
FIELD_OF_KIND: dict[str, str] = {kind: field for kind, field, _ in RECORD_TYPES}
