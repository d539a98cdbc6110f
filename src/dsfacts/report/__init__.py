"""Stage 6b: the knowledge base as one self-contained HTML page (`dsfacts report OUT.html`).

    view.py       facts, claims, sources -> a view model of plain strings and numbers
    timeline.py   release and paper dates -> SVG geometry (points, bands, joins)
    templates/    Jinja2, autoescaped: every document string reaches the page as text

The page needs no network and no JavaScript: CSS and SVG are inline, links are in-page anchors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dsfacts.errors import DsfactsError
from dsfacts.report.timeline import Timeline, build_timeline
from dsfacts.report.view import ReportView, build_view

__all__ = ["ReportError", "ReportResult", "build_report", "render_html", "write_report"]


class ReportError(DsfactsError):
    """The report cannot be made (an empty knowledge base)."""


@dataclass
class ReportResult:
    html: str
    view: ReportView
    timeline: Timeline


def render_html(view: ReportView, timeline: Timeline) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dsfacts.report", "templates"),
        autoescape=True,  # every template, whatever its name: document text is never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2").render(view=view, tl=timeline)


def build_report(kb: object) -> ReportResult:
    """The page for a loaded KnowledgeBase (kb.load()); raises ReportError when it holds no claims."""
    from dsfacts import kb as kb_mod
    from dsfacts import reconcile as rc

    base: kb_mod.KnowledgeBase = kb  # type: ignore[assignment]
    if not base.claims:
        where = base.claims_path or "the claims file"
        raise ReportError(f"{where} holds no claims; run `dsfacts extract` first.")
    context = rc.context_for(base)  # copy families and priors, as `conflicts` sees them
    facts = _reviewed_facts(base, context)
    rows = rc.source_rows(base, context)
    _add_copies(rows, getattr(context, "families", None))
    names = {row["id"]: row["name"] for row in rc.entity_rows(base.claims)}
    view = build_view(facts, base.claims, rows, names, warnings=kb_mod.check_consistency(base))
    timeline = build_timeline(view.dated, names)
    return ReportResult(render_html(view, timeline), view, timeline)


def _reviewed_facts(base: Any, context: Any) -> list[Any]:
    """Facts with the reviewers' decisions attached (reviews.yaml beside the claims)."""
    from dsfacts import reviewed
    from dsfacts import reviews as rv

    path = rv.path_for(base.claims_path or Path("claims.jsonl"))
    return list(reviewed.Overlay.load(base.claims, path, context).facts())


def _add_copies(rows: list[dict], families: Any) -> None:
    """Each source row gets `copies` (documents folded into it) or `copy_of`, from the copy families."""
    if families is None or not hasattr(families, "of"):
        return
    members: dict[str, list[str]] = {}
    for row in rows:
        members.setdefault(families.of(row["id"]), []).append(row["id"])
    for row in rows:
        root = families.of(row["id"])
        if root == row["id"]:
            row.setdefault("copies", sorted(m for m in members[root] if m != root))
        else:
            row.setdefault("copy_of", root)


def write_report(kb: object, out: Path) -> ReportResult:
    """Build the page and write it atomically to `out` (the folder must exist)."""
    from dsfacts import store

    if Path(out).is_dir():
        raise ReportError(f"{out} is a folder; give a file name such as {Path(out) / 'report.html'}.")
    result = build_report(kb)
    store.atomic_write_text(Path(out), result.html)
    return result
