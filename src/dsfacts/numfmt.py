"""Numbers as a person writes them (671B, 14.8T, 131,072), without importing the reconciler.

The renderers need this on the read path, which must not import pydantic; the reconciler's
explanations, the terminal renderers and the HTML report all import it from here.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

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


UNITS = {"training_tokens": " tokens", "training_gpu_hours": " GPU hours", "pretraining_gpu_hours": " GPU hours"}
MONEY_PREFIX = {"training_cost_usd": "$", "training_cost_cny": "¥"}
PLAIN_NUMBERS = ("programming_languages",)


def human_value(value: object, attribute: str, list_brackets: bool = True) -> str:
    """A value as people write it: 671B, 2.788M GPU hours, 128K, $5.576M, 2024-12-26, [1.5B, 7B], 1.5B–70B."""
    if value is None:
        return "—"
    try:
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, (int, float)):
            x = Decimal(str(value))
            if attribute in PLAIN_NUMBERS or attribute.endswith("_count"):
                return f"{x.normalize():f}"
            return f"{MONEY_PREFIX.get(attribute, '')}{short_number(x)}{UNITS.get(attribute, '')}"
        if isinstance(value, list):
            sizes = ", ".join(short_number(Decimal(str(v))) for v in value)
            return f"[{sizes}]" if list_brackets else sizes
        if isinstance(value, dict) and {"min", "max"} <= set(value):
            return f"{short_number(Decimal(str(value['min'])))}–{short_number(Decimal(str(value['max'])))}"
    except (InvalidOperation, ValueError, TypeError):
        pass
    return str(value)
