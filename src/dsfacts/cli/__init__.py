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

import copy
import os
import sys
from typing import Any

from dsfacts import collector

with collector.loading_for_good():  # start-up: typer and the commands live as long as the process
    import typer
    from typer.main import get_command_name

    # imported for their commands, in the order `dsfacts --help` lists them
    from dsfacts.cli import building, checking, reading, reviewing  # noqa: F401
    from dsfacts.cli.shared import app

__all__ = ["app", "main"]


def _plain_requested(argv: list[str]) -> bool:
    pairs = zip(argv, argv[1:], strict=False)
    return bool(os.environ.get("NO_COLOR")) and "--color" not in argv or "--color=never" in argv or ("--color", "never") in pairs


def main() -> None:
    if _plain_requested(sys.argv[1:]):  # typer's own help and error panels: no bold, no colour either
        _rich_utils_lazily().COLOR_SYSTEM = None
    _app_for(sys.argv[1:])()


def _rich_utils_lazily() -> Any:
    """typer.rich_utils, loaded only if typer prints help or an error (importing it loads most of
    rich: 40 ms of every command run with NO_COLOR). An attribute set now survives the load."""
    import importlib.util

    found = sys.modules.get("typer.rich_utils")
    if found is not None:
        return found
    spec = importlib.util.find_spec("typer.rich_utils")
    if spec is None or spec.loader is None:
        import typer.rich_utils

        return typer.rich_utils
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["typer.rich_utils"] = module
    spec.loader.exec_module(module)
    return module


def _app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command being run registered. typer builds every command's click
    object before it runs one (8 ms of a 0.1 s `show`); help, completion and anything unusual
    get the whole app, so every message stays the same."""
    if any(k.startswith("_DSFACTS_COMPLETE") for k in os.environ):
        return app
    i = 0
    while i < len(argv) and argv[i].startswith("-"):  # global options before the command
        if argv[i] == "--color":
            i += 2
        elif argv[i].startswith("--color="):
            i += 1
        else:
            return app  # --help, --version, a mistake: the whole app answers
    if i >= len(argv):
        return app
    found = [c for c in app.registered_commands if get_command_name(c.name or c.callback.__name__) == argv[i]]  # type: ignore[union-attr]
    if len(found) != 1:
        return app
    one = copy.copy(app)
    one.registered_commands = found
    return one


if __name__ == "__main__":
    main()
