"""Numbers and values as a person writes them: 671B, $5.576M, 2024-12, 1.5B–70B (pure).

render.py, the explanations and `check` share these, so a value reads the same everywhere.
"""

from __future__ import annotations

from decimal import Decimal

from dsfacts.models import Claim, JSONValue

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

