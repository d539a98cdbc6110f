"""Stage 4c.5: confidence — TruthFinder-style value confidence and source trust, numerically safe.

Weights are -log(1 - trust) per copy family (a family votes once), capped at trust 0.99; the
logistic is evaluated without overflow, so 10,000 agreeing sources give 1.0, never an error.
It informs `trust` and `confidence`; it never decides `preferred` (facts.decide does).
"""

from __future__ import annotations

import math
from collections import defaultdict
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
    """TruthFinder-style value confidence and source trust, bounded and in log-weights."""
    sources = sorted({s for w in work for g in w.groups for s in g.sources})
    trust = {s: (priors.of(s) if priors else INITIAL_TRUST) for s in sources}
    for w in work:
        w.confidence = [0.5] * len(w.groups)
    for _ in range(ITERATIONS):
        for w in work:
            fam_tau: dict[str, float] = {}
            for g in w.groups:
                for s in g.sources:
                    f = w.fam.of(s)
                    fam_tau[f] = max(fam_tau.get(f, 0.0), -math.log(1 - min(max(trust[s], 0.0), 0.99)))
            tau = [sum(fam_tau[f] for f in g.families) for g in w.groups]
            class_tau: dict[Any, float] = defaultdict(float)
            for i, t in enumerate(tau):
                class_tau[w.links.cls[i]] += t
            for i in range(len(w.groups)):
                linked = sum(tau[j] * _SUPPORT[r] for j, r in w.links.rel[i].items() if w.links.cls[j] == w.links.cls[i])
                linked_tau = sum(tau[j] for j in w.links.rel[i] if w.links.cls[j] == w.links.cls[i])
                against = class_tau[w.links.cls[i]] - tau[i] - linked_tau
                w.confidence[i] = _sigmoid(GAMMA * (tau[i] + RHO * (linked - against)))
        per_source: dict[str, list[float]] = defaultdict(list)
        for w in work:
            for g, conf in zip(w.groups, w.confidence, strict=True):
                for s in g.sources:
                    per_source[s].append(conf)
        new = {s: (math.fsum(v) / len(v) if v else trust[s]) for s, v in per_source.items()}
        done = all(abs(new[s] - trust[s]) < 1e-6 for s in trust)
        trust = new
        if done:
            break
    return trust

