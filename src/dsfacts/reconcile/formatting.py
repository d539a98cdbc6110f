"""Numbers and values as a person writes them: 671B, $5.576M, 2024-12, 1.5B–70B (pure).

render.py, the explanations and `check` share these, so a value reads the same everywhere.
"""

from __future__ import annotations

from decimal import Decimal

from dsfacts.models import Claim, JSONValue
from dsfacts.numfmt import group_digits, short_number  # noqa: F401 - re-exported: one way to write a number

_CURRENCY = {"USD": "$", "CNY": "¥", "EUR": "€"}


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

