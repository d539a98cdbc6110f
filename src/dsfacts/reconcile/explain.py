"""Why, in words a reader can follow: one pair of values, and one value of a fact (stage 4d).

`explain_relation` shows the arithmetic ("6710亿 = 671,000,000,000 and 671B = …"); `interval_text`
says what a stated number covers and why ("2.8M: 2.75M–2.85M, rounding of its last digit").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dsfacts.models import Claim, DateValue, SizeList, SizeRange, Text
from dsfacts.reconcile.compare import (
    HEDGE,
    Interval,
    Relation,
    _as_number,
    _as_sizes,
    _typed,
    claim_interval,
    relation,
    relative_difference,
    stated_resolution,
)
from dsfacts.reconcile.formatting import _CURRENCY, claim_label, format_value, group_digits, short_number
from dsfacts.reconcile.text import normalize_text


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
        if h.qualifier in ("upper_bound", "lower_bound"):
            ih = claim_interval(h)
            assert ih is not None
            words = f"allows anything up to {group_digits(ih.hi)}" if h.qualifier == "upper_bound" else (
                f"allows anything from {group_digits(ih.lo)}"
            )
            return f"{_num_label(h, nh[0], nh[2])} {words}, which includes {_num_label(other, no[0], no[2])}"
        ia, ib = claim_interval(a), claim_interval(b)
        if ia is not None and ib is not None and not ia.overlaps(ib):
            return f"{left} and {right}: the same size, one counted in units of 1,024"
        return f"{_short_span(a)} and {_short_span(b)} overlap: they agree within the precision stated"
    diff = abs(x - y)
    big, small = (x, y) if abs(x) >= abs(y) else (y, x)
    if rel == "minor":
        pct = relative_difference(x, y) * 100
        money = _CURRENCY.get(na[2] or "", "")
        return (
            f"{left} and {right} differ by {money}{group_digits(diff)} ({pct:.2g}%): beyond the precision "
            "stated, but within 1%"
        )
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



# ---- one number's interval ----------------------------------------------------------------------


def _span(iv: Interval) -> str:
    if iv.lo.is_infinite():
        return f"up to {short_number(iv.hi)}"
    if iv.hi.is_infinite():
        return f"from {short_number(iv.lo)}"
    return f"{short_number(iv.lo)}–{short_number(iv.hi)}"


def _short_span(c: Claim) -> str:
    """"2.8M (2.75M–2.85M)": a value with the interval it stands for."""
    iv = claim_interval(c)
    return f"{claim_label(c)} ({_span(iv)})" if iv is not None else claim_label(c)


def interval_text(c: Claim) -> str:
    """What a stated value covers and why: "2.8M covers 2.75M–2.85M (rounding of its last digit)"."""
    v = _typed(c)
    if v is None:
        return f"{claim_label(c)} (not readable as a value)"
    n = _as_number(v)
    if n is None:
        if isinstance(v, DateValue):
            return f"{v.iso} covers {v.start.isoformat()} to {v.end.isoformat()}"
        return claim_label(c)
    iv = claim_interval(c)
    assert iv is not None
    label = claim_label(c)
    if c.qualifier == "upper_bound":
        return f"{label} covers {_span(iv)} (a bound)"
    if c.qualifier == "lower_bound":
        return f"{label} covers {_span(iv)} (a bound)"
    step = stated_resolution(n[0], n[1], c.raw)
    why = f"±{short_number(step / 2)}: half a step of its last significant digit"
    if step > (n[1] if n[1] > 0 else step):
        why += " (trailing zeros read as rounding)"
    if c.qualifier == "approx":
        why += f", widened {int(HEDGE * 100)}% by the hedge"
    return f"{label} covers {_span(iv)} ({why})"


# ---- one fact ---------------------------------------------------------------------------------

_NEAR_RANK = {"same": 0, "compatible": 1, "minor": 2, "conflict": 3}


def explain_fact(groups: list[Any], links: Any, status: str, lead: int) -> str | None:
    """The disagreement in one line, arithmetic shown; None when everything agrees."""
    if status == "agreed" or not groups:
        return None
    sources = sorted(set().union(*(g.sources for g in groups)))
    if status == "single-source":
        text = f"only {sources[0]} states this"
        inner = [
            explain_relation(groups[lead].rep, g.rep)
            for i, g in enumerate(groups[:64])
            if i != lead and _NEAR_RANK[links.get(i, lead)] >= 2
        ]
        if inner:
            text += "; within it: " + "; ".join(inner[:3])
        return text
    agreeing = set().union(
        *(g.sources for i, g in enumerate(groups) if i == lead or _NEAR_RANK[links.get(i, lead)] <= 1)
    )
    parts: list[str] = []
    for i, g in enumerate(groups):
        if i == lead or _NEAR_RANK[links.get(i, lead)] < 2:
            continue
        if len(parts) >= 4:
            parts.append("…")
            break
        text = explain_relation(groups[lead].rep, g.rep)
        torn = sorted(g.sources & agreeing)
        if torn:  # the odd value comes from a source that elsewhere agrees: it contradicts itself
            said = format_value(groups[lead].rep.value, groups[lead].rep.kind)
            text += f" ({', '.join(torn[:3])} also states {said} elsewhere)"
        parts.append(text)
    if parts and parts[-1] == "…":
        n_other = sum(1 for i in range(len(groups)) if i != lead and _NEAR_RANK[links.get(i, lead)] >= 2)
        parts[-1] = f"and {n_other - 4} more different values"
    if not parts:  # the disagreement is between two values other than the lead one
        for i in range(min(len(groups), 64)):
            for j in range(i + 1, min(len(groups), 64)):
                if _NEAR_RANK[links.get(i, j)] >= 2:
                    return explain_relation(groups[i].rep, groups[j].rep)
    return "; ".join(parts) or None
