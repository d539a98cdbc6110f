"""Commands for the reviewers' decisions (reviews.yaml): review records one, reviews lists them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dsfacts.cli.names import known_attributes, review_entity
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
    user_errors,
)


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
    entity_id = review_entity(entity, base.claims)
    attr = rc.check_attribute(attribute, known_attributes(base.claims))
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
