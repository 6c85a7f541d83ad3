"""Private alias of :mod:`coinnovation.models.base`, kept while the last users move.

Import from :mod:`coinnovation.models.base` (or :mod:`coinnovation.models`) instead.

Examples:
    >>> from coinnovation.models import base
    >>> Money is base.Money
    True
"""

from coinnovation.models.base import (
    COMPACT,
    CURRENCIES,
    Attributes,
    AttributeValue,
    Currency,
    Entity,
    Id,
    Money,
    Record,
    Tag,
    Text,
    minor_unit,
)

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
