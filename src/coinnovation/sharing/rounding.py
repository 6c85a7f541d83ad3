"""Exact money: amounts read one way, splits that add up, and figures written one way.

Three jobs, one place for each:

- :func:`to_money` reads an amount given as a plain number (int, :class:`~decimal.Decimal`,
  a decimal string, a float by its shortest form) or as a
  :class:`~coinnovation.models.Money`, and refuses anything that cannot be shared exactly
  — every rule and :func:`split` read their amount through it;
- :func:`split` divides an amount exactly: each party first gets its exact share, rounded
  *down* to the currency's minor unit (pennies for pounds, yen for yen), then the pennies
  left over go, one each, to the parties whose exact shares lost the most in rounding
  (largest remainder, Hamilton's method), ties to the party given first, so the result
  always sums exactly to the amount;
- :func:`format_money` and :func:`format_percent` write every money figure, percentage and
  difference in percentage points that the sharing results show, so that one output never
  reads two ways.

Examples:
    >>> from decimal import Decimal
    >>> split(Decimal("100.00"), {"a": 1, "b": 1, "c": 1}, currency="GBP")
    {'a': Decimal('33.34'), 'b': Decimal('33.33'), 'c': Decimal('33.33')}
    >>> split(10000, {"a": 2, "b": 1}, currency="GBP")
    {'a': Decimal('6666.67'), 'b': Decimal('3333.33')}
    >>> format_money(Decimal("6666.666"), "GBP"), format_percent(Decimal("0.6666"))
    ('6,666.67 GBP', '66.7%')
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation, getcontext
from fractions import Fraction
from typing import TypeVar

from coinnovation.errors import InvalidAmountError
from coinnovation.models.base import Money, minor_unit

__all__ = ["Amount", "Weight", "format_money", "format_percent", "split", "to_money"]

#: An exact or numeric weight.
Weight = int | Decimal | Fraction | float

#: An amount of money as the sharing functions accept it: a plain number (int,
#: :class:`~decimal.Decimal`, a decimal string, a float read by its shortest form, or an
#: exact decimal :class:`~fractions.Fraction`) in a currency given separately, or a
#: :class:`~coinnovation.models.Money` that carries its own.
Amount = int | float | str | Decimal | Fraction | Money

_K = TypeVar("_K", bound=Hashable)

#: Decimal places of every percentage shown (and of differences in percentage points).
_PERCENT_PLACES = 1


def _exact(value: Weight) -> Fraction:
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def _finite(values: Mapping[_K, Weight], what: str) -> dict[_K, Fraction]:
    """Each value exactly, or a ValueError naming the first that is not a finite number."""
    exact: dict[_K, Fraction] = {}
    for key, value in values.items():
        try:
            exact[key] = _exact(value)
        except (ValueError, OverflowError, TypeError):
            raise ValueError(f"{what}: {key!r} has {value!r}, not a finite number") from None
    return exact


def _terminating(value: Fraction) -> Decimal | None:
    """The exact decimal form of a fraction, or ``None`` if its decimals never end.

    Examples:
        >>> _terminating(Fraction(1, 8)), _terminating(Fraction(1, 3))
        (Decimal('0.125'), None)
    """
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return None
    places = max(twos, fives)
    return Decimal(f"{value.numerator * 10**places // value.denominator}e-{places}")


def _to_decimal(value: object, *, name: str = "amount", negative: bool = True) -> Decimal:
    """An exact, finite decimal from a plain number; the reader behind :func:`to_money`.

    Args:
        value: An int, a :class:`~decimal.Decimal`, a decimal string, a float (read by its
            shortest form, ``Decimal(repr(x))``, so ``0.1`` is ``Decimal('0.1')``) or a
            :class:`~fractions.Fraction` with a finite decimal form. Not a bool.
        name: The argument's name, for the error message.
        negative: Whether a negative number is allowed.

    Returns:
        The number, exactly.

    Raises:
        InvalidAmountError: Not a number, not finite, a fraction whose decimals never end,
            or negative when ``negative`` is false; the message names ``name``.

    Examples:
        >>> _to_decimal(0.1), _to_decimal("12.50"), _to_decimal(Fraction(1, 4))
        (Decimal('0.1'), Decimal('12.50'), Decimal('0.25'))
        >>> _to_decimal("ten", name="budget")
        Traceback (most recent call last):
        ...
        coinnovation.errors.InvalidAmountError: budget: 'ten' is not a number
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal | Fraction):
        raise InvalidAmountError(
            name,
            value,
            "is not a number: give an int, a Decimal, a decimal string, a float or a Money",
        )
    if isinstance(value, Fraction):
        found = _terminating(value)
        if found is None:
            raise InvalidAmountError(name, value, "has no exact decimal form")
        number = found
    else:
        try:
            number = Decimal(repr(value) if isinstance(value, float) else value)
        except (InvalidOperation, ValueError):
            raise InvalidAmountError(name, value, "is not a number") from None
    if not number.is_finite():
        raise InvalidAmountError(name, value, "is not a finite number")
    if number < 0 and not negative:
        raise InvalidAmountError(name, value, "must not be negative")
    return number


def to_money(
    value: Amount,
    currency: str | None = None,
    *,
    name: str = "amount",
    negative: bool = False,
    minor_units: bool = True,
) -> Money:
    """Read an amount to share: a plain number in ``currency``, or a Money; exact or refused.

    Every rule's ``allocate``, :func:`split` and
    :func:`~coinnovation.sharing.share_agreement` read their amount through this one
    function, so they all accept and refuse the same things.

    Args:
        value: The amount: an int, a :class:`~decimal.Decimal`, a decimal string, a float
            (read by its shortest form, so ``0.1`` is exactly ``0.1``), an exact decimal
            :class:`~fractions.Fraction`, or a :class:`~coinnovation.models.Money`.
        currency: The ISO 4217 code; needed for a plain number, and when given with a
            Money, the Money must be in it.
        name: The argument's name, for the error message.
        negative: Whether a negative amount (a loss to split) is allowed; a pot to share
            must be 0 or more.
        minor_units: Whether the amount must be a whole number of the currency's minor
            units (a pot, a budget); an hourly rate may be finer, and is kept exact.

    Returns:
        The amount as Money, written to the currency's minor unit (``10000`` in GBP is
        ``10000.00``), or exactly as given when ``minor_units`` is false.

    Raises:
        InvalidAmountError: Not a number, NaN or infinite, negative (unless allowed), finer
            than the currency's minor unit, too many digits to be exact, in another
            currency than ``currency``, no currency, or an unknown currency; the message
            names the argument.

    Examples:
        >>> to_money(10000, "GBP")
        Money(amount=Decimal('10000.00'), currency='GBP')
        >>> to_money(19.99, "EUR").amount, to_money("500", "JPY").amount
        (Decimal('19.99'), Decimal('500'))
        >>> to_money(12.345, "GBP", name="time_rate", minor_units=False).amount
        Decimal('12.345')
        >>> to_money(-5, "GBP")
        Traceback (most recent call last):
        ...
        coinnovation.errors.InvalidAmountError: amount: -5 must not be negative: a pot to share is 0 or more
        >>> to_money("0.005", "GBP", name="budget")
        Traceback (most recent call last):
        ...
        coinnovation.errors.InvalidAmountError: budget: '0.005' is finer than the GBP minor unit (0.01)
    """
    code: str | None
    if isinstance(value, Money):
        if currency is not None and value.currency != currency:
            raise InvalidAmountError(name, value, f"is not in {currency}")
        number, code = value.amount, value.currency
    else:
        number, code = _to_decimal(value, name=name), currency
    if code is None:
        raise InvalidAmountError(
            name, value, "has no currency: pass currency= (an ISO 4217 code) or a Money"
        )
    try:
        places = minor_unit(code)
    except KeyError:
        raise InvalidAmountError("currency", code, "is not an ISO 4217 currency code") from None
    if number < 0 and not negative:
        raise InvalidAmountError(name, value, "must not be negative: a pot to share is 0 or more")
    if not minor_units:
        return Money(amount=number, currency=code)
    unit = Decimal(1).scaleb(-places)
    try:
        rounded = number.quantize(unit)
    except InvalidOperation:
        rounded = Decimal("NaN")
    if not rounded.is_finite():
        raise InvalidAmountError(
            name,
            value,
            f"has too many digits to share exactly to the {code} minor unit (at most "
            f"{getcontext().prec} significant digits)",
        )
    if rounded != number:
        raise InvalidAmountError(name, value, f"is finer than the {code} minor unit ({unit})")
    return Money(amount=rounded, currency=code)


def format_money(amount: Decimal | Fraction | int | float, currency: str) -> str:
    """Write an amount of money for people: to the currency's minor unit, with its code.

    Formula: the amount rounded to the minor unit (halves away from zero), with a comma between
    thousands and the ISO 4217 code after it. Zero is never written ``-0.00``. Every money
    figure that sharing results show (explanations, notes, fairness reports, the ``share``
    command, the report's agreements) is written by this function.

    Args:
        amount: The amount: exact (Decimal, Fraction, int) or a float.
        currency: The ISO 4217 code that sets the minor unit.

    Returns:
        The amount as text, such as ``"20,000.00 GBP"``.

    Examples:
        >>> format_money(Decimal("20000"), "GBP"), format_money(Fraction(2500, 3), "JPY")
        ('20,000.00 GBP', '833 JPY')
        >>> format_money(799.998, "GBP"), format_money(Decimal("-0.001"), "GBP")
        ('800.00 GBP', '0.00 GBP')
    """
    places = minor_unit(currency)
    unit = Decimal(1).scaleb(-places)
    if isinstance(amount, float):
        exact = Decimal(repr(amount))
    elif isinstance(amount, Fraction):
        exact = Decimal(amount.numerator) / Decimal(amount.denominator)
    else:
        exact = Decimal(amount)
    rounded = exact.quantize(unit, rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)
    return f"{rounded:,.{places}f} {currency}"


def format_percent(
    value: Fraction | Decimal | float | int, *, points: bool = False, signed: bool | None = None
) -> str:
    """Write a fraction of a whole for people: as a percentage, or as percentage points.

    Formula: 100 · value to one decimal place (halves away from zero); as points, with a sign
    (``+1.2 points``, ``-3.6 points``) unless it rounds to zero (``0.0 points``). Never
    ``-0.0``. Every share and difference of shares that sharing results show is written
    by this function.

    Args:
        value: The fraction (0.25 for a quarter).
        points: Write a difference of two shares, in percentage points.
        signed: Whether a positive value gets a ``+``; by default only points do (a
            tolerance in points is written without one).

    Returns:
        The text, such as ``"25.0%"`` or ``"+1.2 points"``.

    Examples:
        >>> format_percent(Fraction(1, 3)), format_percent(0.0125, points=True)
        ('33.3%', '+1.3 points')
        >>> format_percent(Fraction(-1, 100000), points=True)
        '0.0 points'
    """
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    elif isinstance(value, float):
        exact = Decimal(repr(value))
    else:
        exact = Decimal(value)
    unit = Decimal(1).scaleb(-_PERCENT_PLACES)
    rounded = (exact * 100).quantize(unit, rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)
    sign = "+" if rounded > 0 and (points if signed is None else signed) else ""
    text = f"{sign}{rounded:.{_PERCENT_PLACES}f}"
    return f"{text} points" if points else f"{text}%"


def split(
    amount: Amount, weights: Mapping[_K, Weight], *, currency: str | None = None
) -> dict[_K, Decimal]:
    """Split ``amount`` in proportion to ``weights``, exactly, to the currency's minor unit.

    Formula: party i's exact share is q_i = A·w_i / Σw. Each gets ⌊q_i⌋ in minor units;
    the R = A − Σ⌊q_i⌋ units left go one each to the R parties with the largest
    remainders q_i − ⌊q_i⌋ (Hamilton's largest-remainder method; Balinski & Young, *Fair
    Representation*, 1982). Ties go to the party given first.

    Args:
        amount: The amount to split (see :func:`to_money`): a whole number of minor units,
            as a plain number or a Money. Unlike a pot to share, it may be negative (a
            loss is split the same way).
        weights: Each party's weight (non-negative; floats are read by their shortest
            decimal form).
        currency: The ISO 4217 code that sets the minor unit (not needed for a Money).

    Returns:
        Each party's amount, in the order given; they sum exactly to ``amount``.

    Raises:
        InvalidAmountError: An amount that is not a finite number, is finer than the minor
            unit, or has no currency.
        ValueError: No weights, a weight that is not a finite number or is negative, or
            all weights zero.

    Examples:
        >>> from decimal import Decimal
        >>> split(Decimal("10"), {"x": 2, "y": 1}, currency="JPY")
        {'x': Decimal('7'), 'y': Decimal('3')}
        >>> sum(split(Decimal("0.05"), {i: 1 for i in range(3)}, currency="EUR").values())
        Decimal('0.05')
    """
    money = to_money(amount, currency, negative=True)
    if not weights:
        raise ValueError("nothing to split among: no parties")
    exact = _finite(weights, "weights")
    negative = [party for party, weight in exact.items() if weight < 0]
    if negative:
        raise ValueError(f"weights must not be negative: {negative!r}")
    total = sum(exact.values(), Fraction(0))
    if total == 0:
        raise ValueError("all weights are zero: there is no proportion to split by")
    unit = Decimal(1).scaleb(-minor_unit(money.currency))
    units = Fraction(money.amount) / Fraction(unit)
    sign = -1 if units < 0 else 1
    whole = abs(units.numerator)
    quotas = {party: whole * weight / total for party, weight in exact.items()}
    floors = {party: quota.numerator // quota.denominator for party, quota in quotas.items()}
    left = whole - sum(floors.values())
    order = sorted(quotas, key=lambda party: -(quotas[party] - floors[party]))
    for party in order[:left]:
        floors[party] += 1
    return {
        party: (Decimal(sign * floors[party]) * unit).quantize(unit, rounding=ROUND_FLOOR)
        for party in weights
    }
