"""Community at the heart: is a sector an equal partner, directly and throughout?

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.heart import heart_report
    >>> report = heart_report(co.load("examples/walsall-2023/hub.json"), kind="table")
    >>> report["throughout"].value
    1.0
"""

from coinnovation.heart.report import (
    INDICATORS,
    Better,
    HeartReport,
    Indicator,
    UnknownLevel,
    heart_report,
)

__all__ = ["INDICATORS", "Better", "HeartReport", "Indicator", "UnknownLevel", "heart_report"]
