"""Explaining a verdict in one sentence a writer can act on, with values as writers write them."""

from __future__ import annotations

from typing import Any

from dsfacts.check.evidence import Evidence, Group
from dsfacts.errors import DsfactsError
from dsfacts.models import Claim, DateValue, Money, Quantity, Verdict
from dsfacts.reconcile import Relation, explain_relation, format_value, group_digits, relation, short_number
from dsfacts.variants import Variant

COMPATIBLE = frozenset({"same", "compatible", "minor"})
ALLIES_NAMED = 10  # a draft siding with thousands of sources names ten and counts the rest


def explain(draft: Claim, verdict: Verdict, ev: Evidence, relations: dict[str, Relation], base: Any) -> str:
    """Why the verdict, in one sentence a writer can act on."""
    said = describe(draft)
    what = f"{entity_name(draft.entity)} {draft.attribute.replace('_', ' ')}"
    if verdict == "unverified":
        msg = f"the knowledge base holds nothing on {what}"
        return msg + sibling_note(draft, base.siblings(draft.attribute))
    groups = sorted(ev.groups(relations, COMPATIBLE), key=lambda g: (-len(g.sources), describe(g.claim)))
    if verdict == "supported":
        ok = [g for g in groups if g.compatible]
        return f"{what}: the draft says {said}; {_said(ok)}{_arithmetic(draft, ok[0].claim)}"
    if verdict == "disputed":
        allies = sorted(set().union(*(g.sources for g in groups if g.compatible)))
        named = ", ".join(allies[:ALLIES_NAMED])
        if len(allies) > ALLIES_NAMED:
            named += f" and {len(allies) - ALLIES_NAMED:,} more"
        return f"{what}: the sources disagree ({_said(groups)}); the draft's {draft_text(draft)} sides with {named}"
    # contradicted: lead with the value reconciliation prefers
    target = _preferred_group(groups, ev)
    ordered = [target] + [g for g in groups if g is not target]
    if ev.status == "contradiction":
        msg = f"{what}: the draft says {said}, which none of the sources allows ({_said(ordered)})"
    else:
        msg = f"{what}: the draft says {said}; {_said(ordered)}"
    clash = target.clash or next((g.clash for g in ordered if g.clash), target.claim)
    return msg + _arithmetic(draft, clash) + sibling_note(draft, base.siblings(draft.attribute))


def _said(groups: list[Group]) -> str:
    """"2 sources say 671B (671,000,000,000); 1 source says 670B (…)"."""
    return "; ".join(f"{_count(g.sources)} {_say(g.sources)} {describe(g.claim)}" for g in groups)


def _preferred_group(groups: list[Group], ev: Evidence) -> Group:
    if ev.variants and ev.preferred is not None:
        for g in groups:
            if g.claim.value == ev.preferred:
                return g
    return groups[0]


def _count(sources: set[str]) -> str:
    return "1 source" if len(sources) == 1 else f"{len(sources):,} sources"


def _say(sources: set[str]) -> str:
    return "says" if len(sources) == 1 else "say"


def sibling_note(draft: Claim, siblings: list[tuple[str, Variant]]) -> str:
    """The draft's value is exactly what a source states for another entity: name the mix-up."""
    found: list[tuple[Any, str, str]] = []
    known: dict[str, bool] = {}  # one comparison per variant: at scale thousands of claims share a few
    for entity, v in siblings:
        if entity == draft.entity:
            continue
        c = v.claim
        same = c.value == draft.value and c.kind == draft.kind
        if not same:
            if v.key not in known:
                known[v.key] = relation(draft, c) == "same"  # relation reads values, never entities
            same = known[v.key]
        if same:
            found += [(place, entity, source) for place, source in zip(v.places, v.sources, strict=True)]
    notes: list[str] = []
    seen: set[tuple[str, str]] = set()
    for _, entity, source in sorted(found, key=lambda t: t[0]):  # in the base's order, as a reader meets them
        if (entity, source) not in seen and len(notes) < 3:
            seen.add((entity, source))
            notes.append(f"{source} states for {entity_name(entity)}")
    if not notes:
        return ""
    return f" — {draft_text(draft)} is what " + "; and what ".join(notes)


def _arithmetic(draft: Claim, source: Claim) -> str:
    """The numbers or the date precision behind a comparison, in reconcile's words."""
    if draft.value == source.value and draft.qualifier == source.qualifier:
        return ""
    return f" [{explain_relation(draft, source)}]"


# ---- how values read -------------------------------------------------------------------------

_HEDGE = {"approx": "about ", "upper_bound": "under ", "lower_bound": "over "}


def entity_name(entity_id: str) -> str:
    try:
        from dsfacts.extract.entities import registry

        return registry().get(entity_id).name
    except (KeyError, DsfactsError):
        return entity_id


def draft_text(c: Claim) -> str:
    """The value as written in the draft (raw) or, failing that, as normalized."""
    return c.raw.strip() if c.raw and c.raw.strip() else describe(c, detail=False)


def describe(c: Claim, detail: bool = True) -> str:
    """A value as a reader would write it, with the exact arithmetic: 671B (671,000,000,000)."""
    hedge = _HEDGE.get(c.qualifier or "", "")
    try:
        v = c.typed_value()
    except (ValueError, TypeError, ArithmeticError, AssertionError, KeyError):
        return hedge + str(c.value)
    if isinstance(v, (Quantity, Money)):
        unit = _money_symbol(v) if isinstance(v, Money) else ""
        short, full = unit + short_number(v.amount), unit + group_digits(v.amount)
        return hedge + (short if short == full or not detail else f"{short} ({full})")
    if isinstance(v, DateValue):
        return hedge + (f"{v.iso} ({v.precision})" if detail else v.iso)
    return format_value(c.value, c.kind, c.unit, c.qualifier)


def _money_symbol(m: Money) -> str:
    return {"USD": "$", "CNY": "¥", "EUR": "€"}.get(m.currency, m.currency + " ")
