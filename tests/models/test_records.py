"""Single-record validation: what each model accepts and refuses."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from pydantic import ValidationError

from coinnovation import (
    Agreement,
    Cost,
    Entity,
    Membership,
    Money,
    Organisation,
    Participation,
    ParticipationLevel,
    Person,
    Reward,
    Session,
    Share,
    minor_unit,
)
from coinnovation.models import AgreementStatus, Party, Sector

GBP = "GBP"


def money(amount: str, currency: str = GBP) -> Money:
    return Money(amount=Decimal(amount), currency=currency)


def test_records_are_frozen() -> None:
    person = Person(id="p-1", name="Ana")
    with pytest.raises(ValidationError, match="frozen"):
        person.name = "Ben"  # type: ignore[misc]


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Person(id="p-1", name="Ana", nickname="A")  # type: ignore[call-arg]


@pytest.mark.parametrize("bad", ["", " lead", "a b", "-x", "x" * 129, "é"])
def test_ids_are_checked(bad: str) -> None:
    with pytest.raises(ValidationError):
        Entity(id=bad)


@pytest.mark.parametrize("good", ["p-1", "org.whg", "s:2023:t1", "A_9"])
def test_good_ids(good: str) -> None:
    assert Entity(id=good).id == good


def test_tags_must_be_trimmed_and_non_empty() -> None:
    assert Entity(id="x", tags=("pilot", "two words")).tags == ("pilot", "two words")
    for bad in ["", " pilot", "pilot "]:
        with pytest.raises(ValidationError):
            Entity(id="x", tags=(bad,))


def test_attributes_hold_json_scalars_only() -> None:
    entity = Entity(id="x", attributes={"n": 1, "f": 0.5, "b": True, "s": "t", "none": None})
    assert entity.attributes["b"] is True
    assert entity.attributes["n"] == 1
    with pytest.raises(ValidationError, match="attribute values must be"):
        Entity(id="x", attributes={"d": {"nested": 1}})  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match="finite"):
        Entity(id="x", attributes={"f": float("nan")})


def test_money_is_exact_and_checks_currency() -> None:
    assert money("0.10") + money("0.20") == money("0.30")
    with pytest.raises(ValueError, match="cannot add"):
        money("1") + money("1", "EUR")
    with pytest.raises(ValidationError, match="ISO 4217"):
        money("1", "XXQ")
    with pytest.raises(ValidationError):
        money("1", "gbp")
    with pytest.raises(ValidationError):
        Money(amount=Decimal("NaN"), currency=GBP)
    assert str(money("12.50")) == "12.50 GBP"
    assert money("25").scaled(Decimal("1.5")) == money("37.5")


def test_minor_units() -> None:
    assert (minor_unit("GBP"), minor_unit("JPY"), minor_unit("BHD"), minor_unit("CLF")) == (
        2,
        0,
        3,
        4,
    )
    with pytest.raises(KeyError):
        minor_unit("XXQ")


def test_organisation_needs_a_sector() -> None:
    with pytest.raises(ValidationError, match="sector"):
        Organisation(id="o", name="O")  # type: ignore[call-arg]
    assert Organisation(id="o", name="O", sector="health_service").sector is Sector.HEALTH_SERVICE


def test_membership_dates_in_order() -> None:
    with pytest.raises(ValidationError, match="before start"):
        Membership(
            id="m", person="p", organisation="o", start=date(2023, 2, 1), end=date(2023, 1, 1)
        )
    membership = Membership(id="m", person="p", organisation="o", end=date(2023, 1, 31))
    assert membership.active_on(date(2023, 1, 31))
    assert not membership.active_on(date(2023, 2, 1))
    assert membership.active_on(None)


def test_session_times_are_aware_and_in_order() -> None:
    start = datetime(2023, 6, 22, 9, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(ValidationError, match="timezone"):
        Session(id="s", name="S", start=datetime(2023, 6, 22, 9))
    with pytest.raises(ValidationError, match="before start"):
        Session(id="s", name="S", start=start, end=start - timedelta(minutes=1))
    # The same instant in another zone is not "before".
    assert Session(id="s", name="S", start=start, end=datetime(2023, 6, 22, 8, tzinfo=UTC))


def test_participation_needs_someone() -> None:
    with pytest.raises(ValidationError, match="needs a person or an organisation"):
        Participation(id="pa", session="s")
    assert Participation(id="pa", session="s", organisation="o").stakeholder == "o"
    assert Participation(id="pa", session="s", person="p", organisation="o").stakeholder == "p"
    with pytest.raises(ValidationError):
        Participation(id="pa", session="s", person="p", hours=Decimal("-1"))


def test_participation_levels_are_ordered() -> None:
    levels = list(ParticipationLevel)
    assert [level.rank for level in levels] == [0, 1, 2, 3, 4]
    assert ParticipationLevel.INVOLVE.at_least("consult")
    assert not ParticipationLevel.INFORM.at_least(ParticipationLevel.CONSULT)
    with pytest.raises(ValueError, match="is not a valid ParticipationLevel"):
        ParticipationLevel.INFORM.at_least("shout")


def test_costs_fit_their_kind() -> None:
    assert Cost(party="p", kind="cash", amount=money("10")).value == money("10")
    assert Cost(party="p", kind="time", hours=Decimal("4"), rate=money("20")).value == money("80")
    assert Cost(party="p", kind="time", hours=Decimal("4")).value is None
    with pytest.raises(ValidationError, match="needs hours"):
        Cost(party="p", kind="time")
    with pytest.raises(ValidationError, match="not amount"):
        Cost(party="p", kind="time", hours=Decimal("1"), amount=money("1"))
    with pytest.raises(ValidationError, match="needs an amount"):
        Cost(party="p", kind="in_kind")
    with pytest.raises(ValidationError, match="takes no hours"):
        Cost(party="p", kind="cash", amount=money("1"), hours=Decimal("1"))


def test_share_fraction_bounds() -> None:
    with pytest.raises(ValidationError):
        Share(party="p", reward="r", fraction=Decimal("1.01"))
    with pytest.raises(ValidationError):
        Share(party="p", reward="r", fraction=Decimal("-0.01"))


def _agreement(**changes: object) -> Agreement:
    data: dict[str, object] = {
        "id": "ag",
        "title": "Pilot",
        "parties": (Party(stakeholder="a"), Party(stakeholder="b")),
        "rewards": (Reward(id="r", kind="cash", amount=money("100")),),
        "shares": (
            Share(party="a", reward="r", fraction=Decimal("0.25")),
            Share(party="b", reward="r", fraction=Decimal("0.75")),
        ),
    }
    data.update(changes)
    return Agreement.model_validate(data)


def test_agreement_consistency() -> None:
    assert _agreement().problems() == []
    assert _agreement().share_totals() == {"r": Decimal("1.00")}
    messages = [
        str(p)
        for p in _agreement(
            shares=(Share(party="a", reward="r", fraction=Decimal("0.5")),)
        ).problems()
    ]
    assert messages == [
        "agreement 'ag', field 'rewards[0]': the shares of reward 'r' add up to 0.5, not 1 (the whole)"
    ]


def test_agreement_problems_name_each_field() -> None:
    agreement = _agreement(
        parties=(Party(stakeholder="a"), Party(stakeholder="a")),
        costs=(Cost(party="z", kind="cash", amount=money("1")),),
        rewards=(Reward(id="r", kind="cash"), Reward(id="r", kind="licence")),
        shares=(
            Share(party="a", reward="r", fraction=Decimal("0.5")),
            Share(party="a", reward="r", fraction=Decimal("0.5")),
            Share(party="y", reward="q", fraction=Decimal("0")),
        ),
    )
    fields = [p.field for p in agreement.problems()]
    assert fields == [
        "parties[1].stakeholder",
        "costs[0].party",
        "rewards[0].id",
        "rewards[1].id",
        "shares[1]",
        "shares[2].party",
        "shares[2].reward",
    ]


def test_binding_agreement_needs_signatures_and_shared_rewards() -> None:
    unsigned = _agreement(
        status=AgreementStatus.AGREED,
        rewards=(Reward(id="r", kind="cash"), Reward(id="credit", kind="recognition")),
    )
    fields = [p.field for p in unsigned.problems()]
    assert fields == ["parties[0].signed_on", "parties[1].signed_on", "rewards[1]"]
    signed = _agreement(
        status="active",
        parties=(
            Party(stakeholder="a", signed_on=date(2023, 7, 1)),
            Party(stakeholder="b", signed_on=date(2023, 7, 2)),
        ),
    )
    assert signed.problems() == []
    assert not _agreement(status="draft").problems()


def test_session_kinds_reads_one_several_or_none() -> None:
    from coinnovation.models import SessionKind, session_kinds

    assert session_kinds(None) == ()
    assert session_kinds(SessionKind.TABLE) == ("table",)
    assert session_kinds(iter(["workshop", "table", "workshop"])) == ("workshop", "table")
    with pytest.raises(ValueError, match="'tabel'"):
        session_kinds("tabel")
