"""What leaves the library for other tools: networks, hypergraphs, tables and data frames.

- :mod:`~coinnovation.export.graphs` writes networks as GEXF (Gephi), GraphML, D3 JSON or
  CSV edge and node lists, with attributes flattened so every writer accepts them, and
  :func:`json_ready` makes any value plain JSON;
- :mod:`~coinnovation.export.hypergraph` builds the sessions as a hypergraph and writes
  HIF files;
- :mod:`~coinnovation.export.tables` writes result tables as CSV or JSON, neutralising
  what a spreadsheet could run as a formula;
- :mod:`~coinnovation.export.frames` gives every record of a hub as pandas DataFrames;
- :mod:`~coinnovation.export.exports` gives the tables of people, organisations,
  participations and measures for spreadsheets, with the hub's privacy policy applied;
- :mod:`~coinnovation.export.parquet` writes those tables and edge lists as typed Parquet
  files (the ``parquet`` extra), for R, DuckDB, polars and Spark;
- :mod:`~coinnovation.export.kumu` gives a network as a Kumu blueprint;
- :mod:`~coinnovation.export.popolo` gives a hub's people, organisations, memberships and
  sessions as Popolo JSON, the open standard of civic-tech tools.

Every output that shows people takes a :class:`~coinnovation.privacy.Privacy`. The names
load on first use, so ``import coinnovation.export`` alone is quick. (Until issue 10 these
modules were part of :mod:`coinnovation.io`; the old names still work there, with a
``DeprecationWarning``.)

Examples:
    >>> from coinnovation import export, load
    >>> hub = load("examples/walsall-2023/hub.json")
    >>> export.export_rows(hub, "organisations").columns[:3]
    ('id', 'name', 'kind')
    >>> export.neutralise("=1+1")
    "'=1+1"
"""

import sys as _sys
import typing as _typing

from coinnovation._lazy import attach as _attach

if _typing.TYPE_CHECKING:
    from coinnovation.export.exports import (
        EXPORTS,
        ExportKind,
        ExportTable,
        export_rows,
        export_table,
        write_export,
    )
    from coinnovation.export.frames import FRAMES, to_frames
    from coinnovation.export.graphs import (
        GraphFormat,
        edge_frame,
        flatten_attributes,
        graph_format_of,
        json_ready,
        node_frame,
        node_link_data,
        write_edge_csv,
        write_gexf,
        write_graph,
        write_graphml,
        write_node_link,
    )
    from coinnovation.export.hypergraph import (
        HIF_VERSION,
        HypergraphLevel,
        hif_data,
        session_hypergraph,
        write_hif,
    )
    from coinnovation.export.kumu import KUMU_DIRECTIONS, kumu_blueprint, write_kumu
    from coinnovation.export.parquet import (
        DECIMAL_PRECISION,
        arrow_table,
        edge_arrow,
        write_edge_parquet,
        write_parquet,
    )
    from coinnovation.export.popolo import popolo_data, write_popolo
    from coinnovation.export.tables import (
        FORMULA_CHARACTERS,
        TableFormat,
        looks_like_formula,
        neutralise,
        table_records,
        unneutralise,
        write_table,
    )

#: Each public name and the module that defines it, loaded on first use.
_NAMES = {
    **dict.fromkeys(
        ("EXPORTS", "ExportKind", "ExportTable", "export_rows", "export_table", "write_export"),
        "coinnovation.export.exports",
    ),
    **dict.fromkeys(("FRAMES", "to_frames"), "coinnovation.export.frames"),
    **dict.fromkeys(
        (
            "GraphFormat",
            "edge_frame",
            "flatten_attributes",
            "graph_format_of",
            "json_ready",
            "node_frame",
            "node_link_data",
            "write_edge_csv",
            "write_gexf",
            "write_graph",
            "write_graphml",
            "write_node_link",
        ),
        "coinnovation.export.graphs",
    ),
    **dict.fromkeys(
        ("HIF_VERSION", "HypergraphLevel", "hif_data", "session_hypergraph", "write_hif"),
        "coinnovation.export.hypergraph",
    ),
    **dict.fromkeys(
        ("KUMU_DIRECTIONS", "kumu_blueprint", "write_kumu"), "coinnovation.export.kumu"
    ),
    **dict.fromkeys(
        ("DECIMAL_PRECISION", "arrow_table", "edge_arrow", "write_edge_parquet", "write_parquet"),
        "coinnovation.export.parquet",
    ),
    **dict.fromkeys(("popolo_data", "write_popolo"), "coinnovation.export.popolo"),
    **dict.fromkeys(
        (
            "FORMULA_CHARACTERS",
            "TableFormat",
            "looks_like_formula",
            "neutralise",
            "table_records",
            "unneutralise",
            "write_table",
        ),
        "coinnovation.export.tables",
    ),
}

__getattr__, __dir__ = _attach(_sys.modules[__name__], _NAMES, submodules=True)

__all__ = [
    "DECIMAL_PRECISION",
    "EXPORTS",
    "FORMULA_CHARACTERS",
    "FRAMES",
    "HIF_VERSION",
    "KUMU_DIRECTIONS",
    "ExportKind",
    "ExportTable",
    "GraphFormat",
    "HypergraphLevel",
    "TableFormat",
    "arrow_table",
    "edge_arrow",
    "edge_frame",
    "export_rows",
    "export_table",
    "flatten_attributes",
    "graph_format_of",
    "hif_data",
    "json_ready",
    "kumu_blueprint",
    "looks_like_formula",
    "neutralise",
    "node_frame",
    "node_link_data",
    "popolo_data",
    "session_hypergraph",
    "table_records",
    "to_frames",
    "unneutralise",
    "write_edge_csv",
    "write_edge_parquet",
    "write_export",
    "write_gexf",
    "write_graph",
    "write_graphml",
    "write_hif",
    "write_kumu",
    "write_node_link",
    "write_parquet",
    "write_popolo",
    "write_table",
]
