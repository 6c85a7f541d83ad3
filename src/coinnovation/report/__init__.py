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

from coinnovation.report.document import ReportFiles, write_report
from coinnovation.report.html import report_html
from coinnovation.report.markdown import report_markdown
from coinnovation.report.summary import HubSummary, SessionLine, summarise

__all__ = [
    "HubSummary",
    "ReportFiles",
    "SessionLine",
    "report_html",
    "report_markdown",
    "summarise",
    "write_report",
]
