"""What people read: summaries, and the HTML/Markdown report of a hub.

:func:`write_report` writes a self-contained HTML page (with an interactive view of the
organisation network) and its Markdown twin; :func:`summarise` is what
``coinnovation summary`` prints. Every person's name goes through the hub's privacy policy.

Examples:
    >>> from coinnovation.models import Hub
    >>> from coinnovation.report import summarise
    >>> summarise(Hub(name="demo")).name
    'demo'
"""

import sys as _sys
import typing as _typing

from coinnovation._lazy import attach as _attach

if _typing.TYPE_CHECKING:
    from coinnovation.report.document import ReportFiles, write_report
    from coinnovation.report.html import report_html
    from coinnovation.report.markdown import report_markdown
    from coinnovation.report.summary import HubSummary, SessionLine, summarise

# The summary needs the models only; the report itself the network and sharing too. Each
# loads on first use, so `coinnovation summary` never imports networkx.
__getattr__, __dir__ = _attach(
    _sys.modules[__name__],
    {
        "ReportFiles": "coinnovation.report.document",
        "write_report": "coinnovation.report.document",
        "report_html": "coinnovation.report.html",
        "report_markdown": "coinnovation.report.markdown",
        "HubSummary": "coinnovation.report.summary",
        "SessionLine": "coinnovation.report.summary",
        "summarise": "coinnovation.report.summary",
    },
    submodules=True,
)

__all__ = [
    "HubSummary",
    "ReportFiles",
    "SessionLine",
    "report_html",
    "report_markdown",
    "summarise",
    "write_report",
]
