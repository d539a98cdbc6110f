"""Stage 6b, the data half of the HTML report: facts, claims and sources -> a view model.

Everything a template shows is decided here, as plain strings and numbers, so the templates only
lay it out and the tests can assert on what a reader will see. Fact fields that the reconciler is
still growing (`split`, `independent`, `review`, a `preferred` of None) are read with defaults, so
the page works with and without them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from dsfacts import numfmt
from dsfacts.models import Claim, Fact, JSONValue

STATUS_WORDS = {  # the word is the signal; the colour (CSS class) only repeats it
    "contradiction": ("✗", "contradiction"),
    "minor-discrepancy": ("≈", "minor discrepancy"),
    "agreed": ("✓", "agreed"),
    "single-source": ("·", "single source"),
}
ATTRIBUTE_LABELS = {
    "release_date": "Release date",
    "paper_date": "Paper date",
    "arxiv_id": "arXiv",
    "total_params": "Total parameters",
    "active_params": "Active parameters",
    "variant_sizes": "Variant sizes",
    "distilled_sizes": "Distilled sizes",
    "context_length": "Context length",
    "training_tokens": "Training tokens",
    "training_gpu_hours": "Training GPU hours",
    "pretraining_gpu_hours": "Pre-training GPU hours",
    "training_cost_usd": "Training cost",
    "programming_languages": "Programming languages",
    "license": "Licence",
    "base_model": "Base model",
    "founded_date": "Founded",
    "headquarters": "Headquarters",
    "founder": "Founder",
}
# Attributes shown first in a card, in this order; the rest follow alphabetically.
ATTRIBUTE_ORDER = tuple(ATTRIBUTE_LABELS)
DATE_ATTRIBUTES = ("release_date", "paper_date")
SPLIT_WORDS = {
    "outlier": "outlier split: the other values stand alone",
    "even": "even split: the sources are evenly divided",
}


# ---- human forms ------------------------------------------------------------------------------


def human_value(value: JSONValue, attribute: str) -> str:
    """The report lists sizes without brackets: 1.5B, 7B, 70B."""
    return numfmt.human_value(value, attribute, list_brackets=False)


def attribute_label(attribute: str) -> str:
    return ATTRIBUTE_LABELS.get(attribute, attribute.replace("_", " ").capitalize())


def fact_anchor(entity: str, attribute: str) -> str:
    """The fragment a reader can link to: deepseek-v3-release_date."""
    return f"{entity}-{attribute}"


# ---- the view model -----------------------------------------------------------------------------


@dataclass
class SourceView:
    id: str
    title: str
    kind: str
    language: str
    date: str
    url: str
    claims: int = 0
    copies: str = "—"  # copies of this text folded into it (independence), when the reconciler says

    @property
    def link(self) -> str:
        """The URL as a link only when it is a web address (never javascript: or file:)."""
        return self.url if self.url.lower().startswith(("https://", "http://")) else ""


@dataclass
class ClaimView:
    number: int  # footnote number inside its card
    anchor: str  # fn-<entity>-<n>
    source: SourceView
    line: int
    quote: str
    raw: str
    qualifier: str


@dataclass
class GroupView:
    value: JSONValue
    text: str
    preferred: bool
    relation: str
    why: str
    sources: int  # distinct sources behind the value
    independent: int  # the same, with copies of one text counted once
    claims: list[ClaimView] = field(default_factory=list)
    agrees: bool = False  # fits the preferred value (a month holding the stated day); never without one

    @property
    def notes(self) -> list[ClaimView]:
        """The footnotes to cite for this value, each once."""
        seen: dict[int, ClaimView] = {}
        for c in self.claims:
            seen.setdefault(c.number, c)
        return [seen[n] for n in sorted(seen)]


@dataclass
class ReviewView:
    decision: str  # in words: "prefers 671B (alice, 2026-01-05)"
    reason: str
    state: str  # active, reopened (a value it did not see appeared), stale
    settled: bool  # the decision takes the fact out of the open contradictions


@dataclass
class FactView:
    entity: str
    attribute: str
    label: str
    anchor: str
    status: str
    symbol: str
    status_word: str
    preferred: str  # human form, or a dash on an even split
    split: str
    explanation: str
    groups: list[GroupView]
    review: ReviewView | None
    why_preferred: str = ""  # the reconciler's reason for `preferred`, or for having none

    @property
    def split_words(self) -> str:
        return SPLIT_WORDS.get(self.split, f"{self.split} split" if self.split else "")

    @property
    def settled(self) -> bool:
        return self.review is not None and self.review.settled

    @property
    def claims(self) -> list[ClaimView]:
        return [c for g in self.groups for c in g.claims]


@dataclass
class CardView:
    id: str
    name: str
    claims: int
    facts: list[FactView]

    @property
    def anchor(self) -> str:
        return self.id

    @property
    def footnotes(self) -> list[ClaimView]:
        """One note per quoted line, in number order (a line stating two attributes is one note)."""
        seen: dict[int, ClaimView] = {}
        for f in self.facts:
            for c in f.claims:
                seen.setdefault(c.number, c)
        return [seen[n] for n in sorted(seen)]


@dataclass
class Summary:
    sources: int
    claims: int
    facts: int
    entities: int
    open_contradictions: int
    settled: int
    minor: int


@dataclass
class ReportView:
    title: str
    summary: Summary
    cards: list[CardView]
    contradictions: list[FactView]  # open ones, and those a reviewer settled (marked)
    sources: list[SourceView]
    dated: list[FactView]  # release and paper dates, for the timeline
    warnings: list[str] = field(default_factory=list)


# ---- building it --------------------------------------------------------------------------------


def _text(x: Any) -> str:
    return "" if x is None else str(x)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else ""


def _review(fact: Fact) -> ReviewView | None:
    """A reviewer's decision, whatever its shape (dict or model); None when nobody decided."""
    raw = getattr(fact, "review", None)
    if not raw:
        return None
    data = raw if isinstance(raw, dict) else getattr(raw, "model_dump", lambda: vars(raw))()
    if not isinstance(data, dict):
        return ReviewView(decision=str(raw), reason="", state="", settled=True)
    kind = _text(data.get("decision") or data.get("action"))
    value = data.get("value", data.get("prefer"))
    rejected = data.get("rejected") or []
    if kind == "prefer" or (not kind and value is not None):
        decision = f"prefers {human_value(value, fact.attribute) if not isinstance(value, str) else value}"
    elif kind == "reject":
        where = ", ".join(f"{r.get('source')}:{r.get('line')}" for r in rejected if isinstance(r, dict))
        decision = f"rejects {where}" if where else "rejects a claim"
    elif kind == "accept":
        decision = "accepts the disagreement as it stands"
    else:
        decision = kind or "decided"
    who, when = _text(data.get("by") or data.get("reviewer")), _text(data.get("date"))
    if who or when:
        decision += f" ({', '.join(x for x in (who, when) if x)})"
    state = _text(data.get("state"))
    settled = data.get("settled")
    if not isinstance(settled, bool):  # before reviews said so: an active decision settles
        settled = state in ("", "active")
    new = data.get("new_values") or []
    if new:
        state += f"; new value{'s' if len(new) != 1 else ''} since: " + ", ".join(
            human_value(v, fact.attribute) for v in new
        )
    return ReviewView(decision=decision, reason=_text(data.get("reason")), state=state, settled=settled)


def _source_views(rows: list[dict], claims: list[Claim]) -> dict[str, SourceView]:
    counts: dict[str, int] = defaultdict(int)
    for c in claims:
        counts[c.source] += 1
    views = {}
    for row in rows:
        copies = row.get("copies")
        copy_of = row.get("copy_of")
        if isinstance(copies, list):
            copies_text = f"{len(copies)}: {', '.join(str(c) for c in copies)}" if copies else "none"
        elif copies is not None:
            copies_text = str(copies)
        elif copy_of:
            copies_text = f"copy of {copy_of}"
        else:
            copies_text = "—"
        views[row["id"]] = SourceView(
            id=row["id"],
            title=_text(row.get("title")) or row["id"],
            kind=_text(row.get("kind")),
            language=_text(row.get("language")),
            date=_text(row.get("date")),
            url=_text(row.get("url")),
            claims=counts.get(row["id"], 0),
            copies=copies_text,
        )
    for name in sorted(set(counts) - set(views)):  # a claim from a file no longer described
        views[name] = SourceView(name, name, "", "", "", "", counts[name])
    return views


def _fact_view(fact: Fact, sources: dict[str, SourceView], numbering: dict[tuple, int]) -> FactView:
    preferred_value = getattr(fact, "preferred", None)
    groups = []
    for g in fact.values:
        names = {c.source for c in g.claims}
        claim_views = []
        for c in g.claims:
            n = numbering.setdefault((c.source, c.line, c.quote), len(numbering) + 1)  # one note per quote
            src = sources.get(c.source) or SourceView(c.source, c.source, "", "", "", "")
            claim_views.append(
                ClaimView(n, f"fn-{fact.entity}-{n}", src, c.line, c.quote, _text(c.raw), _text(c.qualifier))
            )
        independent = getattr(g, "independent", None)
        groups.append(
            GroupView(
                value=g.value,
                text=human_value(g.value, fact.attribute),
                preferred=preferred_value is not None and g.value == preferred_value,
                relation=_text(getattr(g, "relation", "")),
                why=_text(getattr(g, "why", "")),
                sources=len(names),
                independent=int(independent) if isinstance(independent, int) else len(names),
                claims=claim_views,
                agrees=preferred_value is not None
                and g.value != preferred_value
                and _text(getattr(g, "relation", "")) in ("same", "compatible"),
            )
        )
    symbol, word = STATUS_WORDS.get(fact.status, ("", fact.status))
    return FactView(
        entity=fact.entity,
        attribute=fact.attribute,
        label=attribute_label(fact.attribute),
        anchor=fact_anchor(fact.entity, fact.attribute),
        status=fact.status,
        symbol=symbol,
        status_word=word,
        preferred=human_value(preferred_value, fact.attribute) if preferred_value is not None else "—",
        split=_text(getattr(fact, "split", "")),
        explanation=_text(getattr(fact, "explanation", "")),
        groups=groups,
        review=_review(fact),
        why_preferred=_sentence(_text(getattr(fact, "why_preferred", ""))),
    )


def _attribute_key(attribute: str) -> tuple:
    if attribute in ATTRIBUTE_ORDER:
        return (0, ATTRIBUTE_ORDER.index(attribute), "")
    return (1, 0, attribute)


def build_view(
    facts: list[Fact],
    claims: list[Claim],
    source_rows: list[dict],
    entity_names: dict[str, str],
    *,
    title: str = "DeepSeek models: what the sources say",
    warnings: list[str] | None = None,
) -> ReportView:
    """The whole page as data. `source_rows` are dicts like reconcile.source_rows() returns."""
    sources = _source_views(source_rows, claims)
    claim_counts: dict[str, int] = defaultdict(int)
    for c in claims:
        claim_counts[c.entity] += 1
    by_entity: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_entity[f.entity].append(f)

    cards: list[CardView] = []
    all_views: list[FactView] = []
    for entity in sorted(claim_counts, key=lambda e: (e != "deepseek", (entity_names.get(e) or e).lower())):
        numbering: dict[tuple, int] = {}  # footnotes are numbered per card, in the order the rows show them
        ordered = sorted(by_entity.get(entity, []), key=lambda f: _attribute_key(f.attribute))
        views = [_fact_view(f, sources, numbering) for f in ordered]
        all_views.extend(views)
        cards.append(CardView(entity, entity_names.get(entity, entity), claim_counts[entity], views))

    contradictions = [v for v in all_views if v.status == "contradiction"]
    contradictions.sort(key=lambda v: (v.settled, v.entity, v.attribute))
    summary = Summary(
        sources=sum(1 for s in sources.values() if s.claims or s.id in {r["id"] for r in source_rows}),
        claims=len(claims),
        facts=len(facts),
        entities=len(cards),
        open_contradictions=sum(1 for v in contradictions if not v.settled),
        settled=sum(1 for v in all_views if v.settled),
        minor=sum(1 for v in all_views if v.status == "minor-discrepancy"),
    )
    dated = [v for v in all_views if v.attribute in DATE_ATTRIBUTES]
    source_list = sorted(sources.values(), key=lambda s: (s.date or "9999", s.id))
    return ReportView(title, summary, cards, contradictions, source_list, dated, list(warnings or []))

