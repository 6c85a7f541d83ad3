"""Private alias of :mod:`coinnovation.models.records`, kept while the last users move.

Import from :mod:`coinnovation.models.records` instead.

Examples:
    >>> from coinnovation.models import records
    >>> RECORD_TYPES is records.RECORD_TYPES
    True
"""

from coinnovation.models.records import (
    FIELD_OF,
    FIELD_OF_KIND,
    KIND_OF,
    KIND_OF_FIELD,
    RECORD_TYPES,
)

__all__ = ["FIELD_OF", "FIELD_OF_KIND", "KIND_OF", "KIND_OF_FIELD", "RECORD_TYPES"]
