"""coinnovation: typed models, networks and fair sharing for community co-innovation.

The top-level package re-exports what most users need: the domain models, the errors, and
hub files. ``import coinnovation`` loads only those (the errors, the models and
:mod:`coinnovation.io.files`); everything heavier loads on first use, subpackages included:
``coinnovation.network`` or ``coinnovation.sharing`` need no import of their own.

Examples:
    >>> import coinnovation as co
    >>> hub = co.Hub(name="demo").add(co.Organisation(id="o-1", name="whg", sector="community"))
    >>> co.loads(co.dumps(hub)) == hub
    True
"""

import sys as _sys
import typing as _typing
from importlib import metadata as _metadata

from coinnovation._lazy import attach as _attach
from coinnovation.errors import (
    CoinnovationError,
    FileFormatError,
    HubIntegrityError,
    IllegalTransitionError,
    InvalidAgreementError,
    InvalidAmountError,
    MissingAttributeError,
    MissingDependencyError,
    NullModelError,
    PrivacyError,
    Problem,
    ProjectionTooLargeError,
    RegisterError,
    RowProblem,
    SchemaVersionError,
    StoreBusyError,
    StoreError,
    UnknownReferenceError,
    UnreadableFileError,
)
from coinnovation.io.files import dumps, load, loads, save
from coinnovation.models import (
    DEFAULT_PROCESS,
    DEFAULT_STAGES,
    DOUBLE_DIAMOND,
    SCHEMA_VERSION,
    Agreement,
    AgreementStatus,
    Amendment,
    Attributes,
    AttributeValue,
    Challenge,
    Community,
    Consent,
    Contribution,
    ContributionKind,
    Cost,
    CostKind,
    Currency,
    Entity,
    FieldChange,
    Framing,
    Hub,
    Id,
    Membership,
    Moment,
    Money,
    Organisation,
    OrganisationKind,
    Outcome,
    Participation,
    ParticipationLevel,
    ParticipationRole,
    Party,
    Person,
    PersonRole,
    Record,
    Reward,
    RewardKind,
    Scope,
    Sector,
    Selection,
    Session,
    SessionKind,
    Share,
    Stage,
    StageChange,
    StageModel,
    StageName,
    Tag,
    Transition,
    hub_problems,
    minor_unit,
)

if _typing.TYPE_CHECKING:
    from coinnovation.io.schema import json_schema

__getattr__, __dir__ = _attach(
    _sys.modules[__name__], {"json_schema": "coinnovation.io.schema"}, submodules=True
)

try:
    __version__ = _metadata.version("coinnovation")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "__version__",
    "Agreement",
    "AgreementStatus",
    "Amendment",
    "AttributeValue",
    "Attributes",
    "Challenge",
    "CoinnovationError",
    "Community",
    "Consent",
    "Contribution",
    "ContributionKind",
    "Cost",
    "CostKind",
    "Currency",
    "DEFAULT_PROCESS",
    "DEFAULT_STAGES",
    "DOUBLE_DIAMOND",
    "Entity",
    "FieldChange",
    "FileFormatError",
    "Framing",
    "Hub",
    "HubIntegrityError",
    "Id",
    "IllegalTransitionError",
    "InvalidAgreementError",
    "InvalidAmountError",
    "Membership",
    "MissingAttributeError",
    "MissingDependencyError",
    "Moment",
    "Money",
    "NullModelError",
    "Organisation",
    "OrganisationKind",
    "Outcome",
    "Participation",
    "ParticipationLevel",
    "ParticipationRole",
    "Party",
    "Person",
    "PersonRole",
    "PrivacyError",
    "Problem",
    "ProjectionTooLargeError",
    "Record",
    "RegisterError",
    "Reward",
    "RewardKind",
    "RowProblem",
    "SCHEMA_VERSION",
    "SchemaVersionError",
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
    "StoreBusyError",
    "StoreError",
    "Tag",
    "Transition",
    "UnknownReferenceError",
    "UnreadableFileError",
    "dumps",
    "hub_problems",
    "json_schema",
    "load",
    "loads",
    "minor_unit",
    "save",
]
