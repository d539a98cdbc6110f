"""The command line: parse options, call one library function, render. No decisions here.

Every DsfactsError becomes a one-line message on stderr and exit status 2.

    shared.py     the typer app, its global options, the option types, console, JSON, user errors
    names.py      entity and attribute names as a user types them -> ids
    building.py   extract, add, remove: build the knowledge base
    checking.py   check: fact-check drafts
    reading.py    export, conflicts, show, timeline, entities, report, sources
    reviewing.py  review, reviews: the reviewers' decisions

Start-up stays cheap: these modules import typer and nothing heavy; each command imports what it
needs (rich, pydantic, the extractor, the reconciler) when it runs (tests/test_index.py checks).
"""

from __future__ import annotations

import os
import sys

# imported for their commands, in the order `dsfacts --help` lists them
from dsfacts.cli import building, checking, reading, reviewing  # noqa: F401
from dsfacts.cli.shared import app

__all__ = ["app", "main"]


def _plain_requested(argv: list[str]) -> bool:
    pairs = zip(argv, argv[1:], strict=False)
    return bool(os.environ.get("NO_COLOR")) and "--color" not in argv or "--color=never" in argv or ("--color", "never") in pairs


def main() -> None:
    if _plain_requested(sys.argv[1:]):  # typer's own help and error panels: no bold, no colour either
        import typer.rich_utils

        typer.rich_utils.COLOR_SYSTEM = None
    app()


if __name__ == "__main__":
    main()
