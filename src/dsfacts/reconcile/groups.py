"""Stages 4c.1-2: claims into value groups, and how the groups relate to one another.

Claims saying the same thing the same way form one value group. Groups are compared with
compare.relation: a small fact compares every pair; a fact with many groups sorts numbers and dates
by interval (widened by the 1 % minor band) and sweeps, so only groups whose windows meet are
compared and every other pair of one class conflicts — linear-ish instead of all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dsfacts.models import Claim, DateValue, JSONValue, SizeList
from dsfacts.reconcile.compare import MINOR, Relation, _as_number, _typed, claim_interval, relation
from dsfacts.reconcile.text import normalize_text, text_rules

DENSE = 64  # up to this many value groups in one fact, every pair is compared directly


def canonical_value(c: Claim) -> JSONValue:
    """The contract's JSON form, normalized: 7e9 and 7000000000 are one value; "MIT 许可证" is "MIT"."""
    if c.kind == "text":
        return normalize_text(str(c.value), c.attribute)
    v = _typed(c)
    return v.to_json() if v is not None else c.value


def _value_key(c: Claim) -> tuple:
    """Claims with equal keys say the same thing the same way and form one value group."""
    if c.kind == "text":
        return ("text", normalize_text(str(c.value), c.attribute), c.qualifier)
    return (c.kind, repr(canonical_value(c)), c.unit if c.kind == "money" else None, c.qualifier)


def _size_list(c: Claim) -> bool:
    return c.kind == "sizes" and isinstance(c.value, list)


def _union(group: list[Claim]) -> list[Claim]:
    """One source's size lists on one fact, each carrying the union (every line keeps its provenance)."""
    if len(group) == 1:
        return group
    union = sorted({Decimal(str(v)) for c in group for v in c.value})  # type: ignore[union-attr]
    merged_value = SizeList(tuple(union)).to_json()
    return [c.model_copy(update={"value": merged_value, "raw": c.raw}) for c in group]


def merge_same_source_sizes(claims: list[Claim]) -> list[Claim]:
    """One source listing sizes on several lines lists one set: union its lists per fact.

    The merged size lists come last, by (entity, attribute, source) in order of first appearance.
    """
    out: list[Claim] = []
    lists: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if _size_list(c):
            lists[(c.entity, c.attribute, c.source)].append(c)
        else:
            out.append(c)
    for group in lists.values():
        out.extend(_union(group))
    return out


def merged_in_place(claims: list[Claim]) -> list[tuple[bool, Claim]]:
    """merge_same_source_sizes without moving anything: (is a size list, claim as merged), per claim."""
    lists: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if _size_list(c):
            lists[(c.entity, c.attribute, c.source)].append(i)
    out = [(False, c) for c in claims]
    for members in lists.values():
        for i, merged in zip(members, _union([claims[i] for i in members]), strict=True):
            out[i] = (True, merged)
    return out


@dataclass
class _Group:
    key: tuple
    claims: list[Claim]
    families: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rep = self.claims[0]  # claims arrive sorted: the first is the representative
        self.sources = {c.source for c in self.claims}


def _groups(claims: list[Claim]) -> list[_Group]:
    by_key: dict[tuple, list[Claim]] = {}
    for c in sorted(claims, key=Claim.sort_key):
        by_key.setdefault(_value_key(c), []).append(c)
    return [_Group(k, v) for k, v in by_key.items()]


# ---- 2 relate ---------------------------------------------------------------------------------


@dataclass
class Links:
    """Every non-conflicting relation between groups; a missing pair of one class conflicts."""

    rel: list[dict[int, Relation]]
    cls: list[Any]

    def get(self, i: int, j: int) -> Relation:
        if i == j:
            return "same"
        r = self.rel[i].get(j)
        if r is not None:
            return r
        return "conflict" if self.cls[i] == self.cls[j] else "compatible"


def _sweep_key(g: _Group, attribute: str) -> tuple[Any, Any, Any] | None:
    """(class, low, high) of the window where this group may agree or nearly agree with another."""
    v = _typed(g.rep)
    n = _as_number(v) if v is not None else None
    if n is not None and n[0].is_finite():
        ivs = [iv for iv in (claim_interval(c) for c in g.claims) if iv is not None]
        lo, hi = min(iv.lo for iv in ivs), max(iv.hi for iv in ivs)
        band = abs(n[0]) * MINOR * Decimal("1.02")  # b within 1 % of a: b <= a / 0.99
        if attribute in text_rules().binary_k_attributes:
            band = max(band, abs(n[0]) * Decimal("0.03"))  # 128K may be 131,072
        return (("num", n[2]), min(lo, n[0] - band), max(hi, n[0] + band))
    if isinstance(v, DateValue):
        return (("date",), v.start.toordinal(), v.end.toordinal())
    return None


def relate(groups: list[_Group], attribute: str) -> Links:
    """Compare every pair (small facts) or sweep sorted intervals (large ones)."""
    n = len(groups)
    rel: list[dict[int, Relation]] = [{} for _ in range(n)]
    if n <= DENSE:
        for i in range(n):
            for j in range(i + 1, n):
                r = relation(groups[i].rep, groups[j].rep)
                if r != "conflict":
                    rel[i][j] = rel[j][i] = r
        return Links(rel, [0] * n)
    cls: list[Any] = [None] * n
    windows: dict[Any, list[tuple[Any, Any, int]]] = defaultdict(list)
    others: list[int] = []
    for i, g in enumerate(groups):
        key = _sweep_key(g, attribute)
        if key is not None:
            cls[i] = key[0]
            windows[key[0]].append((key[1], key[2], i))
        elif g.rep.kind == "text":
            cls[i] = ("text", g.key[1])  # groups of one normalized text differ only in hedge
            windows[cls[i]].append((0, 0, i))
        else:
            cls[i] = ("other",)
            others.append(i)
    for items in windows.values():
        items.sort(key=lambda t: (t[0], t[2]))
        for a, (_, hi, i) in enumerate(items):
            for lo_j, _, j in items[a + 1 :]:
                if lo_j > hi:
                    break
                r = relation(groups[i].rep, groups[j].rep)
                if r != "conflict":
                    rel[i][j] = rel[j][i] = r
    for a, i in enumerate(others):  # sizes, ranges, unreadable values: few, compared directly
        for j in others[a + 1 :]:
            r = relation(groups[i].rep, groups[j].rep)
            if r != "conflict":
                rel[i][j] = rel[j][i] = r
    for i in range(n):  # text groups of different texts conflict: one class for all text groups
        if cls[i] and cls[i][0] == "text":
            cls[i] = ("text",)
    return Links(rel, cls)

