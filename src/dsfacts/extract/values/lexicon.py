"""The vocabulary of values: result types, the words of data/values.yaml, and the regex
fragments every grammar is built from (numbers, magnitudes, months, hedges, currencies)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from dsfacts.data import load_yaml
from dsfacts.errors import DataFileError
from dsfacts.models import Qualifier, Quantity

# ---- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthDay:
    """A date stated without a year ("1 月 20 日", "12月10日", "Jan 20"); day may be missing ("12月")."""

    month: int
    day: int | None

    def to_json(self) -> str:
        return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


@dataclass(frozen=True)
class Compound:
    """Total and active parameters written as one token: "16B-A3B", "236B/21B"."""

    total: Quantity
    active: Quantity

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total.to_json(), "active": self.active.to_json()}


@dataclass(frozen=True)
class ValueMatch:
    start: int  # span in the input, covering hedge word + value + unit ("约 278 万")
    end: int
    kind: str  # date | monthday | number | money | sizes | range | compound | arxiv | percent | other
    value: object
    raw: str  # input[start:end]
    qualifier: Qualifier | None = None
    magnitude: bool = False  # the number carried a magnitude (B, 亿, million …)
    explicit: bool = False  # arxiv: introduced by "arXiv" / "arxiv.org" / "eprint"


# ---- vocabulary (data/values.yaml) --------------------------------------------------------------


def _load_vocabulary() -> dict[str, Any]:
    text = resources.files("dsfacts.data").joinpath("values.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    required = (
        "hedges_before", "hedges_after", "hedge_blockers", "magnitude_letters", "magnitude_words",
        "chinese_units", "currencies", "months", "year_parts_zh", "year_parts_zh_not_before",
        "year_parts_en", "not_year_after", "vague_before_chinese", "not_more_after", "change_words",
        "not_yuan_after", "year_intro_words",
    )
    if not isinstance(data, dict):
        raise DataFileError("values.yaml: expected a mapping.")
    missing = [k for k in required if k not in data]
    if missing:
        raise DataFileError(f"values.yaml: missing section(s): {', '.join(missing)}.")
    for section in ("hedges_before", "hedges_after"):
        for qualifier in data[section]:
            if qualifier not in ("approx", "upper_bound", "lower_bound"):
                raise DataFileError(f"values.yaml: {section}: unknown qualifier {qualifier!r}.")
    for month, names in data["months"].items():
        if not (isinstance(month, int) and 1 <= month <= 12 and names):
            raise DataFileError(f"values.yaml: months: bad entry {month!r}.")
    for section in ("year_parts_zh", "year_parts_en"):
        for part, span in data[section].items():
            if not (isinstance(span, list) and len(span) == 2 and 1 <= span[0] <= span[1] <= 12):
                raise DataFileError(f"values.yaml: {section}: {part!r} needs [first month, last month].")
    return data


VOCAB = _load_vocabulary()


def alt(words: Iterable[str], english_boundary: bool = False) -> str:
    """A regex alternation, longest first; ASCII words get letter boundaries and free spacing."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w).replace(r"\ ", r"\s+")
        if english_boundary and w[:1].isascii() and w[:1].isalpha():
            p = rf"(?<![A-Za-z]){p}"
        if english_boundary and w[-1:].isascii() and w[-1:].isalpha():
            p = rf"{p}(?![A-Za-z])"
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


SP = r"[ \t\u00a0\u3000]"
# Patterns start with a plain character class so that the regex engine can skip ahead fast.
# The lookbehind after the first digit stops the engine from retrying inside "145501376" or "1.5".
NUM = r"[0-9](?<![0-9.][0-9])(?:[0-9]{0,2}(?:,[0-9]{3})+|[0-9]{0,19})(?:\.[0-9]{1,12})?"
ZH_UNIT = {k: Decimal(v) for k, v in VOCAB["chinese_units"].items()}
LETTER = {k: Decimal(v) for k, v in VOCAB["magnitude_letters"].items()}
WORD = {k.lower(): Decimal(v) for k, v in VOCAB["magnitude_words"].items()}
MAG_ZH = r"(?:[十百千]?万?亿|[十百千]?万|千|兆)"
MAG_WORD = "(?i:" + alt(WORD) + r"(?![A-Za-z]))"
MAG_LETTER = "[" + "".join(sorted(LETTER)) + "](?![A-Za-z0-9_])"
# "37 B", "14.8 T": a magnitude letter may stand one space away from its number
MAG = rf"(?:{SP}?{MAG_ZH}|(?:{SP}|-)?{MAG_WORD}|(?<=[0-9])[ ]?{MAG_LETTER})"  # "236-billion-parameter"
ZH_NUM = r"[一二两三四五六七八九十百千][零一二两三四五六七八九十百千万亿]*(?:点[零〇一二两三四五六七八九]+[万亿兆]+)?(?<![点])"  # "两百七十八点八万"

MONTH_OF = {spelled: int(m) for m, names in VOCAB["months"].items() for name in names for spelled in (name, name.upper())}  # "27 JANUARY 2025" in a script's header
MONTHS = r"(?P<mon>" + alt(MONTH_OF)[3:-1] + r")(?![a-z])\.?"  # left boundary: _date_cand's glue check
MONTH_ANY = re.compile(MONTHS)

QUAL_BEFORE = {w.lower(): q for q, ws in VOCAB["hedges_before"].items() for w in ws}
QUAL_AFTER = {w.lower(): q for q, ws in VOCAB["hedges_after"].items() for w in ws}
HEDGE_BEFORE = re.compile(
    "(?i:" + alt(QUAL_BEFORE, english_boundary=True) + rf"){SP}*(?:\*\*|__|`|\*)?{SP}*\Z"
)
HEDGE_LAST = frozenset(w[-1] for w in QUAL_BEFORE)
MORE = ("多", "余")
HEDGE_AFTER = re.compile(
    rf"{SP}*(?i:"
    + alt([w for w in QUAL_AFTER if w not in MORE and w != "+"], english_boundary=True)
    + r")|\+(?![0-9+])"
)
HEDGE_AFTER_FIRST = frozenset(w[0] for w in QUAL_AFTER) | frozenset(w[0].upper() for w in QUAL_AFTER) | set(" \t\u00a0\u3000")
NOT_MORE_AFTER = tuple(VOCAB["not_more_after"])
BLOCKERS = tuple(VOCAB["hedge_blockers"])

CURRENCY_BEFORE = {w: c for c, v in VOCAB["currencies"].items() for w in v["before"]}
CURRENCY_AFTER = {w.lower(): c for c, v in VOCAB["currencies"].items() for w in v["after"]}
NOT_YUAN_AFTER = tuple(VOCAB["not_yuan_after"])

ZH_PARTS = {k: tuple(v) for k, v in VOCAB["year_parts_zh"].items()}
ZH_PARTS_NOT_BEFORE = tuple(VOCAB["year_parts_zh_not_before"])
EN_PARTS = {re.sub(r"\s+", " ", k.lower()): tuple(v) for k, v in VOCAB["year_parts_en"].items()}
NOT_YEAR_AFTER = re.compile(
    rf"(?:[A-Za-z]|[%％.,:/][0-9]|[%％]|{SP}?(?:{MAG_ZH}|{MAG_WORD}|(?i:"
    + alt(VOCAB["not_year_after"], english_boundary=True)
    + ")))"
)
VAGUE_ZH = tuple(VOCAB["vague_before_chinese"])
CHANGE = re.compile("(?i:" + alt(VOCAB["change_words"]) + ")")
