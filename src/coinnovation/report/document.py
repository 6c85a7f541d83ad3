"""Write a hub's report to a folder: one HTML page, its Markdown twin, and the network picture.

:func:`write_report` gathers the report once (every name through the hub's
:class:`~coinnovation.privacy.Privacy` policy), renders it with
:func:`~coinnovation.report.html.render_html` and
:func:`~coinnovation.report.markdown.render_markdown`, and writes three files, each
replaced whole or not at all:

- ``index.html``: the page to send, self-contained (the picture is inside it);
- ``report.md``: the same sections in GitHub-flavoured Markdown;
- ``network.png``: the picture the Markdown links to.

Nothing else is written: not the secret, not the hub, not the ids of people who did not
consent to be named.

Examples:
    >>> import tempfile, pathlib
    >>> import coinnovation as co
    >>> from coinnovation.privacy import Privacy
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> policy = Privacy.for_hub(hub, secret="a secret of sixteen+ characters")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     files = write_report(hub, folder, privacy=policy)
    ...     sorted(path.name for path in files.paths)
    ['index.html', 'network.png', 'report.md']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import attrs

from coinnovation._collector import collector_paused
from coinnovation.io.files import atomic_write
from coinnovation.models.hub import Hub
from coinnovation.models.scope import Scope
from coinnovation.models.vocabularies import SessionKind
from coinnovation.network.build import Level
from coinnovation.network.projection import Oversize, WeightScheme
from coinnovation.privacy import Privacy
from coinnovation.report._content import (
    MAX_NODES,
    ProgressCallback,
    ProgressLike,
    gather,
    progress_callback,
    steps_of,
)
from coinnovation.report.html import render_html
from coinnovation.report.markdown import render_markdown

__all__ = ["HTML_NAME", "MARKDOWN_NAME", "PICTURE_NAME", "ReportFiles", "write_report"]

HTML_NAME = "index.html"
"""The file name of the HTML page :func:`write_report` writes."""

MARKDOWN_NAME = "report.md"
"""The file name of the Markdown twin."""

PICTURE_NAME = "network.png"
"""The file name of the network picture."""


@attrs.frozen
class ReportFiles:
    """The files a report was written to.

    Attributes:
        directory: The folder they are in.
        html: The HTML page (self-contained: the one to send).
        markdown: The Markdown twin.
        picture: The network picture the Markdown links to.

    Examples:
        >>> from pathlib import Path
        >>> files = ReportFiles(Path("out"), Path("out/index.html"), Path("out/report.md"),
        ...                     Path("out/network.png"))
        >>> [path.name for path in files.paths]
        ['index.html', 'report.md', 'network.png']
    """

    directory: Path
    html: Path
    markdown: Path
    picture: Path

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every file written: the page, the Markdown, the picture.

        Examples:
            >>> from pathlib import Path
            >>> ReportFiles(Path("."), Path("a"), Path("b"), Path("c")).paths
            (PosixPath('a'), PosixPath('b'), PosixPath('c'))
        """
        return (self.html, self.markdown, self.picture)


def write_report(
    hub: Hub,
    directory: str | os.PathLike[str],
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
) -> ReportFiles:
    """Write a hub's report to ``directory``: ``index.html``, ``report.md``, ``network.png``.

    The folder is created if need be; files of the same names in it are replaced, each
    atomically (the picture first, the page last). People appear by name only when they
    consented (:class:`~coinnovation.privacy.Privacy`); keep the hub's secret out of the folder.

    Args:
        hub: The hub.
        directory: The folder to write to.
        privacy: The hub's privacy policy (:meth:`Privacy.for_hub
            <coinnovation.privacy.Privacy.for_hub>`): people by name only when they
            consented, under a pseudonym otherwise, not at all when excluded. ``None``:
            a policy without a secret, which refuses to show anyone under a pseudonym
            (see :mod:`coinnovation.privacy`).
        secret: Deprecated: the hub's secret; pass ``privacy=`` instead.
        title: The report's title (default: the hub's name).
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
        generated: The report's date (default: now, in UTC); give one for files that
            are the same byte for byte on every run.
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
        The paths written.

    Raises:
        PrivacyError: Someone would be shown under a pseudonym and the policy has no
            secret, or the secret is shorter than 16 bytes.
        MissingDependencyError: matplotlib is missing (``pip install 'coinnovation[viz]'``).
        ValueError: An unknown level, weight or session kind.
        TypeError: ``privacy`` and ``secret``, or ``scope`` and ``kind``, both given.
        OSError: The folder cannot be made or written to.

    Examples:
        >>> import tempfile
        >>> import coinnovation as co
        >>> from coinnovation.privacy import Privacy
        >>> hub = co.load("examples/walsall-2023/hub.json")
        >>> policy = Privacy.for_hub(hub, secret="a secret of sixteen+ characters")
        >>> steps = []
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     files = write_report(hub, folder, privacy=policy, kind="table",
        ...                          progress=lambda s, d, t: steps.append(s))
        ...     files.html.read_text(encoding="utf-8").count('<circle class="node"')
        21
        >>> steps[0], steps[-1]
        ('Summarising the hub', 'Done')
    """
    folder = Path(directory)
    # The report builds the network's graph, its measures and the heart report's columns:
    # many objects without cycles, which the cyclic collector would walk again and again.
    with progress_callback(progress) as tell, collector_paused():
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
            steps=3,
        )
        total = steps_of(picture=True) + 3
        tell("Writing the page and its Markdown twin", total - 3, total)
        page = render_html(content)
        text = render_markdown(content, picture=PICTURE_NAME, page=HTML_NAME)
        tell("Saving the files", total - 2, total)
        folder.mkdir(parents=True, exist_ok=True)
        files = ReportFiles(
            directory=folder,
            html=folder / HTML_NAME,
            markdown=folder / MARKDOWN_NAME,
            picture=folder / PICTURE_NAME,
        )
        if content.picture is not None:
            atomic_write(files.picture, content.picture)
        atomic_write(files.markdown, text.encode("utf-8"))
        tell("Saving the page", total - 1, total)
        atomic_write(files.html, page.encode("utf-8"))
        tell("Done", total, total)
    return files
