"""Persistence: hub files and their schema, sign-in sheets and registers, SQL stores.

- :mod:`~coinnovation.io.files` reads and writes hub files (JSON, YAML);
- :mod:`~coinnovation.io.schema` gives the JSON Schema of a hub file;
- :mod:`~coinnovation.io.registers` imports sign-in sheets and registers (CSV, Excel);
- :mod:`~coinnovation.io.popolo` reads Popolo JSON (people, organisations, memberships,
  events) into a hub, and ships the Popolo JSON Schemas;
- :mod:`~coinnovation.io.store` keeps a hub in a SQL database (SQLite, PostgreSQL).

These need the models only. What a hub is exported *as* for other tools (networks,
hypergraphs, tables, data frames) is in :mod:`coinnovation.export`. The file functions load
with the package; the schema, registers and stores on first use.

Examples:
    >>> from coinnovation.io import dumps, loads
    >>> from coinnovation.models import Hub
    >>> loads(dumps(Hub(name="demo"))).name
    'demo'
"""

import sys as _sys
import typing as _typing

from coinnovation._lazy import attach as _attach
from coinnovation.io.files import (
    MAX_BYTES,
    Format,
    atomic_write,
    dumps,
    format_of,
    load,
    loads,
    save,
)

if _typing.TYPE_CHECKING:
    from coinnovation.errors import RegisterError, RowProblem, StoreBusyError, StoreError
    from coinnovation.io.popolo import (
        POPOLO_COLLECTIONS,
        POPOLO_EXTRA,
        POPOLO_SCHEMA_COMMIT,
        popolo_hub,
        popolo_schemas,
        read_popolo,
    )
    from coinnovation.io.registers import (
        MAX_CELL_LENGTH,
        AlikeName,
        NameGroup,
        NearDuplicate,
        RegisterImport,
        RegisterMapping,
        SkippedRow,
        normalise_name,
        read_register,
    )
    from coinnovation.io.schema import SCHEMA_ID, json_schema
    from coinnovation.io.store import (
        MIGRATIONS,
        STORE_SUFFIXES,
        STORE_VERSION,
        AddResult,
        AppliedMigration,
        Migration,
        Store,
        StoreTransaction,
        is_store,
    )

#: Each public name loaded on first use, and the module that defines it.
_NAMES = {
    **dict.fromkeys(("SCHEMA_ID", "json_schema"), "coinnovation.io.schema"),
    **dict.fromkeys(
        (
            "POPOLO_COLLECTIONS",
            "POPOLO_EXTRA",
            "POPOLO_SCHEMA_COMMIT",
            "popolo_hub",
            "popolo_schemas",
            "read_popolo",
        ),
        "coinnovation.io.popolo",
    ),
    **dict.fromkeys(
        (
            "MAX_CELL_LENGTH",
            "AlikeName",
            "NameGroup",
            "NearDuplicate",
            "RegisterError",
            "RegisterImport",
            "RegisterMapping",
            "RowProblem",
            "SkippedRow",
            "normalise_name",
            "read_register",
        ),
        "coinnovation.io.registers",
    ),
    **dict.fromkeys(
        (
            "MIGRATIONS",
            "STORE_SUFFIXES",
            "STORE_VERSION",
            "AddResult",
            "AppliedMigration",
            "Migration",
            "Store",
            "StoreBusyError",
            "StoreError",
            "StoreTransaction",
            "is_store",
        ),
        "coinnovation.io.store",
    ),
}

#: Names that moved to :mod:`coinnovation.export` in issue 10: they still work from here,
#: with a DeprecationWarning (and so do the old modules ``coinnovation.io.graphs`` ...).
_MOVED = dict.fromkeys(
    (
        "EXPORTS",
        "FRAMES",
        "HIF_VERSION",
        "ExportKind",
        "ExportTable",
        "GraphFormat",
        "TableFormat",
        "edge_frame",
        "export_rows",
        "export_table",
        "flatten_attributes",
        "graph_format_of",
        "hif_data",
        "looks_like_formula",
        "neutralise",
        "node_frame",
        "node_link_data",
        "session_hypergraph",
        "table_records",
        "to_frames",
        "unneutralise",
        "write_edge_csv",
        "write_export",
        "write_gexf",
        "write_graph",
        "write_graphml",
        "write_hif",
        "write_node_link",
        "write_table",
    ),
    "coinnovation.export",
)

__getattr__, __dir__ = _attach(_sys.modules[__name__], _NAMES, moved=_MOVED, submodules=True)

__all__ = [
    "MAX_BYTES",
    "MAX_CELL_LENGTH",
    "MIGRATIONS",
    "POPOLO_COLLECTIONS",
    "POPOLO_EXTRA",
    "POPOLO_SCHEMA_COMMIT",
    "SCHEMA_ID",
    "STORE_SUFFIXES",
    "STORE_VERSION",
    "AddResult",
    "AlikeName",
    "AppliedMigration",
    "Format",
    "Migration",
    "NameGroup",
    "NearDuplicate",
    "RegisterError",
    "RegisterImport",
    "RegisterMapping",
    "RowProblem",
    "SkippedRow",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreTransaction",
    "atomic_write",
    "dumps",
    "format_of",
    "is_store",
    "json_schema",
    "load",
    "loads",
    "normalise_name",
    "popolo_hub",
    "popolo_schemas",
    "read_popolo",
    "read_register",
    "save",
]
