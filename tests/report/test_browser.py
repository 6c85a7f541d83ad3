"""The HTML report in a real browser: Debian's Chromium, driven headless by playwright.

Skips when /usr/bin/chromium (or playwright) is missing, unless
``COINNOVATION_REQUIRE_BROWSER=1``: then it fails, so CI cannot pass without running it.
No browser is downloaded: playwright drives the system's Chromium.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coinnovation.models import Hub, Organisation, Participation, Person, Session
from coinnovation.privacy import Privacy
from coinnovation.report.document import write_report
from tests.report.helpers import SECRET, consenting_hub

CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = os.environ.get("COINNOVATION_REQUIRE_BROWSER") == "1"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EVIL = '<script>alert("x")</script>'


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"COINNOVATION_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install 'coinnovation[dev]')")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _small_hub() -> Hub:
    """A chain of organisations, one with markup in its name: a-b, b-c, c-d."""
    names = {"o-a": EVIL, "o-b": "Bee & Co", "o-c": "Sea Ltd", "o-d": "Dee Trust"}
    sectors = {"o-a": "community", "o-b": "industry", "o-c": "academia", "o-d": "community"}
    pairs = [("o-a", "o-b"), ("o-b", "o-c"), ("o-c", "o-d")]
    sessions = tuple(Session(id=f"s-{i}", name=f"Table {i}", kind="table") for i in range(3))
    participations = tuple(
        Participation(id=f"pa-{i}-{org}", session=f"s-{i}", organisation=org)
        for i, pair in enumerate(pairs)
        for org in pair
    )
    return Hub(
        name=f"{EVIL} hub",
        organisations=tuple(
            Organisation(id=key, name=name, sector=sectors[key]) for key, name in names.items()
        ),
        people=(Person(id="p-1", name="Hidden Person"),),
        sessions=sessions,
        participations=participations,
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("browser")
    day = date(2024, 1, 31)
    example = write_report(
        consenting_hub(), root / "example", privacy=Privacy(consenting_hub(), SECRET), generated=day
    )
    small = write_report(
        _small_hub(), root / "small", privacy=Privacy(_small_hub(), SECRET), generated=day
    )
    top = write_report(
        consenting_hub(),
        root / "top",
        privacy=Privacy(consenting_hub(), SECRET),
        generated=day,
        max_nodes=6,
    )
    tested = write_report(
        consenting_hub(),
        root / "tested",
        privacy=Privacy(consenting_hub(), SECRET),
        generated=day,
        kind="table",
        permutations=99,
        resamples=5,
    )
    return {"example": example.html, "small": small.html, "top": top.html, "tested": tested.html}


@dataclass
class Visit:
    """A page open in the browser, with everything it said and asked for."""

    page: Any
    url: str
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        found = [f"console {kind}: {text}" for kind, text in self.console if kind == "error"]
        found += [f"page error: {error}" for error in self.errors]
        found += [f"request: {url}" for url in self.requests if url != self.url]
        found += [f"dialog: {message}" for message in self.dialogs]
        return found


@pytest.fixture
def visit(browser: Any, pages: dict[str, Path]) -> Iterator[Any]:
    opened: list[Any] = []

    def open_page(which: str) -> Visit:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        opened.append(context)
        page = context.new_page()
        url = pages[which].as_uri()
        seen = Visit(page, url)
        page.on("console", lambda message: seen.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        page.on("request", lambda request: seen.requests.append(request.url))

        def dialog(d: Any) -> None:
            seen.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(url, wait_until="load")
        return seen

    yield open_page
    for context in opened:
        context.close()


def test_loads_without_errors_or_requests(visit: Any) -> None:
    seen = visit("example")
    seen.page.wait_for_timeout(100)
    assert seen.problems() == []
    assert seen.page.title() == "Community Digital Health Co-Innovation Event, Walsall 2023"


def test_tested_page_draws_its_null_pictures_without_errors(visit: Any) -> None:
    seen = visit("tested")
    seen.page.wait_for_timeout(100)
    pictures = seen.page.locator("svg.null")
    assert pictures.count() == 2
    for i in range(2):
        box = pictures.nth(i).bounding_box()
        assert box is not None
        assert box["width"] > 100
        assert box["height"] > 40
    assert seen.page.locator("#network-svg circle.node").count() == 21
    assert seen.problems() == []


def test_picture_is_drawn(visit: Any) -> None:
    seen = visit("example")
    size = seen.page.eval_on_selector(
        "#network-picture", "img => [img.complete, img.naturalWidth, img.naturalHeight]"
    )
    assert size == [True, 960, 720]
    assert seen.problems() == []


def test_one_circle_per_organisation(visit: Any) -> None:
    seen = visit("example")
    circles = seen.page.locator("#network-svg circle.node")
    assert circles.count() == len(consenting_hub().organisations) == 21
    box = circles.first.bounding_box()
    assert box is not None
    assert box["width"] > 0


def test_hover_shows_a_tooltip(visit: Any) -> None:
    seen = visit("example")
    page = seen.page
    tip = page.locator("#network-tip")
    assert tip.is_hidden()
    circle = page.locator("#network-svg circle.node").nth(2)
    circle.hover()
    assert tip.is_visible()
    name = circle.get_attribute("data-name")
    sector = circle.get_attribute("data-sector-name")
    strength = circle.get_attribute("data-strength")
    assert tip.inner_text() == f"{name} — {sector} — strength {strength}"
    page.mouse.move(5, 5)
    assert tip.is_hidden()
    assert seen.problems() == []


def test_click_lights_up_the_neighbours(visit: Any) -> None:
    seen = visit("small")
    page = seen.page
    nodes = page.locator("#network-svg circle.node")
    assert nodes.count() == 4
    first = page.locator('#network-svg circle.node[data-name="Bee & Co"]')
    first.click()
    said = page.locator("#network-selection").inner_text()
    assert said.startswith("Selected Bee & Co: 2 neighbours")
    assert EVIL in said
    assert "Sea Ltd" in said
    lit = page.locator("#network-svg circle.node.lit")
    assert sorted(lit.evaluate_all("ns => ns.map(n => n.getAttribute('data-name'))")) == sorted(
        ["Bee & Co", EVIL, "Sea Ltd"]
    )
    assert page.locator("#network-svg line.tie.lit").count() == 2
    assert page.locator("#network-tip").inner_text().startswith("Bee & Co — industry")
    # Clicking the background clears the selection.
    page.locator("#network-svg").click(position={"x": 3, "y": 3})
    assert page.locator("#network-selection").inner_text() == "Nothing selected."
    assert page.locator("#network-svg circle.node.lit").count() == 0
    assert seen.problems() == []


def test_keyboard_selects_and_escape_clears(visit: Any) -> None:
    seen = visit("small")
    page = seen.page
    node = page.locator('#network-svg circle.node[data-name="Dee Trust"]')
    node.focus()
    assert page.locator("#network-tip").inner_text().startswith("Dee Trust")
    page.keyboard.press("Enter")
    assert page.locator("#network-selection").inner_text() == (
        "Selected Dee Trust: 1 neighbour — Sea Ltd."
    )
    assert node.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Escape")
    assert page.locator("#network-selection").inner_text() == "Nothing selected."


def test_sector_filter(visit: Any) -> None:
    seen = visit("example")
    page = seen.page
    community = page.locator('#network-svg circle.node[data-sector="community"]')
    assert community.count() == 8
    page.locator('#network-filters input[value="community"]').uncheck()
    assert all(community.nth(i).is_hidden() for i in range(8))
    shown = page.locator("#network-svg circle.node:not(.off)")
    assert shown.count() == 13
    page.locator("#network-all").click()
    assert page.locator("#network-svg circle.node.off").count() == 0
    assert page.locator('#network-filters input[value="community"]').is_checked()
    assert seen.problems() == []


def test_markup_in_names_stays_text(visit: Any) -> None:
    seen = visit("small")
    page = seen.page
    assert page.title() == f"{EVIL} hub"
    assert page.locator("h1").inner_text() == f"{EVIL} hub"
    assert page.locator("script").count() == 1
    assert "Hidden Person" not in page.content()
    assert seen.dialogs == []
    assert seen.problems() == []


def test_print_layout_hides_the_controls(visit: Any) -> None:
    seen = visit("example")
    page = seen.page
    page.emulate_media(media="print")
    assert page.locator("#explore").is_hidden()
    assert page.locator("#network-picture").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_the_top_of_the_network_says_what_it_hides(visit: Any) -> None:
    # The example's 21 organisations with max_nodes=6: the 6 strongest shown, the other
    # 15 in one ringed circle per sector, and the page says so where the view is.
    seen = visit("top")
    page = seen.page
    assert page.locator("#network-svg circle.node").count() == 6
    note = page.locator("#network-view")
    assert note.is_visible()
    said = note.inner_text()
    assert "shows the 6 strongest of the 21 organisations one by one" in said
    assert "The other 15 organisations are gathered into one ringed circle per sector" in said
    groups = page.locator("#network-svg circle.group-node")
    names = groups.evaluate_all("gs => gs.map(g => g.getAttribute('data-name'))")
    counts = [int(name.split()[0]) for name in names]
    assert sum(counts) == 15
    labels = page.locator("#network-svg text.group-label").evaluate_all(
        "ts => ts.map(t => t.textContent)"
    )
    assert labels == [f"+{count}" for count in counts]
    for i in range(groups.count()):
        assert groups.nth(i).is_visible()
    # Pointing at a circle says what it stands for.
    groups.first.hover()
    tip = page.locator("#network-tip")
    assert tip.is_visible()
    assert tip.inner_text().startswith(f"{names[0]} — not shown one by one; strength ")
    # The sector filter hides a group with its sector's nodes.
    sector = groups.first.evaluate("g => g.parentNode.getAttribute('data-sector')")
    page.locator(f'#network-filters input[value="{sector}"]').uncheck()
    assert groups.first.is_hidden()
    page.locator("#network-all").click()
    assert groups.first.is_visible()
    # The picture's caption says it too.
    caption = page.locator("#picture figcaption").inner_text()
    assert "The other 15 organisations are gathered" in caption
    assert seen.problems() == []


def test_missing_browser_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.report.test_browser as module

    monkeypatch.setattr(module, "REQUIRED", True)
    with pytest.raises(pytest.fail.Exception, match="COINNOVATION_REQUIRE_BROWSER=1"):
        module._unavailable("no browser")
    monkeypatch.setattr(module, "REQUIRED", False)
    with pytest.raises(pytest.skip.Exception, match="no browser"):
        module._unavailable("no browser")
