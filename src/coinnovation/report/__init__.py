"""What people read: summaries (and, in later releases, HTML/Markdown reports).

Examples:
    >>> from coinnovation.models import Hub
    >>> from coinnovation.report import summarise
    >>> summarise(Hub(name="demo")).name
    'demo'
"""

from coinnovation.report.summary import HubSummary, SessionLine, summarise

__all__ = ["HubSummary", "SessionLine", "summarise"]
