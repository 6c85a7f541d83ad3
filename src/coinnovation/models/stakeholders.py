"""Who takes part: organisations, people, their memberships, and the communities served.

A *stakeholder* is a person or an organisation: either may take part in a session, author
a contribution or be a party to an agreement.

Examples:
    >>> from coinnovation.models import Organisation, Person, Membership
    >>> whg = Organisation(id="o-whg", name="whg", kind="housing_association", sector="community")
    >>> ana = Person(id="p-ana", name="Ana", roles=("community_champion",))
    >>> Membership(id="m-1", person="p-ana", organisation="o-whg").organisation
    'o-whg'
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Self

from pydantic import Field, model_validator

from coinnovation.models.base import Entity, Id, Text
from coinnovation.models.vocabularies import Consent, OrganisationKind, PersonRole, Sector

__all__ = ["Community", "Membership", "Organisation", "Person"]


class Community(Entity):
    """A group whose needs are at stake, often the residents of a place.

    Attributes:
        name: What the community is called.
        place: Where it is, in words (a ward, a town ...).
        area_code: A statistical area code (an LSOA, a ward code ...), if known.
        imd_decile: Index of Multiple Deprivation decile, 1 (most deprived) to 10.
        population: How many people the community counts, if known.
        description: Free text.

    Examples:
        >>> Community(id="c-blakenall", name="Blakenall residents", imd_decile=1).imd_decile
        1
    """

    name: Text
    place: str | None = None
    area_code: str | None = None
    imd_decile: Annotated[int, Field(ge=1, le=10)] | None = None
    population: Annotated[int, Field(ge=0)] | None = None
    description: str | None = None


class Organisation(Entity):
    """A body that takes part: a community organisation, a firm, an NHS trust ...

    Attributes:
        name: The organisation's name.
        kind: What kind of body it is.
        sector: The strand of society it belongs to.
        parent: The id of an organisation it is part of (a trust within a system ...).
        communities: Ids of the communities it serves or represents.
        place: Where it is based.
        description: Free text.

    Examples:
        >>> Organisation(id="o-1", name="Acme Health", kind="firm", sector="industry").sector
        <Sector.INDUSTRY: 'industry'>
    """

    name: Text
    kind: OrganisationKind = OrganisationKind.OTHER
    sector: Sector
    parent: Id | None = None
    communities: tuple[Id, ...] = ()
    place: str | None = None
    description: str | None = None


class Person(Entity):
    """An individual stakeholder.

    A person's sector normally comes from the organisations they are members of; set
    ``sector`` for people who take part on their own account (a resident with lived
    experience, an independent advocate).

    Attributes:
        name: A name or a pseudonym.
        roles: The roles they play.
        sector: Their own sector, overriding their organisations'.
        communities: Ids of communities they belong to or speak for.
        description: Free text.
        consent: Whether they may be named in what the hub shares (exports, reports,
            graph files): ``named``, ``pseudonymous`` (the default) or ``excluded``.

    Examples:
        >>> Person(id="p-1", name="R. Khan", roles=("peer_researcher",), sector="community").roles
        (<PersonRole.PEER_RESEARCHER: 'peer_researcher'>,)
    """

    name: Text
    roles: tuple[PersonRole, ...] = ()
    sector: Sector | None = None
    communities: tuple[Id, ...] = ()
    description: str | None = None
    consent: Consent = Consent.PSEUDONYMOUS


class Membership(Entity):
    """A person's membership of an organisation, with a role and dates.

    Attributes:
        person: The member's id.
        organisation: The organisation's id.
        role: The role they play there.
        title: Their job title, in words.
        primary: Whether this is the person's main organisation: it then gives their
            sector and their place in organisation-level views before other memberships.
        start: First day of the membership (``None``: since before the record).
        end: Last day of the membership (``None``: still a member).

    Examples:
        >>> from datetime import date
        >>> m = Membership(id="m-1", person="p-1", organisation="o-1", start=date(2023, 1, 1))
        >>> m.active_on(date(2023, 6, 22)), m.active_on(date(2022, 6, 22))
        (True, False)
    """

    person: Id
    organisation: Id
    role: PersonRole | None = None
    title: str | None = None
    primary: bool = False
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    def active_on(self, day: date | None) -> bool:
        """Whether the membership covers ``day`` (``None``: at any time).

        Args:
            day: The day to test, or ``None`` to ask whether it ever held.

        Returns:
            ``True`` when ``start <= day <= end``, open ends counting as unbounded.

        Examples:
            >>> Membership(id="m-2", person="p-1", organisation="o-1").active_on(None)
            True
        """
        if day is None:
            return True
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end
