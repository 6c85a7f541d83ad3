"""The JSON Schema of a hub file.

The schema is generated from the models, so it always describes what :func:`load`
accepts. A copy is published at ``docs/schema/hub.schema.json`` for users of other
languages; a test fails when the copy drifts from the models.

Examples:
    >>> schema = json_schema()
    >>> schema["title"], "participations" in schema["properties"]
    ('coinnovation hub file', True)
"""

from __future__ import annotations

from typing import Any

from coinnovation.models.base import CURRENCIES
from coinnovation.models.hub import SCHEMA_VERSION, Hub

__all__ = ["SCHEMA_ID", "json_schema"]

#: The ``$id`` of the published schema.
SCHEMA_ID = "https://coinnovation.readthedocs.io/en/latest/schema/hub.schema.json"


_COMMON = {
    "id": ["The record's id, unique across the whole hub."],
    "tags": ["Free labels."],
    "attributes": ["Free typed values (JSON scalars), for what the models do not cover."],
}


def _describe_fields(definition: dict[str, Any]) -> None:
    """Move a model docstring's ``Attributes:`` section onto its properties."""
    text = definition.get("description")
    if not isinstance(text, str):
        return
    head, marker, section = text.partition("\nAttributes:\n")
    summary = head.split("\n\n")[0].replace("\n", " ").strip()
    definition["description"] = summary
    if not marker:
        return
    described: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in section.split("\n"):
        if not line.strip():
            break
        name, colon, rest = line.strip().partition(": ")
        if line.startswith("    ") and not line.startswith("     ") and colon:
            current = described.setdefault(name, [])
            current.append(rest.strip())
        elif current is not None:
            current.append(line.strip())
    properties = definition.get("properties", {})
    for name, words in {**_COMMON, **described}.items():
        if name in properties and "description" not in properties[name]:
            properties[name]["description"] = " ".join(words).replace("``", "")


#: What pydantic accepts as a decimal written as text.
DECIMAL_PATTERN = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"


def _constrain_decimals(node: Any) -> None:
    """Give decimal-as-text alternatives the pattern pydantic accepts."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if isinstance(options, list):
            types = [option.get("type") for option in options if isinstance(option, dict)]
            if set(types) - {"null"} == {"number", "string"}:
                for option in options:
                    if option.get("type") == "string" and "pattern" not in option:
                        option["pattern"] = DECIMAL_PATTERN
        for value in node.values():
            _constrain_decimals(value)
    elif isinstance(node, list):
        for value in node:
            _constrain_decimals(value)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a hub file.

    Describes the files :func:`coinnovation.load` reads: every record, field and
    vocabulary. Referential integrity (ids that must exist, unique ids, loops) is beyond
    what JSON Schema can say; ``coinnovation validate`` checks it.

    Returns:
        The schema, as a JSON-ready dictionary.

    Examples:
        >>> json_schema()["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
    """
    schema = Hub.model_json_schema(mode="validation")
    for definition in [schema, *schema.get("$defs", {}).values()]:
        _describe_fields(definition)
    _constrain_decimals(schema)
    money = schema["$defs"]["Money"]["properties"]["currency"]
    money["enum"] = sorted(CURRENCIES)
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
