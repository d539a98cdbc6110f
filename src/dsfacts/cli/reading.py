"""Commands that read the knowledge base: export, conflicts, show, timeline, entities, report, sources.

The common questions are answered from the read index (dsfacts.index) without parsing a claim;
reviewers' decisions in another file, --explain and --all take the slower overlay path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from dsfacts.cli.names import check_attribute, entity_name, known_attributes, resolve_entity
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
    entity_id = resolve_entity(entity, found) if entity else None
    idx = None if slow else (found or ix.open_or_build(claims, sources))
    if split is not None and split not in ("even", "outlier"):
        from dsfacts import reconcile as rc

        rc.parse_split(split)  # the same clear error as the slow path
    if idx is not None:  # the read index: no claim is parsed, nothing is reconciled again
        attr = check_attribute(attribute, idx.attributes()) if attribute else None
        card = not json_out  # a screen reads each fact's card: a few claims per value, counted
        if status is None:
            rows, settled = idx.open_conflicts_raw(entity_id, attr, split, card=card)
        else:
            rows, settled = idx.select_raw(entity_id, attr, statuses, split, card=card), 0
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
    attr = rc.check_attribute(attribute, known_attributes(base.claims)) if attribute else None
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
    entity_id = resolve_entity(entity, found)
    idx = None if slow else (found or ix.open_or_build(claims, sources))
    if idx is not None:  # the read index: only this entity's facts are read
        name = idx.entity_name(entity_id) or entity_name(entity_id)
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

        facts_json = idx.entity_facts(entity_id, card=True)
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
    name = entity_name(entity_id)
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

        render.render_timeline(console(), ix.views(idx.timeline(card=True)))
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


def _reviewed(claims: Path, reviews: Path | None) -> bool:
    """Reviewers' decisions exist: the read index (built without them) cannot answer."""
    return reviews is not None or Path(claims).with_name("reviews.yaml").exists()


def _parse_statuses(text: str | None, index: Any) -> tuple[str, ...]:
    if not text and index is not None:
        return index.disputed  # the default, recorded by the reconciler when the index was built
    from dsfacts import reconcile as rc

    return rc.parse_statuses(text)
