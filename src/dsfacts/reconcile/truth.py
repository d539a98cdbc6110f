"""Stage 4c.5: confidence — TruthFinder-style value confidence and source trust, numerically safe.

Weights are -log(1 - trust) per copy family (a family votes once), capped at trust 0.99; the
logistic is evaluated without overflow, so 10,000 agreeing sources give 1.0, never an error.
It informs `trust` and `confidence`; it never decides `preferred` (facts.decide does).

Source trust spans every fact, so a fact's confidences depend on all the others. `votes` keeps
what discovery reads of one fact (who backs each value, in which family, how the values relate)
in a small storable form: the read index re-runs discovery over every fact without its claims.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from dsfacts.reconcile.independence import Priors

INITIAL_TRUST = 0.8
ITERATIONS = 10
RHO = 0.5  # how much related values lend (or take away) support
GAMMA = 0.3  # damping of the logistic turning scores into confidences
_SUPPORT = {"same": 1.0, "compatible": 1.0, "minor": 0.5, "conflict": -1.0}


def _sigmoid(x: float) -> float:
    """1 / (1 + e^-x) without overflow at any scale."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-min(x, 700.0)))
    e = math.exp(max(x, -700.0))
    return e / (1.0 + e)


def discover(work: list[Any], priors: Priors | None) -> dict[str, float]:
    """TruthFinder-style value confidence and source trust, bounded and in log-weights.

    Sums over sets use math.fsum: exact, so the result never depends on a set's (hash) order.
    Each fact's families are laid out once; the rounds then run mostly in C (map over look-ups).
    """
    sources = sorted({s for w in work for g in w.groups for s in g.sources})
    trust = {s: (priors.of(s) if priors else INITIAL_TRUST) for s in sources}
    plans = []
    for w in work:
        w.confidence = [0.5] * len(w.groups)
        members: dict[str, list[str]] = {}
        for g in w.groups:
            for s in g.sources:
                members.setdefault(w.fam.of(s), []).append(s)
        alone = [f for f, ss in members.items() if len(ss) == 1]  # most families: one source
        copies = [(f, ss) for f, ss in members.items() if len(ss) > 1]
        plans.append((alone, [members[f][0] for f in alone], copies, [list(g.families) for g in w.groups],
                       [list(g.sources) for g in w.groups]))  # fmt: skip
    for _ in range(ITERATIONS):
        # + 0.0: -log(1) is -0.0, and a family's weight starts at 0.0 (max(0.0, -0.0) is 0.0)
        weight = {s: -math.log(1 - min(max(t, 0.0), 0.99)) + 0.0 for s, t in trust.items()}
        of = weight.__getitem__
        for w, (alone, alone_sources, copies, families, _) in zip(work, plans, strict=True):
            fam_tau = dict(zip(alone, map(of, alone_sources), strict=True))  # a family weighs as its most trusted member
            for f, ss in copies:
                fam_tau[f] = max(map(of, ss))
            tau = [math.fsum(map(fam_tau.__getitem__, fs)) for fs in families]
            class_tau: dict[Any, float] = defaultdict(float)
            for i, t in enumerate(tau):
                class_tau[w.links.cls[i]] += t
            for i in range(len(w.groups)):
                linked = sum(tau[j] * _SUPPORT[r] for j, r in w.links.rel[i].items() if w.links.cls[j] == w.links.cls[i])
                linked_tau = sum(tau[j] for j in w.links.rel[i] if w.links.cls[j] == w.links.cls[i])
                against = class_tau[w.links.cls[i]] - tau[i] - linked_tau
                w.confidence[i] = _sigmoid(GAMMA * (tau[i] + RHO * (linked - against)))
        per_source: dict[str, list[float]] = defaultdict(list)
        for w, plan in zip(work, plans, strict=True):
            for ss, conf in zip(plan[4], w.confidence, strict=True):
                for s in ss:
                    per_source[s].append(conf)
        new = {s: (math.fsum(v) / len(v) if v else trust[s]) for s, v in per_source.items()}
        done = all(abs(new[s] - trust[s]) < 1e-6 for s in trust)
        trust = new
        if done:
            break
    return trust


# ---- a fact's votes, stored and read back -------------------------------------------------------


@dataclass
class _Side:
    sources: set[str]
    families: set[str]


class _FamilyOf:
    def __init__(self, roots: dict[str, str]) -> None:
        self.roots = roots

    def of(self, s: str) -> str:
        return self.roots.get(s, s)


@dataclass
class _Relations:
    rel: list[dict[int, str]]
    cls: list[Any]


@dataclass
class Votes:
    """What `discover` reads of one fact, without its claims (duck-typed like facts._Work)."""

    entity: str
    attribute: str
    groups: list[_Side]
    fam: _FamilyOf
    links: _Relations
    confidence: list[float] = field(default_factory=list)


def votes_data(w: Any) -> dict[str, Any]:
    """A prepared fact's votes and its confidences, as JSON-able data (see `votes_from`)."""
    classes: dict[Any, int] = {}
    roots = {s: w.fam.of(s) for g in w.groups for s in sorted(g.sources)}
    return {
        "sources": [sorted(g.sources) for g in w.groups],
        "families": {s: f for s, f in roots.items() if f != s},
        "cls": [classes.setdefault(c, len(classes)) for c in w.links.cls],  # equal classes, equal ids
        "rel": [[[j, r] for j, r in links.items()] for links in w.links.rel],  # in the links' own order
        "confidence": list(w.confidence),
    }


def votes_from(entity: str, attribute: str, data: dict[str, Any]) -> Votes:
    fam = _FamilyOf(dict(data["families"]))
    groups = [_Side(set(ss), {fam.of(s) for s in ss}) for ss in data["sources"]]
    links = _Relations([{int(j): str(r) for j, r in pairs} for pairs in data["rel"]], list(data["cls"]))
    return Votes(entity, attribute, groups, fam, links, list(data["confidence"]))


def same_confidence(a: list[float], b: list[float]) -> bool:
    """Would these confidences print the same (trust to 3 places, value order to 6)?"""
    return len(a) == len(b) and all(round(x, 6) == round(y, 6) and round(x, 3) == round(y, 3) for x, y in zip(a, b, strict=True))
