"""What every model shares: the frozen base, ids, tags, free attributes and money.

Examples:
    >>> from decimal import Decimal
    >>> Money(amount=Decimal("12.50"), currency="GBP")
    Money(amount=Decimal('12.50'), currency='GBP')
    >>> minor_unit("JPY")
    0
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    StringConstraints,
    model_serializer,
)

from coinnovation.errors import InvalidAmountError

__all__ = [
    "COMPACT",
    "CURRENCIES",
    "AttributeValue",
    "Attributes",
    "Currency",
    "Entity",
    "Id",
    "Money",
    "Record",
    "Tag",
    "Text",
    "minor_unit",
]

#: An entity id: letters, digits and ``_ . : -``, starting with a letter or digit.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$", min_length=1, max_length=128),
]

#: A free label: non-empty, no surrounding white space.
Tag = Annotated[str, StringConstraints(pattern=r"^\S(.*\S)?$", min_length=1, max_length=200)]

#: Free prose (names, descriptions, statements): non-empty.
Text = Annotated[str, StringConstraints(min_length=1)]


def _scalar(value: object) -> object:
    """Reject what a free attribute cannot hold, with one clear message."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        raise ValueError("attribute numbers must be finite")
    raise ValueError(
        f"attribute values must be text, numbers, true/false or null, not {type(value).__name__}"
    )


#: The value of a free attribute: a JSON scalar (floats must be finite).
AttributeValue = Annotated[
    StrictBool | StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)] | StrictStr | None,
    BeforeValidator(_scalar),
]

#: Free typed attributes: names to JSON scalars.
Attributes = dict[Annotated[str, StringConstraints(min_length=1, max_length=200)], AttributeValue]

# ISO 4217 active codes and their minor units (digits after the decimal point).
_MINOR_UNITS: dict[str, int] = {
    code: digits
    for digits, codes in (
        (
            2,
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP "
            "BYN BZD CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
            "GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT "
            "LAK LBP LKR LRD LSL MAD MDL MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO "
            "NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE "
            "SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST "
            "XCD YER ZAR ZMW ZWG",
        ),
        (0, "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"),
        (3, "BHD IQD JOD KWD LYD OMR TND"),
        (4, "CLF UYW"),
    )
    for code in codes.split()
}


#: The ISO 4217 codes this library knows.
CURRENCIES: frozenset[str] = frozenset(_MINOR_UNITS)


def minor_unit(currency: str) -> int:
    """The number of decimal places of a currency's minor unit (ISO 4217).

    Args:
        currency: An ISO 4217 alphabetic code, such as ``"GBP"``.

    Returns:
        2 for pounds or euros, 0 for yen, 3 for dinars, and so on.

    Raises:
        KeyError: The code is not an active ISO 4217 currency.

    Examples:
        >>> minor_unit("GBP"), minor_unit("KWD")
        (2, 3)
    """
    return _MINOR_UNITS[currency]


def _check_currency(code: str) -> str:
    if code not in _MINOR_UNITS:
        raise ValueError(f"{code!r} is not an ISO 4217 currency code")
    return code


#: An ISO 4217 alphabetic currency code (``GBP``, ``EUR`` ...).
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(_check_currency)]


#: Serialisation context key: ``model_dump(context={COMPACT: True})`` leaves out fields that
#: are empty (``None``, ``False``, empty lists and mappings) and empty by default. Hub files
#: use it; fields with meaningful defaults (a status, a kind) are always written.
COMPACT = "coinnovation.compact"


def _is_empty(value: Any, default: Any) -> bool:
    """Whether a serialised value is the (empty) default: None, False, an empty container."""
    if default is None or default is False:
        return value is default
    return isinstance(value, tuple | list | dict) and not value


@functools.cache
def _empty_by_default(model: type[BaseModel]) -> dict[str, Any]:
    """The fields whose default is empty, with that default.

    ``None`` and an empty list differ where the default is ``None`` (no transitions listed
    versus none allowed), so only the default itself is left out.
    """
    names: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        factory = field.default_factory
        default = factory() if factory is not None else field.default  # type: ignore[call-arg]
        if (
            default is None
            or default is False
            or (isinstance(default, tuple | list | dict) and not default)
        ):
            names[name] = default
    return names


class Record(BaseModel):
    """Base of every model: immutable, and strict about unknown fields.

    Changes return new objects. ``record.model_copy(update=...)`` does not validate, but a
    record is validated again whenever it is put into another record or a hub, so an
    invalid copy is caught there.

    Examples:
        >>> class Note(Record):
        ...     text: str
        >>> Note(text="hello").text
        'hello'
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_default=False,
        ser_json_inf_nan="strings",
        revalidate_instances="always",
    )

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        data = handler(self)
        context = info.context
        if isinstance(context, dict) and context.get(COMPACT) and isinstance(data, dict):
            for name, default in _empty_by_default(type(self)).items():
                if name in data and _is_empty(data[name], default):
                    del data[name]
        return data


class Entity(Record):
    """A record with an id, free tags and typed free attributes.

    Ids are unique across the whole hub, whatever the kind of record, so that a network
    node or a reference names one thing only.

    Attributes:
        id: The record's id.
        tags: Free labels.
        attributes: Free typed values (JSON scalars), for what the models do not cover.

    Examples:
        >>> Entity(id="x-1", tags=("pilot",), attributes={"ward": "Blakenall"}).attributes
        {'ward': 'Blakenall'}
    """

    id: Id
    tags: tuple[Tag, ...] = ()
    attributes: Attributes = Field(default_factory=dict)


class Money(Record):
    """An exact amount of money in a currency.

    Attributes:
        amount: The amount, as an exact decimal (any finite value; negative for refunds).
        currency: The ISO 4217 code.

    Adding two amounts gives their sum; amounts in two currencies cannot be added
    (:class:`~coinnovation.errors.InvalidAmountError`, also a ``ValueError``).

    Examples:
        >>> from decimal import Decimal
        >>> Money(amount=Decimal("10"), currency="EUR").amount
        Decimal('10')
        >>> print(Money(amount=Decimal("10"), currency="EUR") + Money(amount=Decimal("2.5"), currency="EUR"))
        12.5 EUR
        >>> Money(amount=Decimal("10"), currency="EUR") + Money(amount=Decimal("1"), currency="GBP")
        Traceback (most recent call last):
        ...
        coinnovation.errors.InvalidAmountError: money added: 1 GBP is in another currency: cannot add GBP to EUR
    """

    amount: Annotated[Decimal, Field(allow_inf_nan=False)]
    currency: Currency

    def __add__(self, other: Any) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise InvalidAmountError(
                "money added",
                other,
                f"is in another currency: cannot add {other.currency} to {self.currency}",
            )
        return Money(amount=self.amount + other.amount, currency=self.currency)

    def scaled(self, factor: Decimal) -> Self:
        """This amount multiplied by ``factor``, in the same currency, unrounded.

        Args:
            factor: An exact multiplier (hours, a share ...).

        Returns:
            A new :class:`Money`.

        Examples:
            >>> from decimal import Decimal
            >>> Money(amount=Decimal("25"), currency="GBP").scaled(Decimal("1.5")).amount
            Decimal('37.5')
        """
        return type(self)(amount=self.amount * factor, currency=self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"
