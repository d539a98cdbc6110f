"""Numbers as a person writes them (671B, 14.8T, 131,072), without importing the reconciler.

The renderers need this on the read path, which must not import pydantic; `reconcile.short_number`
is the same function (a test keeps the two equal until reconcile imports it from here).
"""

from __future__ import annotations

from decimal import Decimal

_SCALES = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K"))


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
