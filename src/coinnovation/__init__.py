"""coinnovation: typed models, networks and fair sharing for community co-innovation.

The top-level package re-exports what most users need: the domain models, the errors, and
hub files.

Examples:
    >>> import coinnovation as co
    >>> hub = co.Hub(name="demo").add(co.Organisation(id="o-1", name="whg", sector="community"))
    >>> co.loads(co.dumps(hub)) == hub
    True
"""

from importlib import metadata as _metadata

from coinnovation.errors import (
    CoinnovationError,
    FileFormatError,
    HubIntegrityError,
    MissingAttributeError,
    MissingDependencyError,
    Problem,
    ProjectionTooLargeError,
    SchemaVersionError,
    UnknownReferenceError,
)
from coinnovation.io import dumps, json_schema, load, loads, save
from coinnovation.models import (
    DEFAULT_STAGES,
    SCHEMA_VERSION,
    Agreement,
    AgreementStatus,
    Attributes,
    AttributeValue,
    Challenge,
    Community,
    Contribution,
    ContributionKind,
    Cost,
    CostKind,
    Currency,
    Entity,
    Framing,
    Hub,
    Id,
    Membership,
    Money,
    Organisation,
    OrganisationKind,
    Participation,
    ParticipationLevel,
    ParticipationRole,
    Party,
    Person,
    PersonRole,
    Record,
    Reward,
    RewardKind,
    Sector,
    Session,
    SessionKind,
    Share,
    Stage,
    StageChange,
    StageName,
    Tag,
    hub_problems,
    minor_unit,
)

try:
    __version__ = _metadata.version("coinnovation")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "__version__",
    "Agreement",
    "AgreementStatus",
    "AttributeValue",
    "Attributes",
    "Challenge",
    "CoinnovationError",
    "Community",
    "Contribution",
    "ContributionKind",
    "Cost",
    "CostKind",
    "Currency",
    "DEFAULT_STAGES",
    "Entity",
    "FileFormatError",
    "Framing",
    "Hub",
    "HubIntegrityError",
    "Id",
    "Membership",
    "MissingAttributeError",
    "MissingDependencyError",
    "Money",
    "Organisation",
    "OrganisationKind",
    "Participation",
    "ParticipationLevel",
    "ParticipationRole",
    "Party",
    "Person",
    "PersonRole",
    "Problem",
    "ProjectionTooLargeError",
    "Record",
    "Reward",
    "RewardKind",
    "SCHEMA_VERSION",
    "SchemaVersionError",
    "Sector",
    "Session",
    "SessionKind",
    "Share",
    "Stage",
    "StageChange",
    "StageName",
    "Tag",
    "UnknownReferenceError",
    "dumps",
    "hub_problems",
    "json_schema",
    "load",
    "loads",
    "minor_unit",
    "save",
]
