"""The heart report's voice indicator, by hand."""

from __future__ import annotations

import pytest

from coinnovation.heart import heart_report
from tests.heart.helpers import process_hub


def test_voice_by_hand() -> None:
    # Framings: f1 by c1 (community), f2 by the firm, f3 by p-dev (industry through
    # the firm), f4 by p-res (community) → 2/4.
    # Contributions: k1 by c1, k2 by p-dev, k3 by p-res → 2/3.
    # Participants: c1, p-res, f, h, c2, p-dev; community c1, p-res, c2 → 3/6.
    # No community framing: ch-b (p-dev only), ch-d, ch-e (none).
    indicator = heart_report(process_hub())["voice"]
    assert indicator.value == 0.5
    assert indicator.figures["contribution_share"] == pytest.approx(2 / 3)
    assert indicator.figures["participant_share"] == 0.5
    assert indicator.flags == ("ch-b", "ch-d", "ch-e")
    rows = {row["challenge"]: row for row in indicator.details}
    assert rows["ch-a"] == {
        "challenge": "ch-a",
        "title": "A",
        "framings": 2,
        "community_framings": 1,
        "contributions": 2,
        "community_contributions": 1,
    }
