"""Report data for the commands: filters, counts, timeline, JSON shapes, entity and source rows.

Pure functions over reconciled facts; the CLI renders what they return and tests assert on it.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dsfacts.errors import DsfactsError
from dsfacts.models import Claim, DateValue, Fact, JSONValue, Source, Status, ValueGroup
from dsfacts.reconcile.compare import Relation
from dsfacts.reconcile.facts import FactValue, source_trust

if TYPE_CHECKING:
    from dsfacts.kb import KnowledgeBase

STATUS_ORDER: dict[str, int] = {"contradiction": 0, "minor-discrepancy": 1, "single-source": 2, "agreed": 3}
DISPUTED: tuple[Status, ...] = ("contradiction", "minor-discrepancy")
DATE_ATTRIBUTES = ("release_date", "paper_date")


class ReportError(DsfactsError):
    """A report option the user got wrong (unknown status or attribute)."""


def parse_statuses(text: str | None) -> tuple[Status, ...]:
    """"contradiction,agreed" -> statuses; "disputed" and "all" are shorthands; None -> disputed."""
    if not text:
        return DISPUTED
    out: list[str] = []
    for word in (w.strip().lower() for w in text.split(",")):
        if word in ("all", "any"):
            out.extend(STATUS_ORDER)
        elif word == "disputed":
            out.extend(DISPUTED)
        elif word in ("minor", "minor-discrepancy", "minor_discrepancy"):
            out.append("minor-discrepancy")
        elif word in ("single", "single-source", "single_source"):
            out.append("single-source")
        elif word in ("contradiction", "contradictions", "agreed"):
            out.append(word.rstrip("s") if word != "agreed" else word)
        elif word:
            raise ReportError(
                f"Unknown status {word!r}: use contradiction, minor-discrepancy, agreed, single-source, "
                "disputed or all (comma-separated)."
            )
    return tuple(sorted(set(out), key=STATUS_ORDER.__getitem__))  # type: ignore[arg-type]


def check_attribute(attribute: str, known: Iterable[str]) -> str:
    """The attribute name as given, or ReportError with the closest names."""
    names = sorted(set(known))
    key = attribute.strip().lower().replace("-", "_").replace(" ", "_")
    if key in names:
        return key
    from rapidfuzz import fuzz, process

    near = [n for n, score, _ in process.extract(key, names, scorer=fuzz.ratio, limit=3) if score >= 50]
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    raise ReportError(f"Unknown attribute {attribute!r}.{hint} Known: {', '.join(names)}.")


SPLITS = ("even", "outlier")
SPLIT_ORDER = {"even": 0, "outlier": 1}


def parse_split(text: str | None) -> str | None:
    """--split even|outlier, or None for both."""
    if text is None:
        return None
    word = text.strip().lower()
    if word not in SPLITS:
        raise ReportError(f"Unknown split {text!r}: use even or outlier.")
    return word


def select_facts(
    facts: list[Fact],
    entity: str | None = None,
    attribute: str | None = None,
    statuses: Iterable[str] = DISPUTED,
    split: str | None = None,
) -> list[Fact]:
    """Facts matching the filters: contradictions first (even splits before outliers), then the rest."""
    wanted = set(statuses)
    chosen = [
        f
        for f in facts
        if (entity is None or f.entity == entity)
        and (attribute is None or f.attribute == attribute)
        and f.status in wanted
        and (split is None or f.split == split)
    ]
    return sorted(chosen, key=lambda f: (STATUS_ORDER[f.status], SPLIT_ORDER.get(f.split or "", 2), f.entity, f.attribute))


def count_statuses(facts: list[Fact]) -> dict[str, int]:
    counts = {"facts": len(facts), **dict.fromkeys(STATUS_ORDER, 0)}
    for f in facts:
        counts[f.status] += 1
    counts["disputed"] = counts["contradiction"] + counts["minor-discrepancy"]
    return counts


def entity_facts(facts: list[Fact], entity: str) -> list[Fact]:
    return [f for f in facts if f.entity == entity]


def _date_start(value: JSONValue) -> tuple:
    try:
        d = DateValue.from_iso(str(value))
    except (ValueError, TypeError):
        return (9999, 12, 31)
    return (d.start.year, d.start.month, d.start.day)


def lead_value(f: Fact) -> JSONValue:
    """The preferred value, or (no preferred: an even split) the value listed first."""
    if f.preferred is not None or not f.values:
        return f.preferred
    return f.values[0].value


def timeline(facts: list[Fact]) -> list[Fact]:
    """Release and paper dates across all entities, in date order (at the precision stated)."""
    dated = [f for f in facts if f.attribute in DATE_ATTRIBUTES and lead_value(f) is not None]
    return sorted(dated, key=lambda f: (_date_start(lead_value(f)), f.entity, f.attribute))


def fact_json(f: Fact, explain: bool = True) -> dict:
    """The contract's FACT shape (plus confidence, explanation, trust and `explain` per value)."""
    data = f.model_dump(mode="json")
    if data.get("split") is None:
        data.pop("split", None)  # the contract: `split` on contradictions only
    for group, model in zip(data["values"], f.values, strict=True):
        group["claims"] = [{k: v for k, v in c.items() if v is not None} for c in group["claims"]]
        for key in ("trust", "independent"):
            if group.get(key) is None:
                group.pop(key, None)
        if isinstance(model, FactValue):
            group["relation"] = model.relation
            if model.why:
                group["why"] = model.why
            if explain and model.explain is not None:
                group["explain"] = model.explain
    return data


def relation_to_preferred(group: ValueGroup) -> Relation:
    """How a value group of a reconciled fact stands to its preferred value."""
    return group.relation if isinstance(group, FactValue) else "same"


def entity_rows(claims: list[Claim]) -> list[dict]:
    """Every known entity (and any unknown id found in claims) with aliases and counts."""
    from dsfacts.extract.entities import registry

    reg = registry()
    counts: dict[str, int] = defaultdict(int)
    attrs: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        counts[c.entity] += 1
        attrs[c.entity].add(c.attribute)
    rows = []
    for e in reg.entities.values():
        rows.append(
            {
                "id": e.id,
                "name": e.name,
                "aliases": [a for a in (*e.aliases, *e.short) if a != e.name],
                "claims": counts.get(e.id, 0),
                "attributes": len(attrs.get(e.id, ())),
            }
        )
    for eid in sorted(set(counts) - set(reg.entities)):
        rows.append({"id": eid, "name": eid, "aliases": [], "claims": counts[eid], "attributes": len(attrs[eid])})
    return rows


def source_rows(kb: KnowledgeBase, context: object = None) -> list[dict]:
    """Each source file: metadata (hand-written wins), claim count, and trust from truth discovery."""
    from dsfacts import sources as src
    from dsfacts.errors import SourceError

    trust = source_trust(kb.claims, context)  # type: ignore[arg-type]
    counts: dict[str, int] = defaultdict(int)
    for c in kb.claims:
        counts[c.source] += 1
    names: list[str] = []
    paths = {}
    if kb.sources_dir.is_dir():
        for p in src.discover(kb.sources_dir):
            names.append(p.name)
            paths[p.name] = p
    names += sorted((set(counts) | set(kb.sources)) - set(names))
    rows = []
    for name in names:
        meta = kb.sources.get(name)
        if name in paths:
            with contextlib.suppress(SourceError):
                meta = src.describe(src.read_document(paths[name]), meta)
        row = (meta or Source(id=name)).model_dump(exclude={"sha256"})
        row.update(
            {
                "on_disk": name in paths,
                "claims": counts.get(name, 0),
                "trust": round(trust[name], 3) if name in trust else None,
            }
        )
        rows.append(row)
    return rows
