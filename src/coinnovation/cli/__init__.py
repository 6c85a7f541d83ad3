"""The ``coinnovation`` command (needs the ``cli`` extra).

Run ``coinnovation --help`` for the commands. Without the extra, the command says which
package to install instead of failing with a traceback.

Examples:
    >>> from coinnovation.cli import main
    >>> main(["validate", "--help"])  # doctest: +ELLIPSIS
    Usage: coinnovation validate [OPTIONS] FILES...
    ...
    0
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from coinnovation.errors import MissingDependencyError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process arguments).

    Args:
        argv: The arguments after the program name.

    Returns:
        The exit status: 0 for success; 1 for an invalid hub, or records that do not
        allow what was asked; 2 for misuse (a bad option, an output onto an input) and for
        files, stores or extras that cannot be used. As a console script, the status is
        the process's exit code.

    Examples:
        >>> main(["--version"])  # doctest: +ELLIPSIS
        coinnovation ...
        0
    """
    try:
        from coinnovation.cli.commands import run
    except MissingDependencyError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    return run(list(sys.argv[1:] if argv is None else argv))


def _console() -> None:  # pragma: no cover - the console-script wrapper
    raise SystemExit(main())
