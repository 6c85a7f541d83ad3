"""The controlled vocabularies: well-known values as string enums.

Every enum is a :class:`enum.StrEnum`, so its members are plain strings in files and in
comparisons (``Sector.COMMUNITY == "community"``). What a vocabulary does not cover goes
in an entity's ``tags`` or ``attributes``.

Examples:
    >>> Sector("health_service") is Sector.HEALTH_SERVICE
    True
    >>> ParticipationLevel.COLLABORATE.at_least(ParticipationLevel.INVOLVE)
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

__all__ = [
    "AgreementStatus",
    "Consent",
    "ContributionKind",
    "CostKind",
    "DEFAULT_STAGES",
    "OrganisationKind",
    "ParticipationLevel",
    "ParticipationRole",
    "PersonRole",
    "RewardKind",
    "Sector",
    "SessionKind",
    "Stage",
    "session_kinds",
]


class Sector(StrEnum):
    """The strand of society an organisation belongs to: the quadruple helix, plus health.

    Examples:
        >>> [sector.value for sector in Sector][:3]
        ['community', 'industry', 'academia']
    """

    COMMUNITY = "community"
    """Community organisations, charities, housing associations, advocates: civil society."""
    INDUSTRY = "industry"
    """Firms, start-ups, social enterprises that sell products or services."""
    ACADEMIA = "academia"
    """Universities, colleges, research institutes."""
    GOVERNMENT = "government"
    """Local authorities and other public bodies outside the health service."""
    HEALTH_SERVICE = "health_service"
    """NHS trusts, commissioners, primary care, integrated care boards."""
    OTHER = "other"
    """Anything else (funders, the media ...)."""


class OrganisationKind(StrEnum):
    """What kind of body an organisation is.

    Examples:
        >>> OrganisationKind.HOUSING_ASSOCIATION.value
        'housing_association'
    """

    COMMUNITY_ORGANISATION = "community_organisation"
    HOUSING_ASSOCIATION = "housing_association"
    CHARITY = "charity"
    SOCIAL_ENTERPRISE = "social_enterprise"
    FIRM = "firm"
    NHS_TRUST = "nhs_trust"
    COMMISSIONING_BODY = "commissioning_body"
    PRIMARY_CARE = "primary_care"
    UNIVERSITY = "university"
    COLLEGE = "college"
    RESEARCH_INSTITUTE = "research_institute"
    LOCAL_AUTHORITY = "local_authority"
    PUBLIC_BODY = "public_body"
    FUNDER = "funder"
    OTHER = "other"


class PersonRole(StrEnum):
    """The roles a person plays in co-innovation (a person may have several).

    Examples:
        >>> PersonRole("peer_researcher")
        <PersonRole.PEER_RESEARCHER: 'peer_researcher'>
    """

    COMMUNITY_CHAMPION = "community_champion"
    COMMUNITY_ADVOCATE = "community_advocate"
    PEER_RESEARCHER = "peer_researcher"
    LIVED_EXPERIENCE = "lived_experience"
    """A patient, carer or resident taking part on the strength of lived experience."""
    CLINICIAN = "clinician"
    SERVICE_DESIGNER = "service_designer"
    COMMISSIONER = "commissioner"
    INNOVATOR = "innovator"
    ACADEMIC = "academic"
    OFFICER = "officer"
    """A local-government or public-body officer."""
    MANAGER = "manager"
    STUDENT = "student"
    OTHER = "other"


class Consent(StrEnum):
    """What a person has agreed to about their name in what the hub shares.

    Exports, reports and graph files show a person's name only with ``named`` consent;
    ``pseudonymous`` people appear under a stable pseudonym; ``excluded`` people are left
    out of them (counted only in totals). The default is ``pseudonymous``: no one is named
    without saying yes.

    Examples:
        >>> Consent("named") is Consent.NAMED
        True
    """

    NAMED = "named"
    """May be named in exports and reports."""
    PSEUDONYMOUS = "pseudonymous"
    """Appears under a pseudonym, stable for the hub."""
    EXCLUDED = "excluded"
    """Left out of exports, reports and graph files; counted only in totals."""


class SessionKind(StrEnum):
    """What kind of meeting a session is; sessions nest (event > workshop > table).

    Examples:
        >>> SessionKind.TABLE.value
        'table'
    """

    EVENT = "event"
    WORKSHOP = "workshop"
    TABLE = "table"
    PRESENTATION = "presentation"
    MEETING = "meeting"
    OTHER = "other"


def session_kinds(kind: SessionKind | str | Iterable[SessionKind | str] | None) -> tuple[str, ...]:
    """The session kinds an option names, as values, each once, in the order given.

    Functions that take ``kind=`` — one kind, several, or ``None`` for any — read it
    through this.

    Args:
        kind: A kind, an iterable of kinds, or ``None``.

    Returns:
        The kinds' values; empty for ``None``.

    Raises:
        ValueError: A value that is not a session kind.

    Examples:
        >>> session_kinds("table"), session_kinds(["table", SessionKind.WORKSHOP, "table"])
        (('table',), ('table', 'workshop'))
        >>> session_kinds(None)
        ()
    """
    if kind is None:
        return ()
    if isinstance(kind, str):
        return (SessionKind(kind).value,)
    return tuple(dict.fromkeys(SessionKind(k).value for k in kind))


class ParticipationRole(StrEnum):
    """The part a stakeholder played in a session.

    Examples:
        >>> ParticipationRole.PRESENTER.value
        'presenter'
    """

    ORGANISER = "organiser"
    HOST = "host"
    PRESENTER = "presenter"
    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"
    OBSERVER = "observer"
    NOTE_TAKER = "note_taker"


class ParticipationLevel(StrEnum):
    """The IAP2 spectrum of public participation, from least to most shared power.

    The members are ordered: use :attr:`rank` or :meth:`at_least` to compare them (plain
    ``<`` would compare the strings).

    Examples:
        >>> ParticipationLevel.CONSULT.rank, ParticipationLevel.EMPOWER.rank
        (1, 4)
        >>> ParticipationLevel.CONSULT.at_least("involve")
        False
    """

    INFORM = "inform"
    """Given balanced information to understand the problem and options."""
    CONSULT = "consult"
    """Asked for feedback on analysis, options or decisions."""
    INVOLVE = "involve"
    """Worked with throughout so that concerns are understood and considered."""
    COLLABORATE = "collaborate"
    """A partner in each aspect of the decision, including finding the solution."""
    EMPOWER = "empower"
    """The final decision is in their hands."""

    @property
    def rank(self) -> int:
        """Position on the spectrum: 0 for inform up to 4 for empower.

        Examples:
            >>> ParticipationLevel.INVOLVE.rank
            2
        """
        return _LEVEL_RANK[self]

    def at_least(self, other: ParticipationLevel | str) -> bool:
        """Whether this level is ``other`` or further along the spectrum.

        Args:
            other: A level, or its string value.

        Returns:
            ``True`` when this level shares at least as much power as ``other``.

        Examples:
            >>> ParticipationLevel.EMPOWER.at_least(ParticipationLevel.COLLABORATE)
            True
        """
        return self.rank >= ParticipationLevel(other).rank


_LEVEL_RANK = {level: rank for rank, level in enumerate(ParticipationLevel)}


class Stage(StrEnum):
    """The default stages of the co-innovation process, in order.

    A hub may declare its own stages (``Hub.stages``); these are the default.

    Examples:
        >>> [stage.value for stage in Stage]
        ['framing', 'ideation', 'co_design', 'piloting', 'evaluation', 'adoption']
    """

    FRAMING = "framing"
    """Partners agree how the problem is understood."""
    IDEATION = "ideation"
    """Ideas for solutions are put forward."""
    CO_DESIGN = "co_design"
    """A chosen idea is designed with its users."""
    PILOTING = "piloting"
    """The solution is tried in a real setting."""
    EVALUATION = "evaluation"
    """The pilot's results are judged."""
    ADOPTION = "adoption"
    """The solution is taken up and paid for."""


#: The stage names of the default stage model, in order.
DEFAULT_STAGES: tuple[str, ...] = tuple(stage.value for stage in Stage)


class ContributionKind(StrEnum):
    """What a contribution is.

    Examples:
        >>> ContributionKind.FEEDBACK.value
        'feedback'
    """

    IDEA = "idea"
    FEEDBACK = "feedback"
    QUESTION = "question"
    ANSWER = "answer"
    """A reply to a question or to feedback."""
    CONCERN = "concern"
    EVIDENCE = "evidence"
    PRESENTATION = "presentation"
    SOLUTION = "solution"
    DECISION = "decision"
    OTHER = "other"


class CostKind(StrEnum):
    """How a cost is borne.

    Examples:
        >>> CostKind.IN_KIND.value
        'in_kind'
    """

    CASH = "cash"
    IN_KIND = "in_kind"
    """Goods, rooms or services given, valued in money."""
    TIME = "time"
    """Hours given, optionally valued at a rate."""


class RewardKind(StrEnum):
    """What a reward is.

    Examples:
        >>> RewardKind.REVENUE_SHARE.value
        'revenue_share'
    """

    CASH = "cash"
    REVENUE_SHARE = "revenue_share"
    EQUITY = "equity"
    LICENCE = "licence"
    IN_KIND = "in_kind"
    PAYMENT_FOR_TIME = "payment_for_time"
    RECOGNITION = "recognition"
    """Authorship, credit, a named role: rewards with no money value."""
    OTHER = "other"


class AgreementStatus(StrEnum):
    """Where an agreement is in its lifecycle.

    ``draft → proposed → agreed → active → completed``, or ``terminated`` from any
    non-final status.

    Examples:
        >>> AgreementStatus.AGREED.value
        'agreed'
    """

    DRAFT = "draft"
    PROPOSED = "proposed"
    AGREED = "agreed"
    ACTIVE = "active"
    COMPLETED = "completed"
    TERMINATED = "terminated"

    @property
    def binding(self) -> bool:
        """Whether the agreement has been agreed (agreed, active or completed).

        Examples:
            >>> AgreementStatus.DRAFT.binding, AgreementStatus.ACTIVE.binding
            (False, True)
        """
        return self in _BINDING


_BINDING = frozenset({AgreementStatus.AGREED, AgreementStatus.ACTIVE, AgreementStatus.COMPLETED})
