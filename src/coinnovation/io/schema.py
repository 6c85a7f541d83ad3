"""The JSON Schema of a hub file.

The schema is generated from the models, so it always describes what :func:`load`
accepts. A copy is published at ``docs/schema/hub.schema.json`` for users of other
languages; a test fails when the copy drifts from the models.

Example:
    >>> schema = json_schema()
    >>> schema["title"], "participations" in schema["properties"]
    ('coinnovation hub file', True)
"""

from __future__ import annotations

from typing import Any

from coinnovation.models.hub import SCHEMA_VERSION, Hub

__all__ = ["SCHEMA_ID", "json_schema"]

#: The ``$id`` of the published schema.
SCHEMA_ID = "https://coinnovation.readthedocs.io/en/latest/schema/hub.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a hub file.

    Describes the files :func:`coinnovation.load` reads: every record, field and
    vocabulary. Referential integrity (ids that must exist, unique ids, loops) is beyond
    what JSON Schema can say; ``coinnovation validate`` checks it.

    Returns:
        The schema, as a JSON-ready dictionary.

    Example:
        >>> json_schema()["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
    """
    schema = Hub.model_json_schema(mode="validation")
    description = (
        f"A community co-innovation hub (schema version {SCHEMA_VERSION}): stakeholders, "
        "challenges, sessions, participations, contributions and agreements."
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "coinnovation hub file",
        "description": description,
    }
