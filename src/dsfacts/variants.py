"""Claims grouped by how they state a value: what `check` compares a draft claim with.

Claims with the same kind, value, unit, hedge, resolution and raw text stand in the same
relation to any draft claim, so a thousand sources saying "671B" are one comparison, not a
thousand. A variant keeps its first claim (in the knowledge base's order), where that claim
stands in the order, and the sources behind it. The read index stores them per fact; `check`
builds them in memory when it has no index. Either way, one function groups them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dsfacts.models import Claim


def _key(c: Claim) -> tuple:
    resolution = c.resolution
    if isinstance(resolution, float) and resolution.is_integer():
        resolution = int(resolution)  # 1000 and 1000.0 are one resolution, as in a tuple
    return (c.kind, repr(c.value), c.unit, c.qualifier, resolution, c.raw)


def _text(key: tuple) -> str:
    return json.dumps(list(key), ensure_ascii=False)


def key_of(c: Claim) -> str:
    """Equal for claims that compare alike (the tuple check memoized relations on, as text)."""
    return _text(_key(c))


@dataclass
class Variant:
    key: str
    claim: Claim  # the first claim stating the value this way
    first: Any  # where that claim stands in the base's order (comparable within one listing)
    count: int = 0  # claims stating it this way
    sources: list[str] = field(default_factory=list)  # distinct, in order of their first claim
    places: list[Any] = field(default_factory=list)  # where each kept source's first such claim stands


def variants(claims: Iterable[tuple[Any, Claim]], keep: int | None = None) -> list[Variant]:
    """(place, claim) pairs in the base's order -> variants in order of first appearance.

    `keep`: remember only the first `keep` sources of each, with their places (check names at most
    three siblings); without it every source is kept and places are not.
    """
    out: dict[tuple, Variant] = {}
    seen: dict[tuple, set[str]] = {}
    for place, c in claims:
        key = _key(c)
        v = out.get(key)
        if v is None:
            v = out[key] = Variant(_text(key), c, place)
            seen[key] = set()
        v.count += 1
        if c.source not in seen[key]:
            seen[key].add(c.source)
            if keep is None:
                v.sources.append(c.source)
            elif len(v.sources) < keep:
                v.sources.append(c.source)
                v.places.append(place)
    return list(out.values())


def to_row(v: Variant) -> dict[str, Any]:
    """A variant as JSON-able data for the read index (its place and its sources' places as lists)."""
    return {"key": v.key, "claim": v.claim.model_dump(exclude_none=True), "first": _plain(v.first),
            "count": v.count, "sources": v.sources, "places": [_plain(p) for p in v.places]}  # fmt: skip


def from_row(data: dict[str, Any]) -> Variant:
    """A variant read back; its claim was validated when the index was written, so not again."""
    claim = Claim.model_construct(**data["claim"])
    return Variant(data["key"], claim, _place(data["first"]), data["count"], list(data["sources"]),
                   [_place(p) for p in data["places"]])  # fmt: skip


def _plain(place: Any) -> Any:
    return list(place) if isinstance(place, tuple) else place


def _place(data: Any) -> Any:
    return tuple(data) if isinstance(data, list) else data
