"""Stage 3a, last: numbers written in words ("six hundred and seventy-one billion", "about six
million dollars"), scanned after every pass of digits and Chinese numerals (values/scan.py)."""

from __future__ import annotations

import re
from decimal import Decimal

from dsfacts.extract.values.common import Cand, Pass, clean, hedge_before, registrar
from dsfacts.models import Money, Quantity, SizeList, SizeRange

PASSES: list[Pass] = []  # in priority order, after amounts.PASSES
_pass = registrar(PASSES)

_UNIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUE = {w: i for i, w in enumerate(_UNIT_WORDS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS_WORDS)}
_SCALE_WORD = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_UNIT_ALT = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
_SMALL = rf"(?:(?:{'|'.join(_TENS_WORDS)})(?:[- ](?:{_UNIT_ALT}))?|{_UNIT_ALT})"
_WORDS_NUMBER = (
    rf"(?i:(?<![A-Za-z-])(?P<n>(?:(?:a|one|{_UNIT_ALT})\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL}|a)"
    rf"(?:\s+point(?P<dec>(?:\s+(?:{_UNIT_ALT}))+))?)(?P<half>\s+and\s+a\s+half)?\s+(?P<scale>thousand|million|billion|trillion)(?![A-Za-z])"
    rf"(?P<usd>\s+(?:US\s+)?dollars)?)"
)


def _words_value(words: str) -> int:
    total = 0
    for w in re.split(r"[\s-]+", words.lower()):
        if w == "hundred":
            total = max(total, 1) * 100
        elif w in _WORD_VALUE:
            total += _WORD_VALUE[w]
        elif w == "a":
            total += 1
    return total


_NUMBER_ONLY = re.compile(_WORDS_NUMBER)
_IN_WORDS = re.sub(r"\(\?P<\w+>", "(?:", _WORDS_NUMBER)  # the same number, without its groups, to repeat it
_SCALE_WORDS = ("thousand", "million", "billion", "trillion", "Thousand", "Million", "Billion", "Trillion")
MODEL_SIZE = Decimal(100_000_000)  # sizes of models: hundreds of millions and up


def _amounts(span: str) -> list[Decimal] | None:
    found = [_number_words(span, m) for m in _NUMBER_ONLY.finditer(span)]
    if any(c is None or c[2] != "number" for c in found):
        return None  # dollars are no sizes
    return [c[3].amount for c in found if c is not None and isinstance(c[3], Quantity)]


@_pass(rf"(?i:(?<![A-Za-z])from\s+)?(?P<lo>{_IN_WORDS})\s+(?i:to|through)\s+(?P<hi>{_IN_WORDS})", words=_SCALE_WORDS)
def _range_words(text: str, m: re.Match[str]) -> Cand | None:
    """ "from one and a half billion to seventy billion": a range of sizes in words."""
    amounts = _amounts(m.group())
    if not amounts or len(amounts) != 2 or not MODEL_SIZE <= amounts[0] < amounts[1]:
        return None
    return (m.start("lo"), m.end(), "range", SizeRange(amounts[0], amounts[1]), None, True, False)


@_pass(rf"(?P<l>{_IN_WORDS}(?:\s*,\s*{_IN_WORDS})*\s*,?\s+(?i:and)\s+{_IN_WORDS})", words=_SCALE_WORDS)
def _list_words(text: str, m: re.Match[str]) -> Cand | None:
    """ "two sizes, one billion and seven billion": sizes in words."""
    amounts = _amounts(m.group())
    if not amounts or len(set(amounts)) < 2 or min(amounts) < MODEL_SIZE:
        return None
    return (m.start(), m.end(), "sizes", SizeList(tuple(sorted(set(amounts)))), None, True, False)


@_pass(_WORDS_NUMBER, words=("thousand", "million", "billion", "trillion", "Thousand", "Million", "Billion", "Trillion"))
def _number_words(text: str, m: re.Match[str]) -> Cand | None:
    whole = _words_value(re.split(r"(?i)\s+point\s", m["n"], maxsplit=1)[0])
    digits = [_WORD_VALUE[w] for w in (m["dec"] or "").lower().split()]
    if not whole and not digits:
        return None
    scale = _SCALE_WORD[m["scale"].lower()]
    fraction = Decimal("0." + "".join(str(d) for d in digits)) if digits else Decimal("0.5") if m["half"] else Decimal(0)
    amount = clean((Decimal(whole) + fraction) * scale)
    resolution = Decimal(scale) / (10 ** len(digits)) if digits else Decimal(scale) / 2 if m["half"] else Decimal(scale)
    hs, q = hedge_before(text, m.start())
    if m["usd"]:
        return (hs, m.end(), "money", Money(amount, "USD", resolution), q, True, False)
    return (hs, m.end(), "number", Quantity(amount, resolution), q, True, False)
