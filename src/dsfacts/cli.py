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
from dsfacts.render_safe import clean, escape_markup, safe

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
            sys.stderr.write(f"dsfacts: error: {clean(str(e), keep_newlines=True)}\n")
            raise typer.Exit(e.exit_code) from None

    return wrapper  # type: ignore[return-value]


@app.command()
@user_errors
def extract(
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parse in N processes.")] = 1,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every document again.")] = False,
) -> None:
    """Parse every document in --sources and (re)write --claims atomically (only changed ones are re-parsed)."""
    from dsfacts import kb, lock

    with lock.writing(claims.parent), _extract_progress() as progress:  # one writer at a time
        report = kb.extract_all(sources, claims, progress=progress, jobs=jobs, use_cache=not no_cache)
    _print_extract_report(report)
    typer.echo(
        f"{report.documents} documents ({report.parsed} parsed, {report.cached} unchanged), "
        f"{report.claims} claims -> {claims}",
        err=True,
    )


def _print_extract_report(report: Any) -> None:
    for problem in report.problems:  # plain lines: file names must not be wrapped or styled away
        typer.echo(f"skipped: {clean(problem)}", err=True)


class _extract_progress:
    """A rich progress bar on stderr for more than 5 documents when stderr is a terminal."""

    def __enter__(self) -> Callable[[int, int, str], None] | None:
        self.bar: Any = None
        self.task: Any = None
        if not sys.stderr.isatty():
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
        self.bar.update(self.task, completed=done, description=escape_markup(name))

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def warn_if_stale(sources: Path, claims: Path) -> None:
    """For the read commands: one line on stderr when sources changed after claims were written."""
    from dsfacts import kb

    message = kb.staleness(sources, claims)
    if message:
        sys.stderr.write(f"dsfacts: warning: {clean(message)}\n")


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
    warn_if_stale(sources, claims)
    if fmt == "json":
        print_json(render_check.json_data(report))
        console(stderr=True).print(safe(report.summary()))
    elif fmt == "line":
        sys.stdout.write(render_check.render_lines(report))
        console(stderr=True).print(safe(report.summary()))
    elif fmt == "github":
        sys.stdout.write(render_check.render_github(report))
        console(stderr=True).print(safe(report.summary()))
    else:
        render_check.render_text(report, console())
    raise typer.Exit(report.exit_code(fail_on))


@app.command()
@user_errors
def conflicts(
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    entity: Annotated[str | None, typer.Option("--entity", "-e", help="Only this entity (any alias).")] = None,
    attribute: Annotated[str | None, typer.Option("--attribute", "-a", help="Only this attribute.")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            "-s",
            help="Statuses to list, comma-separated: contradiction, minor-discrepancy, agreed, "
            "single-source, disputed (default), all.",
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Facts whose sources disagree: contradictions first, values grouped, every source quoted."""
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc

    statuses = rc.parse_statuses(status)
    entity_id = _resolve_entity(entity) if entity else None
    base = kb_mod.load(sources, claims)
    attr = rc.check_attribute(attribute, _known_attributes(base.claims)) if attribute else None
    scope = rc.select_facts(rc.reconcile(base.claims), entity_id, attr, rc.STATUS_ORDER)
    chosen = rc.select_facts(scope, statuses=statuses)
    if json_out:
        print_json({"facts": [rc.fact_json(f) for f in chosen]})
        return
    from dsfacts import render

    render.render_conflicts(console(), chosen, rc.count_statuses(scope))


@app.command()
@user_errors
def show(
    entity: Annotated[str, typer.Argument(help='Entity id or any alias: deepseek-v3, "DeepSeek V3", V3, 深度求索.')],
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    json_out: JsonOpt = False,
) -> None:
    """Everything known about one entity, attribute by attribute, with the disagreements."""
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc

    entity_id = _resolve_entity(entity)
    facts = rc.entity_facts(rc.reconcile(kb_mod.load(sources, claims).claims), entity_id)
    name = _entity_name(entity_id)
    if json_out:
        print_json({"entity": entity_id, "name": name, "facts": [rc.fact_json(f) for f in facts]})
        return
    from dsfacts import render

    render.render_card(console(), entity_id, name, facts)


@app.command()
@user_errors
def timeline(
    sources: SourcesOpt = DEFAULT_SOURCES, claims: ClaimsOpt = DEFAULT_CLAIMS, json_out: JsonOpt = False
) -> None:
    """Release and paper dates of every entity in date order; disputed dates are marked."""
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc

    events = rc.timeline(rc.reconcile(kb_mod.load(sources, claims).claims))
    if json_out:
        print_json({"timeline": [rc.fact_json(f) for f in events]})
        return
    from dsfacts import render

    render.render_timeline(console(), events)


@app.command()
@user_errors
def entities(
    sources: SourcesOpt = DEFAULT_SOURCES, claims: ClaimsOpt = DEFAULT_CLAIMS, json_out: JsonOpt = False
) -> None:
    """Known entities: ids, names, a few aliases, and how many claims the sources make about each."""
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc

    rows = rc.entity_rows(kb_mod.load(sources, claims).claims)
    if json_out:
        print_json({"entities": rows})
        return
    from dsfacts import render

    render.render_entities(console(), rows)


@app.command("sources")
@user_errors
def sources_cmd(
    sources: SourcesOpt = DEFAULT_SOURCES, claims: ClaimsOpt = DEFAULT_CLAIMS, json_out: JsonOpt = False
) -> None:
    """Each source document: title, date, language, claim count, and how far it is trusted."""
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc

    rows = rc.source_rows(kb_mod.load(sources, claims))
    if json_out:
        print_json({"sources": rows})
        return
    from dsfacts import render

    render.render_sources(console(), rows)


def _resolve_entity(name: str) -> str:
    from dsfacts.extract.entities import registry

    return registry().resolve(name)


def _entity_name(entity_id: str) -> str:
    from dsfacts.extract.entities import registry

    reg = registry()
    return reg.get(entity_id).name if entity_id in reg.entities else entity_id


def _known_attributes(claims: list[Any]) -> set[str]:
    from importlib import resources

    import yaml

    text = resources.files("dsfacts.data").joinpath("attributes.yaml").read_text(encoding="utf-8")
    listed = yaml.safe_load(text) or {}
    return {c.attribute for c in claims} | (set(listed) if isinstance(listed, dict) else set())


def main() -> None:
    app()


if __name__ == "__main__":
    main()
