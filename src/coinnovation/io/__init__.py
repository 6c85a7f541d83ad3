"""Files and formats at the edges: hub files, their schema, exports and data frames.

Examples:
    >>> from coinnovation.io import dumps, loads
    >>> from coinnovation.models import Hub
    >>> loads(dumps(Hub(name="demo"))).name
    'demo'
"""

from coinnovation.io.exports import (
    EXPORTS,
    ExportKind,
    ExportTable,
    export_rows,
    export_table,
    write_export,
)
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
from coinnovation.io.frames import FRAMES, to_frames
from coinnovation.io.graphs import (
    GraphFormat,
    edge_frame,
    flatten_attributes,
    graph_format_of,
    node_frame,
    node_link_data,
    write_edge_csv,
    write_gexf,
    write_graph,
    write_graphml,
    write_node_link,
)
from coinnovation.io.hypergraph import HIF_VERSION, hif_data, session_hypergraph, write_hif
from coinnovation.io.registers import (
    MAX_CELL_LENGTH,
    NearDuplicate,
    RegisterError,
    RegisterImport,
    RegisterMapping,
    RowProblem,
    SkippedRow,
    normalise_name,
    read_register,
)
from coinnovation.io.schema import SCHEMA_ID, json_schema
from coinnovation.io.store import (
    MIGRATIONS,
    STORE_SUFFIXES,
    STORE_VERSION,
    AppliedMigration,
    Migration,
    Store,
    StoreBusyError,
    StoreError,
    StoreTransaction,
    is_store,
)
from coinnovation.io.tables import (
    TableFormat,
    looks_like_formula,
    neutralise,
    table_records,
    unneutralise,
    write_table,
)

__all__ = [
    "EXPORTS",
    "FRAMES",
    "HIF_VERSION",
    "MAX_BYTES",
    "MAX_CELL_LENGTH",
    "MIGRATIONS",
    "SCHEMA_ID",
    "STORE_SUFFIXES",
    "STORE_VERSION",
    "AppliedMigration",
    "ExportKind",
    "ExportTable",
    "Format",
    "GraphFormat",
    "Migration",
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
    "TableFormat",
    "atomic_write",
    "dumps",
    "edge_frame",
    "export_rows",
    "export_table",
    "flatten_attributes",
    "format_of",
    "graph_format_of",
    "hif_data",
    "is_store",
    "json_schema",
    "load",
    "loads",
    "looks_like_formula",
    "neutralise",
    "node_frame",
    "node_link_data",
    "normalise_name",
    "read_register",
    "save",
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
]
