"""What the knowledge base says on one fact, as `check` compares a draft claim with it.

A draft is judged against variants (variants.py: claims grouped by how they state a value), so
the work grows with the draft, not with the base: at 10,000 documents a fact has thousands of
claims but a handful of variants. Two bases give the same evidence: `MemoryBase` from claims in
memory (no index, or a reviewer's decisions over them) and `IndexBase` from the read index, which
reads only the facts the draft names and builds a finding's source references when they are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from dsfacts.models import Claim, ClaimRef, Fact, JSONValue
from dsfacts.variants import Variant, from_row, key_of, variants

SIBLINGS = 3  # other entities' sources named when a draft's value is theirs


def claim_ref(c: Claim | dict[str, Any]) -> ClaimRef:
    # built from a validated claim: not validated again (73,000 refs at 10,000 documents)
    get = c.get if isinstance(c, dict) else lambda k: getattr(c, k, None)
    return ClaimRef.model_construct(source=get("source"), line=get("line"), quote=get("quote"), column=get("column"),
                                    qualifier=get("qualifier"), raw=get("raw"))  # fmt: skip


class Refs(Sequence[ClaimRef]):
    """A finding's source references, read when shown: the text report shows five and counts the
    rest, so of a value's thousands of sources only those five are ever built."""

    def __init__(self, count: int, load: Callable[[int | None], list[ClaimRef]]) -> None:
        self._count, self._load = count, load
        self._all: list[ClaimRef] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, i: int) -> ClaimRef: ...
    @overload
    def __getitem__(self, i: slice) -> list[ClaimRef]: ...
    def __getitem__(self, i: int | slice) -> ClaimRef | list[ClaimRef]:
        stop = i.stop if isinstance(i, slice) and not i.start and i.step in (None, 1) else None
        if stop is not None and self._all is None and 0 <= stop < self._count:
            return self._load(stop)  # the first few: read alone
        return self._items()[i]

    def __iter__(self) -> Iterator[ClaimRef]:
        return iter(self._items())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Refs({self._count} claims)"

    def _items(self) -> list[ClaimRef]:
        if self._all is None:
            self._all = self._load(None)
        return self._all


@dataclass
class Group:
    """Source claims stating one value (any wording), as `explain` words them."""

    claim: Claim  # the first claim of the value
    sources: set[str]
    compatible: bool
    clash: Claim | None = None  # the first claim of this value the draft conflicts with


@dataclass
class Evidence:
    """One fact: its standing (status, preferred value) and its claims as variants, in order."""

    entity: str
    attribute: str
    status: str | None = None  # None: the base holds no claim on it
    preferred: JSONValue = None
    variants: list[Variant] = field(default_factory=list)
    _groups: dict[tuple[str, ...], list[Group]] = field(default_factory=dict)

    def refs(self, keys: list[str] | None) -> Sequence[ClaimRef]:
        """The claims of these variants (all of them when None), in the base's order."""
        raise NotImplementedError

    def value_refs(self, value: JSONValue) -> Sequence[ClaimRef]:
        """The reconciled fact's claims for `value` (empty when it has no such value)."""
        raise NotImplementedError

    def groups(self, relations: Mapping[str, str], compatible: frozenset[str]) -> list[Group]:
        """Variants folded by stated value, most sources first (once per pattern of relations)."""
        pattern = tuple(relations[v.key] for v in self.variants)
        found = self._groups.get(pattern)
        if found is None:
            by_value: dict[str, Group] = {}
            for v in self.variants:  # in order of first appearance: a value's first claim comes first
                r = relations[v.key]
                g = by_value.setdefault(repr(v.claim.value), Group(v.claim, set(), False))
                g.sources.update(v.sources)
                g.compatible = g.compatible or r in compatible
                if r == "conflict" and g.clash is None:
                    g.clash = v.claim
            found = self._groups[pattern] = list(by_value.values())
        return found


# ---- claims in memory ---------------------------------------------------------------------------


@dataclass
class _MemoryEvidence(Evidence):
    claims: list[Claim] = field(default_factory=list)  # merged size lists, in check's order
    fact: Fact | None = None

    def refs(self, keys: list[str] | None) -> Sequence[ClaimRef]:
        wanted = None if keys is None else set(keys)
        return [claim_ref(c) for c in self.claims if wanted is None or key_of(c) in wanted]

    def value_refs(self, value: JSONValue) -> Sequence[ClaimRef]:
        for group in self.fact.values if self.fact else []:
            if group.value == value:
                return list(group.claims)
        return []


class _Base:
    """A fact's evidence, read once per (entity, attribute) a draft names."""

    def __init__(self) -> None:
        self._siblings: dict[str, list[tuple[str, Variant]]] = {}
        self._evidence: dict[tuple[str, str], Evidence] = {}

    def _read(self, entity: str, attribute: str) -> Evidence:
        raise NotImplementedError

    def evidence(self, entity: str, attribute: str) -> Evidence:
        found = self._evidence.get((entity, attribute))
        if found is None:
            found = self._evidence[(entity, attribute)] = self._read(entity, attribute)
        return found


class MemoryBase(_Base):
    """Evidence from a list of claims (reconciled here, once, when a draft names a known fact)."""

    def __init__(self, claims: list[Claim], context: Any = None, facts: dict[tuple[str, str], Fact] | None = None) -> None:
        from dsfacts.reconcile import merge_same_source_sizes

        super().__init__()
        self.all, self.context, self.facts = claims, context, facts
        self.by_key: dict[tuple[str, str], list[tuple[int, Claim]]] = {}
        for i, c in enumerate(merge_same_source_sizes(claims)):  # as reconcile sees them
            self.by_key.setdefault((c.entity, c.attribute), []).append((i, c))

    def _read(self, entity: str, attribute: str) -> Evidence:
        placed = self.by_key.get((entity, attribute), [])
        if not placed:
            return Evidence(entity, attribute)
        if self.facts is None:  # once, over everything: source trust spans all facts
            from dsfacts.reconcile import reconcile

            self.facts = {(f.entity, f.attribute): f for f in reconcile(self.all, self.context)}
        fact = self.facts.get((entity, attribute))
        return _MemoryEvidence(entity, attribute, fact.status if fact else None, fact.preferred if fact else None,
                               variants(placed), claims=[c for _, c in placed], fact=fact)  # fmt: skip

    def siblings(self, attribute: str) -> list[tuple[str, Variant]]:
        """Every entity's variants on this attribute, as the claims state them (for a mix-up)."""
        if attribute not in self._siblings:
            by_entity: dict[str, list[tuple[int, Claim]]] = {}
            for i, c in enumerate(self.all):
                if c.attribute == attribute:
                    by_entity.setdefault(c.entity, []).append((i, c))
            self._siblings[attribute] = [(e, v) for e, placed in by_entity.items() for v in variants(placed, SIBLINGS)]
        return self._siblings[attribute]


# ---- the read index -----------------------------------------------------------------------------


@dataclass
class _IndexEvidence(Evidence):
    index: Any = None
    _fact: dict[str, Any] | None = None

    def refs(self, keys: list[str] | None) -> Sequence[ClaimRef]:
        count = sum(v.count for v in self.variants if keys is None or v.key in keys)

        def load(limit: int | None) -> list[ClaimRef]:
            return [claim_ref(d) for d in self.index.claim_refs(self.entity, self.attribute, keys, limit)]

        return Refs(count, load)

    def value_refs(self, value: JSONValue) -> Sequence[ClaimRef]:
        if self._fact is None:
            found = self.index.facts_for([(self.entity, self.attribute)])
            self._fact = found[0] if found else {}
        for group in self._fact.get("values", []):
            if group.get("value") == value:
                return _listed(group.get("claims", []))
        return []


def _listed(claims: list[dict[str, Any]]) -> Refs:
    return Refs(len(claims), lambda limit: [claim_ref(d) for d in claims[:limit]])


class IndexBase(_Base):
    """Evidence read from the read index: only the facts and attributes a draft names."""

    def __init__(self, index: Any) -> None:
        super().__init__()
        self.index = index

    def _read(self, entity: str, attribute: str) -> Evidence:
        standing = self.index.standing(entity, attribute)
        if standing is None:
            return Evidence(entity, attribute)
        found = [from_row(d) for d in self.index.variants(entity, attribute)]
        return _IndexEvidence(entity, attribute, standing[0], standing[1], found, index=self.index)

    def siblings(self, attribute: str) -> list[tuple[str, Variant]]:
        if attribute not in self._siblings:
            rows = self.index.sibling_variants(attribute)
            self._siblings[attribute] = [(e, from_row(d)) for e, found in rows for d in found]
        return self._siblings[attribute]
