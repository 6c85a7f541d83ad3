"""The report's p-values, intervals and null-distribution pictures, against the tests' own.

The figures the page shows are compared with :func:`heart_report_tested` and
:func:`bootstrap` run here with the same seed; the picture's bars are read back from
the SVG and compared with the histogram computed here with numpy from the null
distribution :func:`heart_tests` returns.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from coinnovation.inference import HISTOGRAM_BINS, bootstrap, heart_report_tested, heart_tests
from coinnovation.privacy import Privacy
from coinnovation.report import report_html, report_markdown, write_report
from coinnovation.report.html import null_picture
from coinnovation.report.tables import format_value
from tests.report.helpers import SECRET, Page, consenting_hub

DAY = date(2024, 1, 31)
OPTIONS = {"kind": "table", "seed": 4, "generated": DAY}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    hub = consenting_hub()
    files = write_report(
        hub,
        tmp_path_factory.mktemp("tested") / "out",
        privacy=Privacy(hub, SECRET),
        permutations=99,
        resamples=6,
        **OPTIONS,  # type: ignore[arg-type]
    )
    return files.html.read_text(encoding="utf-8"), files.markdown.read_text(encoding="utf-8")


def test_the_page_shows_the_tests_own_figures(pages: tuple[str, str]) -> None:
    page, markdown = pages
    hub = consenting_hub()
    report = heart_report_tested(hub, kind="table", permutations=99, resamples=6, seed=4)
    for name in ("centrality", "brokerage"):
        significance = report[name].significance
        assert significance is not None
        assert f"<strong>Chance:</strong> {significance.summary}</p>" in page
        assert f"**Chance:** {significance.summary}" in markdown
        assert significance.p_holm is not None
        assert f"p = {significance.p_holm:.2g}" in page
    for name in ("centrality", "brokerage", "throughout", "voice", "equal_partners", "reach"):
        interval = report[name].interval
        assert interval is not None
        article = page[page.index(f'id="heart-{name}"') :]
        article = article[: article.index("</article>")]
        assert f"<strong>Uncertainty:</strong> {interval.summary}" in article
    assert page.count('<svg class="null"') == 2
    assert "Each p-value compares the indicator with 99 random relabellings" in page
    assert "Each p-value compares the indicator with 99 random relabellings" in markdown


def test_the_pictures_bars_are_the_null_distribution(pages: tuple[str, str]) -> None:
    page, _ = pages
    family = heart_tests(consenting_hub(), kind="table", permutations=99, seed=4)
    svg = re.search(r'<svg class="null".*?</svg>', page, re.S)
    assert svg is not None
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([0-9.]+)"', svg[0])]
    test = family["centrality"]
    assert test.observed is not None
    null = np.asarray(test.null)
    low, high = min(null.min(), test.observed), max(null.max(), test.observed)
    counts, _ = np.histogram(null, bins=HISTOGRAM_BINS, range=(low, high))
    assert len(heights) == HISTOGRAM_BINS
    np.testing.assert_allclose(np.array(heights) / max(heights), counts / counts.max(), atol=0.01)
    assert 'class="observed"' in svg[0]


def test_the_measures_table_has_the_bootstrap_interval(pages: tuple[str, str]) -> None:
    page, markdown = pages
    hub = consenting_hub()
    privacy = Privacy(hub, SECRET)
    result = bootstrap(
        hub, "strength", level="organisation", weight="newman", kind="table", resamples=6,
        seed=4, privacy=privacy,
    )  # fmt: skip
    assert "strength 95 % interval" in page
    assert "| strength 95 % interval |" in markdown
    names = {o.id: o.name for o in hub.organisations}
    table = page[page.index('<section id="measures">') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table)[1:]
    assert rows
    for row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        node = next(key for key, name in names.items() if html.escape(name) == cells[1])
        low, high = result.interval(node)
        assert low is not None
        assert high is not None
        digits = len(cells[4].split(".")[1]) if "." in cells[4] else 0
        text = f"{format_value(low, digits=digits)} to {format_value(high, digits=digits)}"
        assert cells[-1] == text


def test_the_tested_page_is_well_formed_and_safe(pages: tuple[str, str]) -> None:
    page, _ = pages
    parsed = Page(page)
    assert parsed.errors == []
    assert [key for key, count in parsed.ids.items() if count > 1] == []
    assert 'style="' not in page  # the Content-Security-Policy allows no inline style
    assert parsed.tags["script"] == 1


def test_an_untested_report_has_none_of_it() -> None:
    hub = consenting_hub()
    privacy = Privacy(hub, SECRET)
    page = report_html(hub, privacy=privacy, **OPTIONS)  # type: ignore[arg-type]
    again = report_html(
        hub,
        privacy=privacy,
        permutations=None,
        resamples=None,
        **OPTIONS,  # type: ignore[arg-type]
    )
    assert page == again
    for marker in ("Chance:", "Uncertainty:", '<svg class="null"', "% interval", "p-value"):
        assert marker not in page
    markdown = report_markdown(hub, privacy=privacy, **OPTIONS)  # type: ignore[arg-type]
    assert "Chance:" not in markdown


@pytest.mark.parametrize(
    ("options", "error"),
    [({"permutations": 0}, ValueError), ({"resamples": True}, TypeError)],
)
def test_bad_counts_are_refused(
    tmp_path: Path, options: dict[str, object], error: type[Exception]
) -> None:
    hub = consenting_hub()
    with pytest.raises(error):
        write_report(hub, tmp_path, privacy=Privacy(hub, SECRET), **options)  # type: ignore[arg-type]


def test_null_picture_escapes_and_marks() -> None:
    svg = null_picture([0.0, 1.0, 2.0], [2, 1], 0.5, label="<b>")
    assert "&lt;b&gt;" in svg
    assert "<b>" not in svg
    assert re.findall(r'height="([0-9.]+)"', svg)[1:] == ["54.0", "27.0"]
    assert null_picture([0.0, 1.0], [1, 2], 0.0) == ""
