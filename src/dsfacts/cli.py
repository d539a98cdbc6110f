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
from dsfacts.render_safe import clean, escape_markup

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
    plain = _plain()
    return Console(
        stderr=stderr,
        force_terminal=True if mode == "always" else None,
        no_color=plain,
        color_system=None if plain else "auto",
        highlight=False,
        soft_wrap=False,
    )


def _plain() -> bool:
    mode = _COLOR["mode"]
    return mode == "never" or (mode == "auto" and bool(os.environ.get("NO_COLOR")))


def _version(value: bool) -> None:
    if value:
        from dsfacts.formats import version

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
            sys.stderr.write(f"dsfacts: error: {clean(str(e), keep_newlines=True)}\n")
            raise typer.Exit(e.exit_code) from None

    return wrapper  # type: ignore[return-value]


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
    for problem in report.problems:  # plain lines: file names must not be wrapped or styled away
        typer.echo(f"skipped: {clean(problem)}", err=True)


class _extract_progress:
    """A rich progress bar on stderr for more than 5 documents when stderr is a terminal."""

    def __enter__(self) -> Callable[[int, int, str], None] | None:
        self.bar: Any = None
        self.task: Any = None
        if not sys.stderr.isatty() or _plain():  # a live bar moves the cursor with escape sequences
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
    from dsfacts.freshness import staleness

    message = staleness(sources, claims)
    if message:
        sys.stderr.write(f"dsfacts: warning: {clean(message)}\n")


def read_base(sources: Path, claims: Path) -> None:
    """Before a read command: an empty base is exit 2 ("run `dsfacts extract`"); stale, a warning."""
    from dsfacts import home

    home.require_claims(claims)
    warn_if_stale(sources, claims)


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
    drafts: Annotated[
        list[str], typer.Argument(help="Drafts: files (any encoding; .md, .txt, .html), folders, globs, or - for stdin.")
    ],
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    json_out: JsonOpt = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="text, json, line (path:line:col: verdict: message), github or sarif.")
    ] = "text",
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="Exit 1 from: contradicted (default), disputed, unverified; or never.")
    ] = "contradicted",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also list the sentences that went unchecked.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the problems: no supported claims, no summary.")] = False,
    report_unused: Annotated[
        bool, typer.Option("--report-unused-ignores", help="Report dsfacts-ignore comments that silence nothing.")
    ] = False,
    reviews: ReviewsOpt = None,
) -> None:
    """Fact-check drafts (Chinese or English) against the knowledge base, like a linter."""
    from dsfacts import drafts as drafts_mod
    from dsfacts import formats
    from dsfacts.check import CheckUsageError, judge_for

    fmt = "json" if json_out else fmt.lower()
    if fmt not in formats.FORMATS:
        raise CheckUsageError(f"--format must be one of {', '.join(formats.FORMATS)}, not {fmt!r}.")
    if fail_on not in drafts_mod.FAIL_LEVELS:
        raise CheckUsageError(f"--fail-on must be one of {', '.join(drafts_mod.FAIL_LEVELS)}, not {fail_on!r}.")
    names = drafts_mod.expand(drafts)
    for name in names:  # a missing draft is reported before the knowledge base is read
        if name != "-" and not Path(name).exists():
            drafts_mod.read_draft(name)
    read_base(sources, claims)
    report = drafts_mod.check_files(names, judge_for(sources, claims, reviews))
    if fmt == "text":
        from dsfacts import render_check

        render_check.render_text(report, console(), verbose=verbose, quiet=quiet, unused_ignores=report_unused)
    else:
        if fmt == "json":
            print_json(formats.json_data(report, unused_ignores=report_unused))
        elif fmt == "sarif":
            sys.stdout.write(formats.render_sarif(report))
        elif fmt == "line":
            sys.stdout.write(formats.render_lines(report, unused_ignores=report_unused))
        else:
            sys.stdout.write(formats.render_github(report, unused_ignores=report_unused))
        if not quiet:
            sys.stderr.write(report.summary(unused=report_unused) + "\n")
    raise typer.Exit(report.exit_code(fail_on))


@app.command()
@user_errors
def export(
    out: Annotated[Path, typer.Argument(help="facts.csv, facts.jsonl or facts.parquet (needs pyarrow).")],
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
) -> None:
    """One row per fact (preferred value, status, source count) for spreadsheets and notebooks."""
    from dsfacts import export as export_mod
    from dsfacts import kb as kb_mod

    read_base(sources, claims)
    n = export_mod.export_facts(kb_mod.load(sources, claims).claims, out)
    typer.echo(f"{n} facts -> {out}", err=True)


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
    split: Annotated[
        str | None,
        typer.Option("--split", help="Only contradictions split this way: even (no side clearly ahead) or outlier."),
    ] = None,
    reviews: ReviewsOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Also list the facts a review settled.")] = False,
) -> None:
    """Facts whose sources disagree: contradictions first, values grouped, every source quoted."""
    from dsfacts import index as ix

    read_base(sources, claims)  # an empty base is exit 2; a stale one, a warning

    # the index holds the reviewers' decisions for the default listing; --all, --status with
    # decisions, or another reviews file are answered the slow way
    slow = all_ or reviews is not None or (status is not None and _reviewed(claims, reviews))
    found = None if slow else ix.open_fresh(claims, sources)
    statuses = _parse_statuses(status, found)
    entity_id = _resolve_entity(entity, found) if entity else None
    idx = None if slow else (found or ix.open_or_build(claims, sources))
    if split is not None and split not in ("even", "outlier"):
        from dsfacts import reconcile as rc

        rc.parse_split(split)  # the same clear error as the slow path
    if idx is not None:  # the read index: no claim is parsed, nothing is reconciled again
        attr = _check_attribute(attribute, idx.attributes()) if attribute else None
        if status is None:
            rows, settled = idx.open_conflicts_raw(entity_id, attr, split)
        else:
            rows, settled = idx.select_raw(entity_id, attr, statuses, split), 0
        hidden = f"{settled} settled by review, --all to show" if settled else ""
        if json_out:
            sys.stdout.write(ix.json_document({}, "facts", rows))
            if hidden:
                sys.stderr.write(hidden + "\n")
            return
        from dsfacts import render

        render.render_conflicts(console(), ix.views([json.loads(r) for r in rows]), idx.counts(entity_id, attr))
        if hidden:
            console().print(hidden, style="dim")
        return
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc
    from dsfacts import reviewed
    from dsfacts import reviews as rv

    wanted_split = rc.parse_split(split)
    base = kb_mod.load(sources, claims)
    attr = rc.check_attribute(attribute, _known_attributes(base.claims)) if attribute else None
    overlay = reviewed.Overlay.load(base.claims, rv.path_for(claims, reviews), rc.context_for(base))
    scope = rc.select_facts(overlay.facts(), entity_id, attr, rc.STATUS_ORDER)
    chosen, settled = overlay.conflicts(scope, statuses, include_settled=all_)
    chosen = rc.select_facts(chosen, statuses=rc.STATUS_ORDER, split=wanted_split)
    hidden = f"{settled} settled by review, --all to show" if settled and not all_ else ""
    if json_out:
        print_json({"facts": [reviewed.fact_json(f) for f in chosen]})
        if hidden:
            sys.stderr.write(hidden + "\n")
        return
    from dsfacts import render

    render.render_conflicts(console(), chosen, rc.count_statuses(scope))
    if hidden:
        console().print(hidden, style="dim")


@app.command()
@user_errors
def show(
    entity: Annotated[str, typer.Argument(help='Entity id or any alias: deepseek-v3, "DeepSeek V3", V3, 深度求索.')],
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    json_out: JsonOpt = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Say per value why: interval, agreements, independent sources, preference.")
    ] = False,
    reviews: ReviewsOpt = None,
) -> None:
    """Everything known about one entity, attribute by attribute, with the disagreements."""
    from dsfacts import index as ix

    read_base(sources, claims)  # an empty base is exit 2; a stale one, a warning

    slow = (explain and not json_out) or reviews is not None  # --explain text, another reviews file
    found = None if slow else ix.open_fresh(claims, sources)
    entity_id = _resolve_entity(entity, found)
    idx = None if slow else (found or ix.open_or_build(claims, sources))
    if idx is not None:  # the read index: only this entity's facts are read
        name = idx.entity_name(entity_id) or _entity_name(entity_id)
        rejected = idx.rejected(entity_id)
        if json_out:
            head: dict[str, Any] = {"entity": entity_id, "name": name}
            document = ix.json_document(head, "facts", idx.entity_facts_raw(entity_id))
            if rejected:  # the slow path's shape: "rejected" after the facts
                data = json.loads(document)
                data["rejected"] = rejected
                document = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            sys.stdout.write(document)
            return
        from dsfacts import render

        facts_json = idx.entity_facts(entity_id)
        render.render_card(console(), entity_id, name, ix.views(facts_json))
        shown = {(f["entity"], f["attribute"]) for f in facts_json}
        render.render_rejected(console(), [r for r in rejected if (r["entity"], r["attribute"]) not in shown])
        return
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc
    from dsfacts import reviewed
    from dsfacts import reviews as rv

    base = kb_mod.load(sources, claims)
    overlay = reviewed.Overlay.load(base.claims, rv.path_for(claims, reviews), rc.context_for(base))
    facts = rc.entity_facts(overlay.facts(), entity_id)
    rejected = overlay.rejected_claims(entity=entity_id)
    name = _entity_name(entity_id)
    if json_out:
        data = {"entity": entity_id, "name": name, "facts": [reviewed.fact_json(f) for f in facts]}
        print_json({**data, "rejected": rejected} if rejected else data)
        return
    from dsfacts import render

    render.render_card(console(), entity_id, name, facts)
    shown = {(f.entity, f.attribute) for f in facts}
    render.render_rejected(console(), [r for r in rejected if (r["entity"], r["attribute"]) not in shown])
    if explain:
        render.render_explain(console(), facts)


@app.command()
@user_errors
def timeline(
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    json_out: JsonOpt = False,
    reviews: ReviewsOpt = None,
) -> None:
    """Release and paper dates of every entity in date order; disputed dates are marked."""
    from dsfacts import index as ix

    read_base(sources, claims)  # an empty base is exit 2; a stale one, a warning

    idx = None if reviews is not None else ix.open_or_build(claims, sources)
    if idx is not None:
        if json_out:
            sys.stdout.write(ix.json_document({}, "timeline", idx.timeline_raw()))
            return
        from dsfacts import render

        render.render_timeline(console(), ix.views(idx.timeline()))
        return
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc
    from dsfacts import reviewed
    from dsfacts import reviews as rv

    base = kb_mod.load(sources, claims)
    overlay = reviewed.Overlay.load(base.claims, rv.path_for(claims, reviews), rc.context_for(base))
    events = rc.timeline(overlay.facts())  # a reviewer's preferred date places the event
    if json_out:
        print_json({"timeline": [reviewed.fact_json(f) for f in events]})
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


@app.command()
@user_errors
def report(
    out: Annotated[Path, typer.Argument(help="The HTML file to write, e.g. report.html.")],
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
) -> None:
    """Write one self-contained HTML page: a card per model, a timeline, contradictions with evidence."""
    from dsfacts import kb as kb_mod
    from dsfacts.report import write_report

    read_base(sources, claims)  # an empty base is exit 2; a stale one, a warning
    result = write_report(kb_mod.load(sources, claims), out)
    s = result.view.summary
    typer.echo(
        f"{out}: {s.entities} cards, {s.open_contradictions} open contradictions, "
        f"{len(result.timeline.marks)} dates on the timeline ({len(result.html) // 1024} KB)",
        err=True,
    )


@app.command("sources")
@user_errors
def sources_cmd(
    sources: SourcesOpt = DEFAULT_SOURCES, claims: ClaimsOpt = DEFAULT_CLAIMS, json_out: JsonOpt = False
) -> None:
    """Each source document: title, date, language, claim count, and how far it is trusted."""
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc

    base = kb_mod.load(sources, claims)
    rows = rc.source_rows(base, rc.context_for(base))
    if json_out:
        print_json({"sources": rows})
        return
    from dsfacts import render

    render.render_sources(console(), rows)


@app.command()
@user_errors
def review(
    entity: Annotated[str, typer.Argument(help="Entity id or any alias.")],
    attribute: Annotated[str, typer.Argument(help="The attribute decided, e.g. active_params.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, in words a reader can verify (required).")],
    prefer: Annotated[str | None, typer.Option("--prefer", help="The right value, as a source would write it: 21B, 2024-12-26, 128K.")] = None,
    reject: Annotated[str | None, typer.Option("--reject", help="A misread or wrong claim: SOURCE:LINE or its claim id.")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="The values are all true as they stand (e.g. two real versions).")] = False,
    by: Annotated[str | None, typer.Option("--by", help="Who decided.")] = None,
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    reviews: ReviewsOpt = None,
) -> None:
    """Record a reviewer's decision on a fact, with its reason, in reviews.yaml."""
    from dsfacts import kb as kb_mod
    from dsfacts import lock, reviewed
    from dsfacts import reconcile as rc
    from dsfacts import reviews as rv

    base = kb_mod.load(sources, claims)
    entity_id = _review_entity(entity, base.claims)
    attr = rc.check_attribute(attribute, _known_attributes(base.claims))
    with lock.writing(Path(claims).parent):  # one writer at a time: read, decide and save under the lock
        book = rv.load(rv.path_for(claims, reviews))
        decision, old = reviewed.decide(
            book, base.claims, entity_id, attr, prefer=prefer, reject=reject, accept=accept, reason=reason, by=by
        )
        rv.save(book)
    what = {"prefer": f"prefer {decision.value}", "accept": "accept the values as they stand"}.get(
        decision.decision, "reject " + ", ".join(f"{s.at} ({s.says})" for s in decision.claims)
    )
    typer.echo(f"{entity_id} {attr}: {what} — {decision.reason}")
    typer.echo(f"{'replaced the earlier decision in' if old else 'recorded in'} {book.path}")


@app.command("reviews")
@user_errors
def reviews_cmd(
    sources: SourcesOpt = DEFAULT_SOURCES,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    reviews: ReviewsOpt = None,
    json_out: JsonOpt = False,
    check_: Annotated[bool, typer.Option("--check", help="Exit 1 if a decision is reopened or stale (for CI).")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Drop the stale decisions, keep the rest.")] = False,
) -> None:
    """The reviewers' decisions and their state: active, reopened (a new value appeared), stale (evidence gone)."""
    from dsfacts import kb as kb_mod
    from dsfacts import reviewed
    from dsfacts import reviews as rv

    base = kb_mod.load(sources, claims)
    book = rv.load(rv.path_for(claims, reviews))
    reviewed.read_values(book, base.claims, verify=True)  # a hand edit that left `normalized` behind is caught here
    states = rv.states(book, base.claims)
    if prune:
        from dsfacts import lock

        with lock.writing(Path(claims).parent):
            gone = reviewed.prune(book, states)
            if gone:
                rv.save(book)
        sys.stderr.write(f"pruned {len(gone)} stale decision{'s' if len(gone) != 1 else ''} from {book.path}\n")
        states = [st for st in states if st.state != "stale"]
    if json_out:
        print_json({"reviews": [st.json() for st in states]})
    else:
        from dsfacts import render

        render.render_reviews(console(), states, book.path)
    if check_ and any(st.state != "active" for st in states):
        raise typer.Exit(1)


def _reviewed(claims: Path, reviews: Path | None) -> bool:
    """Reviewers' decisions exist: the read index (built without them) cannot answer."""
    return reviews is not None or Path(claims).with_name("reviews.yaml").exists()


def _review_entity(name: str, claims: list[Any]) -> str:
    """A known entity by any alias, or a model id the sources use that the list does not know."""
    from dsfacts.errors import UnknownEntityError

    try:
        return _resolve_entity(name)
    except UnknownEntityError:
        if name.strip().lower() in {c.entity for c in claims}:
            return name.strip().lower()
        raise


def _resolve_entity(name: str, index: Any = None) -> str:
    if index is not None and index.entity_name(name) is not None:
        return name  # an exact id: no need to load the alias registry
    from dsfacts.extract.entities import registry

    return registry().resolve(name)


def _entity_name(entity_id: str) -> str:
    from dsfacts.extract.entities import registry

    reg = registry()
    return reg.get(entity_id).name if entity_id in reg.entities else entity_id


def _parse_statuses(text: str | None, index: Any) -> tuple[str, ...]:
    if not text and index is not None:
        return index.disputed  # the default, recorded by the reconciler when the index was built
    from dsfacts import reconcile as rc

    return rc.parse_statuses(text)


def _check_attribute(attribute: str, present: set[str]) -> str:
    from dsfacts import reconcile as rc

    return rc.check_attribute(attribute, present | _listed_attributes())


def _known_attributes(claims: list[Any]) -> set[str]:
    return {c.attribute for c in claims} | _listed_attributes()


def _listed_attributes() -> set[str]:
    from importlib import resources

    import yaml

    text = resources.files("dsfacts.data").joinpath("attributes.yaml").read_text(encoding="utf-8")
    listed = yaml.safe_load(text) or {}
    return set(listed) if isinstance(listed, dict) else set()


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
