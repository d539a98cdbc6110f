"""What every value grammar shares: glue and hedge checks around a number, scaling by a
magnitude, building dates, and the registry of passes (`registrar`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from dsfacts.extract.values.lexicon import (
    BLOCKERS,
    HEDGE_AFTER,
    HEDGE_AFTER_FIRST,
    HEDGE_BEFORE,
    HEDGE_LAST,
    LETTER,
    MORE,
    NOT_MORE_AFTER,
    NUM,
    QUAL_AFTER,
    QUAL_BEFORE,
    WORD,
    ZH_UNIT,
)
from dsfacts.models import DateValue, Qualifier

# ---- helpers ----------------------------------------------------------------------------------

FREE, SOFT, HARD = 0, 1, 2


ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_GLUED = ALNUM | {"#"}  # "#808080", "#1"


def is_alnum(ch: str) -> bool:
    return ch in ALNUM


def glue_at(text: str, i: int) -> int:
    """How a token starting at i is attached to what precedes it: free, by a hyphen, or glued."""
    if i == 0:
        return FREE
    p = text[i - 1]
    if p in _GLUED:
        return HARD
    if i >= 2 and text[i - 2] in ALNUM:
        if p in ".@#":
            return HARD
        if p in "-–":
            return SOFT
    return FREE


_ONE = Decimal(1)


def clean(d: Decimal) -> Decimal:
    if d.is_finite() and d == d.to_integral_value():
        return Decimal(int(d))
    return d.normalize()


@lru_cache(maxsize=512)  # a few dozen spellings ("B", " 亿", "-billion") recur in every document
def _magnitude(mag: str | None) -> Decimal:
    """The multiplier of a magnitude word: "亿" 1e8, "万亿" 1e12, "B" 1e9, "million" 1e6."""
    if not mag:
        return Decimal(1)
    mag = mag.strip(" \t\u00a0\u3000-")
    if mag in LETTER:
        return LETTER[mag]
    if mag.lower() in WORD:
        return WORD[mag.lower()]
    out = Decimal(1)
    for ch in mag:
        out *= ZH_UNIT[ch]
    return out


@lru_cache(maxsize=512)
def _resolution(decimals: int, mag: str | None) -> Decimal:
    """The step of the last stated digit: 2 decimals of "万" -> 100."""
    return clean(Decimal(1).scaleb(-decimals) * _magnitude(mag))


def scaled(num: str, mag: str | None) -> tuple[Decimal, Decimal]:
    """(amount, resolution): "278.8" + "万" -> (2788000, 1000)."""
    digits = num.replace(",", "")
    if not mag and "." not in digits:
        return Decimal(digits), _ONE  # the common case: a plain whole number
    decimals = len(digits.partition(".")[2])
    return clean(Decimal(digits) * _magnitude(mag)), _resolution(decimals, mag)


_ZH_DIGITS = {"零": "0", "〇": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_ZH_SCALE = {"万": Decimal(10**4), "亿": Decimal(10**8), "兆": Decimal(10**12)}


def zh_number(zh: str) -> tuple[Decimal, Decimal]:
    import cn2an  # only for spans written in Chinese numerals; slow to import

    if "点" in zh:  # "两百七十八点八万", "十四点八兆": digits after the point, then the magnitude
        whole, _, rest = zh.partition("点")
        digits = "".join(_ZH_DIGITS[c] for c in rest if c in _ZH_DIGITS)
        scale = Decimal(1)
        for c in rest[len(digits) :]:
            scale *= _ZH_SCALE[c]
        head = Decimal(str(cn2an.cn2an("一" + whole if whole[0] in "十百千" else whole, "normal")))
        amount = (head + Decimal("0." + digits)) * scale
        return clean(amount), scale / Decimal(10) ** len(digits)
    src = "一" + zh if zh[0] in "十百千" else zh
    amount = Decimal(str(cn2an.cn2an(src, "normal")))
    res = Decimal(1)
    while amount and amount % (res * 10) == 0:
        res *= 10
    return clean(amount), res


# compiled once: these run for most numbers, and re's own cache costs a lookup per call
SPACES = re.compile(r"\s+")
_TRAILING_MARKUP = re.compile(r"[\s*_`]+$")
_LETTERS = re.compile(r"[A-Za-z]+")


def hedge_before(text: str, start: int) -> tuple[int, Qualifier | None]:
    """A hedge word just before `start` ("约", "不到**", "about "): its start and qualifier."""
    j = start
    while j > 0 and start - j < 6 and text[j - 1] in " \t\u00a0\u3000*_`":
        j -= 1
    if j == 0 or text[j - 1].lower() not in HEDGE_LAST:
        return start, None  # fast path: no hedge word ends here
    window = text[max(0, start - 24) : start]
    m = HEDGE_BEFORE.search(window)
    if not m:
        return start, None
    word = _TRAILING_MARKUP.sub("", m.group(0))
    hs = start - len(window) + m.start()
    if word in "<>~" and hs > 0 and text[hs - 1].isascii() and not text[hs - 1].isspace():
        return start, None  # "<b>671B": markup, not a bound
    before = text[max(0, hs - 4) : hs + len(word)]
    if any(before.endswith(b) and len(b) > len(word) for b in BLOCKERS):
        return start, None
    q = QUAL_BEFORE.get(SPACES.sub(" ", word.lower()))
    return (hs, q) if q else (start, None)


def hedge_after(text: str, end: int, after_digits: bool) -> tuple[int, Qualifier | None]:
    """A hedge just after a value ("左右", "+", "以上"; "多"/"余" only right after digits)."""
    if end >= len(text) or text[end] not in HEDGE_AFTER_FIRST:
        return end, None  # fast path
    if after_digits and text[end] in MORE:
        rest = text[end + 1 : end + 4]
        if not rest.startswith(NOT_MORE_AFTER):
            return end + 1, QUAL_AFTER[text[end]]
    m = HEDGE_AFTER.match(text, end)
    if m:
        word = m.group(0).strip(" \t\u00a0\u3000").lower()
        return m.end(), QUAL_AFTER.get(SPACES.sub(" ", word))
    return end, None


def plain_end_ok(text: str, end: int) -> bool:
    """A bare number may be followed by a unit word ("3872tokens") but not by an identifier ("4o")."""
    if end >= len(text):
        return True
    ch = text[end]
    if ch in "_@" or (ch.isascii() and ch.isdigit()):
        return False
    if ch.isascii() and ch.isalpha():
        word = _LETTERS.match(text[end : end + 12])
        return bool(word) and len(word.group(0)) >= 3 and word.group(0).islower()  # type: ignore[union-attr]
    return True


def leading_zero(num: str) -> bool:
    return len(num) > 1 and num[0] == "0" and num[1].isdigit()


def make_date(y: int, m: int | None = None, d: int | None = None) -> DateValue | None:
    if not 1900 <= y <= 2099:
        return None
    try:
        return DateValue.from_parts(y, m, d)
    except ValueError:
        return None


def interval(y: int, first: int, last: int) -> DateValue | None:
    a, b = make_date(y, first), make_date(y, last)
    return DateValue.between(a, b) if a and b else None


def full_year(s: str) -> int:
    y = int(s)
    if len(s) == 2:
        y += 1900 if y >= 90 else 2000
    return y


# ---- passes -----------------------------------------------------------------------------------

Cand = tuple[int, int, str, object, "Qualifier | None", bool, bool]  # start, end, kind, value, q, mag, explicit
_Builder = Callable[[str, "re.Match[str]"], "Cand | None"]


@dataclass(frozen=True)
class Pass:
    regex: re.Pattern[str]
    build: _Builder
    gate: frozenset[str] = frozenset()  # the pass runs only if one of these characters is in the text
    month: bool = False  # the pass needs an English month name
    year: bool = False  # the pass needs a four-digit year ("19xx", "20xx") somewhere in the text
    anchored: bool = False  # the pattern starts with a number: try it only where numbers start
    words: tuple[str, ...] = ()  # and, if given, only if one of these occurs in the text
    follow: frozenset[str] | None = None  # anchored: the character after the number must be one of these


def registrar(passes: list[Pass]) -> Callable[..., Callable[[_Builder], _Builder]]:
    """A decorator that appends a grammar to `passes`, in the order the grammars are defined."""

    def _pass(
        pattern: str,
        needs: tuple[str, ...] = (),
        month: bool = False,
        year: bool = False,
        words: tuple[str, ...] = (),
        follow: str | None = None,
    ) -> Callable[[_Builder], _Builder]:
        def register(build: _Builder) -> _Builder:
            gate = frozenset(n[0] for n in needs)  # a needed word's first character: cheap and necessary
            anchored = re.sub(r"^\(\?P<\w+>", "", pattern).startswith(NUM)
            follows = frozenset(follow) if follow is not None else None
            passes.append(Pass(re.compile(pattern), build, gate, month, year, anchored, words, follows))
            return build

        return register

    return _pass

