"""A hub's report as one self-contained HTML page: safe to share, readable offline, printable.

:func:`report_html` builds the page as text (no I/O); :func:`~coinnovation.report.write_report`
writes it with its Markdown twin. The page holds, in order: the hub at a glance, the
sessions tree, a picture of the collaboration network coloured by sector (a PNG inside
the page), an interactive view of the same network (inline SVG and a few lines of
JavaScript: hover or focus a node for its name, sector and strength, click it to light
up its neighbours, tick sectors to filter), the table of node measures, the "community at
the heart" indicators, and each agreement's shares.

Everything the page shows goes through the hub's :class:`~coinnovation.privacy.Privacy`
policy (people by name only when they consented, under a stable pseudonym otherwise, not
at all when excluded) and through :func:`html.escape`. The page loads nothing: no
fonts, scripts or pictures from elsewhere. Its Content-Security-Policy allows its own
style sheet and script only (by their SHA-256 hashes) and ``data:`` pictures, so even a
name that slipped past escaping could not run a script.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.privacy import Privacy
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> policy = Privacy.for_hub(hub, secret="a secret of sixteen+ characters")
    >>> page = report_html(hub, privacy=policy, kind="table",
    ...                    generated=date(2024, 1, 31))
    >>> page.startswith("<!DOCTYPE html>"), page.count('<circle class="node"')
    (True, 21)
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from coinnovation.models.hub import Hub
from coinnovation.models.scope import Scope
from coinnovation.models.vocabularies import SessionKind
from coinnovation.network.build import Level
from coinnovation.network.projection import Oversize, WeightScheme
from coinnovation.privacy import Privacy
from coinnovation.report._content import (
    COLOURS,
    MAX_NODES,
    NAMES_NOTE,
    PICTURE_SIZE,
    SVG_SIZE,
    AgreementView,
    Content,
    IndicatorView,
    ProgressCallback,
    ProgressLike,
    gather,
    progress_callback,
    steps_of,
)
from coinnovation.sharing.rounding import format_percent

__all__ = ["MEASURE_NOTES", "NULL_PICTURE_SIZE", "null_picture", "render_html", "report_html"]

MEASURE_NOTES: dict[str, str] = {
    "degree": "the share of the others it is tied to (1: tied to everyone)",
    "strength": "the sum of its tie weights",
    "betweenness": "the share of shortest paths between others that pass through it",
    "eigenvector": "high when it is tied to others who are well tied",
    "constraint": "Burt's constraint: high when its ties all lie in one closed group",
    "ei": "E-I index of its ties: −1 all within its sector, +1 all to other sectors",
    "brokerage": "how many times it brokers between two others (Gould and Fernandez)",
}
"""What each measure of the report's table means, in a few words (the page's key)."""

_STYLE_TEMPLATE = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5b5b66; --line: #d9d9de;
  --accent: #0b5cad; --soft: #f5f5f7; --warn: #a13d00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 70rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; margin: 2.25rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.meta, .hint, figcaption, caption, .note { color: var(--muted); font-size: .92rem; }
nav.contents ol { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0;
  margin: 1rem 0 0; list-style: none; }
nav.contents a { color: var(--accent); }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .95rem; }
caption { text-align: left; padding-bottom: .35rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .7rem .3rem 0;
  text-align: left; vertical-align: top; }
th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; padding-left: .7rem; }
.grid { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 2.5rem; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.25rem; margin: 0; }
ul.tree { padding-left: 0; }
ul.tree li { margin: .15rem 0; }
ul.tree ul { border-left: 1px solid var(--line); margin-left: .3rem; }
.kind { display: inline-block; font-size: .78rem; padding: 0 .4rem; border-radius: .6rem;
  background: var(--soft); color: var(--muted); }
.count { color: var(--muted); font-size: .9rem; }
figure { margin: 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
.controls { display: flex; flex-wrap: wrap; gap: .35rem 1rem; align-items: center;
  border: 1px solid var(--line); padding: .5rem .75rem; margin: 0 0 .5rem; }
.controls legend { font-weight: 600; padding: 0 .25rem; }
.controls label { white-space: nowrap; cursor: pointer; }
.controls button { font: inherit; padding: .1rem .6rem; cursor: pointer; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%;
  vertical-align: -.05rem; margin-right: .2rem; }
.stage { position: relative; max-width: {{width}}px; }
svg.network { display: block; width: 100%; height: auto; border: 1px solid var(--line);
  background: #fff; }
svg.network .tie { stroke: #8c8c8c; stroke-opacity: .45; }
svg.network .node { stroke: #fff; stroke-width: 1.5; cursor: pointer; }
svg.network .node:focus { outline: none; stroke: var(--ink); stroke-width: 3; }
svg.network .off { display: none; }
svg.network.focused .node, svg.network.focused .tie { opacity: .12; }
svg.network.focused .node.lit, svg.network.focused .tie.lit { opacity: 1; }
svg.network.focused .tie.lit { stroke: var(--ink); stroke-opacity: .8; }
svg.network .node.chosen { stroke: var(--ink); stroke-width: 3; }
svg.network .group-node { fill-opacity: .25; stroke-width: 2; stroke-dasharray: 5 3;
  cursor: help; }
svg.network .group-node:focus { outline: none; stroke: var(--ink); }
svg.network .group-label { font-size: 12px; fill: var(--ink); pointer-events: none; }
.tooltip { position: absolute; transform: translate(-50%, calc(-100% - 8px));
  background: var(--ink); color: #fff; padding: .25rem .5rem; border-radius: .3rem;
  font-size: .85rem; pointer-events: none; white-space: nowrap; z-index: 2; }
.tooltip[hidden] { display: none; }
.indicator { border: 1px solid var(--line); border-left: 4px solid var(--accent);
  padding: .25rem 1rem .5rem; margin: .75rem 0; }
.indicator h3 { display: flex; justify-content: space-between; gap: 1rem; margin-top: .5rem; }
.value { font-variant-numeric: tabular-nums; }
.flag, .reason { color: var(--warn); }
.key { margin-bottom: 0; }
tr.below td { background: #fff4ec; }
dl.key { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
dl.key dt { font-weight: 600; }
dl.key dd { margin: 0; }
footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--line); }
{{swatches}}
@media print {
  @page { margin: 15mm; }
  body { font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0; }
  nav.contents, .interactive { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure, tr, .indicator, ul.tree li { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .controls, .tooltip { display: none; }
}
"""

_SCRIPT = """
(function () {
  "use strict";
  var svg = document.getElementById("network-svg");
  var tip = document.getElementById("network-tip");
  var stage = document.getElementById("network-stage");
  var said = document.getElementById("network-selection");
  var filters = document.getElementById("network-filters");
  if (!svg || !tip || !stage || !said || !filters) { return; }
  var nodes = Array.prototype.slice.call(svg.querySelectorAll("circle.node"));
  var ties = Array.prototype.slice.call(svg.querySelectorAll("line.tie"));
  var groups = Array.prototype.slice.call(svg.querySelectorAll("circle.group-node"));
  var near = nodes.map(function () { return []; });
  ties.forEach(function (tie) {
    var a = Number(tie.getAttribute("data-a")), b = Number(tie.getAttribute("data-b"));
    near[a].push(b);
    near[b].push(a);
  });
  var chosen = -1;
  var hidden = {};

  function name(i) { return nodes[i].getAttribute("data-name"); }
  function describe(node) {
    var note = node.getAttribute("data-note");
    if (note) { return node.getAttribute("data-name") + " \\u2014 " + note; }
    return node.getAttribute("data-name") + " \\u2014 " +
      node.getAttribute("data-sector-name") + " \\u2014 strength " +
      node.getAttribute("data-strength");
  }
  function show(node) {
    tip.textContent = describe(node);
    tip.hidden = false;
    var box = node.getBoundingClientRect(), frame = stage.getBoundingClientRect();
    tip.style.left = (box.left - frame.left + box.width / 2) + "px";
    tip.style.top = (box.top - frame.top) + "px";
  }
  function hide() { tip.hidden = true; }
  function visible(i) { return !hidden[nodes[i].getAttribute("data-sector")]; }
  function choose(i) {
    chosen = i;
    svg.classList.toggle("focused", i >= 0);
    var lit = {};
    if (i >= 0) {
      lit[i] = true;
      near[i].forEach(function (j) { lit[j] = true; });
    }
    nodes.forEach(function (node, j) {
      node.classList.toggle("lit", !!lit[j]);
      node.classList.toggle("chosen", j === i);
      node.setAttribute("aria-pressed", j === i ? "true" : "false");
    });
    ties.forEach(function (tie) {
      var a = Number(tie.getAttribute("data-a")), b = Number(tie.getAttribute("data-b"));
      tie.classList.toggle("lit", a === i || b === i);
    });
    if (i < 0) {
      said.textContent = "Nothing selected.";
      return;
    }
    var others = near[i].filter(visible).map(name).sort();
    var listed = others.slice(0, 12).join(", ");
    if (others.length > 12) { listed += " and " + (others.length - 12) + " more"; }
    said.textContent = "Selected " + name(i) + ": " + others.length +
      (others.length === 1 ? " neighbour" : " neighbours") +
      (others.length ? " \\u2014 " + listed : "") + ".";
  }
  function refilter() {
    nodes.forEach(function (node, i) { node.classList.toggle("off", !visible(i)); });
    ties.forEach(function (tie) {
      var a = Number(tie.getAttribute("data-a")), b = Number(tie.getAttribute("data-b"));
      tie.classList.toggle("off", !visible(a) || !visible(b));
    });
    groups.forEach(function (node) {
      node.parentNode.classList.toggle("off", !!hidden[node.parentNode.getAttribute("data-sector")]);
    });
    if (chosen >= 0 && !visible(chosen)) { choose(-1); } else { choose(chosen); }
  }
  groups.forEach(function (node) {
    node.addEventListener("mouseenter", function () { show(node); });
    node.addEventListener("mouseleave", hide);
    node.addEventListener("focus", function () { show(node); });
    node.addEventListener("blur", hide);
  });
  nodes.forEach(function (node, i) {
    node.addEventListener("mouseenter", function () { show(node); });
    node.addEventListener("mouseleave", hide);
    node.addEventListener("focus", function () { show(node); });
    node.addEventListener("blur", hide);
    node.addEventListener("click", function (event) {
      event.stopPropagation();
      choose(chosen === i ? -1 : i);
      show(node);
    });
    node.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose(chosen === i ? -1 : i);
        show(node);
      }
    });
  });
  svg.addEventListener("click", function () { choose(-1); hide(); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { choose(-1); hide(); }
  });
  Array.prototype.slice.call(filters.querySelectorAll("input[type=checkbox]"))
    .forEach(function (box) {
      box.addEventListener("change", function () {
        hidden[box.value] = !box.checked;
        refilter();
      });
    });
  var all = document.getElementById("network-all");
  if (all) {
    all.addEventListener("click", function () {
      Array.prototype.slice.call(filters.querySelectorAll("input[type=checkbox]"))
        .forEach(function (box) { box.checked = true; hidden[box.value] = false; });
      refilter();
    });
  }
  refilter();
})();
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _words(text: str) -> str:
    return text.replace("_", " ")


def _percent(value: float | None) -> str:
    return "–" if value is None else format_percent(value)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _style() -> str:
    swatches = "\n".join(
        f".sector-{sector} {{ background: {colour}; }}" for sector, colour in COLOURS.items()
    )
    return (
        _STYLE_TEMPLATE.replace("{{width}}", str(SVG_SIZE[0]))
        .replace("{{swatches}}", swatches)
        .strip()
    )


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Sequence[bool],
    caption: str | None = None,
    row_classes: Sequence[str] | None = None,
) -> str:
    head = "".join(
        f'<th scope="col" class="num">{_e(h)}</th>' if right else f'<th scope="col">{_e(h)}</th>'
        for h, right in zip(headers, numeric, strict=True)
    )
    body = []
    for index, row in enumerate(rows):
        cells = "".join(
            f'<td class="num">{_e(cell)}</td>' if right else f"<td>{_e(cell)}</td>"
            for cell, right in zip(row, numeric, strict=True)
        )
        extra = row_classes[index] if row_classes else ""
        opening = f'<tr class="{_e(extra)}">' if extra else "<tr>"
        body.append(f"{opening}{cells}</tr>")
    title = f"<caption>{_e(caption)}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _glance(content: Content) -> list[str]:
    summary = content.summary
    out = ['<section id="glance">', "<h2>The hub at a glance</h2>"]
    if content.description:
        out.append(f"<p>{_e(content.description)}</p>")
    if content.dates is not None:
        first, last = content.dates
        when = first if first == last else f"{first} to {last}"
        out.append(f"<p>Sessions held: <strong>{_e(when)}</strong>.</p>")
    out.append('<div class="grid">')
    records = [(_words(kind), str(count)) for kind, count in summary.counts.items() if count]
    out.append(_table(("Records", "Number"), records or [("none", "0")], numeric=(False, True)))
    sectors = sorted(
        set(summary.organisations_by_sector) | set(summary.people_by_sector),
        key=lambda s: list(COLOURS).index(s) if s in COLOURS else len(COLOURS),
    )
    if sectors:
        out.append(
            _table(
                ("Sector", "Organisations", "People"),
                [
                    (
                        _words(sector),
                        str(summary.organisations_by_sector.get(sector, 0)),
                        str(summary.people_by_sector.get(sector, 0)),
                    )
                    for sector in sectors
                ],
                numeric=(False, True, True),
            )
        )
    stages = [(_words(s), str(n)) for s, n in summary.challenges_by_stage.items() if n]
    if stages:
        out.append(_table(("Challenges by stage", "Number"), stages, numeric=(False, True)))
    statuses = [(_words(s), str(n)) for s, n in summary.agreements_by_status.items() if n]
    if statuses:
        out.append(_table(("Agreements by status", "Number"), statuses, numeric=(False, True)))
    out.append("</div>")
    out.append(f'<p class="note">{_e(_privacy_sentence(content))}</p>')
    out.append("</section>")
    return out


def _privacy_sentence(content: Content) -> str:
    named = content.consent.get("named", 0)
    pseudonymous = content.consent.get("pseudonymous", 0)
    excluded = content.consent.get("excluded", 0)
    text = (
        f"People: {named} shown by name (they agreed to it), {pseudonymous} under a "
        "pseudonym that stays the same in every report on this hub"
    )
    if excluded:
        text += (
            f", and {excluded} not shown at all — they still count in the totals, "
            "but appear in no list, table or picture"
        )
    return text + "."


def _sessions(content: Content) -> list[str]:
    out = ['<section id="sessions">', "<h2>Sessions</h2>"]
    lines = content.summary.sessions
    if not lines:
        out += ["<p>No sessions are recorded.</p>", "</section>"]
        return out
    out.append(
        '<p class="hint">Each session with its kind and how many took part in it or in the '
        "sessions within it: people, and organisations recorded without a person, each "
        "counted once.</p>"
    )
    depth = -1
    for line in lines:
        if line.depth > depth:
            out.append('<ul class="tree">' if depth < 0 else "<ul>")
        elif line.depth == depth:
            out.append("</li>")
        else:
            out.append("</li></ul>" * (depth - line.depth) + "</li>")
        depth = line.depth
        out.append(
            f"<li><strong>{_e(line.name)}</strong> "
            f'<span class="kind">{_e(_words(line.kind))}</span> '
            f'<span class="count">{_e(line.taking_part)}</span>'
        )
    out.append("</li></ul>" * (depth + 1))
    if content.sessions_note:
        out.append(f'<p class="note" id="sessions-cut">{_e(content.sessions_note)}</p>')
    out.append("</section>")
    return out


def _picture(content: Content) -> list[str]:
    out = ['<section id="picture">', f"<h2>{_e(content.network_title)}</h2>"]
    if content.picture is None:
        out += ["<p>The picture was not drawn.</p>", "</section>"]
        return out
    data = base64.b64encode(content.picture).decode("ascii")
    width, height = PICTURE_SIZE
    alt = (
        f"{content.network_title}: {len(content.nodes)} nodes and {len(content.edges)} ties, "
        "coloured by sector: " + ", ".join(f"{_words(s)} {n}" for s, n in content.sectors.items())
    )
    if content.groups:
        alt = (
            f"{content.network_title}: the {len(content.nodes):,} strongest of "
            f"{content.network_nodes:,} nodes and {len(content.edges):,} ties among them, "
            "coloured by sector, the others in one ringed circle per sector: "
            + ", ".join(f"{_words(s)} {n:,}" for s, n in content.sectors.items())
        )
    caption = " ".join(
        filter(None, (content.network_caption, content.picture_note, content.view_note))
    )
    out += [
        "<figure>",
        f'<img id="network-picture" src="data:image/png;base64,{data}" '
        f'width="{width}" height="{height}" alt="{_e(alt)}">',
        f"<figcaption>{_e(caption)}</figcaption>",
        "</figure>",
        "</section>",
    ]
    return out


def _interactive(content: Content) -> list[str]:
    out = [
        '<section id="explore" class="interactive">',
        "<h2>Explore the network</h2>",
    ]
    if not content.nodes:
        out += ["<p>The network has no nodes.</p>", "</section>"]
        return out
    out.append(
        '<p class="hint">Point at a node (or tab to it) for its name, sector and strength; '
        "click it (or press Enter) to light up its neighbours, click the background or press "
        "Escape to clear; untick a sector to hide it.</p>"
    )
    if content.view_note:
        out.append(f'<p class="note" id="network-view">{_e(content.view_note)}</p>')
    grouped = {group.sector: group.count for group in content.groups}
    boxes = [
        '<fieldset class="controls" id="network-filters">',
        "<legend>Sectors</legend>",
    ]
    for sector, count in content.sectors.items():
        css = sector if sector in COLOURS else "unknown"
        number = f"{count:,}: {count - grouped[sector]:,} shown" if sector in grouped else count
        boxes.append(
            f'<label><input type="checkbox" value="{_e(sector)}" checked> '
            f'<span class="swatch sector-{_e(css)}"></span>{_e(_words(sector))} ({number})'
            "</label>"
        )
    boxes.append('<button type="button" id="network-all">Show all</button>')
    boxes.append("</fieldset>")
    out += boxes
    width, height = SVG_SIZE
    heaviest = max((weight for _, _, weight in content.edges), default=1.0) or 1.0
    svg = [
        '<div class="stage" id="network-stage">',
        f'<svg id="network-svg" class="network" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="group" '
        f'aria-label="{_e(content.network_title)}, interactive" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<g class="ties">',
    ]
    for a, b, weight in content.edges:
        first, second = content.nodes[a], content.nodes[b]
        svg.append(
            f'<line class="tie" x1="{first.x}" y1="{first.y}" x2="{second.x}" y2="{second.y}" '
            f'stroke-width="{0.4 + 3.2 * weight / heaviest:.2f}" data-a="{a}" data-b="{b}"/>'
        )
    svg += ["</g>", '<g class="nodes">']
    for i, node in enumerate(content.nodes):
        strength = f"{node.strength:.3f}"
        colour = COLOURS.get(node.sector, COLOURS["unknown"])
        label = f"{node.name}, {_words(node.sector)}, strength {strength}"
        svg.append(
            f'<circle class="node" cx="{node.x}" cy="{node.y}" r="{node.radius}" '
            f'fill="{colour}" data-i="{i}" data-name="{_e(node.name)}" '
            f'data-sector="{_e(node.sector)}" data-sector-name="{_e(_words(node.sector))}" '
            f'data-strength="{strength}" tabindex="0" '
            f'role="button" aria-pressed="false" aria-label="{_e(label)}">'
            f"<title>{_e(node.name)}</title></circle>"
        )
    svg.append("</g>")
    if content.groups:
        svg.append('<g class="groups">')
        for group in content.groups:
            colour = COLOURS.get(group.sector, COLOURS["unknown"])
            label = f"{group.name}, {_words(group.sector)}: {group.note}"
            svg.append(
                f'<g class="group" data-sector="{_e(group.sector)}">'
                f'<circle class="group-node" cx="{group.x}" cy="{group.y}" r="{group.radius}" '
                f'fill="{colour}" stroke="{colour}" data-name="{_e(group.name)}" '
                f'data-note="{_e(group.note)}" tabindex="0" role="img" '
                f'aria-label="{_e(label)}"><title>{_e(group.name)}</title></circle>'
                f'<text class="group-label" x="{group.x}" '
                f'y="{round(group.y + group.radius + 13, 2)}" text-anchor="middle">'
                f"+{group.count:,}</text></g>"
            )
        svg.append("</g>")
    svg += [
        "</svg>",
        '<div id="network-tip" class="tooltip" role="tooltip" hidden></div>',
        "</div>",
        '<p id="network-selection" class="note" aria-live="polite">Nothing selected.</p>',
        "</section>",
    ]
    return out + svg


def _measures(content: Content) -> list[str]:
    out = ['<section id="measures">', "<h2>Measures</h2>"]
    if not content.measures:
        out += ["<p>The network has no nodes to measure.</p>", "</section>"]
        return out
    headers, numeric, rows = content.measure_table
    out.append(_table(headers, rows, numeric=numeric, caption=content.measures_caption))
    out.append('<dl class="note key">')
    for name in content.measure_names:
        if name in MEASURE_NOTES:
            out.append(f"<dt>{_e(name)}</dt><dd>{_e(MEASURE_NOTES[name])}</dd>")
    out.append("</dl>")
    out.append("</section>")
    return out


def _heart(content: Content) -> list[str]:
    sector = _words(content.heart_sector)
    out = [
        '<section id="heart">',
        f"<h2>Is the {_e(sector)} sector at the heart?</h2>",
        f'<p class="hint">Six indicators of whether the {_e(sector)} sector takes part as an '
        "equal partner, directly and throughout. Each says how to read it; flags name what to "
        "look at.</p>",
    ]
    if content.inference_note:
        out.append(f'<p class="note" id="heart-inference">{_e(content.inference_note)}</p>')
    for indicator in content.heart:
        out.append(f'<article class="indicator" id="heart-{_e(indicator.name)}">')
        out.append(
            f"<h3><span>{_e(indicator.title)}</span>"
            f'<span class="value">{_e(indicator.value)}</span></h3>'
        )
        if indicator.reason:
            out.append(f'<p class="reason">{_e(indicator.headline)}</p>')
        if indicator.key:
            scale = f"{indicator.scale}; {indicator.key}" if indicator.scale else indicator.key
            out.append(f'<p class="key"><strong>Scale:</strong> {_e(scale)}</p>')
        out.append(f"<p>{_e(indicator.reading)}</p>")
        out += _inference(indicator)
        if indicator.flags:
            out.append("<ul>")
            for heading, count, items in indicator.flag_lines:
                out.append(
                    f'<li><span class="flag">Flag:</span> {_e(heading)} ({count:,}): '
                    f"{_e(', '.join(items))}</li>"
                )
            out.append("</ul>")
        for note in indicator.notes:
            out.append(f'<p class="note">Note: {_e(note)}</p>')
        out.append("</article>")
    out.append("</section>")
    return out


#: The null distribution's picture: its size (SVG units) and colours.
NULL_PICTURE_SIZE = (240, 72)
_BAR_COLOUR = "#9aa7b8"
_OBSERVED_COLOUR = "#a13d00"


def null_picture(
    bins: Sequence[float], counts: Sequence[int], observed: float | None, *, label: str = ""
) -> str:
    """A small inline SVG of a null distribution, the observed value marked.

    Bars are the histogram of the draws (``counts`` in the bins between ``bins``); a
    vertical line marks ``observed``. Everything is drawn with presentation attributes
    (no style, no script), so the page's Content-Security-Policy allows it.

    Args:
        bins: The histogram's edges, one more than ``counts``.
        counts: The draws in each bin.
        observed: The observed value (no line when ``None``).
        label: What the picture shows, for screen readers.

    Returns:
        The ``<svg>`` element; empty without bins.

    Examples:
        >>> svg = null_picture([0.0, 1.0, 2.0], [3, 1], 1.5, label="null")
        >>> svg.count("<rect"), 'class="observed"' in svg
        (2, True)
        >>> null_picture([], [], None)
        ''
    """
    if len(bins) < 2 or len(counts) != len(bins) - 1:
        return ""
    width, height = NULL_PICTURE_SIZE
    low, high = float(bins[0]), float(bins[-1])
    span = (high - low) or 1.0
    top = max(counts) or 1
    base = height - 14

    def x(value: float) -> float:
        return round(4 + (width - 8) * (value - low) / span, 2)

    parts = [
        f'<svg class="null" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{_e(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_e(label)}</title>",
    ]
    for i, count in enumerate(counts):
        left, right = x(float(bins[i])), x(float(bins[i + 1]))
        tall = round((base - 4) * count / top, 2)
        parts.append(
            f'<rect x="{left}" y="{round(base - tall, 2)}" width="{round(max(right - left - 1, 0.5), 2)}" '
            f'height="{tall}" fill="{_BAR_COLOUR}"/>'
        )
    parts.append(
        f'<line x1="4" y1="{base}" x2="{width - 4}" y2="{base}" stroke="#5b5b66" stroke-width="1"/>'
    )
    if observed is not None and math.isfinite(observed):
        at = x(float(observed))
        parts.append(
            f'<line class="observed" x1="{at}" y1="2" x2="{at}" y2="{base}" '
            f'stroke="{_OBSERVED_COLOUR}" stroke-width="2"/>'
        )
    parts += [
        f'<text x="4" y="{height - 2}" font-size="10" fill="#5b5b66">{_e(f"{low:.3g}")}</text>',
        f'<text x="{width - 4}" y="{height - 2}" font-size="10" fill="#5b5b66" '
        f'text-anchor="end">{_e(f"{high:.3g}")}</text>',
        "</svg>",
    ]
    return "".join(parts)


def _inference(indicator: IndicatorView) -> list[str]:
    """The indicator's p-value, the null distribution's picture and its interval."""
    out: list[str] = []
    if indicator.chance:
        label = (
            f"{indicator.title}: the values in the random relabellings, the observed "
            f"value {indicator.value} marked"
        )
        picture = null_picture(indicator.bins, indicator.histogram, indicator.observed, label=label)
        if picture:
            out.append(
                f'<figure class="null-distribution">{picture}<figcaption>Bars: the indicator in '
                "each random relabelling; line: the observed value.</figcaption></figure>"
            )
        out.append(f'<p class="chance"><strong>Chance:</strong> {_e(indicator.chance)}</p>')
        if indicator.holm:
            out.append(
                '<p class="note">Holm-adjusted across the indicators tested: '
                f"p = {_e(indicator.holm)}</p>"
            )
        if indicator.chance_reading:
            out.append(f'<p class="note">{_e(indicator.chance_reading)}</p>')
    if indicator.interval:
        out.append(
            f'<p class="interval"><strong>Uncertainty:</strong> {_e(indicator.interval)}</p>'
        )
    return out


def _agreements(content: Content) -> list[str]:
    out = ['<section id="agreements">', "<h2>Agreements</h2>"]
    if not content.agreements:
        out += ["<p>No agreements are recorded.</p>", "</section>"]
        return out
    out.append(f'<p class="hint">{_e(_AGREEMENTS_HINT)}</p>')
    for agreement in content.agreements:
        out.append(f'<article id="agreement-{_e(agreement.id)}">')
        out.append(
            f"<h3>{_e(agreement.title)} "
            f'<span class="kind">{_e(_words(agreement.status))}</span></h3>'
        )
        headers, numeric, rows = _agreement_table(agreement)
        if rows:
            out.append(
                _table(
                    headers,
                    rows,
                    numeric=numeric,
                    caption=f"Agreement {agreement.id}, {_words(agreement.status)}",
                    row_classes=["below" if row.below else "" for row in agreement.rows],
                )
            )
        for line in _agreement_bases(agreement):
            out.append(f'<p class="note">{_e(line)}</p>')
        for note in agreement.notes:
            out.append(f'<p class="note">{_e(note)}</p>')
        out.append("</article>")
    if content.agreements_note:
        out.append(f'<p class="note" id="agreements-cut">{_e(content.agreements_note)}</p>')
    out.append("</section>")
    return out


#: What the agreements section shows, said once above its tables.
_AGREEMENTS_HINT = (
    "What each party puts in against its share of the rewards as recorded in the "
    "agreement. These are the agreement's own shares, not an allocation by a sharing rule "
    "(the share command computes those, such as Shapley values)."
)


def _agreement_table(
    agreement: AgreementView,
) -> tuple[tuple[str, ...], tuple[bool, ...], list[tuple[str, ...]]]:
    """The agreements table of one agreement: its headers, which are numeric, its rows.

    The Markdown twin lays out the same table. A column of what each share is worth
    appears only when the rewards have a money value.

    Args:
        agreement: The agreement's view.

    Returns:
        The headers, a flag per column for right alignment, and the rows as text.

    Examples:
        >>> from coinnovation.report._content import AgreementView, PartyRow
        >>> view = AgreementView("ag", "Pilot", "draft",
        ...     (PartyRow("Tenants", "community", "100.00 GBP", 0.25, 0.5),), ())
        >>> _agreement_table(view)[2]
        [('Tenants', 'community', '100.00 GBP', '25.0%', '50.0%', '')]
    """
    valued = agreement.valued
    headers: tuple[str, ...] = ("Party", "Sector", "Puts in", "Share put in")
    numeric: tuple[bool, ...] = (False, False, True, True)
    if valued:
        headers += ("Gets",)
        numeric += (True,)
    headers += ("Reward share", "")
    numeric += (True, False)
    rows = []
    for row in agreement.rows:
        cells: tuple[str, ...] = (
            row.name,
            _words(row.sector),
            row.contribution,
            _percent(row.contribution_share),
        )
        if valued:
            cells += (row.reward,)
        cells += (_percent(row.reward_share), "below" if row.below else "")
        rows.append(cells)
    return headers, numeric, rows


def _agreement_bases(agreement: AgreementView) -> list[str]:
    """What the shares of an agreement's table are, one sentence each.

    Args:
        agreement: The agreement's view.

    Returns:
        A sentence on the reward shares and one on the shares put in (none when unknown).

    Examples:
        >>> from coinnovation.report._content import AgreementView
        >>> _agreement_bases(AgreementView("ag", "Pilot", "draft", (), (),
        ...                               "the shares given", "cash"))
        ['Reward share: the shares given.', 'Share put in: cash.']
    """
    lines = []
    if agreement.reward_basis:
        lines.append(f"Reward share: {agreement.reward_basis}.")
    if agreement.contribution_basis:
        lines.append(f"Share put in: {agreement.contribution_basis}.")
    return lines


_CONTENTS = (
    ("glance", "At a glance"),
    ("sessions", "Sessions"),
    ("picture", "Network"),
    ("explore", "Explore"),
    ("measures", "Measures"),
    ("heart", "At the heart?"),
    ("agreements", "Agreements"),
)


def render_html(content: Content) -> str:
    """Lay out gathered content as one HTML page (everything escaped).

    Args:
        content: What the report says (see :func:`report_html`).

    Returns:
        The page, ending with a newline.

    Examples:
        >>> from coinnovation.models import Hub
        >>> from coinnovation.report._content import gather
        >>> content = gather(Hub(name="<b>Demo</b>"), picture=False)
        >>> "<title>&lt;b&gt;Demo&lt;/b&gt;</title>" in render_html(content)
        True
    """
    style = _style()
    script = _SCRIPT.strip()
    policy = (
        "default-src 'none'; img-src data:; "
        f"style-src '{_hash(style)}'; script-src '{_hash(script)}'; "
        "base-uri 'none'; form-action 'none'"
    )
    contents = "".join(f'<li><a href="#{key}">{_e(name)}</a></li>' for key, name in _CONTENTS)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="coinnovation">',
        f"<title>{_e(content.title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(content.title)}</h1>",
        f'<p class="meta">Report generated {_e(content.generated)} with coinnovation.</p>',
        f'<nav class="contents" aria-label="Contents"><ol>{contents}</ol></nav>',
        "</header>",
        "<main>",
        *_glance(content),
        *_sessions(content),
        *_picture(content),
        *_interactive(content),
        *_measures(content),
        *_heart(content),
        *_agreements(content),
        "</main>",
        "<footer>",
        f'<p class="note">{_e(NAMES_NOTE)}</p>',
        "</footer>",
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def report_html(
    hub: Hub,
    *,
    privacy: Privacy | None = None,
    secret: bytes | str | None = None,
    title: str | None = None,
    level: Level = "organisation",
    weight: WeightScheme = "newman",
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
    seed: int = 0,
    top: int = 15,
    max_nodes: int | None = MAX_NODES,
    generated: datetime | date | None = None,
    progress: ProgressCallback | ProgressLike | bool | None = None,
    permutations: int | None = None,
    resamples: int | None = None,
) -> str:
    """A hub's report as one self-contained HTML page (no files read or written).

    Args:
        hub: The hub.
        privacy: The hub's privacy policy (:meth:`Privacy.for_hub
            <coinnovation.privacy.Privacy.for_hub>`): people by name only when they
            consented, under a pseudonym otherwise, not at all when excluded. ``None``:
            a policy without a secret, which refuses to show anyone under a pseudonym
            (see :mod:`coinnovation.privacy`).
        secret: Deprecated: the hub's secret; pass ``privacy=`` instead.
        title: The page's title (default: the hub's name).
        level: Who the network's nodes are: ``"organisation"``, ``"person"`` or
            ``"sector"``.
        weight: Tie weights: ``"newman"`` or ``"count"``.
        scope: The sessions the network (picture, measures, centrality and brokerage)
            is built from (:class:`~coinnovation.models.Scope`); or give ``kind``, not
            both.
        kind: Build the network (picture, measures, centrality and brokerage) from
            sessions of this kind (or kinds) only, such as ``"table"``.
        max_session_size: Skip or down-weight sessions with more actors (a plenary) in
            the network (see :func:`~coinnovation.network.build.collaboration_graph`).
        oversize: ``"skip"`` or ``"downweight"``: what ``max_session_size`` does.
        seed: The seed of the network's spring layout (and of the tests and resamples).
        top: How many nodes the measures table lists (at most
            :data:`~coinnovation.report._content.MAX_ROWS`, 1,000).
        max_nodes: The most nodes the network's picture and interactive view show
            one by one (default 300): the strongest, with the heaviest ties among them
            (at most 10,000); the others are gathered into one circle per sector, and
            the report says so. ``None``: every node and tie, however many.
        generated: The date shown as the report's date (default: now, in UTC); give one
            for a page that is the same byte for byte on every run.
        progress: ``True`` for a progress bar on standard error, a callable
            ``f(step, done, total)``, a started :class:`rich.progress.Progress`, or
            ``None`` for silence.
        permutations: Test the heart's network indicators (centrality, brokerage)
            against this many random relabellings of the sectors, seeded with
            ``seed``: each shows its p-value, its reading and a small picture of the
            null distribution (:func:`~coinnovation.inference.heart_report_tested`).
            ``None`` (the default): no tests.
        resamples: Bootstrap every heart indicator, and the measure the measures
            table is ranked by, over this many resamples of the sessions (seeded with
            ``seed``): each shows its 95 % interval. ``None``: no intervals.

    Returns:
        The page.

    Raises:
        PrivacyError: Someone would be shown under a pseudonym and the policy has no
            secret, or the secret is shorter than 16 bytes.
        MissingDependencyError: matplotlib is missing (``pip install 'coinnovation[viz]'``).
        ValueError: An unknown level, weight or session kind.
        TypeError: ``privacy`` and ``secret``, or ``scope`` and ``kind``, both given.

    Examples:
        >>> import coinnovation as co
        >>> from coinnovation.privacy import Privacy
        >>> hub = co.load("examples/walsall-2023/hub.json")
        >>> policy = Privacy.for_hub(hub, secret="a secret of sixteen+ characters")
        >>> page = report_html(hub, privacy=policy, generated=date(2024, 1, 31))
        >>> "Report generated 2024-01-31" in page, "Adeola J." in page
        (True, False)
    """
    with progress_callback(progress) as tell:
        content = gather(
            hub,
            privacy=Privacy.from_options(hub, privacy, secret=secret, output="the report"),
            title=title,
            level=level,
            weight=weight,
            scope=scope,
            kind=kind,
            max_session_size=max_session_size,
            oversize=oversize,
            seed=seed,
            top=top,
            max_nodes=max_nodes,
            generated=generated,
            permutations=permutations,
            resamples=resamples,
            tell=tell,
            steps=1,
        )
        total = steps_of(picture=True) + 1
        tell("Writing the HTML", total - 1, total)
        page = render_html(content)
        tell("Done", total, total)
    return page
