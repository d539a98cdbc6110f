"""Deciding: one draft claim against the evidence on its fact -> a verdict and its sources.

Each draft claim is compared (stage 5's `relation`) only with the claims on its own entity and
attribute, one comparison per variant; other entities are consulted only to explain a mix-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dsfacts.check.evidence import Evidence
from dsfacts.check.explain import explain
from dsfacts.models import Claim, ClaimRef, Finding, Verdict
from dsfacts.reconcile import Relation, relation
from dsfacts.variants import Variant

COMPATIBLE = frozenset({"same", "compatible", "minor"})  # relations under which both claims can be true


def verdict_of(relations: Sequence[str], status: str | None, split: bool = False) -> Verdict:
    """The policy: one draft claim's relations to every source claim on its fact -> a verdict.

    Compatible with all -> supported; with none -> contradicted; with some: disputed when the
    sources contradict each other (`status`) or the claims the draft agrees with clash with those
    it does not (`split`: the draft takes a side); otherwise contradicted (the sources agree, and
    the draft clashes with the more precise of them). A draft on one side of a split is never
    `supported`, even when reconciliation prefers that side (an outlier split): the contract's
    `disputed` names exactly this, and `expected` then carries the preferred value, or null.
    """
    if not relations:
        return "unverified"
    ok = [r in COMPATIBLE for r in relations]
    if all(ok):
        return "supported"
    if not any(ok):
        return "contradicted"
    return "disputed" if status == "contradiction" or split else "contradicted"


def takes_a_side(variants: list[Variant], relations: dict[str, Relation]) -> bool:
    """Does a source claim the draft agrees with conflict with one the draft contradicts?

    Claims stating one value the same way are compared once: a thousand sources saying 671B
    are one ally, not a thousand (issue 14 found this pairwise loop quadratic).
    """
    allies = [v.claim for v in variants if relations[v.key] in COMPATIBLE]
    opponents = [v.claim for v in variants if relations[v.key] not in COMPATIBLE]
    return any(relation(a, o) == "conflict" for a in allies for o in opponents)


def judge(draft: Claim, ev: Evidence, base: Any) -> Finding:
    """One draft claim -> its Finding: verdict, the expected value, the sources, and why."""
    relations = {v.key: relation(draft, v.claim) for v in ev.variants}  # one comparison per variant
    listed = [relations[v.key] for v in ev.variants]
    verdict = verdict_of(listed, ev.status, takes_a_side(ev.variants, relations))
    expected = ev.preferred if ev.variants else None
    refs: Sequence[ClaimRef]
    if verdict == "unverified":
        refs = []
    elif verdict == "supported":
        refs = ev.refs([v.key for v in ev.variants if relations[v.key] in COMPATIBLE])
    elif verdict == "disputed" or expected is None:
        refs = ev.refs(None)
    else:
        refs = ev.value_refs(expected) or ev.refs(None)
    return Finding.model_construct(
        line=draft.line,
        column=draft.column,
        text=draft.quote,
        entity=draft.entity,
        attribute=draft.attribute,
        value=draft.value,
        verdict=verdict,
        expected=expected,
        sources=refs,  # a lazy sequence from the index: built when shown
        message=explain(draft, verdict, ev, relations, base),
    )


def judge_all(draft_claims: list[Claim], base: Any) -> list[Finding]:
    """Every draft claim, in reading order, judged against `base` (check.evidence)."""
    seen: set[tuple] = set()
    findings: list[Finding] = []
    for d in sorted(draft_claims, key=lambda c: (c.line, c.column, c.entity, c.attribute)):
        key = (d.line, d.column, d.entity, d.attribute, repr(d.value))
        if key in seen:
            continue  # the engine may state one claim twice (two mentions of one sentence)
        seen.add(key)
        findings.append(judge(d, base.evidence(d.entity, d.attribute), base))
    return findings
