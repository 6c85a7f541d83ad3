"""The domain models: the data users store and exchange (pydantic v2, immutable).

Examples:
    >>> from coinnovation.models import Hub, Person
    >>> Hub().add(Person(id="p-1", name="Ana")).person("p-1").name
    'Ana'
"""

# The stage model's module before issue 10, kept an attribute of the package as it was:
# a deprecated alias of coinnovation.models.stages whose names warn when used.
from coinnovation.models import process as process
from coinnovation.models.agreements import (
    Agreement,
    Amendment,
    Cost,
    FieldChange,
    Party,
    Reward,
    Share,
)
from coinnovation.models.base import (
    Attributes,
    AttributeValue,
    Currency,
    Entity,
    Id,
    Money,
    Record,
    Tag,
    minor_unit,
)
from coinnovation.models.challenges import Challenge, Framing, StageChange, StageName
from coinnovation.models.hub import SCHEMA_VERSION, Hub
from coinnovation.models.integrity import hub_problems
from coinnovation.models.outcomes import Outcome
from coinnovation.models.scope import Moment, Scope, Selection
from coinnovation.models.sessions import Contribution, Participation, Session
from coinnovation.models.stages import DEFAULT_PROCESS, DOUBLE_DIAMOND, StageModel, Transition
from coinnovation.models.stakeholders import Community, Membership, Organisation, Person
from coinnovation.models.vocabularies import (
    DEFAULT_STAGES,
    AgreementStatus,
    Consent,
    ContributionKind,
    CostKind,
    OrganisationKind,
    ParticipationLevel,
    ParticipationRole,
    PersonRole,
    RewardKind,
    Sector,
    SessionKind,
    Stage,
    session_kinds,
)

__all__ = [
    "DEFAULT_PROCESS",
    "DEFAULT_STAGES",
    "DOUBLE_DIAMOND",
    "SCHEMA_VERSION",
    "Agreement",
    "AgreementStatus",
    "Amendment",
    "AttributeValue",
    "Attributes",
    "Challenge",
    "Community",
    "Consent",
    "Contribution",
    "ContributionKind",
    "Cost",
    "CostKind",
    "Currency",
    "Entity",
    "FieldChange",
    "Framing",
    "Hub",
    "Id",
    "Membership",
    "Moment",
    "Money",
    "Organisation",
    "OrganisationKind",
    "Outcome",
    "Participation",
    "ParticipationLevel",
    "ParticipationRole",
    "Party",
    "Person",
    "PersonRole",
    "Record",
    "Reward",
    "RewardKind",
    "Scope",
    "Sector",
    "Selection",
    "Session",
    "SessionKind",
    "Share",
    "Stage",
    "StageChange",
    "StageModel",
    "StageName",
    "Tag",
    "Transition",
    "hub_problems",
    "minor_unit",
    "session_kinds",
]
