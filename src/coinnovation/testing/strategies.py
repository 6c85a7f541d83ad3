"""Hypothesis strategies for valid, referentially consistent records and whole hubs.

Use them in your own property tests: :func:`hubs` gives complete hubs with every kind of
record, and the record strategies (:func:`people`, :func:`sessions`, :func:`agreements`
...) give single records that refer only to the ids you pass them. Every value drawn
passes the models' validation and, for hubs, the integrity check.

The strategies are written by hand rather than with ``st.builds``, which would ignore the
models' id patterns, decimal limits and cross-field rules. They need the ``testing`` extra
(``pip install 'coinnovation[testing]'``); importing this module without hypothesis raises
:class:`~coinnovation.errors.MissingDependencyError`.

What the values look like:

- ids match the :data:`~coinnovation.models.Id` pattern and are unique across a hub;
- text is any Unicode but surrogates; tags are visible characters with inner spaces;
- datetimes are timezone-aware, at one of several fixed UTC offsets, from 2000 to 2041;
- money is in one of a few currencies (minor units 0, 2, 3 and 4), to its minor unit;
- decimals are finite; hours are non-negative; attribute values are JSON scalars;
- shares of a reward are exact decimal fractions that add up to exactly one.

Records are drawn as plain values first and then tied to the ids available, so failing
examples shrink well: to fewer records, to the first id of each list, and to empty
optional fields.

Examples:
    >>> from hypothesis import given, settings
    >>> from coinnovation.models import hub_problems
    >>> @settings(max_examples=10)
    ... @given(hubs())
    ... def test_every_hub_is_sound(hub):
    ...     assert hub_problems(hub) == []
    >>> test_every_hub_is_sound()
"""

from __future__ import annotations

import itertools
import operator
import string
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple, TypeVar

from pydantic import TypeAdapter, ValidationError

from coinnovation.errors import MissingDependencyError
from coinnovation.models import (
    DEFAULT_STAGES,
    Agreement,
    AgreementStatus,
    Amendment,
    AttributeValue,
    Challenge,
    Community,
    Consent,
    Contribution,
    ContributionKind,
    Cost,
    CostKind,
    Entity,
    FieldChange,
    Framing,
    Hub,
    Id,
    Membership,
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
    Reward,
    RewardKind,
    Sector,
    Session,
    SessionKind,
    Share,
    StageChange,
    StageModel,
    StageName,
    Transition,
    minor_unit,
)
from coinnovation.models.records import RECORD_TYPES

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError:
    raise MissingDependencyError(
        "hypothesis", "testing", "coinnovation.testing.strategies"
    ) from None

__all__ = [
    "agreements",
    "attributes",
    "challenges",
    "communities",
    "contributions",
    "formula_texts",
    "framings",
    "hubs",
    "ids",
    "memberships",
    "money",
    "organisations",
    "outcomes",
    "participations",
    "people",
    "pots",
    "sessions",
    "tags",
]

_T = TypeVar("_T")

# -- constants ---------------------------------------------------------------------------------

_ID_FIRST = string.digits + string.ascii_uppercase + string.ascii_lowercase
_ID_REST = _ID_FIRST + "_.:-"
_ID_MAX = 128
_STAGE_FIRST = string.ascii_lowercase
_STAGE_REST = string.ascii_lowercase + string.digits + "_"

#: Currencies money is drawn in: minor units of 2 (GBP, EUR, USD), 0 (JPY), 3 (KWD), 4 (CLF).
_CURRENCIES = ("GBP", "EUR", "USD", "JPY", "KWD", "CLF")
_MAX_UNITS = 10**9

#: Fixed UTC offsets for aware datetimes, from -12:00 to +14:00, with half and quarter hours.
_ZONES: tuple[timezone, ...] = (
    UTC,
    *(timezone(timedelta(minutes=minutes)) for minutes in (60, -300, 330, -570, 765, 840, -720)),
)
_EARLIEST = datetime(2000, 1, 1)
_LATEST = datetime(2040, 12, 31, 23, 59, 59)
#: How long a top-level session's window is; sub-sessions fall inside their parent's times.
_WINDOW = timedelta(days=14)
#: Positions inside a time window are drawn in millionths of it.
_MILLION = 10**6

_ID_ADAPTER: TypeAdapter[str] = TypeAdapter(Id)
_STAGE_ADAPTER: TypeAdapter[str] = TypeAdapter(StageName)

# -- value strategies, built once --------------------------------------------------------------

# Visible characters: never white space, neither for Python nor for the Rust regex engine
# that checks the tag pattern.
_TAG_ALPHABET = st.characters(categories=("L", "M", "N", "P", "S"), include_characters=" ")

_BOOLEANS = st.booleans()
_TEXTS = st.text(min_size=1, max_size=40)
_MAYBE_TEXTS = st.none() | st.text(max_size=40)


# Days, moments and hours are drawn as one integer each (a date strategy draws three
# choices, a datetime seven): fewer choices make hubs quicker to draw and to shrink.
def _day(offset: int) -> date:
    return _EARLIEST.date() + timedelta(days=offset)


def _moment(offset: int) -> datetime:
    return _EARLIEST + timedelta(microseconds=offset)


def _hundredths(count: int) -> Decimal:
    return Decimal(count).scaleb(-2)


_DAYS = st.builds(_day, st.integers(0, (_LATEST.date() - _EARLIEST.date()).days))
_MAYBE_DAYS = st.none() | _DAYS
_MOMENTS = st.builds(_moment, st.integers(0, (_LATEST - _EARLIEST) // timedelta(microseconds=1)))
_HOURS = st.builds(_hundredths, st.integers(0, 100_000))
_MAYBE_HOURS = st.none() | _HOURS
_STAGE_NAMES = st.builds(
    operator.add, st.sampled_from(_STAGE_FIRST), st.text(_STAGE_REST, max_size=12)
)
_ATTRIBUTE_NAMES = st.text(min_size=1, max_size=40)
_ATTRIBUTE_VALUES: st.SearchStrategy[AttributeValue] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
)
_ATTRIBUTES = st.dictionaries(_ATTRIBUTE_NAMES, _ATTRIBUTE_VALUES, max_size=4)
# Only the space is white space in the alphabet, so stripping it leaves a valid tag.
_TAGS = st.text(_TAG_ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
# Three records in four get no tags and no attributes: drawing text is what costs most.
_RECORD_TAGS: st.SearchStrategy[tuple[str, ...]] = st.one_of(
    *[st.just(())] * 3, st.lists(_TAGS, min_size=1, max_size=3, unique=True).map(tuple)
)
_RECORD_ATTRIBUTES: st.SearchStrategy[dict[str, AttributeValue]] = st.one_of(
    *[st.just({})] * 3,
    st.dictionaries(_ATTRIBUTE_NAMES, _ATTRIBUTE_VALUES, min_size=1, max_size=4),
)
_AREA_CODES = st.none() | st.builds(
    "{}0{:07d}".format, st.sampled_from("EW"), st.integers(0, 9_999_999)
)
_HEALTH_AREAS = st.none() | st.sampled_from(
    ("diabetes", "mental health", "perinatal care", "frailty", "respiratory")
)
_RULES = st.none() | st.sampled_from(("equal", "proportional", "shapley", "negotiated"))
_PARTY_ROLES = st.none() | st.sampled_from(("lead", "community partner", "funder"))
_CURRENCY_CODES = st.sampled_from(_CURRENCIES)

# References are drawn as small integers and read modulo the number of ids available, so
# they shrink towards the first id.
_INDEX = st.integers(0, 255)
_MAYBE_INDEX = st.none() | _INDEX
_INDEX_LISTS = st.lists(_INDEX, max_size=3)
_POSITIONS = st.integers(0, _MILLION)


def _plain(**strategies: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Field values that refer to nothing, with the tags and attributes every entity has."""
    return st.fixed_dictionaries(
        {"tags": _RECORD_TAGS, "attributes": _RECORD_ATTRIBUTES, **strategies}
    )


# -- helpers -----------------------------------------------------------------------------------


def _at(values: Sequence[_T], index: int) -> _T:
    return values[index % len(values)]


def _maybe_at(values: Sequence[_T], index: int | None) -> _T | None:
    return None if index is None or not values else values[index % len(values)]


def _several(
    values: Sequence[_T], indices: Sequence[int], *, at_least_one: bool = False
) -> tuple[_T, ...]:
    """The distinct values the indices point to, in order of first mention."""
    if not values:
        return ()
    chosen = tuple(dict.fromkeys(values[index % len(values)] for index in indices))
    return chosen or ((values[0],) if at_least_one else ())


def _unique(raw: str, used: set[str]) -> str:
    """``raw``, or ``raw`` with a ``.n`` suffix if taken; recorded as used."""
    own, count = raw, 0
    while own in used:
        count += 1
        own = f"{raw[: _ID_MAX - 8]}.{count}"
    used.add(own)
    return own


def _aware(moment: datetime, zone: int) -> datetime:
    """A naive UTC datetime made aware, at one of the fixed offsets."""
    return moment.replace(tzinfo=UTC).astimezone(_at(_ZONES, zone))


def _valid_id(value: str, what: str) -> str:
    try:
        return _ID_ADAPTER.validate_python(value)
    except ValidationError:
        raise InvalidArgument(f"{what} {value!r} is not a valid id") from None


def _valid_stages(stages: Sequence[str]) -> tuple[str, ...]:
    if isinstance(stages, str):
        raise InvalidArgument(f"stages must be a sequence of stage names, not {stages!r}")
    checked = tuple(stages)
    if not checked:
        raise InvalidArgument("stages must name at least one stage")
    for stage in checked:
        try:
            _STAGE_ADAPTER.validate_python(stage)
        except ValidationError:
            raise InvalidArgument(f"{stage!r} is not a valid stage name") from None
    if len(set(checked)) != len(checked):
        raise InvalidArgument(f"stages {checked!r} list a stage twice")
    return checked


def _refs(values: Sequence[str], what: str, *, required: bool = False) -> tuple[str, ...]:
    if isinstance(values, str):
        raise InvalidArgument(f"{what} must be a sequence of ids, not the string {values!r}")
    checked = tuple(values)
    if required and not checked:
        raise InvalidArgument(f"{what} must name at least one id")
    return checked


def _own_ids(id: str | None, prefix: str) -> st.SearchStrategy[str]:
    return ids(prefix) if id is None else st.just(_valid_id(id, "id"))


def _valid_currency(currency: str) -> str:
    try:
        minor_unit(currency)
    except KeyError:
        raise InvalidArgument(f"{currency!r} is not an ISO 4217 currency code") from None
    return currency


# -- scalars -----------------------------------------------------------------------------------


def ids(prefix: str | None = None) -> st.SearchStrategy[str]:
    """Ids that match the :data:`~coinnovation.models.Id` pattern.

    Args:
        prefix: A start every id shares (``"p-"``); it must itself be a valid id. Without
            it, ids are any letters, digits and ``_ . : -``, starting with a letter or digit.

    Returns:
        A strategy for ids (strings of 1 to 128 characters).

    Raises:
        InvalidArgument: ``prefix`` is not a valid id or leaves no room for more.

    Examples:
        >>> from hypothesis import find
        >>> find(ids(prefix="p-"), lambda value: len(value) > 3)
        'p-00'
    """
    if prefix is None:
        return st.builds(
            operator.add, st.sampled_from(_ID_FIRST), st.text(_ID_REST, max_size=_ID_MAX - 1)
        )
    _valid_id(prefix, "prefix")
    if len(prefix) >= _ID_MAX:
        raise InvalidArgument(f"prefix {prefix!r} leaves no room in a {_ID_MAX}-character id")
    tails = st.text(_ID_REST, min_size=1, max_size=_ID_MAX - len(prefix))
    return tails.map(prefix.__add__)


_ANY_IDS = ids()


def tags() -> st.SearchStrategy[str]:
    """Free labels: visible characters with spaces inside, never at either end.

    Returns:
        A strategy for strings valid as :data:`~coinnovation.models.Tag`.

    Examples:
        >>> from hypothesis import find
        >>> find(tags(), lambda tag: " " in tag)
        '0 0'
    """
    return _TAGS


def attributes() -> st.SearchStrategy[dict[str, AttributeValue]]:
    """Free typed attributes: up to four names, each mapped to a JSON scalar.

    Values are ``None``, booleans, integers, finite floats or strings.

    Returns:
        A strategy for dicts valid as :data:`~coinnovation.models.Attributes`.

    Examples:
        >>> from hypothesis import find
        >>> find(attributes(), lambda found: any(isinstance(v, float) for v in found.values()))
        {'0': 0.0}
    """
    return _ATTRIBUTES


class _Amount(NamedTuple):
    """An amount in ten-thousandths, rounded down to the minor unit of the currency used."""

    ten_thousandths: int

    def money(self, currency: str) -> Money:
        places = minor_unit(currency)
        scaled = self.ten_thousandths // 10 ** (4 - places)
        return Money(amount=Decimal(scaled).scaleb(-places), currency=currency)


_AMOUNTS = st.builds(_Amount, st.integers(-_MAX_UNITS * 10**4, _MAX_UNITS * 10**4))
_MAYBE_AMOUNTS = st.none() | _AMOUNTS


def money(currency: str | None = None) -> st.SearchStrategy[Money]:
    """Amounts of money, to the currency's minor unit, between minus and plus a billion.

    Args:
        currency: An ISO 4217 code to draw every amount in. Without it, the currency is
            one of GBP, EUR, USD (two decimal places), JPY (none), KWD (three) or CLF (four).

    Returns:
        A strategy for :class:`~coinnovation.models.Money`; amounts may be negative.

    Raises:
        InvalidArgument: ``currency`` is not an ISO 4217 code.

    Examples:
        >>> from hypothesis import find
        >>> find(money("JPY"), lambda cash: cash.amount > 1000)
        Money(amount=Decimal('1001'), currency='JPY')
    """
    codes = _CURRENCY_CODES if currency is None else st.just(_valid_currency(currency))
    return st.builds(_Amount.money, _AMOUNTS, codes)


# What spreadsheets run as a formula, in ASCII, full width, small and super/subscript forms;
# and what may stand before it unseen: white space, zero-width characters, an apostrophe.
_FORMULA_STARTS = tuple("=+-@\t\r") + tuple("\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
_FORMULA_STARTS += ("\u207c", "\u207a", "\u208a")
_FORMULA_PADDING = (" ", "\n", "\t", "\r", "\u00a0", "\u3000", "\u200b", "\ufeff", "'")
_FORMULA_BODIES = ("1+1", 'HYPERLINK("http://x","y")', "cmd|' /C calc'!A0", "SUM(A1:A9)", "44 7700")
_FORMULA_TEXTS = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda padding, start, body: padding + start + body,
        st.text(st.sampled_from(_FORMULA_PADDING), max_size=3),
        st.sampled_from(_FORMULA_STARTS),
        st.sampled_from(_FORMULA_BODIES) | st.text(max_size=20),
    ),
)


def formula_texts() -> st.SearchStrategy[str]:
    r"""Text as people type it into a form or a sheet, often shaped like a spreadsheet formula.

    Half are any text; half start like a formula (``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return, or the full-width, small or superscript forms of the four signs),
    perhaps behind spaces, line breaks, no-break or zero-width spaces or an apostrophe,
    then a known payload or any text. Use it to test that what you write for a
    spreadsheet is neutralised (:func:`coinnovation.export.tables.looks_like_formula`).

    Returns:
        A strategy for strings (surrogates excluded).

    Examples:
        >>> import unicodedata
        >>> from hypothesis import find
        >>> def full_width_formula_behind_a_space(text):
        ...     first = text.strip()[:1]
        ...     return text[:1] == " " and first != "=" and unicodedata.normalize("NFKC", first) == "="
        >>> found = find(formula_texts(), full_width_formula_behind_a_space)
        >>> full_width_formula_behind_a_space(found)
        True
    """
    return _FORMULA_TEXTS


def _pot_forms(units: int, currency: str) -> st.SearchStrategy[Any]:
    """One amount of ``units`` minor units, in each form a user may type it."""
    places = minor_unit(currency)
    amount = Decimal(units).scaleb(-places)
    forms: list[Any] = [amount, str(amount), float(amount), Money(amount=amount, currency=currency)]
    if amount == amount.to_integral_value():
        forms.append(int(amount))
    return st.sampled_from(forms)


def pots(currency: str | None = None) -> st.SearchStrategy[tuple[Any, str]]:
    """Pots to share, as users type them, with their currency: never negative.

    Each pot is a whole number of the currency's minor units from 0 to a billion units,
    given as a :class:`~decimal.Decimal`, a decimal string, a float (whose shortest form
    is the amount), an int when it is whole, or a :class:`~coinnovation.models.Money`:
    every form :func:`~coinnovation.sharing.to_money` reads.

    Args:
        currency: An ISO 4217 code to draw every pot in; otherwise one of GBP, EUR, USD,
            JPY, KWD or CLF.

    Returns:
        A strategy for ``(amount, currency)`` pairs.

    Raises:
        InvalidArgument: ``currency`` is not an ISO 4217 code.

    Examples:
        >>> from hypothesis import find
        >>> find(pots("GBP"), lambda pot: isinstance(pot[0], float) and pot[0] > 1)
        (1.01, 'GBP')
    """
    codes = _CURRENCY_CODES if currency is None else st.just(_valid_currency(currency))
    return codes.flatmap(
        lambda code: st.integers(0, _MAX_UNITS).flatmap(
            lambda units: st.tuples(_pot_forms(units, code), st.just(code))
        )
    )


# -- record seeds ------------------------------------------------------------------------------
#
# A seed holds everything drawn for one record: its raw id, a key that orders records in a
# hub, the plain field values, and references as indices. Resolving a seed against the ids
# available gives the record. Seed strategies are built once, so drawing a hub creates no
# strategy per record, and each record is one span that hypothesis can delete or shrink.


class _Seed(NamedTuple):
    id: str
    order: int
    plain: dict[str, Any]
    links: dict[str, Any]


def _seeds(
    plain: st.SearchStrategy[dict[str, Any]], **links: st.SearchStrategy[Any]
) -> st.SearchStrategy[_Seed]:
    return st.builds(_Seed, _ANY_IDS, _INDEX, plain, st.fixed_dictionaries(links))


_COMMUNITY_SEEDS = _seeds(
    _plain(
        name=_TEXTS,
        place=_MAYBE_TEXTS,
        area_code=_AREA_CODES,
        imd_decile=st.none() | st.integers(1, 10),
        population=st.none() | st.integers(0, 10_000_000),
        description=_MAYBE_TEXTS,
    )
)
_ORGANISATION_SEEDS = _seeds(
    _plain(
        name=_TEXTS,
        kind=st.sampled_from(OrganisationKind),
        sector=st.sampled_from(Sector),
        place=_MAYBE_TEXTS,
        description=_MAYBE_TEXTS,
    ),
    parent=_MAYBE_INDEX,
    communities=_INDEX_LISTS,
)
_PERSON_SEEDS = _seeds(
    _plain(
        name=_TEXTS,
        roles=st.lists(st.sampled_from(PersonRole), unique=True, max_size=3).map(tuple),
        sector=st.none() | st.sampled_from(Sector),
        description=_MAYBE_TEXTS,
        consent=st.sampled_from(Consent),
    ),
    communities=_INDEX_LISTS,
)


def _membership_dates(days: list[date], has_start: bool, has_end: bool) -> dict[str, Any]:
    start, end = sorted(days)
    return {"start": start if has_start else None, "end": end if has_end else None}


_MEMBERSHIP_SEEDS = _seeds(
    st.builds(
        operator.or_,
        _plain(
            role=st.none() | st.sampled_from(PersonRole),
            title=_MAYBE_TEXTS,
        ),
        st.builds(_membership_dates, st.lists(_DAYS, min_size=2, max_size=2), _BOOLEANS, _BOOLEANS),
    ),
    person=_INDEX,
    organisation=_INDEX,
)


def _community(seed: _Seed, own: str) -> Community:
    return Community(id=own, **seed.plain)


def _organisation(
    seed: _Seed, own: str, communities: Sequence[str], parents: Sequence[str]
) -> Organisation:
    return Organisation(
        id=own,
        parent=_maybe_at(parents, seed.links["parent"]),
        communities=_several(communities, seed.links["communities"]),
        **seed.plain,
    )


def _person(seed: _Seed, own: str, communities: Sequence[str]) -> Person:
    return Person(
        id=own, communities=_several(communities, seed.links["communities"]), **seed.plain
    )


def _membership(
    seed: _Seed, own: str, people: Sequence[str], organisations: Sequence[str]
) -> Membership:
    return Membership(
        id=own,
        person=_at(people, seed.links["person"]),
        organisation=_at(organisations, seed.links["organisation"]),
        **seed.plain,
    )


def communities(*, id: str | None = None) -> st.SearchStrategy[Community]:
    """Communities, with or without a place, an area code, an IMD decile and a population.

    Args:
        id: The id every community drawn gets; by default a fresh ``c-`` id.

    Returns:
        A strategy for :class:`~coinnovation.models.Community`.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(communities(id="c-blakenall"))
        ... def test_communities(community):
        ...     assert community.id == "c-blakenall"
        ...     assert community.imd_decile is None or 1 <= community.imd_decile <= 10
        >>> test_communities()
    """
    return st.builds(_community, _COMMUNITY_SEEDS, _own_ids(id, "c-"))


def organisations(
    *, id: str | None = None, communities: Sequence[str] = (), parents: Sequence[str] = ()
) -> st.SearchStrategy[Organisation]:
    """Organisations of any kind and sector, serving some of the given communities.

    Args:
        id: The id every organisation drawn gets; by default a fresh ``o-`` id.
        communities: Ids of communities an organisation may serve.
        parents: Ids of organisations it may be part of. To keep a hub free of loops,
            pass only organisations created before this one.

    Returns:
        A strategy for :class:`~coinnovation.models.Organisation`.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(organisations(communities=["c-1", "c-2"], parents=["o-nhs"]))
        ... def test_organisations(organisation):
        ...     assert organisation.id.startswith("o-")
        ...     assert organisation.parent in (None, "o-nhs")
        ...     assert set(organisation.communities) <= {"c-1", "c-2"}
        >>> test_organisations()
    """
    return st.builds(
        _organisation,
        _ORGANISATION_SEEDS,
        _own_ids(id, "o-"),
        st.just(_refs(communities, "communities")),
        st.just(_refs(parents, "parents")),
    )


def people(*, id: str | None = None, communities: Sequence[str] = ()) -> st.SearchStrategy[Person]:
    """People with up to three roles, perhaps their own sector, in some of the communities.

    Args:
        id: The id every person drawn gets; by default a fresh ``p-`` id.
        communities: Ids of communities a person may belong to or speak for.

    Returns:
        A strategy for :class:`~coinnovation.models.Person`.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(people(communities=["c-1"]))
        ... def test_people(person):
        ...     assert person.communities in ((), ("c-1",))
        ...     assert len(person.roles) <= 3
        >>> test_people()
    """
    return st.builds(
        _person, _PERSON_SEEDS, _own_ids(id, "p-"), st.just(_refs(communities, "communities"))
    )


def memberships(
    *, id: str | None = None, people: Sequence[str], organisations: Sequence[str]
) -> st.SearchStrategy[Membership]:
    """Memberships of one of the people in one of the organisations, ``start <= end``.

    Args:
        id: The id every membership drawn gets; by default a fresh ``m-`` id.
        people: Ids of the people to choose the member from (at least one).
        organisations: Ids of the organisations to choose from (at least one).

    Returns:
        A strategy for :class:`~coinnovation.models.Membership`.

    Raises:
        InvalidArgument: ``people`` or ``organisations`` is empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(memberships(people=["p-ana"], organisations=["o-whg"]))
        ... def test_memberships(membership):
        ...     assert (membership.person, membership.organisation) == ("p-ana", "o-whg")
        ...     if membership.start is not None and membership.end is not None:
        ...         assert membership.start <= membership.end
        >>> test_memberships()
    """
    return st.builds(
        _membership,
        _MEMBERSHIP_SEEDS,
        _own_ids(id, "m-"),
        st.just(_refs(people, "people", required=True)),
        st.just(_refs(organisations, "organisations", required=True)),
    )


# -- challenges --------------------------------------------------------------------------------


class _Move(NamedTuple):
    on: date
    stage: int
    session: int | None
    agreed_by: list[int]
    note: str | None


_CHALLENGE_SEEDS = _seeds(
    _plain(title=_TEXTS, description=_MAYBE_TEXTS, health_area=_HEALTH_AREAS),
    stage=_INDEX,
    history=st.lists(
        st.builds(_Move, _DAYS, _INDEX, _MAYBE_INDEX, _INDEX_LISTS, _MAYBE_TEXTS), max_size=3
    ),
    communities=_INDEX_LISTS,
    proposed_by=_INDEX_LISTS,
    derived_from=_INDEX_LISTS,
)
_FRAMING_SEEDS = _seeds(
    _plain(statement=_TEXTS, created=st.none() | _MOMENTS),
    challenge=_INDEX,
    author=_INDEX,
    session=_MAYBE_INDEX,
    reframes=_MAYBE_INDEX,
    zone=_INDEX,
)


def _walk(moves: Sequence[_Move], stages: Sequence[str], model: StageModel) -> list[str]:
    """The stage of each move: a walk the stage model allows, entering at a drawn stage."""
    walk: list[str] = []
    for move in moves:
        if not walk:
            walk.append(_at(stages, move.stage))
            continue
        allowed = model.allowed(walk[-1])
        if not allowed:  # a final stage: the history ends here
            break
        walk.append(_at(allowed, move.stage))
    return walk


def _challenge(
    seed: _Seed,
    own: str,
    communities: Sequence[str],
    stakeholders: Sequence[str],
    sessions: Sequence[str],
    stages: Sequence[str],
    earlier: Sequence[str] = (),
    transitions: tuple[Transition, ...] | None = None,
) -> Challenge:
    links = seed.links
    moves: list[_Move] = sorted(links["history"], key=lambda move: move.on)
    walk = _walk(moves, stages, StageModel(stages=tuple(stages), transitions=transitions))
    # The current stage is the last move's, or any stage when there is no history.
    stage = walk[-1] if walk else _at(stages, links["stage"])
    history = tuple(
        StageChange(
            stage=moved_to,
            on=move.on,
            session=_maybe_at(sessions, move.session),
            agreed_by=_several(stakeholders, move.agreed_by),
            note=move.note,
        )
        for moved_to, move in zip(walk, moves, strict=False)
    )
    return Challenge(
        id=own,
        stage=stage,
        stage_history=history,
        communities=_several(communities, links["communities"]),
        proposed_by=_several(stakeholders, links["proposed_by"]),
        derived_from=_several(earlier, links["derived_from"]),
        **seed.plain,
    )


def _framing(
    seed: _Seed,
    own: str,
    challenges: Sequence[str],
    stakeholders: Sequence[str],
    sessions: Sequence[str],
    earlier: Sequence[Framing],
) -> Framing:
    links = seed.links
    reframed = _maybe_at(earlier, links["reframes"])
    plain = dict(seed.plain)
    if plain["created"] is not None:
        plain["created"] = _aware(plain["created"], links["zone"])
    return Framing(
        id=own,
        challenge=reframed.challenge
        if reframed is not None
        else _at(challenges, links["challenge"]),
        author=_at(stakeholders, links["author"]),
        session=_maybe_at(sessions, links["session"]),
        reframes=reframed.id if reframed is not None else None,
        **plain,
    )


def challenges(
    *,
    id: str | None = None,
    communities: Sequence[str] = (),
    stakeholders: Sequence[str] = (),
    sessions: Sequence[str] = (),
    stages: Sequence[str] = DEFAULT_STAGES,
) -> st.SearchStrategy[Challenge]:
    """Challenges at one of the stages, with a stage history in date order ending there.

    Histories make only the moves of the default stage model over ``stages`` (forward one
    stage, or back to any earlier one).

    Args:
        id: The id every challenge drawn gets; by default a fresh ``ch-`` id.
        communities: Ids of communities whose needs may be at stake.
        stakeholders: Ids of people or organisations who may propose the challenge or
            agree to its moves.
        sessions: Ids of sessions that may decide a move.
        stages: The stages of the stage model (the hub's ``stages``).

    Returns:
        A strategy for :class:`~coinnovation.models.Challenge`.

    Raises:
        InvalidArgument: ``stages`` is empty, repeats a stage or holds an invalid name.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(challenges(stages=["framing", "design"]))
        ... def test_challenges(challenge):
        ...     assert challenge.stage in ("framing", "design")
        ...     if challenge.stage_history:
        ...         assert challenge.stage_history[-1].stage == challenge.stage
        >>> test_challenges()
    """
    return st.builds(
        _challenge,
        _CHALLENGE_SEEDS,
        _own_ids(id, "ch-"),
        st.just(_refs(communities, "communities")),
        st.just(_refs(stakeholders, "stakeholders")),
        st.just(_refs(sessions, "sessions")),
        st.just(_valid_stages(stages)),
    )


def framings(
    *,
    id: str | None = None,
    challenges: Sequence[str],
    stakeholders: Sequence[str],
    sessions: Sequence[str] = (),
    earlier: Sequence[Framing] = (),
) -> st.SearchStrategy[Framing]:
    """Framings of one of the challenges; some reframe an earlier framing of the same one.

    Args:
        id: The id every framing drawn gets; by default a fresh ``f-`` id.
        challenges: Ids of the challenges that may be framed (at least one).
        stakeholders: Ids of the people or organisations who may author it (at least one).
        sessions: Ids of sessions where it may have been given.
        earlier: Framings made before this one (records, for their challenge); a framing
            that reframes one of them frames the same challenge.

    Returns:
        A strategy for :class:`~coinnovation.models.Framing`.

    Raises:
        InvalidArgument: ``challenges`` or ``stakeholders`` is empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> from coinnovation.models import Framing
        >>> first = Framing(id="f-1", challenge="ch-2", author="o-acme", statement="Adherence")
        >>> @settings(max_examples=10)
        ... @given(framings(challenges=["ch-1", "ch-2"], stakeholders=["p-ana"], earlier=[first]))
        ... def test_framings(framing):
        ...     assert framing.author == "p-ana"
        ...     if framing.reframes == "f-1":
        ...         assert framing.challenge == "ch-2"
        >>> test_framings()
    """
    return st.builds(
        _framing,
        _FRAMING_SEEDS,
        _own_ids(id, "f-"),
        st.just(_refs(challenges, "challenges", required=True)),
        st.just(_refs(stakeholders, "stakeholders", required=True)),
        st.just(_refs(sessions, "sessions")),
        st.just(tuple(earlier)),
    )


# -- sessions ----------------------------------------------------------------------------------

_SESSION_SEEDS = _seeds(
    _plain(
        name=_TEXTS,
        kind=st.sampled_from(SessionKind),
        place=_MAYBE_TEXTS,
        description=_MAYBE_TEXTS,
    ),
    parent=_MAYBE_INDEX,
    anchor=_MOMENTS,
    # Which times are set: half of the sessions have both.
    timing=st.sampled_from(("none", "both", "both", "both", "start", "end")),
    start=_POSITIONS,
    end=_POSITIONS,
    zone=_INDEX,
    venue=_MAYBE_INDEX,
    challenges=_INDEX_LISTS,
    stage=_MAYBE_INDEX,
)
_PARTICIPATION_SEEDS = _seeds(
    _plain(
        role=st.sampled_from(ParticipationRole),
        level=st.none() | st.sampled_from(ParticipationLevel),
        hours=_MAYBE_HOURS,
    ),
    session=_INDEX,
    who=_INDEX,
    person=_INDEX,
    organisation=_INDEX,
)
_CONTRIBUTION_SEEDS = _seeds(
    _plain(kind=st.sampled_from(ContributionKind), text=_TEXTS, created=st.none() | _MOMENTS),
    session=_INDEX,
    author=_INDEX,
    responds_to=_MAYBE_INDEX,
    challenge=_MAYBE_INDEX,
    addressed_to=_INDEX_LISTS,
    zone=_INDEX,
)


def _window(anchor: datetime, parent: Session | None) -> tuple[datetime, datetime]:
    """The span a session's times are drawn in: its parent's times where they are set."""
    start = parent.start if parent is not None else None
    end = parent.end if parent is not None else None
    if start is not None and end is not None:
        return start, end
    if start is not None:
        return start, start + _WINDOW
    if end is not None:
        return end - _WINDOW, end
    low = anchor.replace(tzinfo=UTC)
    return low, low + _WINDOW


def _session(
    seed: _Seed,
    own: str,
    parents: Sequence[Session],
    venues: Sequence[str],
    challenges: Sequence[str],
    stages: Sequence[str],
    top_level: bool = True,
) -> Session:
    links = seed.links
    index = links["parent"]
    if not top_level and index is None:
        index = 0
    parent = _maybe_at(parents, index)
    low, high = _window(links["anchor"], parent)
    zone = _at(_ZONES, links["zone"])
    start = end = None
    if links["timing"] in ("both", "start"):
        start = low + (high - low) * links["start"] // _MILLION
    if links["timing"] in ("both", "end"):
        base = start if start is not None else low
        end = base + (high - base) * links["end"] // _MILLION
    return Session(
        id=own,
        parent=parent.id if parent is not None else None,
        start=start.astimezone(zone) if start is not None else None,
        end=end.astimezone(zone) if end is not None else None,
        venue=_maybe_at(venues, links["venue"]),
        challenges=_several(challenges, links["challenges"]),
        stage=_maybe_at(stages, links["stage"]),
        **seed.plain,
    )


def _participation(
    seed: _Seed,
    own: str,
    sessions: Sequence[str],
    people: Sequence[str],
    organisations: Sequence[str],
) -> Participation:
    links = seed.links
    # Who took part: a person, an organisation, or a person on an organisation's behalf.
    shapes = [(True, False)] if people else []
    shapes += [(False, True)] if organisations else []
    shapes += [(True, True)] if people and organisations else []
    has_person, has_organisation = _at(shapes, links["who"])
    return Participation(
        id=own,
        session=_at(sessions, links["session"]),
        person=_at(people, links["person"]) if has_person else None,
        organisation=_at(organisations, links["organisation"]) if has_organisation else None,
        **seed.plain,
    )


def _contribution(
    seed: _Seed,
    own: str,
    sessions: Sequence[str],
    stakeholders: Sequence[str],
    challenges: Sequence[str],
    earlier: Sequence[str],
) -> Contribution:
    links = seed.links
    plain = dict(seed.plain)
    if plain["created"] is not None:
        plain["created"] = _aware(plain["created"], links["zone"])
    return Contribution(
        id=own,
        session=_at(sessions, links["session"]),
        author=_at(stakeholders, links["author"]),
        responds_to=_maybe_at(earlier, links["responds_to"]),
        challenge=_maybe_at(challenges, links["challenge"]),
        addressed_to=_several(stakeholders, links["addressed_to"]),
        **plain,
    )


def sessions(
    *,
    id: str | None = None,
    parents: Sequence[Session] = (),
    venues: Sequence[str] = (),
    challenges: Sequence[str] = (),
    stages: Sequence[str] = DEFAULT_STAGES,
    top_level: bool = True,
) -> st.SearchStrategy[Session]:
    """Sessions, top-level or inside one of the parents and then within its times.

    Times are timezone-aware, with ``start <= end``. A sub-session starts and ends within
    its parent's times wherever they are set.

    Args:
        id: The id every session drawn gets; by default a fresh ``s-`` id.
        parents: Sessions this one may be part of (records, so that its times can be kept
            inside theirs). To keep a hub free of loops, pass only earlier sessions.
        venues: Ids of organisations that may host it.
        challenges: Ids of challenges it may discuss.
        stages: The stages it may serve (the hub's ``stages``).
        top_level: Whether a session may have no parent when ``parents`` are given;
            ``False`` puts every session inside one of them.

    Returns:
        A strategy for :class:`~coinnovation.models.Session`.

    Raises:
        InvalidArgument: ``stages`` is empty, repeats a stage or holds an invalid name,
            or ``top_level`` is ``False`` without ``parents``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from hypothesis import given, settings
        >>> from coinnovation.models import Session
        >>> day = Session(id="s-day", name="Day", start=datetime(2023, 6, 22, 9, tzinfo=timezone.utc),
        ...               end=datetime(2023, 6, 22, 16, tzinfo=timezone.utc))
        >>> @settings(max_examples=10)
        ... @given(sessions(parents=[day], top_level=False))
        ... def test_tables(table):
        ...     assert table.parent == "s-day"
        ...     assert table.start is None or day.start <= table.start <= day.end
        ...     assert table.end is None or day.start <= table.end <= day.end
        >>> test_tables()
    """
    if not top_level and not parents:
        raise InvalidArgument("top_level=False needs parents to put sessions in")
    return st.builds(
        _session,
        _SESSION_SEEDS,
        _own_ids(id, "s-"),
        st.just(tuple(parents)),
        st.just(_refs(venues, "venues")),
        st.just(_refs(challenges, "challenges")),
        st.just(_valid_stages(stages)),
        st.just(top_level),
    )


def participations(
    *,
    id: str | None = None,
    sessions: Sequence[str],
    people: Sequence[str] = (),
    organisations: Sequence[str] = (),
) -> st.SearchStrategy[Participation]:
    """Participations in one of the sessions by a person, an organisation, or both.

    Args:
        id: The id every participation drawn gets; by default a fresh ``pa-`` id.
        sessions: Ids of the sessions to choose from (at least one).
        people: Ids of people who may take part.
        organisations: Ids of organisations that may take part or be represented.

    Returns:
        A strategy for :class:`~coinnovation.models.Participation`.

    Raises:
        InvalidArgument: ``sessions`` is empty, or ``people`` and ``organisations`` both are.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(participations(sessions=["s-1"], organisations=["o-whg"]))
        ... def test_organisations_alone(participation):
        ...     assert participation.person is None
        ...     assert participation.stakeholder == "o-whg"
        >>> test_organisations_alone()
    """
    checked_people = _refs(people, "people")
    checked_organisations = _refs(organisations, "organisations")
    if not checked_people and not checked_organisations:
        raise InvalidArgument("participations need people or organisations to choose from")
    return st.builds(
        _participation,
        _PARTICIPATION_SEEDS,
        _own_ids(id, "pa-"),
        st.just(_refs(sessions, "sessions", required=True)),
        st.just(checked_people),
        st.just(checked_organisations),
    )


def contributions(
    *,
    id: str | None = None,
    sessions: Sequence[str],
    stakeholders: Sequence[str],
    challenges: Sequence[str] = (),
    earlier: Sequence[str] = (),
) -> st.SearchStrategy[Contribution]:
    """Contributions at one of the sessions; some respond to an earlier contribution.

    Args:
        id: The id every contribution drawn gets; by default a fresh ``co-`` id.
        sessions: Ids of the sessions to choose from (at least one).
        stakeholders: Ids of people or organisations who may make it or be addressed
            (at least one).
        challenges: Ids of challenges it may concern.
        earlier: Ids of contributions made before this one, which it may respond to
            (pass only earlier ones to keep a hub free of loops).

    Returns:
        A strategy for :class:`~coinnovation.models.Contribution`.

    Raises:
        InvalidArgument: ``sessions`` or ``stakeholders`` is empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(contributions(sessions=["s-1"], stakeholders=["p-ana"], earlier=["co-1"]))
        ... def test_contributions(contribution):
        ...     assert (contribution.session, contribution.author) == ("s-1", "p-ana")
        ...     assert contribution.responds_to in (None, "co-1")
        >>> test_contributions()
    """
    return st.builds(
        _contribution,
        _CONTRIBUTION_SEEDS,
        _own_ids(id, "co-"),
        st.just(_refs(sessions, "sessions", required=True)),
        st.just(_refs(stakeholders, "stakeholders", required=True)),
        st.just(_refs(challenges, "challenges")),
        st.just(_refs(earlier, "earlier")),
    )


# -- agreements --------------------------------------------------------------------------------


class _PartySeed(NamedTuple):
    stakeholder: int
    role: str | None
    signed_on: date | None
    #: The day signed if the agreement is binding and ``signed_on`` is not drawn.
    fallback: date


class _CostSeed(NamedTuple):
    party: int
    kind: CostKind
    description: str | None
    amount: _Amount
    hours: Decimal
    rate: _Amount | None


class _RewardSeed(NamedTuple):
    id: str
    kind: RewardKind
    description: str | None
    amount: _Amount | None
    shared: bool
    takers: list[int]
    #: Shares are whole parts of ``10**digits``, cut at ``cuts`` (read modulo that total).
    digits: int
    cuts: list[int]


class _AmendmentSeed(NamedTuple):
    on: date
    by: int | None
    changes: list[tuple[str, Any, Any]]
    note: str | None


#: JSON data an amendment records as a field's value before or after.
_JSON_VALUES = st.recursive(
    st.none() | _BOOLEANS | st.integers(-(10**6), 10**6) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
_AMENDMENTS = st.lists(
    st.builds(
        _AmendmentSeed,
        _DAYS,
        _MAYBE_INDEX,
        st.lists(
            st.tuples(
                st.sampled_from(("title", "description", "costs", "shares", "status")),
                _JSON_VALUES,
                _JSON_VALUES,
            ),
            min_size=1,
            max_size=2,
        ),
        _MAYBE_TEXTS,
    ),
    max_size=2,
)

_AGREEMENT_SEEDS = _seeds(
    _plain(title=_TEXTS, rule=_RULES, created=_MAYBE_DAYS, description=_MAYBE_TEXTS),
    status=st.sampled_from(AgreementStatus),
    currency=_CURRENCY_CODES,
    challenge=_MAYBE_INDEX,
    session=_MAYBE_INDEX,
    parties=st.lists(st.builds(_PartySeed, _INDEX, _PARTY_ROLES, _MAYBE_DAYS, _DAYS), max_size=4),
    costs=st.lists(
        st.builds(
            _CostSeed,
            _INDEX,
            st.sampled_from(CostKind),
            _MAYBE_TEXTS,
            _AMOUNTS,
            _HOURS,
            _MAYBE_AMOUNTS,
        ),
        max_size=3,
    ),
    rewards=st.lists(
        st.builds(
            _RewardSeed,
            ids("r-"),
            st.sampled_from(RewardKind),
            _MAYBE_TEXTS,
            _MAYBE_AMOUNTS,
            _BOOLEANS,
            _INDEX_LISTS,
            st.integers(0, 4),
            st.lists(st.integers(0, 10**4), max_size=3),
        ),
        max_size=3,
    ),
    rotate=_INDEX,
    solutions=_INDEX_LISTS,
    amendments=_AMENDMENTS,
)


def _fractions(count: int, digits: int, cuts: Sequence[int]) -> list[Decimal]:
    """``count`` exact fractions from 0 to 1 that add up to exactly one.

    They are whole parts of ``10**digits`` scaled down, so their sum is exact.
    """
    whole = 10**digits
    points = [cut % (whole + 1) for cut in cuts[: count - 1]]
    points += [whole] * (count - 1 - len(points))
    bounds = [0, *sorted(points), whole]
    return [Decimal(high - low).scaleb(-digits) for low, high in itertools.pairwise(bounds)]


def _cost(seed: _CostSeed, party: str, currency: str) -> Cost:
    if seed.kind is CostKind.TIME:
        rate = seed.rate.money(currency) if seed.rate is not None else None
        return Cost(
            party=party, kind=seed.kind, description=seed.description, hours=seed.hours, rate=rate
        )
    return Cost(
        party=party,
        kind=seed.kind,
        description=seed.description,
        amount=seed.amount.money(currency),
    )


def _agreement(
    seed: _Seed,
    own: str,
    stakeholders: Sequence[str],
    challenges: Sequence[str],
    sessions: Sequence[str],
    currency: str | None,
    contributions: Sequence[str] = (),
) -> Agreement:
    links = seed.links
    status: AgreementStatus = links["status"]
    binding = status.binding
    currency = currency or links["currency"]
    party_seeds: dict[str, _PartySeed] = {}
    if stakeholders:
        for party in links["parties"]:
            party_seeds.setdefault(_at(stakeholders, party.stakeholder), party)
    parties = tuple(
        Party(
            stakeholder=stakeholder,
            role=party.role,
            # Agreed, active and completed agreements are signed by every party.
            signed_on=party.signed_on or (party.fallback if binding else None),
        )
        for stakeholder, party in party_seeds.items()
    )
    party_ids = tuple(party_seeds)
    costs = tuple(
        _cost(cost, _at(party_ids, cost.party), currency) for cost in links["costs"] if party_ids
    )
    # Binding agreements share every reward, and sharing takes at least one party.
    reward_seeds = links["rewards"] if party_ids or not binding else []
    used: set[str] = set()
    rewards: list[Reward] = []
    shares: list[Share] = []
    for reward in reward_seeds:
        reward_id = _unique(reward.id, used)
        amount = reward.amount.money(currency) if reward.amount is not None else None
        rewards.append(
            Reward(id=reward_id, kind=reward.kind, description=reward.description, amount=amount)
        )
        if party_ids and (binding or reward.shared):
            takers = _several(party_ids, reward.takers, at_least_one=True)
            fractions = _fractions(len(takers), reward.digits, reward.cuts)
            shares.extend(
                Share(party=taker, reward=reward_id, fraction=fraction)
                for taker, fraction in zip(takers, fractions, strict=True)
            )
    # Shares are listed from a drawn starting point, not always reward by reward.
    turn = links["rotate"] % len(shares) if shares else 0
    amendments = tuple(
        Amendment(
            on=amendment.on,
            by=_maybe_at(stakeholders, amendment.by),
            changes=tuple(
                FieldChange(field=field, before=before, after=after)
                for field, before, after in amendment.changes
            ),
            note=amendment.note,
        )
        for amendment in sorted(links["amendments"], key=lambda amendment: amendment.on)
    )
    return Agreement(
        id=own,
        status=status,
        challenge=_maybe_at(challenges, links["challenge"]),
        session=_maybe_at(sessions, links["session"]),
        parties=parties,
        costs=costs,
        rewards=tuple(rewards),
        shares=(*shares[turn:], *shares[:turn]),
        solutions=_several(contributions, links["solutions"]),
        amendments=amendments,
        **seed.plain,
    )


def agreements(
    *,
    id: str | None = None,
    stakeholders: Sequence[str] = (),
    challenges: Sequence[str] = (),
    sessions: Sequence[str] = (),
    currency: str | None = None,
    contributions: Sequence[str] = (),
) -> st.SearchStrategy[Agreement]:
    """Internally consistent agreements between some of the stakeholders.

    Parties are distinct; costs and shares name parties; reward ids are unique; the
    shares of a shared reward are exact decimal fractions that add up to exactly one.
    Agreed, active and completed agreements have every party signed and every reward
    shared (so one without parties has no rewards).

    Args:
        id: The id every agreement drawn gets; by default a fresh ``ag-`` id.
        stakeholders: Ids of people or organisations who may be parties (up to four
            are); with none, agreements have no parties, costs or shares.
        challenges: Ids of challenges it may serve.
        sessions: Ids of sessions it may come out of.
        currency: The ISO 4217 code of every amount in it; by default one currency per
            agreement, drawn as :func:`money` does.
        contributions: Ids of solutions (contributions) it may take forward.

    Returns:
        A strategy for :class:`~coinnovation.models.Agreement`.

    Raises:
        InvalidArgument: ``currency`` is not an ISO 4217 code.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(agreements(stakeholders=["o-acme", "o-whg", "p-ana"]))
        ... def test_shares_add_up_to_one(deal):
        ...     assert deal.problems() == []
        ...     assert all(total == 1 for total in deal.share_totals().values())
        ...     if deal.status.binding:
        ...         assert all(party.signed_on is not None for party in deal.parties)
        >>> test_shares_add_up_to_one()
    """
    return st.builds(
        _agreement,
        _AGREEMENT_SEEDS,
        _own_ids(id, "ag-"),
        st.just(_refs(stakeholders, "stakeholders")),
        st.just(_refs(challenges, "challenges")),
        st.just(_refs(sessions, "sessions")),
        st.just(None if currency is None else _valid_currency(currency)),
        st.just(_refs(contributions, "contributions")),
    )


# -- outcomes ----------------------------------------------------------------------------------

_OUTCOME_SEEDS = _seeds(
    _plain(
        description=_TEXTS,
        on=_MAYBE_DAYS,
        indicator=_MAYBE_TEXTS,
        value=st.none() | _HOURS,
        unit=_MAYBE_TEXTS,
    ),
    challenge=_MAYBE_INDEX,
    agreement=_MAYBE_INDEX,
    solution=_MAYBE_INDEX,
    session=_MAYBE_INDEX,
    communities=_INDEX_LISTS,
)


def _outcome(
    seed: _Seed,
    own: str,
    challenges: Sequence[str],
    agreements: Sequence[str],
    contributions: Sequence[str],
    sessions: Sequence[str],
    communities: Sequence[str],
) -> Outcome:
    links = seed.links
    return Outcome(
        id=own,
        challenge=_maybe_at(challenges, links["challenge"]),
        agreement=_maybe_at(agreements, links["agreement"]),
        solution=_maybe_at(contributions, links["solution"]),
        session=_maybe_at(sessions, links["session"]),
        communities=_several(communities, links["communities"]),
        **seed.plain,
    )


def outcomes(
    *,
    id: str | None = None,
    challenges: Sequence[str] = (),
    agreements: Sequence[str] = (),
    contributions: Sequence[str] = (),
    sessions: Sequence[str] = (),
    communities: Sequence[str] = (),
) -> st.SearchStrategy[Outcome]:
    """Outcomes linked to some of the challenges, agreements, solutions and sessions.

    Args:
        id: The id every outcome drawn gets; by default a fresh ``out-`` id.
        challenges: Ids of challenges it may answer.
        agreements: Ids of agreements it may come under.
        contributions: Ids of solutions (contributions) it may come from.
        sessions: Ids of sessions where it may be reported.
        communities: Ids of communities it may reach.

    Returns:
        A strategy for :class:`~coinnovation.models.Outcome`.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(outcomes(challenges=["ch-1"], agreements=["ag-1"]))
        ... def test_outcomes(outcome):
        ...     assert outcome.challenge in (None, "ch-1")
        ...     assert outcome.agreement in (None, "ag-1")
        >>> test_outcomes()
    """
    return st.builds(
        _outcome,
        _OUTCOME_SEEDS,
        _own_ids(id, "out-"),
        st.just(_refs(challenges, "challenges")),
        st.just(_refs(agreements, "agreements")),
        st.just(_refs(contributions, "contributions")),
        st.just(_refs(sessions, "sessions")),
        st.just(_refs(communities, "communities")),
    )


# -- hubs --------------------------------------------------------------------------------------

#: The hub fields of each kind of record, in file order.
_KINDS = tuple(field for _, field, _ in RECORD_TYPES)


def hubs(
    *,
    stages: Sequence[str] | None = None,
    min_communities: int = 0,
    max_communities: int = 3,
    min_organisations: int = 0,
    max_organisations: int = 4,
    min_people: int = 0,
    max_people: int = 5,
    min_memberships: int = 0,
    max_memberships: int = 4,
    min_challenges: int = 0,
    max_challenges: int = 3,
    min_framings: int = 0,
    max_framings: int = 3,
    min_sessions: int = 0,
    max_sessions: int = 4,
    min_participations: int = 0,
    max_participations: int = 6,
    min_contributions: int = 0,
    max_contributions: int = 4,
    min_agreements: int = 0,
    max_agreements: int = 2,
    min_outcomes: int = 0,
    max_outcomes: int = 2,
) -> st.SearchStrategy[Hub]:
    """Valid, referentially consistent hubs holding every kind of record.

    Every hub drawn passes :func:`~coinnovation.models.hub_problems` with no problem:
    ids are unique across the hub; every reference names a record of the right kind;
    organisations, sessions, framings and contributions form chains without loops;
    sessions nest as trees with sub-sessions inside their parent's times; framings
    reframe framings of the same challenge; stage histories make only the moves the
    hub's stage model allows and end at the current stage; challenges derive from earlier
    ones only. Some hubs allow only forward moves (``transitions`` listed explicitly).

    Each kind of record has a ``min_`` and a ``max_`` count (inclusive). The defaults
    keep hubs small, so tests stay fast. A minimum above zero for a kind that refers to
    others raises the minimum of what it needs: memberships need a person and an
    organisation; framings a challenge and a stakeholder; participations and
    contributions a session and a stakeholder (a person, or an organisation when
    ``max_people`` is 0). Without those, the dependent kind is left empty.

    Args:
        stages: The hub's stages. By default hubs have either the default stages or a
            made-up list of one to five.
        min_communities: Fewest communities.
        max_communities: Most communities.
        min_organisations: Fewest organisations.
        max_organisations: Most organisations.
        min_people: Fewest people.
        max_people: Most people.
        min_memberships: Fewest memberships.
        max_memberships: Most memberships.
        min_challenges: Fewest challenges.
        max_challenges: Most challenges.
        min_framings: Fewest framings.
        max_framings: Most framings.
        min_sessions: Fewest sessions.
        max_sessions: Most sessions.
        min_participations: Fewest participations.
        max_participations: Most participations.
        min_contributions: Fewest contributions.
        max_contributions: Most contributions.
        min_agreements: Fewest agreements.
        max_agreements: Most agreements.
        min_outcomes: Fewest outcomes.
        max_outcomes: Most outcomes.

    Returns:
        A strategy for :class:`~coinnovation.models.Hub`.

    Raises:
        InvalidArgument: A count is negative, a minimum exceeds its maximum (also after
            raising it for a dependent kind), or ``stages`` is not a valid list of stages.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(hubs(min_participations=1, max_people=0, max_agreements=0))
        ... def test_organisations_take_part(hub):
        ...     assert hub.participations and hub.sessions and not hub.people
        ...     assert all(pa.organisation is not None for pa in hub.participations)
        >>> test_organisations_take_part()
    """
    bounds = {
        "communities": (min_communities, max_communities),
        "organisations": (min_organisations, max_organisations),
        "people": (min_people, max_people),
        "memberships": (min_memberships, max_memberships),
        "challenges": (min_challenges, max_challenges),
        "framings": (min_framings, max_framings),
        "sessions": (min_sessions, max_sessions),
        "participations": (min_participations, max_participations),
        "contributions": (min_contributions, max_contributions),
        "agreements": (min_agreements, max_agreements),
        "outcomes": (min_outcomes, max_outcomes),
    }
    for kind, (low, high) in bounds.items():
        for name, value in ((f"min_{kind}", low), (f"max_{kind}", high)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidArgument(f"{name} must be a non-negative integer, not {value!r}")
        if low > high:
            raise InvalidArgument(f"min_{kind}={low} is above max_{kind}={high}")
    least = {kind: low for kind, (low, _) in bounds.items()}

    def require(kind: str, why: str) -> None:
        least[kind] = max(least[kind], 1)
        if bounds[kind][1] < 1:
            raise InvalidArgument(f"{why} needs max_{kind} >= 1")

    if least["memberships"]:
        require("people", "min_memberships > 0")
        require("organisations", "min_memberships > 0")
    if least["framings"]:
        require("challenges", "min_framings > 0")
    for kind in ("participations", "contributions"):
        if least[kind]:
            require("sessions", f"min_{kind} > 0")
    for kind in ("framings", "participations", "contributions"):
        if least[kind] and not (least["people"] or least["organisations"]):
            if bounds["people"][1]:
                least["people"] = 1
            else:
                require("organisations", f"min_{kind} > 0 with max_people=0")
    sizes = {kind: (least[kind], high) for kind, (_, high) in bounds.items()}
    stage_lists = (
        st.just(DEFAULT_STAGES) | st.lists(_STAGE_NAMES, min_size=1, max_size=5, unique=True)
        if stages is None
        else st.just(_valid_stages(stages))
    )
    return _hubs(stage_lists.map(tuple), sizes)


_SEEDS = {
    "communities": _COMMUNITY_SEEDS,
    "organisations": _ORGANISATION_SEEDS,
    "people": _PERSON_SEEDS,
    "memberships": _MEMBERSHIP_SEEDS,
    "challenges": _CHALLENGE_SEEDS,
    "framings": _FRAMING_SEEDS,
    "sessions": _SESSION_SEEDS,
    "participations": _PARTICIPATION_SEEDS,
    "contributions": _CONTRIBUTION_SEEDS,
    "agreements": _AGREEMENT_SEEDS,
    "outcomes": _OUTCOME_SEEDS,
}


@cache
def _seed_lists(kind: str, low: int, high: int) -> st.SearchStrategy[list[_Seed]]:
    return st.lists(_SEEDS[kind], min_size=low, max_size=high)


@st.composite
def _hubs(
    draw: st.DrawFn,
    stage_lists: st.SearchStrategy[tuple[str, ...]],
    sizes: dict[str, tuple[int, int]],
) -> Hub:
    stages = draw(stage_lists)
    transitions = StageModel.linear(stages, back=False).transitions if draw(_BOOLEANS) else None
    seeds = {kind: draw(_seed_lists(kind, *sizes[kind])) for kind in _KINDS}
    # Kinds that refer to others are left empty when what they need is missing (their
    # minimum is then 0: hubs() raises the minimum of what a dependent kind needs).
    if not (seeds["people"] and seeds["organisations"]):
        seeds["memberships"] = []
    if not (seeds["people"] or seeds["organisations"]):
        seeds["framings"] = seeds["participations"] = seeds["contributions"] = []
    if not seeds["challenges"]:
        seeds["framings"] = []
    if not seeds["sessions"]:
        seeds["participations"] = seeds["contributions"] = []

    used: set[str] = set()
    own = {kind: [_unique(seed.id, used) for seed in seeds[kind]] for kind in _KINDS}
    community_ids = own["communities"]
    organisation_ids = own["organisations"]
    person_ids = own["people"]
    challenge_ids = own["challenges"]
    session_ids = own["sessions"]
    contribution_ids = own["contributions"]
    stakeholder_ids = person_ids + organisation_ids

    def made(kind: str) -> Sequence[tuple[_Seed, str]]:
        return list(zip(seeds[kind], own[kind], strict=True))

    # Records that may point to records of their own kind (organisation and session
    # parents, reframings, responses) point only to earlier ones: there are no loops.
    framing_records: list[Framing] = []
    for seed, record_id in made("framings"):
        framing_records.append(
            _framing(seed, record_id, challenge_ids, stakeholder_ids, session_ids, framing_records)
        )
    session_records: list[Session] = []
    for seed, record_id in made("sessions"):
        session_records.append(
            _session(seed, record_id, session_records, organisation_ids, challenge_ids, stages)
        )
    records: dict[str, Sequence[Entity]] = {
        "communities": [_community(seed, record_id) for seed, record_id in made("communities")],
        "organisations": [
            _organisation(seed, record_id, community_ids, organisation_ids[:index])
            for index, (seed, record_id) in enumerate(made("organisations"))
        ],
        "people": [_person(seed, record_id, community_ids) for seed, record_id in made("people")],
        "memberships": [
            _membership(seed, record_id, person_ids, organisation_ids)
            for seed, record_id in made("memberships")
        ],
        "challenges": [
            _challenge(
                seed,
                record_id,
                community_ids,
                stakeholder_ids,
                session_ids,
                stages,
                challenge_ids[:index],
                transitions,
            )
            for index, (seed, record_id) in enumerate(made("challenges"))
        ],
        "framings": framing_records,
        "sessions": session_records,
        "participations": [
            _participation(seed, record_id, session_ids, person_ids, organisation_ids)
            for seed, record_id in made("participations")
        ],
        "contributions": [
            _contribution(
                seed,
                record_id,
                session_ids,
                stakeholder_ids,
                challenge_ids,
                contribution_ids[:index],
            )
            for index, (seed, record_id) in enumerate(made("contributions"))
        ],
        "agreements": [
            _agreement(
                seed, record_id, stakeholder_ids, challenge_ids, session_ids, None, contribution_ids
            )
            for seed, record_id in made("agreements")
        ],
        "outcomes": [
            _outcome(
                seed,
                record_id,
                challenge_ids,
                own["agreements"],
                contribution_ids,
                session_ids,
                community_ids,
            )
            for seed, record_id in made("outcomes")
        ],
    }
    # List records in the drawn order, so parents do not always come before children.
    ordered = {
        kind: tuple(
            record
            for _, record in sorted(
                zip(seeds[kind], found, strict=True), key=lambda pair: pair[0].order
            )
        )
        for kind, found in records.items()
    }
    return Hub(
        name=draw(_MAYBE_TEXTS),
        description=draw(_MAYBE_TEXTS),
        stages=stages,
        transitions=transitions,
        **ordered,
    )
