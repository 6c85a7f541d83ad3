"""The HTML/Markdown report: structure, privacy, escaping, determinism, progress, files."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from coinnovation.errors import MissingDependencyError
from coinnovation.models import (
    Agreement,
    Hub,
    Money,
    Organisation,
    Participation,
    Party,
    Person,
    Session,
)
from coinnovation.privacy import Privacy, PrivacyError
from coinnovation.report._content import PICTURE_SIZE, gather
from coinnovation.report.document import ReportFiles, write_report
from coinnovation.report.html import render_html, report_html
from coinnovation.report.markdown import escape_markdown, report_markdown
from coinnovation.report.summary import summarise
from tests.report.helpers import (
    EXCLUDED,
    NAMED,
    SECRET,
    Page,
    consenting_hub,
    example,
    picture_bytes,
    without_picture,
)

DAY = date(2024, 1, 31)
SECTIONS = ("glance", "sessions", "picture", "explore", "measures", "heart", "agreements")
HEADINGS = (
    "## The hub at a glance",
    "## Sessions",
    "## Organisation network",
    "## Measures",
    "## Is the community sector at the heart?",
    "## Agreements",
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> ReportFiles:
    folder = tmp_path_factory.mktemp("report") / "out"
    return write_report(
        consenting_hub(),
        folder,
        privacy=Privacy(consenting_hub(), SECRET),
        kind="table",
        generated=DAY,
    )


@pytest.fixture(scope="module")
def page(written: ReportFiles) -> str:
    return written.html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def markdown(written: ReportFiles) -> str:
    return written.markdown.read_text(encoding="utf-8")


# -- structure -------------------------------------------------------------------------------


def test_files_written(written: ReportFiles) -> None:
    assert [path.name for path in written.paths] == ["index.html", "report.md", "network.png"]
    assert all(path.is_file() and path.parent == written.directory for path in written.paths)
    assert sorted(p.name for p in written.directory.iterdir()) == [
        "index.html",
        "network.png",
        "report.md",
    ]


def test_html_is_well_formed_with_every_section(page: str) -> None:
    parsed = Page(page)
    assert parsed.errors == []
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert [key for key, count in parsed.ids.items() if count > 1] == []
    for key in SECTIONS:
        assert parsed.ids[key] == 1, key
    assert parsed.tags["h1"] == 1
    assert parsed.tags["title"] >= 1
    assert parsed.tags["script"] == 1
    assert parsed.tags["style"] == 1
    meta = parsed.all("meta")
    assert meta[0] == {"charset": "utf-8"}


def test_html_is_self_contained(page: str) -> None:
    parsed = Page(page)
    for tag, values in parsed.attributes:
        if "src" in values:
            assert str(values["src"]).startswith("data:image/png;base64,"), tag
        if "href" in values:
            assert str(values["href"]).startswith("#"), (tag, values["href"])
    assert parsed.tags["link"] == 0
    assert parsed.tags["iframe"] == 0
    assert "http://" not in without_picture(page).replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page


def test_content_security_policy_hashes_match(page: str) -> None:
    policy = str(Page(page).all("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"])
    assert "default-src 'none'" in policy
    assert "img-src data:" in policy
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body[1].encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_markdown_has_the_same_sections(markdown: str) -> None:
    positions = [markdown.index(heading + "\n") for heading in HEADINGS]
    assert positions == sorted(positions)
    assert markdown.startswith("# Community Digital Health Co-Innovation Event, Walsall 2023\n")
    assert "![Organisation network: 21 nodes and 206 ties, coloured by sector](network.png)" in (
        markdown
    )
    assert "`index.html`" in markdown
    for line in markdown.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")


def test_picture_decodes_with_the_expected_size(written: ReportFiles, page: str) -> None:
    data = written.picture.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == PICTURE_SIZE == (960, 720)
        assert image.format == "PNG"
        # Not blank: the nodes are drawn in the sector colours.
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 20
    assert picture_bytes(page) == data
    img = Page(page).by_id("network-picture")
    assert (img["width"], img["height"]) == ("960", "720")
    assert "community 8" in str(img["alt"])


def test_glance(page: str, markdown: str) -> None:
    summary = summarise(consenting_hub())
    text = "".join(Page(page).text)
    assert "Sessions held: 2023-06-22." in text
    for kind, count in summary.counts.items():
        if count:
            assert f'<td>{kind}</td><td class="num">{count}</td>' in page
            assert f"| {kind} | {count} |" in markdown
    assert '<td>community</td><td class="num">8</td><td class="num">51</td>' in page
    assert "1 shown by name" in text
    assert "88 under a pseudonym" in text
    assert "1 not shown at all" in text
    assert "1 not shown at all" in markdown


def test_sessions_tree_nests_like_the_hub(page: str, markdown: str) -> None:
    section = page[page.index('<section id="sessions">') : page.index('<section id="picture">')]
    parsed = Page(section)
    assert parsed.errors == []
    lines = summarise(consenting_hub()).sessions
    assert [depth - 1 for depth in parsed.depths["li"]] == [line.depth for line in lines]
    md = [line for line in markdown.splitlines() if line.lstrip().startswith("- **")]
    md = md[: len(lines)]
    assert [(len(line) - len(line.lstrip())) // 2 for line in md] == [line.depth for line in lines]


def test_interactive_view_has_one_circle_per_organisation(page: str) -> None:
    parsed = Page(page)
    circles = parsed.all("circle", **{"class": "node"})
    hub = consenting_hub()
    assert len(circles) == len(hub.organisations) == 21
    assert {c["data-name"] for c in circles} == {o.name for o in hub.organisations}
    ties = parsed.all("line", **{"class": "tie"})
    assert len(ties) == 206
    width, height = 800, 600
    for circle in circles:
        assert 0 <= float(str(circle["cx"])) <= width
        assert 0 <= float(str(circle["cy"])) <= height
    boxes = parsed.all("input", type="checkbox")
    assert [b["value"] for b in boxes] == [
        "community",
        "industry",
        "academia",
        "government",
        "health_service",
    ]


def _measure_rows(section: str) -> list[list[str]]:
    return [
        re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(<td.*?)</tr>", section)
    ]


def test_measures_ranked_by_the_measure_that_tells_nodes_apart(page: str, markdown: str) -> None:
    # At the Walsall tables 15 of the 21 organisations tie on betweenness: the table ranks
    # by strength instead, says why, marks the tied ranks and shows enough digits.
    section = page[page.index('<section id="measures">') : page.index('<section id="heart">')]
    header = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', section)
    assert header == [
        "Rank",
        "Name",
        "Sector",
        "degree",
        "strength",
        "betweenness",
        "eigenvector",
        "constraint",
        "ei",
        "brokerage",
    ]
    rows = _measure_rows(section)
    assert len(rows) == 15
    strength = [float(row[4]) for row in rows]
    assert strength == sorted(strength, reverse=True)
    assert [row[0] for row in rows][:8] == ["1", "2", "3=", "3=", "3=", "3=", "3=", "8"]
    betweenness = {row[5] for row in rows}
    assert betweenness >= {"0.001171", "0.000569"}  # not one "0.001" for every row
    caption = re.findall(r"<caption>(.*?)</caption>", section)[0]
    assert "(ranked by strength, highest first)" in caption
    assert "15 nodes tie at the highest betweenness, 0.00117" in caption
    assert "5 nodes tie at strength 9.000" in caption
    assert "Tied ranks are marked =" in caption
    assert "(ranked by strength, highest first)" in markdown
    assert "| 3= |" in markdown


def test_measures_ranked_by_betweenness_when_it_discriminates() -> None:
    content = gather(_chain_hub(), privacy=Privacy(_chain_hub(), SECRET), picture=False)
    assert content.measure_rank == "betweenness"
    assert [row[0] for row in content.measures] == ["B", "C", "A", "D"]
    assert content.measure_ranks == ("1=", "1=", "3=", "3=")
    assert "that lie most between others (ranked by betweenness" in content.measures_caption
    assert "Tied ranks are marked =: 2 nodes tie at betweenness" in content.measures_caption
    everyone = gather(
        example(), privacy=Privacy(example(), SECRET), picture=False
    )  # the event ties everyone
    assert "it is 0 for every node" in everyone.measures_caption


def _chain_hub() -> Hub:
    """Four organisations in a chain A - B - C - D, one table per tie."""
    names = "ABCD"
    organisations = tuple(Organisation(id=n, name=n, sector="community") for n in names)
    sessions = tuple(Session(id=f"s{i}", name=f"s{i}", kind="table") for i in range(3))
    participations = tuple(
        Participation(id=f"p{i}{n}", session=f"s{i}", organisation=n)
        for i in range(3)
        for n in names[i : i + 2]
    )
    return Hub(organisations=organisations, sessions=sessions, participations=participations)


def test_top_rows(tmp_path: Path) -> None:
    content = gather(example(), privacy=Privacy(example(), SECRET), top=3, picture=False)
    assert len(content.measures) == 3
    assert content.measure_total == 21
    with pytest.raises(ValueError, match="top"):
        gather(example(), privacy=Privacy(example(), SECRET), top=-1, picture=False)


def test_heart_indicators(page: str, markdown: str) -> None:
    for name, value in (
        ("centrality", "1.093"),
        ("brokerage", "0.417"),
        ("throughout", "1.000"),
        ("voice", "0.636"),
        ("equal_partners", "1.000"),
        ("reach", "0.605"),
    ):
        start = page.index(f'<article class="indicator" id="heart-{name}">')
        article = page[start : page.index("</article>", start)]
        assert f'<span class="value">{value}</span>' in article
        title = name.replace("_", " ").capitalize()
        assert f"### {title}: {value}" in markdown
    assert "Flag:</span> Brokerage roles others hold and the community sector never does (1)" in (
        page
    )
    assert "- **Flag:** Brokerage roles others hold" in markdown


def test_agreement_shares_leave_out_excluded_parties(page: str, markdown: str) -> None:
    start = page.index('<article id="agreement-ag-01">')
    article = page[start : page.index("</article>", start)]
    rows = re.findall(r"<tr[^>]*><td>(.*?)</td>", article)
    assert rows == [
        "Glucora Digital Ltd",
        "Blakenall Neighbours Together",
        "Black Country Acute Hospitals NHS Trust",
    ]
    assert '<tr class="below"><td>Glucora Digital Ltd</td>' in article
    assert '<td class="num">15,000.00 GBP</td><td class="num">67.0%</td>' in article
    assert '<td class="num">31.7%</td><td>below</td>' in article
    assert "1 party asked not to be shown" in article
    assert '<span class="kind">draft</span>' in article
    assert "| Glucora Digital Ltd | industry | 15,000.00 GBP | 67.0% | 31.7% | below |" in (
        markdown
    )


def test_agreement_shares_say_what_they_are(page: str, markdown: str) -> None:
    # Issue 9, item 4: the table's reward shares (31.7 / 15.0 / 41.7 / 11.7 %) are the
    # agreement's recorded shares with each of its three unvalued rewards counted as a
    # third, not the Shapley allocation the demo prints; the page must say so.
    start = page.index('<article id="agreement-ag-01">')
    article = page[start : page.index("</article>", start)]
    recorded = (
        "Reward share: reward shares as recorded in the agreement (no reward has a money "
        "value: each of its 3 rewards counted equally)."
    )
    valued = "Share put in: cash + in kind + hours × rate (22,400.00 GBP in all)."
    assert f'<p class="note">{recorded}</p>' in article
    assert f'<p class="note">{valued}</p>' in article
    assert f"_{recorded}_" in markdown
    assert f"_{valued}_" in markdown
    hint = "not an allocation by a sharing rule"
    assert hint in page
    assert hint in markdown
    # The heart's equal partners, fed by the same shares, says what they are and that its
    # value rests on counting unvalued rewards equally.
    start = page.index('<article class="indicator" id="heart-equal_partners">')
    heart = page[start : page.index("</article>", start)]
    assert "by the reward shares recorded in it (not a sharing rule&#x27;s allocation)" in heart
    assert "Note: ag-01: no shared reward has a money value" in heart
    assert ">Gets</th>" not in article  # no money value to show


def test_agreement_rewards_with_money_show_what_each_gets() -> None:
    hub = example()
    deal = hub.agreement("ag-01")
    money = {"revenue": Money(amount=Decimal("12000"), currency="GBP")}
    rewards = tuple(
        reward.model_copy(update={"amount": money.get(reward.id)}) for reward in deal.rewards
    )
    hub = hub.replace(deal.model_copy(update={"rewards": rewards}))
    content = gather(hub, privacy=Privacy(hub, SECRET), picture=False)
    (view,) = content.agreements
    # Only the revenue has a value: 0.7 / 0.2 / 0 / 0.1 of 12,000 GBP.
    assert [row.reward for row in view.rows] == [
        "8,400.00 GBP",
        "2,400.00 GBP",
        "0.00 GBP",
        "1,200.00 GBP",
    ]
    assert view.reward_basis == (
        "reward shares as recorded in the agreement, each reward weighed by its money value "
        "(12,000.00 GBP in all); 2 rewards with no money value left out: licence, credit"
    )
    page = render_html(content)
    assert '<th scope="col" class="num">Gets</th>' in page


def test_agreement_with_every_party_shown_sums_to_one() -> None:
    content = gather(example(), privacy=Privacy(example(), SECRET), picture=False)
    (view,) = content.agreements
    assert len(view.rows) == 4
    assert sum(row.reward_share or 0 for row in view.rows) == pytest.approx(1)
    assert sum(row.contribution_share or 0 for row in view.rows) == pytest.approx(1)
    assert "Person " in view.rows[3].name


# -- privacy ---------------------------------------------------------------------------------


def _hidden_names(hub: Hub) -> list[str]:
    return [person.name for person in hub.people if person.consent.value != "named"]


def test_no_name_without_consent_anywhere(page: str, markdown: str) -> None:
    hub = consenting_hub()
    shown = without_picture(page)
    hidden = _hidden_names(hub)
    assert len(hidden) == 89
    for name in hidden:
        assert name not in shown, name
        assert name not in markdown, name
    # Ids can be names in disguise: only named people's ids may appear.
    for person in hub.people:
        if person.id != NAMED:
            assert re.search(rf"\b{person.id}\b", shown) is None, person.id
            assert re.search(rf"\b{person.id}\b", markdown) is None, person.id


def test_person_level_uses_pseudonyms_and_drops_the_excluded(tmp_path: Path) -> None:
    hub = consenting_hub()
    files = write_report(
        hub,
        tmp_path,
        privacy=Privacy(hub, SECRET),
        level="person",
        kind="table",
        generated=DAY,
        top=100,
    )
    page = files.html.read_text(encoding="utf-8")
    markdown = files.markdown.read_text(encoding="utf-8")
    policy = Privacy(hub, SECRET)
    circles = Page(page).all("circle", **{"class": "node"})
    names = {str(c["data-name"]) for c in circles}
    assert hub.person(NAMED).name in names
    assert policy.pseudonym_of(EXCLUDED) not in page
    assert policy.pseudonym_of(EXCLUDED) not in markdown
    assert all(name.startswith("Person ") for name in names - {hub.person(NAMED).name})
    assert policy.name("p-002") in names
    assert len(circles) == 88  # 89 people at the tables, one excluded
    shown = without_picture(page)
    for name in _hidden_names(hub):
        assert name not in shown, name
        assert name not in markdown, name
    assert "## Person network" in markdown


def test_pseudonyms_follow_the_secret() -> None:
    hub = example()
    first = gather(hub, privacy=Privacy(hub, SECRET), level="person", picture=False)
    second = gather(hub, privacy=Privacy(hub, SECRET + "!"), level="person", picture=False)
    assert {n.name for n in first.nodes}.isdisjoint({n.name for n in second.nodes})
    assert {n.name for n in first.nodes} == {Privacy(hub, SECRET).name(p.id) for p in hub.people}


def test_short_secret_refused() -> None:
    with pytest.raises(PrivacyError):
        report_markdown(example(), privacy=Privacy(example(), "short"))


# -- escaping --------------------------------------------------------------------------------

EVIL = '<script>alert("x")</script>'


def _evil_hub() -> Hub:
    return Hub(
        name=f"{EVIL} hub",
        description="<img src=x onerror=alert(1)> & *bold* | pipe",
        organisations=(
            Organisation(id="o-evil", name=EVIL, sector="community"),
            Organisation(id="o-firm", name='Firm "A" & <b>Co</b>', sector="industry"),
        ),
        people=(
            Person(id="p-named", name="<img src=x onerror=alert(2)>", consent="named"),
            Person(id="p-other", name="Secret Name", consent="pseudonymous"),
        ),
        sessions=(
            Session(id="s-1", name="</ul></li><script>alert(3)</script>", kind="event"),
            Session(id="s-2", name="Table | 1", kind="table", parent="s-1"),
        ),
        participations=(
            Participation(id="pa-1", session="s-2", organisation="o-evil", person="p-named"),
            Participation(id="pa-2", session="s-2", organisation="o-firm", person="p-other"),
        ),
        agreements=(
            Agreement(
                id="ag-1",
                title=EVIL,
                parties=(Party(stakeholder="o-evil"), Party(stakeholder="p-named")),
            ),
        ),
    )


@pytest.mark.parametrize("level", ["organisation", "person"])
def test_names_with_markup_are_escaped(tmp_path: Path, level: str) -> None:
    files = write_report(
        _evil_hub(), tmp_path, privacy=Privacy(_evil_hub(), SECRET), level=level, generated=DAY
    )  # type: ignore[arg-type]
    page = files.html.read_text(encoding="utf-8")
    markdown = files.markdown.read_text(encoding="utf-8")
    parsed = Page(page)
    assert parsed.errors == []
    assert parsed.tags["script"] == 1
    assert parsed.tags["img"] == 1
    assert parsed.tags["b"] == 0
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; hub</title>" in page
    assert "Secret Name" not in page
    assert "Secret Name" not in markdown
    for raw in ("<script", "<img", "<b>", "</ul>"):
        assert raw not in markdown
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in markdown
    assert "Table \\| 1" in markdown


def test_escape_markdown() -> None:
    assert escape_markdown("a\nb\tc") == "a b c"
    assert escape_markdown("# heading") == "\\# heading"
    assert escape_markdown("- item") == "\\- item"
    assert escape_markdown("-0.5") == "-0.5"
    assert escape_markdown("[link](x)") == "\\[link\\](x)"
    assert escape_markdown("a & b") == "a &amp; b"
    assert escape_markdown(3) == "3"


# -- determinism -----------------------------------------------------------------------------


def test_same_seed_same_bytes(tmp_path: Path, written: ReportFiles) -> None:
    again = write_report(
        consenting_hub(),
        tmp_path,
        privacy=Privacy(consenting_hub(), SECRET),
        kind="table",
        generated=DAY,
    )
    for first, second in zip(written.paths, again.paths, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_only_the_timestamp_changes_without_a_date() -> None:
    hub = example()
    first = report_markdown(hub, privacy=Privacy(hub, SECRET))
    second = report_markdown(
        hub, privacy=Privacy(hub, SECRET), generated=datetime(2020, 5, 6, 7, 8)
    )
    assert "Report generated 2020-05-06T07:08 with coinnovation." in second
    stamp = re.compile(r"Report generated \S+ with")
    assert stamp.sub("", first) == stamp.sub("", second)
    assert first != second


def test_another_seed_another_layout() -> None:
    hub = example()
    first = gather(hub, privacy=Privacy(hub, SECRET), seed=1, picture=False)
    second = gather(hub, privacy=Privacy(hub, SECRET), seed=2, picture=False)
    assert [(n.x, n.y) for n in first.nodes] != [(n.x, n.y) for n in second.nodes]
    assert [n.name for n in first.nodes] == [n.name for n in second.nodes]
    assert "seed 1" in first.network_caption


def test_html_is_a_pure_function_of_its_content() -> None:
    content = gather(example(), privacy=Privacy(example(), SECRET), generated=DAY, picture=False)
    assert render_html(content) == render_html(content)
    assert "The picture was not drawn." in render_html(content)


# -- progress, dependencies, edge cases ------------------------------------------------------


def test_progress_callback_counts_up_to_the_total(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    write_report(
        example(),
        tmp_path,
        privacy=Privacy(example(), SECRET),
        generated=DAY,
        progress=lambda *a: seen.append(a),
    )
    steps = [done for _, done, _ in seen]
    totals = {total for _, _, total in seen}
    assert steps == sorted(steps)
    assert steps[0] == 0
    assert totals == {steps[-1]}
    assert seen[-1][0] == "Done"
    assert len(seen) == steps[-1] + 1


def test_progress_bar_prints_nothing_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    text = report_markdown(
        example(), privacy=Privacy(example(), SECRET), generated=DAY, progress=True
    )
    out, _ = capsys.readouterr()
    assert out == ""
    assert text.startswith("# ")


def test_progress_takes_a_rich_progress() -> None:
    from rich.console import Console
    from rich.progress import Progress

    console = Console(file=io.StringIO())
    with Progress(console=console) as bar:
        report_markdown(example(), privacy=Privacy(example(), SECRET), generated=DAY, progress=bar)
        (task,) = bar.tasks
        assert task.completed == task.total
        assert task.description == "Done"


def test_progress_refuses_anything_else() -> None:
    with pytest.raises(TypeError, match="progress"):
        report_markdown(example(), privacy=Privacy(example(), SECRET), progress=42)  # type: ignore[arg-type]


def test_silent_by_default(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_report(example(), tmp_path, privacy=Privacy(example(), SECRET), generated=DAY)
    assert capsys.readouterr() == ("", "")


def test_without_matplotlib(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match=r"coinnovation\[viz\]"):
        write_report(example(), tmp_path, privacy=Privacy(example(), SECRET))
    with pytest.raises(MissingDependencyError, match="network picture"):
        report_html(example(), privacy=Privacy(example(), SECRET))
    assert report_markdown(example(), privacy=Privacy(example(), SECRET)).startswith("# ")
    assert not (tmp_path / "index.html").exists()


def test_empty_hub(tmp_path: Path) -> None:
    files = write_report(
        Hub(), tmp_path / "new" / "folder", privacy=Privacy(Hub(), SECRET), generated=DAY
    )
    page = files.html.read_text(encoding="utf-8")
    assert Page(page).errors == []
    assert "<title>Co-innovation hub report</title>" in page
    assert "No sessions are recorded." in page
    assert "No agreements are recorded." in page
    assert "The network has no nodes." in page
    assert Page(page).all("circle") == []
    with Image.open(files.picture) as image:
        assert image.size == PICTURE_SIZE
    markdown = files.markdown.read_text(encoding="utf-8")
    assert "No sessions are recorded." in markdown


def test_replaces_earlier_files(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("old", encoding="utf-8")
    files = write_report(
        example(), tmp_path, privacy=Privacy(example(), SECRET), title="New title", generated=DAY
    )
    assert "<h1>New title</h1>" in files.html.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_sector_level_and_count_weights() -> None:
    content = gather(
        example(), privacy=Privacy(example(), SECRET), level="sector", weight="count", picture=False
    )
    assert sorted(n.name for n in content.nodes) == [
        "Academia",
        "Community",
        "Government",
        "Health service",
        "Industry",
    ]
    assert content.network_title == "Sector network"
    assert "weighted by how many sessions they shared" in content.network_caption


def test_unknown_kind_refused() -> None:
    with pytest.raises(ValueError, match="nonsense"):
        report_markdown(example(), privacy=Privacy(example(), SECRET), kind="nonsense")


# -- numbers that say what they are (issue 9) -------------------------------------------------


def _no_stages_hub() -> Hub:
    """Community members at "collaborate" in every session; no session records a stage."""
    from coinnovation.models import Challenge

    return Hub(
        name="no stages",
        organisations=(
            Organisation(id="c", name="Tenants", sector="community"),
            Organisation(id="f", name="Firm", sector="industry"),
        ),
        challenges=(Challenge(id="ch-1", title="One"),),
        sessions=(Session(id="s-1", name="First", challenges=("ch-1",)),),
        participations=(
            Participation(id="pa-1", session="s-1", organisation="c", level="collaborate"),
            Participation(id="pa-2", session="s-1", organisation="f", level="inform"),
        ),
    )


def _article(text: str, name: str) -> str:
    start = text.index(f'<article class="indicator" id="heart-{name}">')
    return text[start : text.index("</article>", start)]


def test_an_indicator_that_cannot_be_computed_says_why() -> None:
    hub = _no_stages_hub()
    page = report_html(hub, privacy=Privacy(hub, SECRET), generated=DAY)
    article = _article(page, "throughout")
    assert '<span class="value">n/a</span>' in article
    assert "n/a — the community sector reached" in article
    assert "no known stage" in article
    assert "0.000" not in article
    text = report_markdown(hub, privacy=Privacy(hub, SECRET), generated=DAY)
    section = text[text.index("### Throughout") :]
    section = section[: section.index("### Voice")]
    assert "### Throughout: n/a" in section
    assert "n/a — the community sector reached" in section
    assert "0.000" not in section


def test_each_indicator_shows_its_scale_neutral_value_and_direction(
    page: str, markdown: str
) -> None:
    for name, key in (
        ("centrality", "1 = as central as the average stakeholder; higher is better"),
        ("brokerage", "0.381 = its share of the nodes; higher is better"),
        ("throughout", "1 = at every stage of every challenge; higher is better"),
        ("voice", "0.567 = its share of those taking part; higher is better"),
        ("reach", "1 = in proportion to the population served; higher is better"),
    ):
        assert key in _article(page, name), name
        title = name.replace("_", " ").capitalize()
        section = markdown[markdown.index(f"### {title}:") :]
        assert escape_markdown(key) in section[: section.index("\n###")], name
    assert "ratio of the sector&#x27;s mean betweenness" in _article(page, "centrality")


def test_sessions_say_who_took_part_in_plain_english(page: str, markdown: str) -> None:
    # Not "0 recorded, 89 taking part": how many took part, and where.
    for text in (page, markdown):
        assert " recorded, " not in text
        assert "taking part</span>" not in text
        assert "89 took part, all at its 4 tables" in text
        assert "23 took part" in text
    assert "90 took part" in page
    lines = summarise(consenting_hub()).to_text().splitlines()
    assert "Sessions and how many took part (people, and organisations on their own)" in lines
    assert "    Workshop 1 [workshop, s-ws1]  89 took part, all at its 4 tables" in lines
    assert not any("/ 89" in line for line in lines)


def test_a_session_line_in_words() -> None:
    from coinnovation.report.summary import SessionLine

    assert SessionLine(0, "s", "Day", "event", 0, 0).taking_part == "nobody recorded"
    assert SessionLine(0, "s", "T", "table", 1, 1).taking_part == "1 took part"
    assert SessionLine(0, "s", "T", "table", 25, 23).taking_part == "23 took part (25 sign-ins)"
    day = SessionLine(0, "s", "Day", "event", 12, 40, own=12, within=5, within_kind=None)
    assert (
        day.taking_part
        == "40 took part, here or in the 5 sessions within it (12 at the event itself)"
    )
    workshop = SessionLine(0, "s", "W", "workshop", 0, 9, own=0, within=1, within_kind="table")
    assert workshop.taking_part == "9 took part, all at its table"


def test_the_network_caption_says_what_the_weights_mean() -> None:
    newman = gather(example(), privacy=Privacy(example(), SECRET), picture=False).network_caption
    assert "newman weights" not in newman
    assert "a tie in a session of n people counts 1/(n − 1)" in newman
    count = gather(
        example(), privacy=Privacy(example(), SECRET), weight="count", picture=False
    ).network_caption
    assert "weighted by how many sessions they shared" in count


# -- the picture's labels stay legible (issue 9) ---------------------------------------------


def test_boxes_overlap() -> None:
    from coinnovation.report._content import boxes_overlap

    assert boxes_overlap((0, 0, 10, 10), (5, 5, 15, 15))
    assert not boxes_overlap((0, 0, 10, 10), (10, 0, 20, 10))  # touching is not overlapping
    assert not boxes_overlap((0, 0, 10, 10), (11, 11, 20, 20))
    assert boxes_overlap((0, 0, 10, 10), (11, 0, 20, 10), pad=2)
    assert boxes_overlap((0, 0, 10, 10), (2, 2, 3, 3))  # one inside the other


def test_legible_labels_take_the_strongest_that_fit() -> None:
    from coinnovation.report._content import legible_labels

    boxes = [(0, 0, 10, 4), (5, 2, 15, 6), (20, 0, 30, 4), (12, 0, 19, 4), (0, 50, 5, 54)]
    strength = [1.0, 5.0, 2.0, 4.0, 0.5]
    order = sorted(range(len(boxes)), key=lambda i: -strength[i])
    # 1 (strongest) first; 3 fits beside it? 3 spans x 12-19 and 1 spans 5-15: overlap.
    assert legible_labels(boxes, order) == [1, 2, 4]
    assert legible_labels(boxes, order, limit=2) == [1, 2]
    # A label that would stick out of the picture is not drawn.
    assert legible_labels(boxes, order, bounds=(0, 0, 25, 60)) == [1, 4]
    # Nor one that would cover a node.
    assert legible_labels(boxes, order, obstacles=[(24, 1, 26, 3)]) == [1, 4]
    assert legible_labels([], []) == []


@given(
    st.lists(
        st.tuples(st.floats(0, 100), st.floats(0, 100), st.floats(0.5, 30), st.floats(0.5, 10)),
        max_size=30,
    )
)
def test_no_two_legible_labels_overlap(raw: list[tuple[float, float, float, float]]) -> None:
    from coinnovation.report._content import boxes_overlap, legible_labels

    boxes = [(x, y, x + w, y + h) for x, y, w, h in raw]
    chosen = legible_labels(boxes, range(len(boxes)))
    assert all(not boxes_overlap(boxes[a], boxes[b]) for a in chosen for b in chosen if a < b)
    # Greedy: every label left out overlaps one placed before it.
    for i in set(range(len(boxes))) - set(chosen):
        assert any(boxes_overlap(boxes[i], boxes[j]) for j in chosen if j < i)


def test_the_picture_labels_only_what_stays_legible() -> None:
    content = gather(example(), privacy=Privacy(example(), SECRET), kind="table")
    assert content.picture is not None
    assert 0 < content.picture_labels < len(content.nodes) == 21
    assert f"{content.picture_labels} of the 21 nodes are named" in content.picture_note
    crowded = gather(_crowded_hub(), privacy=Privacy(_crowded_hub(), SECRET))
    assert crowded.picture_labels < len(crowded.nodes)
    page = report_html(example(), privacy=Privacy(example(), SECRET), kind="table", generated=DAY)
    assert "of the 21 nodes are named: the strongest whose names fit" in page


def _crowded_hub() -> Hub:
    """Thirty organisations at one table, with long names: their labels cannot all fit."""
    organisations = tuple(
        Organisation(id=f"o{i}", name=f"A long organisation name number {i}", sector="community")
        for i in range(30)
    )
    return Hub(
        organisations=organisations,
        sessions=(Session(id="s", name="s", kind="table"),),
        participations=tuple(
            Participation(id=f"p{i}", session="s", organisation=f"o{i}") for i in range(30)
        ),
    )


# -- one privacy object and one scope (issue 10) ---------------------------------------------


@pytest.mark.parametrize("make", ["gather", "report_html", "report_markdown", "write_report"])
def test_secret_is_deprecated_and_still_works(make: str, tmp_path: Path) -> None:
    """``secret=`` warns and gives the report ``privacy=Privacy(hub, secret)`` gives."""
    hub = example()
    calls = {
        "gather": lambda **given: gather(hub, picture=False, generated=DAY, **given).nodes,
        "report_html": lambda **given: report_html(hub, generated=DAY, **given),
        "report_markdown": lambda **given: report_markdown(hub, generated=DAY, **given),
        "write_report": lambda **given: write_report(
            hub, tmp_path / str(len(list(tmp_path.iterdir()))), generated=DAY, **given
        ).markdown.read_text(encoding="utf-8"),
    }
    expected = calls[make](privacy=Privacy(hub, SECRET), level="person")
    with pytest.warns(DeprecationWarning, match="secret= is deprecated"):
        shown = calls[make](secret=SECRET, level="person")
    assert shown == expected
    with (
        pytest.warns(DeprecationWarning, match="secret="),
        pytest.raises(PrivacyError, match="16 bytes"),
    ):
        calls[make](secret="short")
    with pytest.raises(TypeError, match="give privacy= or secret=, not both"):
        calls[make](privacy=Privacy(hub, SECRET), secret=SECRET)


def test_without_a_policy_the_report_shows_nobody_by_pseudonym() -> None:
    named = Hub(people=(Person(id="p-1", name="Ana", consent="named"),), name="Named only")
    assert "Named only" in report_markdown(named, generated=DAY)
    with pytest.raises(PrivacyError, match="the report would show someone under a pseudonym"):
        report_markdown(example(), level="person", generated=DAY)


def test_the_report_takes_a_scope() -> None:
    from coinnovation.models import Scope

    hub = example()
    policy = Privacy(hub, SECRET)
    by_kind = gather(hub, privacy=policy, kind="table", picture=False)
    by_scope = gather(hub, privacy=policy, scope=Scope(kinds=["table"]), picture=False)
    assert by_scope.nodes == by_kind.nodes
    assert by_scope.measures == by_kind.measures
    assert by_scope.heart == by_kind.heart
    assert by_scope.kinds == by_kind.kinds == ("table",)
    assert "tied when they met in sessions of kind table," in by_kind.network_caption
    dated = gather(hub, privacy=policy, scope=Scope(until=date(2000, 1, 1)), picture=False)
    assert dated.nodes == ()
    assert "tied when they met in sessions until 2000-01-01," in dated.network_caption
    everything = gather(hub, privacy=policy, kind=[], picture=False)  # no kind: every session
    assert "tied when they met in all sessions," in everything.network_caption
    with pytest.raises(TypeError, match="give scope= or kind=, not both"):
        gather(hub, privacy=policy, scope=Scope(), kind="table", picture=False)


def test_party_rows_take_the_verdict_of_the_one_comparison() -> None:
    """A party is marked exactly when sharing's comparison says it is not an equal partner."""
    from coinnovation.report._content import PartyRow
    from coinnovation.sharing.fairness import compare_agreement

    hub = example()
    content = gather(hub, privacy=Privacy(hub, SECRET), picture=False)
    for view, agreement in zip(content.agreements, hub.agreements, strict=True):
        comparison = compare_agreement(hub, agreement)
        verdicts = [comparison.is_equal_partner([party]) for party in agreement.party_ids]
        assert [row.equal_partner for row in view.rows] == verdicts
        assert [row.below for row in view.rows] == [verdict is False for verdict in verdicts]
    assert PartyRow("O", "community", "", 0.5, 0.25).equal_partner is False
    assert PartyRow("O", "community", "", 0.25, 0.25).equal_partner is True
    assert PartyRow("O", "community", "", None, 0.25).equal_partner is None
    assert not PartyRow("O", "community", "", 0.5, 0.25, equal_partner=None).below
