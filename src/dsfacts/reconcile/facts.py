"""Claims -> facts: who stands behind each value, what the fact's status is, what to believe (4c).

  1-2 group, relate   groups.py: value groups and their relations (sort-and-sweep when large).
  3   count           each group's sources fold into copy families (independence.py): `independent`.
  4   decide          status from the worst relation between two different sources; then
                      `preferred`: a value whose side has clearly more independent support (>= 2x
                      every rival's, counting only the families that tell the two apart), else one
                      that trust priors separate by a margin, else none (null). A contradiction's
                      `split` is `outlier` when one side clearly outnumbers every rival, else `even`.
  5   confidence      truth.py: bounded truth discovery for `trust`; it never decides `preferred`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from dsfacts.models import Claim, ClaimRef, DateValue, Fact, SizeList, Status, ValueGroup
from dsfacts.reconcile.compare import RANK, Relation, _typed, agreement_reason, claim_interval
from dsfacts.reconcile.explain import explain_relation, interval_text
from dsfacts.reconcile.formatting import format_value
from dsfacts.reconcile.groups import (
    DENSE,
    Links,
    _Group,
    _groups,
    canonical_value,
    merge_same_source_sizes,
    relate,
)
from dsfacts.reconcile.independence import Families, Priors, default_priors, fact_families
from dsfacts.reconcile.truth import discover

Split = Literal["outlier", "even"]
SHOWN = 5  # agreements and disagreements named per value in `explain`
TOP = 8  # how many best-supported groups are considered for the preferred value
_AGREE = ("same", "compatible")
__all__ = ["DENSE", "Context", "Decision", "FactValue", "Links", "canonical_value", "conclude", "decide", "fact_claims",
           "fact_status", "merge_same_source_sizes", "prepare", "reconcile", "relate", "source_trust"]


@dataclass
class Context:
    """What reconciliation knows beyond the claims: document copy families and source priors."""

    families: Families | None = None
    priors: Priors | None = None


# ---- 4 decide: status -------------------------------------------------------------------------


def fact_status(groups: list[_Group], links: Links) -> Status:
    """single-source / agreed / minor-discrepancy / contradiction; same-source pairs don't count."""
    sources = set().union(*(g.sources for g in groups)) if groups else set()
    if len(sources) <= 1:
        return "single-source"
    class_size: dict[Any, int] = defaultdict(int)
    lone: dict[tuple[Any, str], int] = defaultdict(int)  # (class, source) -> groups stated only by it
    for i, g in enumerate(groups):
        class_size[links.cls[i]] += 1
        if len(g.sources) == 1:
            lone[(links.cls[i], next(iter(g.sources)))] += 1
    minor = False
    for i, g in enumerate(groups):
        linked = [j for j in links.rel[i] if links.cls[j] == links.cls[i]]
        conflicting = class_size[links.cls[i]] - 1 - len(linked)
        if conflicting > 0:
            if len(g.sources) > 1:
                return "contradiction"
            s = next(iter(g.sources))
            same_source = lone[(links.cls[i], s)] - 1 - sum(1 for j in linked if groups[j].sources == {s})
            if conflicting > same_source:
                return "contradiction"
        for j, r in links.rel[i].items():
            if r == "minor" and len(g.sources | groups[j].sources) > 1:
                minor = True
    return "minor-discrepancy" if minor else "agreed"


# ---- 4 decide: preferred and split --------------------------------------------------------------


def _specificity(c: Claim) -> tuple:
    """Larger is more precise: 2024-12-26 over 2024-12, 278.8万 over 约278万, a list over a range."""
    v = _typed(c)
    if isinstance(v, DateValue):
        return (0, -(v.end - v.start).days)
    iv = claim_interval(c)
    if iv is not None:
        return (0, -float(iv.width) if iv.width.is_finite() else -math.inf)
    if isinstance(v, SizeList):
        return (1, len(v.sizes))
    return (0, 0)


@dataclass
class Decision:
    lead: int  # the group shown first: the preferred one, or the best-supported candidate
    preferred: int | None
    split: Split | None
    why: str


@dataclass
class _Work:
    entity: str
    attribute: str
    groups: list[_Group]
    links: Links
    fam: Families
    prior: dict[str, float]  # family -> weight
    margin: float = 0.2
    support: list[set[str]] = field(default_factory=list)
    confidence: list[float] = field(default_factory=list)

    def weight(self, families: Iterable[str]) -> float:
        return math.fsum(self.prior.get(f, 0.5) for f in families)  # exact: independent of set order

    def rivals(self, i: int) -> list[int]:
        mine = self.links.cls[i]
        return [
            j
            for j in range(len(self.groups))
            if j != i and self.links.cls[j] == mine and self.links.rel[i].get(j) not in _AGREE
        ]


def _has_rivals(w: _Work) -> bool:
    """Does any group disagree with another of its class (counted, not enumerated)?"""
    size: dict[Any, int] = defaultdict(int)
    for c in w.links.cls:
        size[c] += 1
    for i, links in enumerate(w.links.rel):
        agree = sum(1 for j, r in links.items() if r in _AGREE and w.links.cls[j] == w.links.cls[i])
        if agree < size[w.links.cls[i]] - 1:
            return True
    return False


def _n(k: int) -> str:
    return f"{k} independent source{'s' if k != 1 else ''}"


def decide(w: _Work) -> Decision:
    """The preferred value, if anything separates it from its rivals, and the split."""
    n = len(w.groups)
    spec = [_specificity(g.rep) for g in w.groups]
    # ties break on the values themselves, never on source names: a renamed copy changes nothing
    tie = [repr(g.key) for g in w.groups]
    rank = sorted(range(n), key=lambda i: (-len(w.support[i]), -w.weight(w.support[i]), [-x for x in spec[i]], tie[i]))
    if not _has_rivals(w):
        top = rank[0]
        cluster = [top, *(j for j, r in w.links.rel[top].items() if r in _AGREE)]
        most = min(cluster, key=lambda i: ([-x for x in spec[i]], -len(w.support[i]), tie[i]))
        why = "all sources agree" if len(cluster) > 1 or len(w.support[most]) > 1 else "one source states it"
        if most != top or len(cluster) > 1:
            why += f"; {format_value(canonical_value(w.groups[most].rep), w.groups[most].rep.kind)} is the most precise value"
        return Decision(most, most, None, why)
    rivals: dict[int, list[int]] = {}
    for i in rank:  # the best-supported groups that disagree with something (vague ones may not)
        against = w.rivals(i)
        if against:
            rivals[i] = against
            if len(rivals) == TOP:
                break
    candidates = list(rivals)
    by_support: list[int] = []
    by_prior: list[int] = []
    notes: dict[int, str] = {}
    for i in candidates:
        ok_support = ok_prior = True
        worst = ""
        for r in rivals[i]:
            ours = w.support[i] - w.support[r]
            other = w.support[r] - w.support[i]
            win = len(ours) >= 2 * len(other) and len(ours) > len(other)
            loss = len(other) >= 2 * len(ours) and len(other) > len(ours)
            prior_win = not loss and w.weight(ours) - w.weight(other) >= w.margin - 1e-9
            if not win:
                ok_support = False
                worst = worst or (
                    f"{_n(len(ours))} against {len(other)}; prior weight {w.weight(ours):.1f} against {w.weight(other):.1f}"
                )
            if not (win or prior_win):
                ok_prior = False
        if ok_support:
            by_support.append(i)
        elif ok_prior:
            by_prior.append(i)
            notes[i] = worst

    def best(ids: list[int]) -> int:
        return min(ids, key=lambda i: ([-x for x in spec[i]], -len(w.support[i]), -w.weight(w.support[i]), tie[i]))
    if by_support:
        p = best(by_support)
        mine, theirs = max(((len(w.support[p] - w.support[r]), len(w.support[r] - w.support[p])) for r in rivals[p]),
                           key=lambda t: t[1])
        why = f"clearly more independent support: {_n(mine)} against at most {theirs} for any other value"
        return Decision(p, p, "outlier", why)
    lead = candidates[0]
    if by_prior:
        p = best(by_prior)
        return Decision(p, p, "even", f"the sources are evenly split ({notes[p]}): trust priors from their kind favour it")
    lead_support = len(w.support[lead])
    return Decision(lead, None, "even", f"no preferred value: even split ({_n(lead_support)} for the leading value, "
                    "and nothing in the sources' standing separates the values)")


# ---- assembling facts -------------------------------------------------------------------------


class FactValue(ValueGroup):
    """A value group that also says how it stands to the lead value, and why."""

    relation: Relation = "same"  # to the preferred (or leading) value
    why: str | None = None  # explain_relation(lead, this), when they are not the same
    explain: dict[str, Any] | None = None


def prepare(claims: Iterable[Claim], ctx: Context | None) -> list[_Work]:
    """Steps 1-3 for every fact of these claims (sorted by entity, attribute): groups, links, support."""
    ctx = ctx or Context()
    priors = ctx.priors or default_priors()
    by_fact: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in merge_same_source_sizes(list(claims)):
        by_fact[(c.entity, c.attribute)].append(c)
    work = []
    for (entity, attribute), cs in sorted(by_fact.items()):
        groups = _groups(cs)
        fam = fact_families(cs, ctx.families)
        prior: dict[str, float] = {}
        for g in groups:
            g.families = {fam.of(s) for s in g.sources}
            for s in g.sources:
                f = fam.of(s)
                prior[f] = max(prior.get(f, 0.0), priors.of(s))
        links = relate(groups, attribute)
        w = _Work(entity, attribute, groups, links, fam, prior, priors.margin)
        w.support = [
            g.families.union(*(groups[j].families for j, r in links.rel[i].items() if r in _AGREE))
            for i, g in enumerate(groups)
        ]
        work.append(w)
    return work


def _ref(c: Claim) -> ClaimRef:
    return ClaimRef(source=c.source, line=c.line, quote=c.quote, column=c.column, qualifier=c.qualifier, raw=c.raw)


def _copies(w: _Work, g: _Group) -> list[dict[str, str]]:
    by_family: dict[str, list[str]] = defaultdict(list)
    for s in sorted(g.sources):
        by_family[w.fam.of(s)].append(s)
    out = []
    for members in by_family.values():
        for s in members[1:]:
            how = w.fam.why.get(s, (members[0], "copy"))[1]
            out.append({"source": s, "copy_of": members[0], "how": how})
    return out


def _explain_value(w: _Work, i: int, pref: Decision) -> dict[str, Any]:
    g = w.groups[i]
    agrees: list[dict[str, Any]] = []
    differs: list[dict[str, Any]] = []
    for j, r in w.links.rel[i].items():  # linked groups first: bounded by the links, not by G²
        if len(agrees) < SHOWN and r in _AGREE:
            other = w.groups[j].rep
            agrees.append({"value": canonical_value(other), "reason": agreement_reason(g.rep, other),
                           "why": explain_relation(g.rep, other)})
        elif len(differs) < SHOWN and r == "minor":
            other = w.groups[j].rep
            differs.append({"value": canonical_value(other), "relation": r, "why": explain_relation(g.rep, other)})
    for j in range(len(w.groups)):  # then conflicting groups, until enough are named
        if len(differs) >= SHOWN:
            break
        if j != i and j not in w.links.rel[i] and w.links.cls[j] == w.links.cls[i]:
            other = w.groups[j].rep
            differs.append({"value": canonical_value(other), "relation": "conflict", "why": explain_relation(g.rep, other)})
    out: dict[str, Any] = {
        "interval": interval_text(g.rep),
        "independent": len(g.families),
        "sources": len(g.sources),
        "copies_folded": _copies(w, g),
        "support": len(w.support[i]),
        "agrees_with": agrees[:5],
        "differs_from": differs[:5],
    }
    out["prior"] = round(max((w.prior.get(f, 0.5) for f in g.families), default=0.5), 2)
    if pref.lead == i:  # why this value is preferred, or why even the leading value is not
        out["preference"] = pref.why
    return out


def _fact(w: _Work, status: Status, d: Decision) -> Fact:
    lead = d.lead
    order = sorted(
        range(len(w.groups)),
        key=lambda i: (i != lead, RANK[w.links.get(i, lead)], -len(w.groups[i].families),
                       -round(w.confidence[i], 6), repr(w.groups[i].key)),  # rounded: summation order is noise
    )
    values: list[ValueGroup] = [
        FactValue(
            value=canonical_value(w.groups[i].rep),
            claims=[_ref(c) for c in w.groups[i].claims],
            trust=round(w.confidence[i], 3),
            independent=len(w.groups[i].families),
            relation=w.links.get(i, lead),
            why=None if i == lead else explain_relation(w.groups[lead].rep, w.groups[i].rep),
            explain=_explain_value(w, i, d),
        )
        for i in order
    ]
    from dsfacts.reconcile.explain import explain_fact

    return Fact(
        entity=w.entity,
        attribute=w.attribute,
        status=status,
        preferred=canonical_value(w.groups[d.preferred].rep) if d.preferred is not None else None,
        confidence=round(w.confidence[lead], 3),
        values=values,
        explanation=explain_fact(w.groups, w.links, status, lead),
        split=d.split if status == "contradiction" else None,
        why_preferred=d.why,
    )


def conclude(w: _Work) -> Fact:
    """Step 4 for one prepared fact whose confidences `discover` has set: status, preferred, the Fact."""
    return _fact(w, fact_status(w.groups, w.links), decide(w))


def reconcile(claims: list[Claim], context: Context | None = None) -> list[Fact]:
    """Every fact (entity, attribute) with status, preferred value, split and explanation, sorted.

    Without a context, copy families come from verbatim quotes alone and every source has the
    default prior; `context_for(kb)` adds near-duplicate documents and priors from metadata.
    """
    work = prepare(claims, context)
    discover(work, (context.priors if context else None))
    return [conclude(w) for w in work]


def source_trust(claims: list[Claim], context: Context | None = None) -> dict[str, float]:
    """How far each source can be trusted: average confidence of what it claims (0..1)."""
    return discover(prepare(claims, context), context.priors if context else None)


def fact_claims(fact: Fact, claims: list[Claim]) -> list[Claim]:
    """The claims behind a fact (for callers that need kinds and qualifiers back)."""
    return [c for c in claims if c.entity == fact.entity and c.attribute == fact.attribute]
