"""Commands that build the knowledge base: extract, add, remove."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from dsfacts.cli.shared import (
    DEFAULT_CLAIMS,
    DEFAULT_SOURCES,
    ClaimsOpt,
    SourcesOpt,
    app,
    console,
    plain,
    user_errors,
)


@app.command()
@user_errors
def extract(
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parse in N processes (default: one per core).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every document again.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Also say why cached results were not used.")] = False,
) -> None:
    """Parse every document in --sources and (re)write --claims atomically (only changed ones are re-parsed)."""
    from dsfacts import kb, lock

    with lock.writing(claims.parent), _extract_progress() as progress:  # one writer at a time
        report = kb.extract_all(sources, claims, progress=progress, jobs=jobs, use_cache=not no_cache)
    _print_extract_report(report)
    for note in report.notes if debug else ():
        typer.echo(f"debug: {note}", err=True)
    typer.echo(
        f"{report.documents} documents ({report.parsed} parsed, {report.cached} unchanged), "
        f"{report.claims} claims -> {claims}",
        err=True,
    )


def _print_extract_report(report: Any) -> None:
    from dsfacts.render_safe import clean

    for problem in report.problems:  # plain lines: file names must not be wrapped or styled away
        typer.echo(f"skipped: {clean(problem)}", err=True)


class _extract_progress:
    """A rich progress bar on stderr for more than 5 documents when stderr is a terminal."""

    def __enter__(self) -> Callable[[int, int, str], None] | None:
        self.bar: Any = None
        self.task: Any = None
        if not sys.stderr.isatty() or plain():  # a live bar moves the cursor with escape sequences
            return None
        return self.update

    def update(self, done: int, total: int, name: str) -> None:
        if total <= 5:
            return
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                console=console(stderr=True), transient=True,
            )  # fmt: skip
            self.bar.start()
            self.task = self.bar.add_task("", total=total)
        from dsfacts.render_safe import escape_markup

        self.bar.update(self.task, completed=done, description=escape_markup(name))

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


DocKindOpt = Annotated[
    str | None, typer.Option("--kind", help="blog, news, paper, readme, report … (default: detected).")
]
LanguageOpt = Annotated[str | None, typer.Option("--language", help="zh or en (default: detected).")]


@app.command()
@user_errors
def add(
    paths: Annotated[list[Path], typer.Argument(help="Documents to add (.md, .txt, .html).")],
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    kind: DocKindOpt = None,
    language: LanguageOpt = None,
    id: Annotated[str | None, typer.Option("--id", help="File name to store it under.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parse in N processes.")] = 1,
) -> None:
    """Copy documents into --sources, record their metadata, re-extract and say what changed.

    A document whose content is already in the knowledge base is refused with a message (exit 0).
    """
    from dsfacts import ingest

    report = ingest.add(paths, sources, claims, kind=kind, language=language, id=id, jobs=jobs)
    _print_change_report(report, claims)


@app.command()
@user_errors
def remove(
    ids: Annotated[list[str], typer.Argument(help="Document ids (file names in --sources, suffix optional).")],
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parse in N processes.")] = 1,
) -> None:
    """Delete documents from --sources with their metadata, and rewrite --claims."""
    from dsfacts import ingest

    report = ingest.remove(ids, sources, claims, jobs=jobs)
    _print_change_report(report, claims)


def _print_change_report(report: Any, claims: Path) -> None:
    from dsfacts.render_safe import clean

    for line in report.refused:
        typer.echo(clean(line))
    for a in report.added:
        typer.echo(clean(f"added {a.id} (from {a.origin}): {a.claims} new claim{'s' if a.claims != 1 else ''}"))
    for name, n in report.removed:
        typer.echo(clean(f"removed {name}: {n} claim{'s' if n != 1 else ''} dropped"))
    if report.extract is not None:
        _print_extract_report(report.extract)
        typer.echo(f"{claims}: {report.extract.claims} claims from {report.extract.documents} documents")
        if not report.reconciled:
            typer.echo("(fact statuses not compared: the reconciler is not available yet)")
        groups = [
            ("new agreements", lambda c: c.after == "agreed"),
            ("new contradictions", lambda c: c.after == "contradiction"),
            ("new minor discrepancies", lambda c: c.after == "minor-discrepancy"),
            ("other changes", lambda c: c.after not in ("agreed", "contradiction", "minor-discrepancy")),
        ]
        for title, wanted in groups:
            picked = [c for c in report.changes if wanted(c)]
            if picked:
                typer.echo(f"{title}:")
                for c in picked:
                    typer.echo(clean(f"  {c.entity} {c.attribute}: {c.before or 'new'} -> {c.after or 'gone'}"))
