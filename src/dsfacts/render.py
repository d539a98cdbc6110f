"""Stage 6: tables, cards and timelines for people. Displays, never decides.

Everything here takes data the library already computed (facts, rows) and a rich Console; the
console honours NO_COLOR, and every status also shows as a word, so nothing depends on colour.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dsfacts.models import Fact, JSONValue, ValueGroup
from dsfacts.render_safe import clean, safe

BADGES = {
    "contradiction": ("✗ contradiction", "bold red"),
    "minor-discrepancy": ("~ minor discrepancy", "yellow"),
    "agreed": ("✓ agreed", "green"),
    "single-source": ("· single source", "dim"),
}
# How a number of this attribute is read aloud: 14.8T tokens, 2.788M GPU hours, $5.576M.
UNITS = {"training_tokens": " tokens", "training_gpu_hours": " GPU hours"}
QUOTE_MAX = 160
MONEY_PREFIX = {"training_cost_usd": "$", "training_cost_cny": "¥"}


def badge(status: str) -> Text:
    word, style = BADGES.get(status, (status, ""))
    return Text(word, style=style)


def _short(x: Decimal) -> str:
    from dsfacts.reconcile import short_number

    return short_number(x)


def human_value(value: JSONValue, attribute: str) -> str:
    """671B, 14.8T tokens, $5.576M, 2024-12-26, 128K, [1.5B, 7B, 70B], 1.5B–70B."""
    if value is None:
        return "—"
    try:
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, (int, float)):
            x = Decimal(str(value))
            if attribute in ("programming_languages",) or attribute.endswith("_count"):
                return f"{x.normalize():f}"
            return f"{MONEY_PREFIX.get(attribute, '')}{_short(x)}{UNITS.get(attribute, '')}"
        if isinstance(value, list):
            return "[" + ", ".join(_short(Decimal(str(v))) for v in value) + "]"
        if isinstance(value, dict) and {"min", "max"} <= set(value):
            return f"{_short(Decimal(str(value['min'])))}–{_short(Decimal(str(value['max'])))}"
    except (InvalidOperation, ValueError):
        pass
    return str(value)


RELATION_WORDS = {
    "same": ("agrees", "green"),
    "compatible": ("agrees", "green"),
    "minor": ("near miss", "yellow"),
    "conflict": ("conflicts", "red"),
}


def _relation(group: ValueGroup) -> str:
    return str(getattr(group, "relation", "same"))


def _group_line(group: ValueGroup, attribute: str, preferred: bool) -> Text:
    line = Text("  ▸ " if preferred else "  ▹ ")
    line.append(clean(human_value(group.value, attribute)), style="bold" if preferred else "")
    hedges = sorted({c.qualifier for c in group.claims if c.qualifier})
    if hedges:
        line.append(f" ({', '.join(h.replace('_', ' ') for h in hedges)})", style="dim")
    n = len({c.source for c in group.claims})
    line.append(f"  {n} source{'s' if n != 1 else ''}", style="dim")
    if preferred:
        line.append("  preferred", style="cyan")
    else:
        word, style = RELATION_WORDS.get(_relation(group), ("", ""))
        line.append(f"  {word}", style=style)
    return line


def _claim_lines(group: ValueGroup) -> list[Padding]:
    """source:line and the quote, indented so that a long quote wraps under itself."""
    out = []
    for c in group.claims:
        t = Text()
        t.append(f"{clean(c.source)}:{c.line}", style="cyan")
        t.append("  ")
        quote = c.quote.strip()
        if len(quote) > QUOTE_MAX:  # the full quote is in --json; a screen needs the findable start
            quote = quote[: QUOTE_MAX - 1] + "…"
        t.append(f"“{clean(quote)}”")  # documents may hold markup, escapes, bidi controls: shown, not obeyed
        out.append(Padding(t, (0, 0, 0, 6), expand=False))
    return out


def _fact_block(console: Console, f: Fact, *, title: str | None = None) -> None:
    head = Text()
    head.append(clean(title if title is not None else f"{f.entity} · {f.attribute}"), style="bold")
    head.append("  ")
    head.append_text(badge(f.status))
    console.print(head)
    if f.explanation:
        console.print(Padding(safe(f.explanation, style="italic"), (0, 0, 0, 2), expand=False))
    for i, group in enumerate(f.values):
        console.print(_group_line(group, f.attribute, preferred=(i == 0 and group.value == f.preferred)))
        for line in _claim_lines(group):
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
    sources = sorted({c.source for f in facts for g in f.values for c in g.claims})
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
    for f in facts:
        n = len({c.source for g in f.values for c in g.claims})
        table.add_row(safe(f.attribute), safe(human_value(f.preferred, f.attribute)), badge(f.status), str(n))
    console.print(table)
    disputed = [
        f
        for f in facts
        if f.status in ("contradiction", "minor-discrepancy") or any(_relation(g) in ("minor", "conflict") for g in f.values)
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
        table.add_row(safe(f.preferred), safe(f.entity), safe(event), note)
    console.print(table)


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
    console.print(table)
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
    console.print(table)
    console.print(
        f"{len(rows)} sources, {sum(r['claims'] for r in rows)} claims; trust = how often a source's "
        "values are confirmed by the others (0–1)",
        style="dim",
    )
