"""The command line: parse options, call one library function, render. No decisions here.

Every DsfactsError becomes a one-line message on stderr and exit status 2.
"""

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
    add_completion=False,
    pretty_exceptions_enable=False,
)

SourcesOpt = Annotated[
    Path, typer.Option("--sources", help="Folder of source documents (.md, .txt, .html).", show_default=True)
]
ClaimsOpt = Annotated[Path, typer.Option("--claims", help="The claims file written by `extract`.", show_default=True)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print only JSON on standard output.")]
DEFAULT_SOURCES = Path("sources")
DEFAULT_CLAIMS = Path("claims.jsonl")

F = TypeVar("F", bound=Callable[..., Any])


def console(stderr: bool = False):  # noqa: ANN201 - rich is imported lazily to keep start-up fast
    from rich.console import Console

    return Console(
        stderr=stderr,
        no_color=bool(os.environ.get("NO_COLOR")),
        highlight=False,
        soft_wrap=False,
    )


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def user_errors(func: F) -> F:
    """Turn a DsfactsError into a clean message and its exit code: no tracebacks for user mistakes."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DsfactsError as e:
            sys.stderr.write(f"dsfacts: error: {e}\n")
            raise typer.Exit(e.exit_code) from None

    return wrapper  # type: ignore[return-value]


@app.command()
@user_errors
def extract(sources: SourcesOpt = DEFAULT_SOURCES, claims: ClaimsOpt = DEFAULT_CLAIMS) -> None:
    """Parse every document in --sources and (re)write --claims atomically."""
    from dsfacts import kb

    report = kb.extract_all(sources, claims, progress=None)
    err = console(stderr=True)
    for problem in report.problems:
        err.print(f"[yellow]skipped:[/] {problem}")
    err.print(f"{report.documents} documents, {report.claims} claims -> {claims}")


@app.command()
@user_errors
def check(
    draft: Annotated[str, typer.Argument(help="The draft to check: a file (any encoding), or - for standard input.")],
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    json_out: JsonOpt = False,
    fmt: Annotated[str, typer.Option("--format", help="text, json, line (path:line:col: verdict: message) or github.")] = "text",
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 on: contradicted, disputed (or contradicted), never.")] = "contradicted",
) -> None:
    """Fact-check a draft (Chinese or English) against the knowledge base, like a linter."""
    from dsfacts import render_check
    from dsfacts.check import FAIL_ON, CheckUsageError, check_path

    fmt = "json" if json_out else fmt.lower()
    if fmt not in render_check.FORMATS:
        raise CheckUsageError(f"--format must be one of {', '.join(render_check.FORMATS)}, not {fmt!r}.")
    if fail_on not in FAIL_ON:
        raise CheckUsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}.")
    report = check_path(draft, sources, claims)
    if fmt == "json":
        print_json(render_check.json_data(report))
        console(stderr=True).print(report.summary())
    elif fmt == "line":
        sys.stdout.write(render_check.render_lines(report))
        console(stderr=True).print(report.summary())
    elif fmt == "github":
        sys.stdout.write(render_check.render_github(report))
        console(stderr=True).print(report.summary())
    else:
        render_check.render_text(report, console())
    raise typer.Exit(report.exit_code(fail_on))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
