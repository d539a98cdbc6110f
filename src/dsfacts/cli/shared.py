"""What every command shares: the typer app and its global options, the option types, the
console, JSON output, and the translation of a DsfactsError into a message and an exit status."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from dsfacts.errors import DsfactsError

app = typer.Typer(
    help="dsfacts: what the sources say about DeepSeek's models — claims, agreements, contradictions, "
    "and a fact-checker for your draft.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _located(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """An option left at its default finds the knowledge base like git: $DSFACTS_HOME, then upwards."""
    from dsfacts import home

    source = ctx.get_parameter_source(param.name or "")
    if source is not None and getattr(source, "name", "") != "DEFAULT":  # typer may vendor click: compare by name
        return value
    return home.default_sources() if param.name == "sources" else home.default_claims()


SourcesOpt = Annotated[
    Path,
    typer.Option(
        "--sources", help="Folder of source documents (default: found like git, or $DSFACTS_HOME).", callback=_located
    ),
]
ClaimsOpt = Annotated[
    Path, typer.Option("--claims", help="The claims file written by `extract` (default: next to sources/).", callback=_located)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print only JSON on standard output.")]
ReviewsOpt = Annotated[
    Path | None, typer.Option("--reviews", help="The reviewers' decisions (default: reviews.yaml beside --claims).")
]
DEFAULT_SOURCES = Path("sources")
DEFAULT_CLAIMS = Path("claims.jsonl")

F = TypeVar("F", bound=Callable[..., Any])


_COLOR = {"mode": "auto"}  # set by the global --color option


def console(stderr: bool = False):  # noqa: ANN201 - rich is imported lazily to keep start-up fast
    """A rich console; NO_COLOR or --color never removes every escape sequence (bold and dim too)."""
    from rich.console import Console

    mode = _COLOR["mode"]
    is_plain = plain()
    return Console(
        stderr=stderr,
        force_terminal=True if mode == "always" else None,
        no_color=is_plain,
        color_system=None if is_plain else "auto",
        highlight=False,
        soft_wrap=False,
    )


def plain() -> bool:
    """No colour, no bold: --color never, or NO_COLOR set and --color left at auto."""
    mode = _COLOR["mode"]
    return mode == "never" or (mode == "auto" and bool(os.environ.get("NO_COLOR")))


def _version(value: bool) -> None:
    if value:
        from dsfacts import version

        typer.echo(f"dsfacts {version()}")
        raise typer.Exit()


@app.callback()
def _global(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    color: Annotated[str, typer.Option("--color", help="auto (default; NO_COLOR is honoured), always or never.")] = "auto",
) -> None:
    # global options only; the app's help text stays the one given to typer.Typer
    if color not in ("auto", "always", "never"):
        sys.stderr.write(f"dsfacts: error: --color must be auto, always or never, not {color!r}.\n")
        raise typer.Exit(2)
    _COLOR["mode"] = color


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def user_errors(func: F) -> F:
    """Turn a DsfactsError into a clean message and its exit code: no tracebacks for user mistakes."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DsfactsError as e:
            from dsfacts.render_safe import clean

            sys.stderr.write(f"dsfacts: error: {clean(str(e), keep_newlines=True)}\n")
            raise typer.Exit(e.exit_code) from None

    return wrapper  # type: ignore[return-value]


def warn_if_stale(sources: Path, claims: Path) -> None:
    """For the read commands: one line on stderr when sources changed after claims were written."""
    from dsfacts.freshness import staleness

    message = staleness(sources, claims)
    if message:
        from dsfacts.render_safe import clean

        sys.stderr.write(f"dsfacts: warning: {clean(message)}\n")


def read_base(sources: Path, claims: Path) -> None:
    """Before a read command: an empty base is exit 2 ("run `dsfacts extract`"); stale, a warning."""
    from dsfacts import home

    home.require_claims(claims)
    warn_if_stale(sources, claims)
