"""Stage 6: tables, cards and timelines for people. Displays, never decides.

Everything here takes data the library already computed (facts, rows) and a rich Console; the
console honours NO_COLOR, and every status also shows as a word, so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dsfacts.numfmt import human_value
from dsfacts.render_safe import clean, safe
from dsfacts.render_table import print_table

if TYPE_CHECKING:  # types only: the read path renders index views without importing pydantic
    from dsfacts.models import Fact, ValueGroup

BADGES = {
    "contradiction": ("✗ contradiction", "bold red"),
    "minor-discrepancy": ("~ minor discrepancy", "yellow"),
    "agreed": ("✓ agreed", "green"),
    "single-source": ("· single source", "dim"),
}
# How a number of this attribute is read aloud: 14.8T tokens, 2.788M GPU hours, $5.576M.
QUOTE_MAX = 160
CLAIMS_SHOWN = 10  # claims listed per value; the rest are counted


def badge(status: str) -> Text:
    word, style = BADGES.get(status, (status, ""))
    return Text(word, style=style)


RELATION_WORDS = {
    "same": ("agrees", "green"),
    "compatible": ("agrees", "green"),
    "minor": ("near miss", "yellow"),
    "conflict": ("conflicts", "red"),
}


def _counted(item: Any, name: str, count: Callable[[], Any]) -> Any:
    """A count a card (the read index's screen view) carries, else counted from the claims."""
    given = getattr(item, name, None)
    return given if given is not None else count()


def _fact_sources(f: Fact) -> set[str]:
    return {c.source for g in f.values for c in g.claims}


def _relation(group: ValueGroup) -> str:
    return str(getattr(group, "relation", "same"))


def _group_line(group: ValueGroup, attribute: str, preferred: bool, undecided: bool = False) -> Text:
    line = Text("  ▸ " if preferred else "  ▹ ")
    line.append(clean(human_value(group.value, attribute)), style="bold" if preferred else "")
    hedges = _counted(group, "qualifiers", lambda: sorted({c.qualifier for c in group.claims if c.qualifier}))
    if hedges:
        line.append(f" ({', '.join(h.replace('_', ' ') for h in hedges)})", style="dim")
    n = _counted(group, "sources_total", lambda: len({c.source for c in group.claims}))
    indep = group.independent if group.independent is not None else n
    folded = f" ({indep} independent)" if indep != n else ""
    line.append(f"  {n} source{'s' if n != 1 else ''}{folded}", style="dim")
    if preferred:
        line.append("  preferred", style="cyan")
    elif undecided:  # the leading value of an even split: nothing makes it preferred
        line.append("  not preferred: nothing separates it from the others", style="dim")
    else:
        word, style = RELATION_WORDS.get(_relation(group), ("", ""))
        line.append(f"  {word}", style=style)
    return line


def _claim_lines(group: ValueGroup) -> list[Padding]:
    """source:line and the quote, indented so that a long quote wraps under itself."""
    out = []
    claims = group.claims
    for c in claims[:CLAIMS_SHOWN]:
        t = Text()
        t.append(f"{clean(c.source)}:{c.line}", style="cyan")
        t.append("  ")
        quote = c.quote.strip()
        if len(quote) > QUOTE_MAX:  # the full quote is in --json; a screen needs the findable start
            quote = quote[: QUOTE_MAX - 1] + "…"
        t.append(f"“{clean(quote)}”")  # documents may hold markup, escapes, bidi controls: shown, not obeyed
        out.append(Padding(t, (0, 0, 0, 6), expand=False))
    total = _counted(group, "claims_total", lambda: len(claims))
    if total > CLAIMS_SHOWN:  # at scale a value has thousands of claims: a screen shows a few
        more = Text(f"… {total - CLAIMS_SHOWN:,} more (--json lists them all)", style="dim")
        out.append(Padding(more, (0, 0, 0, 6), expand=False))
    return out


def _fact_block(console: Console, f: Fact, *, title: str | None = None) -> None:
    head = Text()
    head.append(clean(title if title is not None else f"{f.entity} · {f.attribute}"), style="bold")
    head.append("  ")
    head.append_text(badge(f.status))
    if f.split:
        head.append(f" ({f.split} split)", style="bold red" if f.split == "even" else "red")
    console.print(head)
    if f.explanation:
        console.print(Padding(safe(f.explanation, style="italic"), (0, 0, 0, 2), expand=False))
    if f.preferred is None and f.values and f.status != "agreed":
        why = "no preferred value: even split" if f.split == "even" else "no preferred value"
        console.print(Padding(Text(why, style="bold"), (0, 0, 0, 2), expand=False))
    for i, group in enumerate(f.values):
        undecided = i == 0 and f.preferred is None and f.status != "agreed"
        console.print(_group_line(group, f.attribute, preferred=(i == 0 and group.value == f.preferred), undecided=undecided))
        for line in _claim_lines(group):
            console.print(line)
    if f.review:
        for line in review_lines(f.review, f.attribute):
            console.print(line)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(counts: dict[str, int]) -> str:
    return (
        f"{_n(counts['facts'], 'fact')}: {counts['agreed']} agreed, {counts['single-source']} single-source, "
        f"{counts['disputed']} disputed ({_n(counts['contradiction'], 'contradiction')}, "
        f"{counts['minor-discrepancy']} minor)"
    )


def render_conflicts(console: Console, facts: list[Fact], counts: dict[str, int]) -> None:
    if not facts:
        console.print("No facts match.", style="dim")
    for f in facts:
        _fact_block(console, f)
        console.print()
    console.print(summary_line(counts), style="bold")


def render_card(console: Console, entity_id: str, name: str, facts: list[Fact]) -> None:
    """One entity, attribute by attribute: preferred value, status, sources, disagreements."""
    per_fact = [set(_counted(f, "sources", partial(_fact_sources, f))) for f in facts]
    sources = set().union(*per_fact)
    head = safe(name, style="bold")
    head.append(f"  ({clean(entity_id)})", style="dim")
    console.print(head)
    if not facts:
        console.print("  Nothing known: no source states a fact about it.", style="dim")
        return
    console.print(f"  {len(facts)} attributes from {len(sources)} sources", style="dim")
    console.print()
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("attribute", no_wrap=True)
    table.add_column("value", overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("sources", justify="right", no_wrap=True)
    for f, mine in zip(facts, per_fact, strict=True):
        n = len(mine)
        shown = human_value(f.preferred, f.attribute) if f.preferred is not None else "— (no preferred value)"
        table.add_row(safe(f.attribute), safe(shown), badge(f.status), str(n))
    print_table(console, table)
    disputed = [
        f
        for f in facts
        if f.status in ("contradiction", "minor-discrepancy") or any(_relation(g) in ("minor", "conflict") for g in f.values)
        or f.review
    ]
    for f in disputed:
        console.print()
        _fact_block(console, f, title=f.attribute)


def render_timeline(console: Console, facts: list[Fact]) -> None:
    if not facts:
        console.print("No dated facts yet.", style="dim")
        return
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("date", no_wrap=True)
    table.add_column("entity", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("status / other dates", overflow="fold")
    for f in facts:
        note = badge(f.status)
        against = [clean(g.value) for g in f.values[1:] if _relation(g) in ("minor", "conflict")]
        if against:
            note.append(f"  vs {', '.join(against)}", style="red" if f.status == "contradiction" else "yellow")
        event = {"release_date": "release", "paper_date": "paper"}.get(f.attribute, f.attribute)
        when = str(f.preferred) if f.preferred is not None else f"{f.values[0].value}?"  # even split
        table.add_row(safe(when), safe(f.entity), safe(event), note)
    print_table(console, table)


def render_explain(console: Console, facts: list[Fact]) -> None:
    """`show --explain`: per fact and value, why — interval, agreements, independence, preference."""
    for f in facts:
        console.print()
        head = Text(f"{f.attribute}", style="bold")
        head.append("  ")
        head.append_text(badge(f.status))
        if f.split:
            head.append(f" ({f.split} split)")
        console.print(head)
        if f.why_preferred:
            console.print(Padding(safe(f.why_preferred, style="italic"), (0, 0, 0, 2), expand=False))
        for group in f.values:
            ex = getattr(group, "explain", None) or {}
            line = Text("  ▹ ")
            line.append(human_value(group.value, f.attribute), style="bold")
            n, k = ex.get("sources"), ex.get("independent")
            if n is not None:
                line.append(f"  {n} source{'s' if n != 1 else ''}, {k} independent", style="dim")
            console.print(line)
            notes = [str(ex["interval"])] if ex.get("interval") else []
            notes += [f"{c['source']} folded into {c['copy_of']} ({c['how']})" for c in ex.get("copies_folded", [])]
            notes += [f"agrees ({a['reason']}): {a['why']}" for a in ex.get("agrees_with", [])]
            notes += [f"{d['relation']}: {d['why']}" for d in ex.get("differs_from", [])]
            for note in notes:
                console.print(Padding(safe(note), (0, 0, 0, 6), expand=False))


def render_entities(console: Console, rows: list[dict]) -> None:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("id", no_wrap=True)
    table.add_column("name", overflow="fold")
    table.add_column("aliases", overflow="fold")
    table.add_column("claims", justify="right", no_wrap=True)
    for r in rows:
        aliases = ", ".join(r["aliases"][:3]) + (" …" if len(r["aliases"]) > 3 else "")
        table.add_row(
            safe(r["id"]), safe(r["name"]), safe(aliases), str(r["claims"]), style=None if r["claims"] else "dim"
        )
    print_table(console, table)
    console.print(
        f"{len(rows)} entities, {sum(1 for r in rows if r['claims'])} with claims, "
        f"{sum(r['claims'] for r in rows)} claims",
        style="bold",
    )


def render_sources(console: Console, rows: list[dict]) -> None:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("source", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=1)
    table.add_column("date", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("trust", justify="right", no_wrap=True)
    for r in rows:
        trust = "—" if r.get("trust") is None else f"{r['trust']:.2f}"
        name = r["id"] if r.get("on_disk", True) else f"{r['id']} (missing)"
        table.add_row(
            safe(name), safe(r.get("title") or ""), safe(r.get("date") or ""), safe(r.get("language") or ""),
            str(r["claims"]), trust,
        )  # fmt: skip
    print_table(console, table)
    console.print(
        f"{len(rows)} sources, {sum(r['claims'] for r in rows)} claims; trust = how often a source's "
        "values are confirmed by the others (0–1)",
        style="dim",
    )


# ---- reviewers' decisions ---------------------------------------------------------------------

REVIEW_STATES = {"active": "green", "reopened": "bold yellow", "stale": "dim"}


def review_lines(review: dict, attribute: str) -> list[Padding]:
    """The decision beside its fact: what, why, who, when, and whether it still holds."""
    what = review["decision"]
    if what == "prefer":
        what = f"prefer {human_value(review.get('value'), attribute)}"
    head = Text("reviewed: ", style="bold")
    head.append(f"{what} — {review.get('reason', '')}")
    by = ", ".join(str(x) for x in (review.get("by"), review.get("date")) if x)
    if by:
        head.append(f" ({by})", style="dim")
    state = str(review.get("state", ""))
    head.append(f"  [{state}]", style=REVIEW_STATES.get(state, ""))
    out = [Padding(head, (0, 0, 0, 2), expand=False)]
    if review.get("new_values"):
        new = ", ".join(human_value(v, attribute) for v in review["new_values"])
        out.append(Padding(Text(f"new since the review: {new}", style="yellow"), (0, 0, 0, 4), expand=False))
    for r in review.get("rejected", []):
        out.append(_rejected_line(r, attribute))
    return out


def _rejected_line(r: dict, attribute: str) -> Padding:
    t = Text("✗ rejected ", style="red")
    t.append(f"{human_value(r['value'], attribute)}  ")
    t.append(f"{r['source']}:{r['line']}", style="cyan")
    t.append(f"  “{r['quote'].strip()[:QUOTE_MAX]}” — {r['reason']}")
    return Padding(t, (0, 0, 0, 4), expand=False)


def render_rejected(console: Console, rejected: list[dict]) -> None:
    """Rejected claims whose fact has no other claim left: still shown, marked."""
    for r in rejected:
        console.print()
        console.print(Text(f"{r['attribute']}  (every claim rejected by review)", style="bold"))
        console.print(_rejected_line(r, r["attribute"]))


def render_reviews(console: Console, states: list, path: object) -> None:
    """`dsfacts reviews`: one block per decision, its state first."""
    if not states:
        console.print(f"No decisions in {path}.", style="dim")
        return
    for st in states:
        d = st.decision
        head = Text(f"{st.state:<9}", style=REVIEW_STATES.get(st.state, ""))
        head.append(f"{d.entity} · {d.attribute}  ", style="bold")
        head.append(f"{d.label()} — {d.reason}")
        if d.by or d.date:
            head.append(f" ({', '.join(x for x in (d.by, d.date) if x)})", style="dim")
        console.print(head)
        if d.decision == "reject":
            for s in d.claims:
                if s.id in st.now:
                    console.print(Padding(Text(f"rejects {st.now[s.id]} {s.says} (claim {s.id})", style="dim"), (0, 0, 0, 9)))
        if st.new_values:
            new = ", ".join(human_value(v, d.attribute) for v in st.new_values)
            console.print(Padding(Text(f"new value since the review: {new}", style="yellow"), (0, 0, 0, 9)))
        for s in st.missing:
            console.print(Padding(Text(f"gone: {s.at} {s.says} (claim {s.id})", style="dim"), (0, 0, 0, 9)))
    counts = {k: sum(1 for st in states if st.state == k) for k in ("active", "reopened", "stale")}
    console.print(", ".join(f"{n} {k}" for k, n in counts.items()), style="bold")
