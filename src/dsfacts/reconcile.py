"""Stage 5: group claims into facts, decide whether the sources agree, and what to believe.

Finding is separate from deciding: extraction reports what each source says; here small named
policies decide when two values agree (`relation`), a fact's status, and — by truth discovery
over all facts at once — the preferred value and how much to trust each source.

Policies, in one line each:
  dates    are intervals at their precision: they agree when they overlap, else they conflict.
  numbers  are intervals from precision and hedge; overlap agrees, a ≤ 2 % miss is minor.
  money    compares like numbers, only within one currency (other currencies: not compared).
  sizes    a list agrees with a range holding all its items, and with a list it contains.
  ranges   agree only with equal ends (a range states the smallest and largest size), ≤ 2 % minor.
  text     compares after normalization (data/normalize.yaml): "MIT 许可证" is "MIT".
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

import yaml

from dsfacts.errors import DataFileError, DsfactsError
from dsfacts.models import (
    Claim,
    ClaimRef,
    DateValue,
    Fact,
    JSONValue,
    Money,
    Quantity,
    SizeList,
    SizeRange,
    Source,
    Status,
    Text,
    TypedValue,
    ValueGroup,
)

if TYPE_CHECKING:
    from dsfacts.kb import KnowledgeBase

Relation = Literal["same", "compatible", "minor", "conflict"]
_RANK: dict[str, int] = {"same": 0, "compatible": 1, "minor": 2, "conflict": 3}

APPROX = Decimal("0.05")  # "约 X" allows ±5 %
MINOR = Decimal("0.015")  # a miss within 1.5 % is rounding (670B vs 671B), not a contradiction; 685B vs 671B (2 %) is another number
INITIAL_TRUST = 0.8
ITERATIONS = 10
_INF = Decimal("Infinity")


# ---- policies: numbers ------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """Where a stated number can lie. Rounding intervals are open: 670B and 671B do not touch."""

    lo: Decimal
    hi: Decimal
    lo_open: bool = False
    hi_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        lo = max(self.lo, other.lo)
        hi = min(self.hi, other.hi)
        if lo < hi:
            return True
        lo_open = (self.lo == lo and self.lo_open) or (other.lo == lo and other.lo_open)
        hi_open = (self.hi == hi and self.hi_open) or (other.hi == hi and other.hi_open)
        return lo == hi and not lo_open and not hi_open

    def gap(self, other: Interval) -> Decimal:
        """Distance between the two intervals (0 when they touch or overlap)."""
        if self.hi < other.lo:
            return other.lo - self.hi
        if other.hi < self.lo:
            return self.lo - other.hi
        return Decimal(0)

    @property
    def width(self) -> Decimal:
        return self.hi - self.lo


def number_interval(amount: Decimal, resolution: Decimal, qualifier: str | None) -> Interval:
    """Exact v ± r/2 (r = 0: exactly v); approx ±5 % (at least r); bounds are half-lines."""
    if qualifier == "upper_bound":
        return Interval(-_INF, amount)
    if qualifier == "lower_bound":
        return Interval(amount, _INF)
    if qualifier == "approx":
        half = max(abs(amount) * APPROX, resolution)
        return Interval(amount - half, amount + half)
    if resolution > 0:
        half = resolution / 2
        return Interval(amount - half, amount + half, True, True)
    return Interval(amount, amount)


def relative_difference(a: Decimal, b: Decimal) -> Decimal:
    big = max(abs(a), abs(b))
    return abs(a - b) / big if big else Decimal(0)


def compare_numbers(
    a: Decimal, ra: Decimal, qa: str | None, b: Decimal, rb: Decimal, qb: str | None
) -> Relation:
    """Overlapping intervals agree; a miss of at most 2 % of the larger value is minor."""
    if a == b and qa == qb:
        return "same"
    ia, ib = number_interval(a, ra, qa), number_interval(b, rb, qb)
    if ia.overlaps(ib):
        return "compatible"
    big = max(abs(a), abs(b))
    if big and ia.gap(ib) / big <= MINOR:
        return "minor"
    return "conflict"


def binary_k_match(a: Decimal, b: Decimal) -> bool:
    """128K written as 128,000 by one source and 131,072 (128 × 1024) by another: one size."""
    return any(x and x % 1000 == 0 and y == x / 1000 * 1024 for x, y in ((a, b), (b, a)))


# ---- policies: dates --------------------------------------------------------------------------


def compare_dates(a: DateValue, b: DateValue) -> Relation:
    """A date is the interval of its precision; 2024-12 contains 2024-12-26, not 2024-11."""
    if (a.start, a.end) == (b.start, b.end):
        return "same"
    if a.start <= b.end and b.start <= a.end:
        return "compatible"
    return "conflict"


# ---- policies: sizes --------------------------------------------------------------------------


def _near(x: Decimal, y: Decimal) -> bool:
    return relative_difference(x, y) <= MINOR


def compare_size_lists(a: SizeList, b: SizeList) -> Relation:
    """Equal sets are the same; a subset is compatible (naming fewer sizes is no contradiction)."""
    sa, sb = set(a.sizes), set(b.sizes)
    if sa == sb:
        return "same"
    if sa <= sb or sb <= sa:
        return "compatible"
    if len(sa) == len(sb) and all(_near(x, y) for x, y in zip(sorted(sa), sorted(sb), strict=True)):
        return "minor"
    return "conflict"


def compare_list_range(a: SizeList, r: SizeRange) -> Relation:
    """A list agrees with a range that holds every item; items just outside (≤ 2 %) are minor."""
    if all(r.low <= s <= r.high for s in a.sizes):
        return "compatible"
    if all(r.low * (1 - MINOR) <= s <= r.high * (1 + MINOR) for s in a.sizes):
        return "minor"
    return "conflict"


def compare_ranges(a: SizeRange, b: SizeRange) -> Relation:
    """A range states the smallest and largest size, so both ends must match (≤ 2 % is minor)."""
    if (a.low, a.high) == (b.low, b.high):
        return "same"
    if _near(a.low, b.low) and _near(a.high, b.high):
        return "minor"
    return "conflict"


# ---- policies: text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TextRules:
    drop_suffixes: tuple[str, ...]
    synonyms: dict[str, str]  # squashed variant -> canonical
    strip_patterns: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    entity_suffixes: tuple[str, ...] = ()
    binary_k_attributes: frozenset[str] = frozenset()


def _squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum() or ch == ".").strip(".")


@lru_cache(maxsize=1)
def text_rules() -> TextRules:
    raw_text = resources.files("dsfacts.data").joinpath("normalize.yaml").read_text(encoding="utf-8")
    return text_rules_from_yaml(raw_text)


def text_rules_from_yaml(raw_text: str, where: str = "normalize.yaml") -> TextRules:
    raw = yaml.safe_load(raw_text) or {}
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: expected a mapping with drop_suffixes and synonyms.")
    suffixes = raw.get("drop_suffixes") or []
    synonyms = raw.get("synonyms") or {}
    if not isinstance(suffixes, list) or not isinstance(synonyms, dict):
        raise DataFileError(f"{where}: drop_suffixes must be a list and synonyms a mapping.")
    table: dict[str, str] = {}
    for canonical, variants in synonyms.items():
        if not isinstance(variants, list):
            raise DataFileError(f"{where}: synonyms of {canonical!r} must be a list.")
        for v in [canonical, *variants]:
            table[_squash(str(v))] = str(canonical)
    ordered = tuple(sorted((_squash(str(s)) for s in suffixes), key=len, reverse=True))
    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    for attribute, items in (raw.get("strip_patterns") or {}).items():
        try:
            patterns[str(attribute)] = tuple(re.compile(str(p)) for p in items)
        except (re.error, TypeError) as e:
            raise DataFileError(f"{where}: bad strip_patterns for {attribute!r} ({e}).") from e
    return TextRules(
        ordered,
        table,
        patterns,
        tuple(str(x).lower() for x in raw.get("entity_suffixes") or ()),
        frozenset(str(x) for x in raw.get("binary_k_attributes") or ()),
    )


def normalize_text(text: str, attribute: str | None = None) -> str:
    """Canonical form of a text value: case, spaces, punctuation, licence words and synonyms."""
    rules = text_rules()
    if attribute == "base_model":
        entity = _entity_id(text, rules.entity_suffixes)
        if entity:
            return entity
    key = _squash(text)
    for pattern in rules.strip_patterns.get(attribute or "", ()):
        key = pattern.sub("", key)
    if key in rules.synonyms:
        return rules.synonyms[key]
    stripped = key
    for suffix in rules.drop_suffixes:
        if stripped.endswith(suffix) and len(stripped) > len(suffix):
            stripped = stripped[: -len(suffix)]
            break
    if stripped in rules.synonyms:
        return rules.synonyms[stripped]
    return stripped or key


def _entity_id(name: str, suffixes: tuple[str, ...] = ()) -> str | None:
    """A model name -> entity id (exact alias, else the one entity it mentions); "X-Base" -> X."""
    from dsfacts.errors import UnknownEntityError
    from dsfacts.extract.entities import registry

    reg = registry()
    try:
        found: str | None = reg.resolve(name)
    except UnknownEntityError:
        mentioned = {m.entity for m in reg.find(name)}
        found = mentioned.pop() if len(mentioned) == 1 else None
    if found is None:
        return None
    for suffix in suffixes:
        if found.endswith(suffix) and found[: -len(suffix)] in reg.entities:
            return found[: -len(suffix)]
    return found


def compare_texts(a: str, b: str, attribute: str | None = None) -> Relation:
    na, nb = normalize_text(a, attribute), normalize_text(b, attribute)
    if na == nb:
        return "same"
    return "conflict"


# ---- the comparison API -----------------------------------------------------------------------


def _typed(claim: Claim) -> TypedValue | None:
    try:
        return claim.typed_value()
    except (ValueError, TypeError, ArithmeticError, AssertionError, KeyError):
        return None


def _as_number(v: TypedValue) -> tuple[Decimal, Decimal, str | None] | None:
    if isinstance(v, (Quantity, Money)):
        return v.amount, v.resolution, (v.currency if isinstance(v, Money) else None)
    return None


def relation(a: Claim, b: Claim) -> Relation:
    """Do these two claims' values agree? same / compatible / minor / conflict. Symmetric."""
    va, vb = _typed(a), _typed(b)
    if va is None or vb is None:
        return "same" if a.value == b.value else "compatible"  # unreadable: never a contradiction
    na, nb = _as_number(va), _as_number(vb)
    if na and nb:
        if na[2] and nb[2] and na[2] != nb[2]:
            return "compatible"  # different currencies are not compared
        rel = compare_numbers(na[0], na[1], a.qualifier, nb[0], nb[1], b.qualifier)
        if rel != "same" and a.attribute in text_rules().binary_k_attributes and binary_k_match(na[0], nb[0]):
            return "compatible"
        return rel
    if isinstance(va, DateValue) and isinstance(vb, DateValue):
        return compare_dates(va, vb)
    sa, sb = _as_sizes(va), _as_sizes(vb)
    if sa is not None and sb is not None:
        return compare_sizes(sa, sb)
    if isinstance(va, Text) and isinstance(vb, Text):
        return compare_texts(va.text, vb.text, a.attribute)
    if isinstance(va, Text) or isinstance(vb, Text):
        return "same" if normalize_text(str(a.value)) == normalize_text(str(b.value)) else "compatible"
    return "compatible"  # different kinds (a date and a number): not comparable, not a contradiction


def _as_sizes(v: TypedValue) -> SizeList | SizeRange | None:
    if isinstance(v, (SizeList, SizeRange)):
        return v
    if isinstance(v, Quantity):
        return SizeList((v.amount,))
    return None


def compare_sizes(a: SizeList | SizeRange, b: SizeList | SizeRange) -> Relation:
    if isinstance(a, SizeList) and isinstance(b, SizeList):
        return compare_size_lists(a, b)
    if isinstance(a, SizeRange) and isinstance(b, SizeRange):
        return compare_ranges(a, b)
    if isinstance(a, SizeList):
        assert isinstance(b, SizeRange)
        return compare_list_range(a, b)
    assert isinstance(a, SizeRange) and isinstance(b, SizeList)
    return compare_list_range(b, a)


def compatible_value(a: Claim, b: Claim) -> bool:
    return relation(a, b) in ("same", "compatible")


# ---- human formatting (pure; render.py and explanations share it) -----------------------------

_SCALES = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K"))
_CURRENCY = {"USD": "$", "CNY": "¥", "EUR": "€"}


def short_number(x: Decimal) -> str:
    """671000000000 -> 671B, 14800000000000 -> 14.8T, 128000 -> 128K, 131072 -> 131,072."""
    if x != x:  # NaN
        return "?"
    if x.is_infinite():
        return "∞" if x > 0 else "-∞"
    sign = "-" if x < 0 else ""
    ax = abs(x)
    for scale, suffix in _SCALES:
        if ax >= scale:
            q = ax / scale
            text = f"{q.normalize():f}"
            if len(text.replace(".", "").lstrip("0")) > 4 and "." in text:
                break  # too many digits for a short form (131.072K): write it out
            return f"{sign}{text}{suffix}"
    return f"{sign}{group_digits(ax)}"


def group_digits(x: Decimal) -> str:
    """671000000000 -> 671,000,000,000 (the arithmetic a reader can check)."""
    if x == x.to_integral_value():
        return f"{int(x):,}"
    return f"{x.normalize():,f}"


def format_value(value: JSONValue, kind: str, unit: str | None = None, qualifier: str | None = None) -> str:
    """A value as a person writes it: 671B, $5.576M, 2024-12, 1.5B–70B, [1.5B, 7B]."""
    hedge = {"approx": "~", "upper_bound": "< ", "lower_bound": "> "}.get(qualifier or "", "")
    try:
        if kind in ("number", "money"):
            x = Decimal(str(value))
            prefix = _CURRENCY.get(unit or "USD", "") if kind == "money" else ""
            suffix = f" {unit}" if kind == "money" and unit and unit not in _CURRENCY else ""
            return f"{hedge}{prefix}{short_number(x)}{suffix}"
        if kind == "sizes" and isinstance(value, list):
            return hedge + ", ".join(short_number(Decimal(str(v))) for v in value)
        if kind == "range" and isinstance(value, dict):
            return f"{hedge}{short_number(Decimal(str(value['min'])))}–{short_number(Decimal(str(value['max'])))}"
    except (ArithmeticError, ValueError, KeyError):
        pass
    return f"{hedge}{value}"


def claim_label(c: Claim) -> str:
    """How the source wrote it (raw) — or the formatted value when raw is missing."""
    return c.raw or format_value(c.value, c.kind, c.unit, c.qualifier)


# ---- explanations -----------------------------------------------------------------------------


def explain_relation(a: Claim, b: Claim) -> str:
    """Plain words with the arithmetic shown, e.g. "6710亿 = 671,000,000,000 and 671B = …"."""
    rel = relation(a, b)
    va, vb = _typed(a), _typed(b)
    la, lb = claim_label(a), claim_label(b)
    if va is None or vb is None:
        return f"{la} and {lb} cannot be compared"
    na, nb = _as_number(va), _as_number(vb)
    if na and nb:
        return _explain_numbers(a, b, na, nb, rel)
    if isinstance(va, DateValue) and isinstance(vb, DateValue):
        return _explain_dates(va, vb, rel)
    sa, sb = _as_sizes(va), _as_sizes(vb)
    if sa is not None and sb is not None:
        return _explain_sizes(sa, sb, rel)
    if isinstance(va, Text) and isinstance(vb, Text):
        na_, nb_ = normalize_text(va.text, a.attribute), normalize_text(vb.text, b.attribute)
        if rel == "same":
            if va.text == vb.text:
                return f"both say {va.text}"
            return f"{va.text} and {vb.text} both mean {na_}"
        return f"{va.text} ({na_}) and {vb.text} ({nb_}) are different"
    return f"{la} and {lb} are different kinds of value and are not compared"


def _num_label(c: Claim, amount: Decimal, currency: str | None) -> str:
    money = _CURRENCY.get(currency or "", "") if currency else ""
    return f"{claim_label(c)} = {money}{group_digits(amount)}"


def _explain_numbers(
    a: Claim,
    b: Claim,
    na: tuple[Decimal, Decimal, str | None],
    nb: tuple[Decimal, Decimal, str | None],
    rel: Relation,
) -> str:
    x, y = na[0], nb[0]
    if na[2] and nb[2] and na[2] != nb[2]:
        return f"{claim_label(a)} ({na[2]}) and {claim_label(b)} ({nb[2]}) are in different currencies: not compared"
    left, right = _num_label(a, x, na[2]), _num_label(b, y, nb[2])
    if rel == "same":
        return f"{left} and {right}: the same number"
    if rel == "compatible":
        h, other, nh, no = (a, b, na, nb) if a.qualifier else (b, a, nb, na)
        if h.qualifier:
            ih = number_interval(nh[0], nh[1], h.qualifier)
            if h.qualifier == "upper_bound":
                words = f"allows anything up to {group_digits(ih.hi)}"
            elif h.qualifier == "lower_bound":
                words = f"allows anything from {group_digits(ih.lo)}"
            else:
                words = f"allows {group_digits(ih.lo)}–{group_digits(ih.hi)} (±5%)"
            return f"{_num_label(h, nh[0], nh[2])} {words}, which includes {_num_label(other, no[0], no[2])}"
        return f"{left} and {right} agree within the precision stated"
    diff = abs(x - y)
    big, small = (x, y) if abs(x) >= abs(y) else (y, x)
    if rel == "minor":
        pct = relative_difference(x, y) * 100
        money = _CURRENCY.get(na[2] or "", "")
        return f"{left} and {right} differ by {money}{group_digits(diff)} ({pct:.2g}%): a rounding-size difference"
    if small and abs(big / small) >= Decimal("1.5"):
        ratio = abs(big / small)
        ratio_text = f"{ratio.normalize():f}" if ratio == ratio.to_integral_value() else f"{ratio:.1f}"
        first, second = (left, right) if abs(x) >= abs(y) else (right, left)
        return f"{first} is {ratio_text}× {second}"
    pct = relative_difference(x, y) * 100
    return f"{left} and {right} differ by {group_digits(diff)} ({pct:.1f}%)"


_PRECISION_WORDS = {"day": "days", "month": "months", "year": "years", "interval": "periods"}


def _explain_dates(a: DateValue, b: DateValue, rel: Relation) -> str:
    if rel == "same":
        return f"both say {a.iso}"
    if rel == "compatible":
        wide, narrow = (a, b) if (a.end - a.start) >= (b.end - b.start) else (b, a)
        span = {"year": "the whole year", "month": "the whole month", "interval": "a period"}.get(wide.precision, "")
        span_text = f" ({span} {wide.start.isoformat()} to {wide.end.isoformat()})" if span else ""
        return f"{wide.iso}{span_text} includes {narrow.iso}"
    if a.precision == b.precision and a.precision != "interval":
        words = _PRECISION_WORDS[a.precision]
        if a.precision == "month":
            months = abs((a.start.year - b.start.year) * 12 + a.start.month - b.start.month)
            return f"{a.iso} and {b.iso} are different months ({months} months apart)"
        if a.precision == "day":
            days = abs((a.start - b.start).days)
            return f"{a.iso} and {b.iso} are different days ({days} day{'s' if days != 1 else ''} apart)"
        return f"{a.iso} and {b.iso} are different {words}"
    wide, narrow = (a, b) if (a.end - a.start) >= (b.end - b.start) else (b, a)
    span = f" ({wide.start.isoformat()} to {wide.end.isoformat()})" if wide.precision == "interval" else ""
    return f"{narrow.iso} is not within {wide.iso}{span}"


def _sizes_text(v: SizeList | SizeRange) -> str:
    if isinstance(v, SizeRange):
        return f"{short_number(v.low)}–{short_number(v.high)}"
    return "[" + ", ".join(short_number(s) for s in sorted(v.sizes)) + "]"


def _explain_sizes(a: SizeList | SizeRange, b: SizeList | SizeRange, rel: Relation) -> str:
    ta, tb = _sizes_text(a), _sizes_text(b)
    if isinstance(a, SizeList) and isinstance(b, SizeList):
        sa, sb = set(a.sizes), set(b.sizes)
        if rel == "same":
            return f"both list {ta}"
        if rel == "compatible":
            small, large = (ta, tb) if sa <= sb else (tb, ta)
            return f"{small} names only sizes that {large} also lists"
        only_a = ", ".join(short_number(s) for s in sorted(sa - sb))
        only_b = ", ".join(short_number(s) for s in sorted(sb - sa))
        return f"{ta} vs {tb}: {only_a} only in the first, {only_b} only in the second"
    if isinstance(a, SizeRange) and isinstance(b, SizeRange):
        if rel == "same":
            return f"both say {ta}"
        return f"the ranges {ta} and {tb} have different ends"
    lst, rng = (a, b) if isinstance(a, SizeList) else (b, a)
    assert isinstance(lst, SizeList) and isinstance(rng, SizeRange)
    if rel == "compatible":
        return f"every size in {_sizes_text(lst)} lies within {_sizes_text(rng)}"
    outside = ", ".join(short_number(s) for s in sorted(lst.sizes) if not rng.low <= s <= rng.high)
    return f"{outside} in {_sizes_text(lst)} lies outside {_sizes_text(rng)}"


# ---- grouping ---------------------------------------------------------------------------------


def _value_key(c: Claim) -> tuple:
    """Claims with equal keys say the same thing the same way and form one value group."""
    if c.kind == "text":
        return ("text", normalize_text(str(c.value), c.attribute), c.qualifier)
    return (c.kind, repr(canonical_value(c)), c.unit if c.kind == "money" else None, c.qualifier)


def canonical_value(c: Claim) -> JSONValue:
    """The contract's JSON form, normalized: 7e9 and 7000000000 are one value; "MIT 许可证" is "MIT"."""
    if c.kind == "text":
        return normalize_text(str(c.value), c.attribute)
    v = _typed(c)
    return v.to_json() if v is not None else c.value


def merge_same_source_sizes(claims: list[Claim]) -> list[Claim]:
    """One source listing sizes on several lines lists one set: union its lists per fact."""
    out: list[Claim] = []
    lists: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind == "sizes" and isinstance(c.value, list):
            lists[(c.entity, c.attribute, c.source)].append(c)
        else:
            out.append(c)
    for group in lists.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        union = sorted({Decimal(str(v)) for c in group for v in c.value})  # type: ignore[union-attr]
        merged_value = SizeList(tuple(union)).to_json()
        for c in group:  # every line keeps its provenance, all carry the union
            out.append(c.model_copy(update={"value": merged_value, "raw": c.raw}))
    return out


@dataclass
class _Group:
    key: tuple
    claims: list[Claim]

    @property
    def rep(self) -> Claim:
        return min(self.claims, key=Claim.sort_key)

    @property
    def sources(self) -> set[str]:
        return {c.source for c in self.claims}


def _groups(claims: list[Claim]) -> list[_Group]:
    by_key: dict[tuple, list[Claim]] = {}
    for c in sorted(claims, key=Claim.sort_key):
        by_key.setdefault(_value_key(c), []).append(c)
    return [_Group(k, v) for k, v in by_key.items()]


def _pair_relations(groups: list[_Group]) -> dict[tuple[int, int], Relation]:
    rel: dict[tuple[int, int], Relation] = {}
    for i, gi in enumerate(groups):
        for j in range(i + 1, len(groups)):
            r = relation(gi.rep, groups[j].rep)
            rel[(i, j)] = rel[(j, i)] = r
    return rel


def fact_status(groups: list[_Group], rel: dict[tuple[int, int], Relation]) -> Status:
    """single-source / agreed / minor-discrepancy / contradiction; same-source pairs don't count."""
    sources = set().union(*(g.sources for g in groups)) if groups else set()
    if len(sources) <= 1:
        return "single-source"
    worst = 0
    for (i, j), r in rel.items():
        if i < j and len(groups[i].sources | groups[j].sources) > 1:  # two different sources
            worst = max(worst, _RANK[r])
    return {0: "agreed", 1: "agreed", 2: "minor-discrepancy", 3: "contradiction"}[worst]  # type: ignore[return-value]


# ---- truth discovery --------------------------------------------------------------------------

_SUPPORT = {"same": 1.0, "compatible": 1.0, "minor": 0.5, "conflict": -1.0}
RHO = 0.5  # how much related values lend (or take away) support
GAMMA = 0.3  # damping of the logistic turning scores into confidences


@dataclass
class _FactWork:
    entity: str
    attribute: str
    groups: list[_Group]
    rel: dict[tuple[int, int], Relation]
    confidence: list[float]


def _prepare(claims: Iterable[Claim]) -> list[_FactWork]:
    merged = merge_same_source_sizes(list(claims))
    by_fact: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in merged:
        by_fact[(c.entity, c.attribute)].append(c)
    work = []
    for (entity, attribute), cs in sorted(by_fact.items()):
        groups = _groups(cs)
        work.append(_FactWork(entity, attribute, groups, _pair_relations(groups), [0.5] * len(groups)))
    return work


def _discover(work: list[_FactWork]) -> dict[str, float]:
    """TruthFinder-style: value confidence from source trust and related values, and back."""
    sources = {s for w in work for g in w.groups for s in g.sources}
    trust = dict.fromkeys(sorted(sources), INITIAL_TRUST)
    for _ in range(ITERATIONS):
        for w in work:
            tau = [sum(-math.log(1 - min(trust[s], 0.99)) for s in g.sources) for g in w.groups]
            for i in range(len(w.groups)):
                adjusted = tau[i] + RHO * sum(
                    tau[j] * _SUPPORT[w.rel[(i, j)]] for j in range(len(w.groups)) if j != i
                )
                w.confidence[i] = 1 / (1 + math.exp(-GAMMA * adjusted))
        per_source: dict[str, list[float]] = defaultdict(list)
        for w in work:
            for g, conf in zip(w.groups, w.confidence, strict=True):
                for s in g.sources:
                    per_source[s].append(conf)
        new = {s: (sum(v) / len(v) if v else INITIAL_TRUST) for s, v in per_source.items()}
        done = all(abs(new[s] - trust[s]) < 1e-6 for s in trust)
        trust = new
        if done:
            break
    return trust


def source_trust(claims: list[Claim]) -> dict[str, float]:
    """How far each source can be trusted: average confidence of what it claims (0..1)."""
    return _discover(_prepare(claims))


def _specificity(c: Claim) -> tuple:
    """Larger is more precise: 2024-12-26 over 2024-12, 278.8万 over 约278万, a list over a range."""
    v = _typed(c)
    if isinstance(v, DateValue):
        return (0, -(v.end - v.start).days)
    n = _as_number(v) if v is not None else None
    if n is not None:
        iv = number_interval(n[0], n[1], c.qualifier)
        return (0, -float(iv.width) if iv.width.is_finite() else -math.inf)
    if isinstance(v, SizeList):
        return (1, len(v.sizes))
    return (0, 0)


def _preferred(w: _FactWork) -> int:
    """The most precise value in the best-supported cluster (2024-12 supports 2024-12-26)."""
    top = max(
        range(len(w.groups)),
        key=lambda i: (round(w.confidence[i], 9), len(w.groups[i].sources), len(w.groups[i].claims)),
    )
    cluster = [i for i in range(len(w.groups)) if i == top or _RANK[w.rel[(i, top)]] <= 1]
    return max(
        cluster,
        key=lambda i: (_specificity(w.groups[i].rep), w.confidence[i], len(w.groups[i].sources), -i),
    )


# ---- facts ------------------------------------------------------------------------------------


def _explain_fact(w: _FactWork, status: Status, pref: int) -> str | None:
    if status == "agreed":
        return None
    sources = sorted(set().union(*(g.sources for g in w.groups)))
    if status == "single-source":
        text = f"only {sources[0]} states this"
        if len(w.groups) > 1:
            inner = [
                explain_relation(w.groups[pref].rep, g.rep)
                for i, g in enumerate(w.groups)
                if i != pref and _RANK[w.rel[(i, pref)]] >= 2
            ]
            if inner:
                text += "; within it: " + "; ".join(inner)
        return text
    parts = []
    agreeing = set().union(*(g.sources for i, g in enumerate(w.groups) if i == pref or _RANK[w.rel[(i, pref)]] <= 1))
    for i, g in enumerate(w.groups):
        if i == pref or _RANK[w.rel[(i, pref)]] < 2:
            continue
        text = explain_relation(w.groups[pref].rep, g.rep)
        torn = sorted(g.sources & agreeing)
        if torn:  # the odd value comes from a source that elsewhere agrees: it contradicts itself
            text += f" ({', '.join(torn)} also states {format_value(_group_value(w.groups[pref]), w.groups[pref].rep.kind)} elsewhere)"
        parts.append(text)
    if len(parts) > 3:
        parts = [*parts[:3], f"and {len(parts) - 3} more different values"]
    if not parts:  # the disagreement is between two values other than the preferred one
        for (i, j), r in sorted(w.rel.items()):
            if i < j and _RANK[r] >= 2:
                parts.append(explain_relation(w.groups[i].rep, w.groups[j].rep))
                break
    return "; ".join(parts)


def _ref(c: Claim) -> ClaimRef:
    return ClaimRef(source=c.source, line=c.line, quote=c.quote, column=c.column, qualifier=c.qualifier, raw=c.raw)


def _group_value(g: _Group) -> JSONValue:
    return canonical_value(g.rep)


class FactValue(ValueGroup):
    """A value group that also says how it stands to the preferred value, and why."""

    relation: Relation = "same"  # to the preferred value
    why: str | None = None  # explain_relation(preferred, this), when they are not the same


def _fact(w: _FactWork, trust: dict[str, float]) -> Fact:
    status = fact_status(w.groups, w.rel)
    pref = _preferred(w) if w.groups else 0
    order = sorted(range(len(w.groups)), key=lambda i: (i != pref, _RANK[w.rel.get((i, pref), "same")], -w.confidence[i], i))
    values: list[ValueGroup] = [
        FactValue(
            value=_group_value(w.groups[i]),
            claims=[_ref(c) for c in w.groups[i].claims],
            trust=round(w.confidence[i], 3),
            relation=w.rel.get((i, pref), "same"),
            why=None if i == pref else explain_relation(w.groups[pref].rep, w.groups[i].rep),
        )
        for i in order
    ]
    return Fact(
        entity=w.entity,
        attribute=w.attribute,
        status=status,
        preferred=_group_value(w.groups[pref]),
        confidence=round(w.confidence[pref], 3),
        values=values,
        explanation=_explain_fact(w, status, pref),
    )


def reconcile(claims: list[Claim]) -> list[Fact]:
    """Every fact (entity, attribute) with status, preferred value and explanation, sorted."""
    work = _prepare(claims)
    trust = _discover(work)
    return [_fact(w, trust) for w in work]


def fact_claims(fact: Fact, claims: list[Claim]) -> list[Claim]:
    """The claims behind a fact (for callers that need kinds and qualifiers back)."""
    return [c for c in claims if c.entity == fact.entity and c.attribute == fact.attribute]



# ---- report data (pure: the CLI renders these, tests assert on them) --------------------------

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


def select_facts(
    facts: list[Fact],
    entity: str | None = None,
    attribute: str | None = None,
    statuses: Iterable[str] = DISPUTED,
) -> list[Fact]:
    """Facts matching the filters: contradictions first, then minor discrepancies, then the rest."""
    wanted = set(statuses)
    chosen = [
        f
        for f in facts
        if (entity is None or f.entity == entity)
        and (attribute is None or f.attribute == attribute)
        and f.status in wanted
    ]
    return sorted(chosen, key=lambda f: (STATUS_ORDER[f.status], f.entity, f.attribute))


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


def timeline(facts: list[Fact]) -> list[Fact]:
    """Release and paper dates across all entities, in date order (at the precision stated)."""
    dated = [f for f in facts if f.attribute in DATE_ATTRIBUTES and f.preferred is not None]
    return sorted(dated, key=lambda f: (_date_start(f.preferred), f.entity, f.attribute))


def fact_json(f: Fact) -> dict:
    """The contract's FACT shape (plus confidence/explanation/trust), without empty claim fields."""
    data = f.model_dump(mode="json")
    for group, model in zip(data["values"], f.values, strict=True):
        group["claims"] = [{k: v for k, v in c.items() if v is not None} for c in group["claims"]]
        if group.get("trust") is None:
            group.pop("trust", None)
        if isinstance(model, FactValue):
            group["relation"] = model.relation
            if model.why:
                group["why"] = model.why
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


def source_rows(kb: KnowledgeBase) -> list[dict]:
    """Each source file: metadata (hand-written wins), claim count, and trust from truth discovery."""
    from dsfacts import sources as src
    from dsfacts.errors import SourceError

    trust = source_trust(kb.claims)
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
