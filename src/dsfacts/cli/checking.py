"""`dsfacts check`: fact-check drafts against the knowledge base, like a linter."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from dsfacts.cli.shared import (
    DEFAULT_CLAIMS,
    DEFAULT_SOURCES,
    ClaimsOpt,
    JsonOpt,
    ReviewsOpt,
    SourcesOpt,
    app,
    console,
    print_json,
    read_base,
    user_errors,
)


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
    from dsfacts import collector

    with collector.loading_for_good():  # the collector walked these again and again: 10 % of a check
        from dsfacts import drafts as drafts_mod
        from dsfacts import formats
        from dsfacts.check import CheckUsageError, judge_for

        with contextlib.suppress(Exception):  # a broken vocabulary is reported where the engine is used
            from dsfacts.extract.engine import registry

            registry()  # the engine and its names: loaded now, frozen with the rest
    try:
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
    finally:
        collector.thaw()  # a process that runs on (tests, a script) collects them again
