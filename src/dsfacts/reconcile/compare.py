"""When do two stated values agree? One rule, used by `conflicts`, `show` and `check` (stage 4a).

A value stands for the interval a careful reader would accept from how it is written:

  numbers  the last significant digit sets the precision: `2.8M` covers 2.75M–2.85M, `671B`
           670.5B–671.5B, `2T` 1.5T–2.5T, `278.8万` 2.7875M–2.7885M. Trailing zeros of a whole
           number are ambiguous and read as rounding to the last non-zero digit, keeping two
           significant digits: `670B` and `6700亿` cover 665B–675B, `300` 295–305 (`2.0T`
           states its zero, so it keeps it). A hedge (about / 约 / ~) widens the interval
           by 5 % of the value on each side; under / 不到 makes it a half-line up to the value,
           over / 超过 one from the value.
           Overlapping intervals agree. Rounding intervals are open, so `2T` and `3T`, which only
           touch at 2.5T, do not. Values whose intervals miss but lie within 1 % of each other are
           a minor discrepancy (235B vs 236B); beyond that they contradict (660B vs 671B).
  money    like numbers, within one currency (other currencies are not compared).
  dates    the interval of their precision: 2024-12 contains 2024-12-26; else they conflict.
  sizes    a list agrees with a list it contains and with a range that holds all its items.
  ranges   agree only with equal ends; within 1 % is minor.
  text     equal after normalization (text.py): "MIT 许可证" is "MIT".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from dsfacts.models import Claim, DateValue, Money, Quantity, SizeList, SizeRange, Text, TypedValue
from dsfacts.reconcile.text import compare_texts, normalize_text, text_rules

Relation = Literal["same", "compatible", "minor", "conflict"]
RANK: dict[str, int] = {"same": 0, "compatible": 1, "minor": 2, "conflict": 3}
_RANK = RANK  # the old private name, still imported by callers

HEDGE = Decimal("0.05")  # "约 X" also allows 5 % of X either side of what X's digits state
APPROX = HEDGE
MINOR = Decimal("0.01")  # non-overlapping values within 1 % of each other: a minor discrepancy
_INF = Decimal("Infinity")
_HALF = Decimal("0.5")


# ---- intervals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """Where a stated number can lie. Rounding intervals are open: 2T and 3T do not touch."""

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


# "2.8M", "278.8 万", "6,700亿", "2 trillion": digits, decimals, magnitude word
_RAW_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?\s*(万亿|亿|万|千|[KkMBT](?![a-z])|thousand|million|billion|trillion)?", re.I)
_MAGNITUDE = {
    "k": 3, "thousand": 3, "千": 3, "m": 6, "million": 6, "b": 9, "billion": 9, "t": 12, "trillion": 12,
    "万": 4, "亿": 8, "万亿": 12,
}


def raw_resolution(raw: str | None) -> Decimal | None:
    """One step of the last written digit, from the raw text alone: "2T" -> 1e12, "2.8M" -> 1e5."""
    m = _RAW_NUMBER.search(raw or "")
    if not m:
        return None
    decimals = len(m.group(2) or "")
    power = _MAGNITUDE.get((m.group(3) or "").lower(), 0)
    return Decimal(1).scaleb(power - decimals)


def _last_digit(amount: Decimal) -> Decimal:
    """One step of the amount's own last digit: 671000 -> 1, 2.788 -> 0.001."""
    exp = amount.normalize().as_tuple().exponent
    return Decimal(1).scaleb(min(int(exp), 0)) if isinstance(exp, int) else Decimal(1)


def _states_decimals(raw: str | None) -> bool:
    """Does the source write decimals ("2.0T", "278.8万")? Then its zeros are significant."""
    m = _RAW_NUMBER.search(raw or "")
    return bool(m and m.group(2) is not None)


def stated_resolution(amount: Decimal, resolution: Decimal, raw: str | None) -> Decimal:
    """One step of the last significant digit as written; trailing whole-number zeros round.

    The extractor records one step of the last written digit (`670B` -> 1B); a zero there is
    ambiguous (670B may be 671B rounded), so whole-number zeros are read as rounding -> 10B,
    keeping at least two significant digits: "300 languages" is 295-305, not 250-350 (a lone
    digit states its precision only with a magnitude word: `2T` is 1.5T-2.5T).
    """
    res = resolution if resolution > 0 else (raw_resolution(raw) or _last_digit(amount))
    if _states_decimals(raw) or not amount or not amount.is_finite():
        return res
    ten = Decimal(10)
    while abs(amount) >= res * 100 and amount % (res * ten) == 0:  # keep two significant digits
        res *= ten
    return res


def number_interval(amount: Decimal, resolution: Decimal, qualifier: str | None, raw: str | None = None) -> Interval:
    """The interval a number stands for: rounding, widened by a hedge, or a bound (see above)."""
    if not amount.is_finite():
        return Interval(amount, amount)
    if qualifier == "upper_bound":
        return Interval(-_INF, amount)
    if qualifier == "lower_bound":
        return Interval(amount, _INF)
    half = stated_resolution(amount, resolution, raw) * _HALF
    if qualifier == "approx":
        half += abs(amount) * HEDGE
        return Interval(amount - half, amount + half)
    return Interval(amount - half, amount + half, True, True)


def relative_difference(a: Decimal, b: Decimal) -> Decimal:
    big = max(abs(a), abs(b))
    return abs(a - b) / big if big else Decimal(0)


def compare_numbers(
    a: Decimal,
    ra: Decimal,
    qa: str | None,
    b: Decimal,
    rb: Decimal,
    qb: str | None,
    raw_a: str | None = None,
    raw_b: str | None = None,
) -> Relation:
    """Overlapping intervals agree; values within 1 % of each other are minor; else conflict."""
    if a == b and qa == qb:
        return "same"
    ia, ib = number_interval(a, ra, qa, raw_a), number_interval(b, rb, qb, raw_b)
    if ia.overlaps(ib):
        return "compatible"
    if relative_difference(a, b) <= MINOR:
        return "minor"
    return "conflict"


def binary_k_match(a: Decimal, b: Decimal) -> bool:
    """128K written as 128,000 by one source and 131,072 (128 × 1024) by another: one size."""
    return any(x and x % 1000 == 0 and y == x / 1000 * 1024 for x, y in ((a, b), (b, a)))


# ---- dates, sizes -----------------------------------------------------------------------------


def compare_dates(a: DateValue, b: DateValue) -> Relation:
    """A date is the interval of its precision; 2024-12 contains 2024-12-26, not 2024-11."""
    if (a.start, a.end) == (b.start, b.end):
        return "same"
    if a.start <= b.end and b.start <= a.end:
        return "compatible"
    return "conflict"


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
    """A list agrees with a range that holds every item; items just outside (≤ 1 %) are minor."""
    if all(r.low <= s <= r.high for s in a.sizes):
        return "compatible"
    if all(r.low * (1 - MINOR) <= s <= r.high * (1 + MINOR) for s in a.sizes):
        return "minor"
    return "conflict"


def compare_ranges(a: SizeRange, b: SizeRange) -> Relation:
    """A range states the smallest and largest size, so both ends must match (≤ 1 % is minor)."""
    if (a.low, a.high) == (b.low, b.high):
        return "same"
    if _near(a.low, b.low) and _near(a.high, b.high):
        return "minor"
    return "conflict"


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


# ---- typed values, parsed once ----------------------------------------------------------------

_TYPED: dict[tuple, TypedValue | None] = {}


def _typed(claim: Claim) -> TypedValue | None:
    """The claim's typed value, memoized: check and reconcile compare the same values often."""
    key = (claim.kind, repr(claim.value), claim.unit, claim.resolution)
    if key in _TYPED:
        return _TYPED[key]
    try:
        v: TypedValue | None = claim.typed_value()
    except (ValueError, TypeError, ArithmeticError, AssertionError, KeyError, InvalidOperation):
        v = None
    if len(_TYPED) > 200_000:  # bounded: a long-lived process never grows without end
        _TYPED.clear()
    _TYPED[key] = v
    return v


def typed(claim: Claim) -> TypedValue | None:
    return _typed(claim)


def _as_number(v: TypedValue) -> tuple[Decimal, Decimal, str | None] | None:
    if isinstance(v, (Quantity, Money)):
        return v.amount, v.resolution, (v.currency if isinstance(v, Money) else None)
    return None


def _as_sizes(v: TypedValue) -> SizeList | SizeRange | None:
    if isinstance(v, (SizeList, SizeRange)):
        return v
    if isinstance(v, Quantity):
        return SizeList((v.amount,))
    return None


_INTERVALS: dict[tuple, Interval | None] = {}


def claim_interval(c: Claim) -> Interval | None:
    """A number claim's interval from its raw text, resolution and hedge; None for other kinds."""
    key = (c.kind, repr(c.value), c.unit, c.resolution, c.qualifier, c.raw)
    if key in _INTERVALS:
        return _INTERVALS[key]
    v = _typed(c)
    n = _as_number(v) if v is not None else None
    iv = number_interval(n[0], n[1], c.qualifier, c.raw) if n is not None else None
    if len(_INTERVALS) > 200_000:
        _INTERVALS.clear()
    _INTERVALS[key] = iv
    return iv


def _relate_numbers(a: Claim, b: Claim, x: Decimal, y: Decimal) -> Relation:
    """compare_numbers with both intervals from the cache (the hot path of large facts)."""
    if x == y and a.qualifier == b.qualifier:
        return "same"
    ia, ib = claim_interval(a), claim_interval(b)
    if ia is not None and ib is not None and ia.overlaps(ib):
        return "compatible"
    return "minor" if relative_difference(x, y) <= MINOR else "conflict"


# ---- the comparison API -----------------------------------------------------------------------


def relation(a: Claim, b: Claim) -> Relation:
    """Do these two claims' values agree? same / compatible / minor / conflict. Symmetric."""
    va, vb = _typed(a), _typed(b)
    if va is None or vb is None:
        return "same" if a.value == b.value else "compatible"  # unreadable: never a contradiction
    if (a.counts != b.counts or a.venue != b.venue) and a.value != b.value:
        # "685B (incl. the MTP module)" and "671B": two counts of one model; the arXiv preprint's date and the
        # journal's ("published in Nature on 17 September 2025"): two publications; neither is a contradiction
        return "compatible"
    na, nb = _as_number(va), _as_number(vb)
    if na and nb:
        if na[2] and nb[2] and na[2] != nb[2]:
            return "compatible"  # different currencies are not compared
        rel = _relate_numbers(a, b, na[0], nb[0])
        if rel != "same" and a.attribute in text_rules().binary_k_attributes and binary_k_match(na[0], nb[0]):
            return "compatible"
        return rel
    if isinstance(va, DateValue) and isinstance(vb, DateValue):
        return compare_dates(va, vb)
    sa, sb = _as_sizes(va), _as_sizes(vb)
    if sa is not None and sb is not None:
        return compare_sizes(sa, sb)
    if isinstance(va, Text) and isinstance(vb, Text):
        return compare_texts(va.text, vb.text, a.attribute if a.attribute == b.attribute else None)  # type: ignore[return-value]
    if isinstance(va, Text) or isinstance(vb, Text):
        return "same" if normalize_text(str(a.value)) == normalize_text(str(b.value)) else "compatible"
    return "compatible"  # different kinds (a date and a number): not comparable, not a contradiction


def compatible_value(a: Claim, b: Claim) -> bool:
    return relation(a, b) in ("same", "compatible")


def agreement_reason(a: Claim, b: Claim) -> str:
    """Why two agreeing claims agree, in one word: same, synonym, containment, rounding, hedge, bound, binary."""
    rel = relation(a, b)
    if rel not in ("same", "compatible"):
        return rel
    va, vb = _typed(a), _typed(b)
    if isinstance(va, Text) and isinstance(vb, Text):
        return "same" if va.text == vb.text else "synonym"
    if va is None or vb is None or not (_as_number(va) and _as_number(vb)):
        return "same" if rel == "same" else "containment"  # dates, sizes: one lies within the other
    if rel == "same":
        return "same"
    quals = {a.qualifier, b.qualifier}
    if quals & {"upper_bound", "lower_bound"}:
        return "bound"
    if "approx" in quals:
        ia, ib = claim_interval(a), claim_interval(b)
        bare_a = claim_interval(a.model_copy(update={"qualifier": None}))
        bare_b = claim_interval(b.model_copy(update={"qualifier": None}))
        if ia and ib and bare_a and bare_b and not bare_a.overlaps(bare_b):
            return "hedge"
        return "rounding"
    ia, ib = claim_interval(a), claim_interval(b)
    if ia and ib and not ia.overlaps(ib):
        return "binary"  # 128K = 131,072
    return "rounding"
