"""Files and formats at the edges: hub files and their JSON Schema.

Examples:
    >>> from coinnovation.io import dumps, loads
    >>> from coinnovation.models import Hub
    >>> loads(dumps(Hub(name="demo"))).name
    'demo'
"""

from coinnovation.io.files import Format, atomic_write, dumps, format_of, load, loads, save
from coinnovation.io.schema import SCHEMA_ID, json_schema

__all__ = [
    "SCHEMA_ID",
    "Format",
    "atomic_write",
    "dumps",
    "format_of",
    "json_schema",
    "load",
    "loads",
    "save",
]
