"""Value grammars: find the dates, numbers, money, size lists and ranges a sentence states.

`find_values(text)` returns every value in `text`, left to right, with its exact span, its
normalized typed value and its hedge ("约 278 万" -> 2.78e6, approx). It knows nothing of
entities or attributes: the extraction engine decides what a value is about.

The grammars run as passes in priority order (arXiv ids, dates, money, compounds, ranges,
lists, percents and other non-counts, years, numbers); a pass only takes text that no earlier
pass took, so a date beats the numbers inside it and "557.6万美元" is money, not a count.
Hedge words, currencies, month names and parts of a year are data (data/values.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml

from dsfacts.errors import DataFileError
from dsfacts.models import DateValue, Money, Qualifier, Quantity, SizeList, SizeRange, Text

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
    data = yaml.safe_load(text)
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


def _alt(words: Iterable[str], english_boundary: bool = False) -> str:
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


_SP = r"[ \t\u00a0\u3000]"
# Patterns start with a plain character class so that the regex engine can skip ahead fast.
# The lookbehind after the first digit stops the engine from retrying inside "145501376" or "1.5".
_NUM = r"[0-9](?<![0-9.][0-9])(?:[0-9]{0,2}(?:,[0-9]{3})+|[0-9]{0,19})(?:\.[0-9]{1,12})?"
_ZH_UNIT = {k: Decimal(v) for k, v in VOCAB["chinese_units"].items()}
_LETTER = {k: Decimal(v) for k, v in VOCAB["magnitude_letters"].items()}
_WORD = {k.lower(): Decimal(v) for k, v in VOCAB["magnitude_words"].items()}
_MAG_ZH = r"(?:[十百千]?万?亿|[十百千]?万|千|兆)"
_MAG_WORD = "(?i:" + _alt(_WORD) + r"(?![A-Za-z]))"
_MAG_LETTER = "[" + "".join(sorted(_LETTER)) + "](?![A-Za-z0-9_])"
# "37 B", "14.8 T": a magnitude letter may stand one space away from its number
_MAG = rf"(?:{_SP}?{_MAG_ZH}|(?:{_SP}|-)?{_MAG_WORD}|(?<=[0-9])[ ]?{_MAG_LETTER})"  # "236-billion-parameter"
_ZH_NUM = r"[一二两三四五六七八九十百千][零一二两三四五六七八九十百千万亿]*"

_MONTH_OF = {name: int(m) for m, names in VOCAB["months"].items() for name in names}
_MONTHS = r"(?P<mon>" + _alt(_MONTH_OF)[3:-1] + r")(?![a-z])\.?"  # left boundary: _date_cand's glue check
_MONTH_ANY = re.compile(_MONTHS)

_QUAL_BEFORE = {w.lower(): q for q, ws in VOCAB["hedges_before"].items() for w in ws}
_QUAL_AFTER = {w.lower(): q for q, ws in VOCAB["hedges_after"].items() for w in ws}
_HEDGE_BEFORE = re.compile(
    "(?i:" + _alt(_QUAL_BEFORE, english_boundary=True) + rf"){_SP}*(?:\*\*|__|`|\*)?{_SP}*\Z"
)
_HEDGE_LAST = frozenset(w[-1] for w in _QUAL_BEFORE)
_MORE = ("多", "余")
_HEDGE_AFTER = re.compile(
    rf"{_SP}*(?i:"
    + _alt([w for w in _QUAL_AFTER if w not in _MORE and w != "+"], english_boundary=True)
    + r")|\+(?![0-9+])"
)
_HEDGE_AFTER_FIRST = frozenset(w[0] for w in _QUAL_AFTER) | frozenset(w[0].upper() for w in _QUAL_AFTER) | set(" \t\u00a0\u3000")
_NOT_MORE_AFTER = tuple(VOCAB["not_more_after"])
_BLOCKERS = tuple(VOCAB["hedge_blockers"])

_CURRENCY_BEFORE = {w: c for c, v in VOCAB["currencies"].items() for w in v["before"]}
_CURRENCY_AFTER = {w.lower(): c for c, v in VOCAB["currencies"].items() for w in v["after"]}
_NOT_YUAN_AFTER = tuple(VOCAB["not_yuan_after"])

_ZH_PARTS = {k: tuple(v) for k, v in VOCAB["year_parts_zh"].items()}
_ZH_PARTS_NOT_BEFORE = tuple(VOCAB["year_parts_zh_not_before"])
_EN_PARTS = {re.sub(r"\s+", " ", k.lower()): tuple(v) for k, v in VOCAB["year_parts_en"].items()}
_NOT_YEAR_AFTER = re.compile(
    rf"(?:[A-Za-z]|[%％.,:/][0-9]|[%％]|{_SP}?(?:{_MAG_ZH}|{_MAG_WORD}|(?i:"
    + _alt(VOCAB["not_year_after"], english_boundary=True)
    + ")))"
)
_VAGUE_ZH = tuple(VOCAB["vague_before_chinese"])
_CHANGE = re.compile("(?i:" + _alt(VOCAB["change_words"]) + ")")

# ---- helpers ----------------------------------------------------------------------------------

_FREE, _SOFT, _HARD = 0, 1, 2


_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_GLUED = _ALNUM | {"#"}  # "#808080", "#1"


def _is_alnum(ch: str) -> bool:
    return ch in _ALNUM


def _glue(text: str, i: int) -> int:
    """How a token starting at i is attached to what precedes it: free, by a hyphen, or glued."""
    if i == 0:
        return _FREE
    p = text[i - 1]
    if p in _GLUED:
        return _HARD
    if i >= 2 and text[i - 2] in _ALNUM:
        if p in ".@#":
            return _HARD
        if p in "-–":
            return _SOFT
    return _FREE


_ONE = Decimal(1)


def _clean(d: Decimal) -> Decimal:
    if d.is_finite() and d == d.to_integral_value():
        return Decimal(int(d))
    return d.normalize()


def _magnitude(mag: str | None) -> Decimal:
    """The multiplier of a magnitude word: "亿" 1e8, "万亿" 1e12, "B" 1e9, "million" 1e6."""
    if not mag:
        return Decimal(1)
    mag = mag.strip(" \t\u00a0\u3000-")
    if mag in _LETTER:
        return _LETTER[mag]
    if mag.lower() in _WORD:
        return _WORD[mag.lower()]
    out = Decimal(1)
    for ch in mag:
        out *= _ZH_UNIT[ch]
    return out


def _scaled(num: str, mag: str | None) -> tuple[Decimal, Decimal]:
    """(amount, resolution): "278.8" + "万" -> (2788000, 1000)."""
    digits = num.replace(",", "")
    if not mag and "." not in digits:
        return Decimal(digits), _ONE  # the common case: a plain whole number
    decimals = len(digits.partition(".")[2])
    mult = _magnitude(mag)
    return _clean(Decimal(digits) * mult), _clean(Decimal(1).scaleb(-decimals) * mult)


def _zh_number(zh: str) -> tuple[Decimal, Decimal]:
    import cn2an  # only for spans written in Chinese numerals; slow to import

    src = "一" + zh if zh[0] in "十百千" else zh
    amount = Decimal(str(cn2an.cn2an(src, "normal")))
    res = Decimal(1)
    while amount and amount % (res * 10) == 0:
        res *= 10
    return _clean(amount), res


def _hedge_before(text: str, start: int) -> tuple[int, Qualifier | None]:
    """A hedge word just before `start` ("约", "不到**", "about "): its start and qualifier."""
    j = start
    while j > 0 and start - j < 6 and text[j - 1] in " \t\u00a0\u3000*_`":
        j -= 1
    if j == 0 or text[j - 1].lower() not in _HEDGE_LAST:
        return start, None  # fast path: no hedge word ends here
    window = text[max(0, start - 24) : start]
    m = _HEDGE_BEFORE.search(window)
    if not m:
        return start, None
    word = re.sub(r"[\s*_`]+$", "", m.group(0))
    hs = start - len(window) + m.start()
    if word in "<>~" and hs > 0 and text[hs - 1].isascii() and not text[hs - 1].isspace():
        return start, None  # "<b>671B": markup, not a bound
    before = text[max(0, hs - 4) : hs + len(word)]
    if any(before.endswith(b) and len(b) > len(word) for b in _BLOCKERS):
        return start, None
    q = _QUAL_BEFORE.get(re.sub(r"\s+", " ", word.lower()))
    return (hs, q) if q else (start, None)


def _hedge_after(text: str, end: int, after_digits: bool) -> tuple[int, Qualifier | None]:
    """A hedge just after a value ("左右", "+", "以上"; "多"/"余" only right after digits)."""
    if end >= len(text) or text[end] not in _HEDGE_AFTER_FIRST:
        return end, None  # fast path
    if after_digits and text[end] in _MORE:
        rest = text[end + 1 : end + 4]
        if not rest.startswith(_NOT_MORE_AFTER):
            return end + 1, _QUAL_AFTER[text[end]]
    m = _HEDGE_AFTER.match(text, end)
    if m:
        word = m.group(0).strip(" \t\u00a0\u3000").lower()
        return m.end(), _QUAL_AFTER.get(re.sub(r"\s+", " ", word))
    return end, None


def _plain_end_ok(text: str, end: int) -> bool:
    """A bare number may be followed by a unit word ("3872tokens") but not by an identifier ("4o")."""
    if end >= len(text):
        return True
    ch = text[end]
    if ch in "_@" or (ch.isascii() and ch.isdigit()):
        return False
    if ch.isascii() and ch.isalpha():
        word = re.match(r"[A-Za-z]+", text[end : end + 12])
        return bool(word) and len(word.group(0)) >= 3 and word.group(0).islower()  # type: ignore[union-attr]
    return True


def _leading_zero(num: str) -> bool:
    return len(num) > 1 and num[0] == "0" and num[1].isdigit()


def _date(y: int, m: int | None = None, d: int | None = None) -> DateValue | None:
    if not 1900 <= y <= 2099:
        return None
    try:
        return DateValue.from_parts(y, m, d)
    except ValueError:
        return None


def _interval(y: int, first: int, last: int) -> DateValue | None:
    a, b = _date(y, first), _date(y, last)
    return DateValue.between(a, b) if a and b else None


def _year(s: str) -> int:
    y = int(s)
    if len(s) == 2:
        y += 1900 if y >= 90 else 2000
    return y


# ---- passes -----------------------------------------------------------------------------------

_Cand = tuple[int, int, str, object, "Qualifier | None", bool, bool]  # start, end, kind, value, q, mag, explicit
_Builder = Callable[[str, "re.Match[str]"], "_Cand | None"]


@dataclass(frozen=True)
class _Pass:
    regex: re.Pattern[str]
    build: _Builder
    gate: frozenset[str] = frozenset()  # the pass runs only if one of these characters is in the text
    month: bool = False  # the pass needs an English month name
    anchored: bool = False  # the pattern starts with a number: try it only where numbers start
    words: tuple[str, ...] = ()  # and, if given, only if one of these occurs in the text
    follow: frozenset[str] | None = None  # anchored: the character after the number must be one of these


_PASSES: list[_Pass] = []


def _pass(
    pattern: str,
    needs: tuple[str, ...] = (),
    month: bool = False,
    words: tuple[str, ...] = (),
    follow: str | None = None,
) -> Callable[[_Builder], _Builder]:
    def register(build: _Builder) -> _Builder:
        gate = frozenset(n[0] for n in needs)  # a needed word's first character: cheap and necessary
        anchored = re.sub(r"^\(\?P<\w+>", "", pattern).startswith(_NUM)
        follows = frozenset(follow) if follow is not None else None
        _PASSES.append(_Pass(re.compile(pattern), build, gate, month, anchored, words, follows))
        return build

    return register


# 1. arXiv ids ---------------------------------------------------------------------------------

_ARXIV_ID = r"(?P<id>[0-9][0-9]{3}\.[0-9]{4,5})(?![0-9])(?:v[0-9]+)?"


def _arxiv_ok(aid: str) -> bool:
    yy, mm = int(aid[:2]), int(aid[2:4])
    five = len(aid) == 10
    return 1 <= mm <= 12 and ((five and yy >= 15) or (not five and 7 <= yy <= 14))


@_pass(
    r"[aA](?i:rxiv\.org/(?:abs|pdf|html)/|rxiv(?:\s+preprint)?(?:\s+arxiv)?\s*(?:id|no\.?)?\s*[:：]?\s*)" + _ARXIV_ID,
    needs=("arxiv", "arXiv", "ArXiv", "ARXIV", "Arxiv"),
)
def _arxiv_explicit(text: str, m: re.Match[str]) -> _Cand | None:
    aid = m["id"]
    if not _arxiv_ok(aid) or (m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha()):
        return None
    return (m.start("id"), m.end("id"), "arxiv", Text(aid), None, False, True)


@_pass(r"[eE](?i:print)\s*=\s*[{\"']\s*" + _ARXIV_ID, needs=("eprint", "EPRINT", "Eprint"))
def _arxiv_eprint(text: str, m: re.Match[str]) -> _Cand | None:
    return _arxiv_explicit(text, m)


@_pass(_ARXIV_ID + r"(?![0-9A-Za-z_]|\.[0-9])", needs=(".",))
def _arxiv_bare(text: str, m: re.Match[str]) -> _Cand | None:
    aid = m["id"]
    if not _arxiv_ok(aid) or (m.start() and (_is_alnum(text[m.start() - 1]) or text[m.start() - 1] in "./-")):
        return None
    return (m.start("id"), m.end("id"), "arxiv", Text(aid), None, False, False)


@_pass(r"[hH][tT][tT][pP][sS]?://[^\s<>\"'()\[\]]+", needs=("://",))
def _url(text: str, m: re.Match[str]) -> _Cand | None:
    return (m.start(), m.end(), "_skip", None, None, False, False)  # ids and paths in a link are not values


# 2. dates -------------------------------------------------------------------------------------

_Y4 = r"(?P<y>(?:19|20)[0-9]{2})"
_YCN = r"(?P<y>[0-9][0-9](?:[0-9]{2})?)"
_DD = r"[0-9][0-9]?"


def _date_cand(text: str, m: re.Match[str], value: object, kind: str = "date") -> _Cand | None:
    if value is None or _glue(text, m.start()) != _FREE:
        return None
    return (m.start(), m.end(), kind, value, None, False, False)


@_pass(
    _Y4 + rf"(?P<sep>[-/.])(?P<m>{_DD})(?:(?P=sep)(?P<d>{_DD})(?![0-9]|\.[0-9])"
    rf"(?:(?:T|{_SP}{{1,2}})[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?![0-9]))?|(?![0-9]|(?P=sep)[0-9]))",
    needs=("-", "/", "."),
)
def _iso_date(text: str, m: re.Match[str]) -> _Cand | None:
    """ "2024-12-26", "2024/2/8 18:02:21", "2024.05.06", "2024-01" (month), "2025-01-**" (month)."""
    if m["d"] is None and m["sep"] == "." and len(m["m"]) != 2:
        return None  # "2023.5" is a number more often than May 2023
    d = int(m["d"]) if m["d"] else None
    return _date_cand(text, m, _date(int(m["y"]), int(m["m"]), d))


@_pass(_Y4 + rf"{_SP}*年{_SP}*(?P<part>" + _alt(_ZH_PARTS)[3:-1] + ")", needs=("年",))
def _zh_part(text: str, m: re.Match[str]) -> _Cand | None:
    if text.startswith(_ZH_PARTS_NOT_BEFORE, m.end()):
        return None
    first, last = _ZH_PARTS[m["part"]]
    return _date_cand(text, m, _interval(int(m["y"]), first, last))


@_pass(_Y4 + rf"{_SP}*(?:-|–|—|~|～|至|到|to){_SP}*(?P<y2>(?:19|20)[0-9]{{2}})(?![0-9])(?:{_SP}*年)?")
def _year_range(text: str, m: re.Match[str]) -> _Cand | None:
    y1, y2 = int(m["y"]), int(m["y2"])
    if not (1990 <= y1 < y2 <= 2035) or _NOT_YEAR_AFTER.match(text, m.end()):
        return None
    a, b = _date(y1), _date(y2)
    return _date_cand(text, m, DateValue.between(a, b) if a and b else None)


@_pass(
    _YCN + rf"{_SP}*年(?:{_SP}*(?P<m>{_DD}){_SP}*月(?:{_SP}*(?P<d>{_DD}){_SP}*[日号]|份)?|(?!级))",
    needs=("年",),
)
def _zh_date(text: str, m: re.Match[str]) -> _Cand | None:
    """ "2023 年 11 月 2 日", "2023年7月", "2024年"; a two-digit year needs a month ("25年1月")."""
    if m["m"] is None:
        return _date_cand(text, m, _date(int(m["y"])) if len(m["y"]) == 4 else None)
    return _date_cand(text, m, _date(_year(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None))


@_pass(
    rf"(?P<d>{_DD})(?:st|nd|rd|th)?{_SP}+(?:of{_SP}+)?(?<![A-Za-z])" + _MONTHS
    + rf"(?:,?{_SP}+{_Y4}(?![0-9])|(?![A-Za-z]))",
    month=True,
)
def _en_date_day_first(text: str, m: re.Match[str]) -> _Cand | None:
    """ "26 December 2024"; "20 January" (a MonthDay)."""
    month = _MONTH_OF[m["mon"]]
    if m["y"]:
        return _date_cand(text, m, _date(int(m["y"]), month, int(m["d"])))
    return _date_cand(text, m, _monthday(month, int(m["d"])), "monthday")


@_pass(
    _MONTHS + rf"(?:{_SP}+(?P<d>{_DD})(?:st|nd|rd|th)?(?:,?{_SP}+{_Y4}(?![0-9])|(?![0-9A-Za-z]|[.,][0-9]))"
    rf"|,?{_SP}+(?:of{_SP}+)?(?P<y2>(?:19|20)[0-9]{{2}})(?![0-9]))",
    month=True,
)
def _en_date(text: str, m: re.Match[str]) -> _Cand | None:
    """ "Dec 26, 2024", "December 2024", "Jan. 2024"; "Jan 20" has no year (a MonthDay)."""
    month = _MONTH_OF[m["mon"]]
    if m["y2"]:
        return _date_cand(text, m, _date(int(m["y2"]), month))
    if m["y"]:
        return _date_cand(text, m, _date(int(m["y"]), month, int(m["d"])))
    return _date_cand(text, m, _monthday(month, int(m["d"])), "monthday")


_EN_PART_BEFORE = re.compile(r"(?i:(?<![A-Za-z])(?P<part>" + _alt(_EN_PARTS)[3:-1] + rf"))(?:{_SP}*|(?<=-))\Z")


@_pass(_Y4 + "(?![0-9])")
def _en_part(text: str, m: re.Match[str]) -> _Cand | None:
    """ "early 2024", "mid-2024", "Q1 2025": found from the year, looking back for the part."""
    p = _EN_PART_BEFORE.search(text, max(0, m.start() - 24), m.start())
    if not p or _glue(text, p.start()) != _FREE:
        return None
    first, last = _EN_PARTS[re.sub(r"\s+", " ", p["part"].lower())]
    value = _interval(int(m["y"]), first, last)
    return (p.start(), m.end(), "date", value, None, False, False) if value else None


@_pass(_Y4 + rf"{_SP}?(?P<part>Q[1-4]|H[12])(?![A-Za-z0-9])", needs=("Q", "H"))
def _year_quarter(text: str, m: re.Match[str]) -> _Cand | None:
    first, last = _EN_PARTS[m["part"].lower()]
    return _date_cand(text, m, _interval(int(m["y"]), first, last))


def _monthday(month: int, day: int | None) -> MonthDay | None:
    if not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    return MonthDay(month, day)


@_pass(rf"(?P<m>{_DD}){_SP}*月(?:{_SP}*(?P<d>{_DD}){_SP}*[日号]|份?(?![活薪租均度球光饼]))", needs=("月",))
def _zh_monthday(text: str, m: re.Match[str]) -> _Cand | None:
    """ "1 月 20 日", "12月10日"; "12 月" alone is a MonthDay without a day."""
    return _date_cand(text, m, _monthday(int(m["m"]), int(m["d"]) if m["d"] else None), "monthday")


@_pass(rf"(?<![0-9月])(?P<d>{_DD}){_SP}*[日号](?![本元])", needs=("日", "号"))
def _zh_day(text: str, m: re.Match[str]) -> _Cand | None:
    """ "26日" alone: a day whose month the context gives ("- 2024年12月" above it); month 0 until then."""
    day = int(m["d"])
    return _date_cand(text, m, MonthDay(0, day), "monthday") if 1 <= day <= 31 else None


# 3. money -------------------------------------------------------------------------------------


def _money(text: str, m: re.Match[str], start: int, end: int, amount: Decimal, res: Decimal, cur: str, mag: bool) -> _Cand | None:
    glue = _glue(text, start)
    if glue == _HARD or (glue == _SOFT and not mag):
        return None
    hs, q = _hedge_before(text, start)
    he, q2 = _hedge_after(text, end, after_digits=False)
    return (hs, he, "money", Money(amount, cur, res), q or q2, mag, False)


@_pass(
    "(?P<cur>" + _alt(_CURRENCY_BEFORE)[3:-1] + rf"){_SP}?(?P<num>{_NUM})(?P<mag>{_MAG})?",
    needs=tuple(_CURRENCY_BEFORE),
)
def _money_before(text: str, m: re.Match[str]) -> _Cand | None:
    if _leading_zero(m["num"]) or (m["cur"][0].isalpha() and _glue(text, m.start()) == _HARD):
        return None
    if not m["mag"] and not _plain_end_ok(text, m.end()):
        return None
    amount, res = _scaled(m["num"], m["mag"])
    return _money(text, m, m.start(), m.end(), amount, res, _CURRENCY_BEFORE[m["cur"]], bool(m["mag"]))


_CUR_AFTER = "(?i:" + _alt(_CURRENCY_AFTER, english_boundary=True) + ")"


def _currency_after(text: str, m: re.Match[str]) -> str | None:
    cur = m["cur"]
    if cur == "元" and text.startswith(_NOT_YUAN_AFTER, m.end()):
        return None
    return _CURRENCY_AFTER[re.sub(r"\s+", " ", cur.lower())]


@_pass(
    rf"(?P<num>{_NUM})(?P<more>[多余])?(?P<mag>{_MAG})?(?P<more2>[多余])?{_SP}*(?:\*\*|__|`)?{_SP}*(?P<cur>{_CUR_AFTER})",
    needs=tuple({w for w in _CURRENCY_AFTER if not w.isascii()} | {"dollar", "USD", "RMB", "CNY", "yuan"}),
    follow="".join({w[0] for w in _CURRENCY_AFTER} | {w[0].upper() for w in _CURRENCY_AFTER}) + "*_`",
)
def _money_after(text: str, m: re.Match[str]) -> _Cand | None:
    cur = _currency_after(text, m)
    if cur is None or _leading_zero(m["num"]):
        return None
    if m["more"] and not (m["mag"] or "").strip().startswith(tuple("十百千万亿")):
        return None
    amount, res = _scaled(m["num"], m["mag"])
    cand = _money(text, m, m.start(), m.end(), amount, res, cur, bool(m["mag"]))
    if cand and (m["more"] or m["more2"]) and cand[4] is None:
        cand = (*cand[:4], "lower_bound", *cand[5:])
    return cand


@_pass(rf"(?P<zh>{_ZH_NUM})(?P<more>[多余])?{_SP}*(?P<cur>{_CUR_AFTER})", needs=("万", "亿"))
def _money_zh(text: str, m: re.Match[str]) -> _Cand | None:
    if not _zh_ok(text, m.start(), m["zh"]):
        return None
    cur = _currency_after(text, m)
    if cur is None:
        return None
    amount, res = _zh_number(m["zh"])
    cand = _money(text, m, m.start(), m.end(), amount, res, cur, True)
    if cand and m["more"] and cand[4] is None:
        cand = (*cand[:4], "lower_bound", *cand[5:])
    return cand


# 4. compounds, ranges and lists of sizes ---------------------------------------------------------


@_pass(rf"(?P<a>{_NUM})(?P<am>{_MAG})-A(?P<b>{_NUM})(?P<bm>{_MAG})", needs=("-",), words=("-A",), follow="-")
def _compound(text: str, m: re.Match[str]) -> _Cand | None:
    if _glue(text, m.start()) == _HARD:
        return None
    total, active = Quantity(*_scaled(m["a"], m["am"])), Quantity(*_scaled(m["b"], m["bm"]))
    if not active.amount < total.amount:
        return None
    return (m.start(), m.end(), "compound", Compound(total, active), None, True, False)


@_pass(
    rf"(?P<lo>{_NUM})(?P<lom>{_MAG})?{_SP}*"
    rf"(?P<sep>-|–|—|~|～|到|至|(?i:(?<![A-Za-z])(?:to|and)(?![A-Za-z]))){_SP}*(?P<hi>{_NUM})(?P<him>{_MAG})",
    needs=("-", "–", "—", "~", "～", "到", "至", "to", "and"),
    follow="-–—~～到至tTaA",
)
def _range(text: str, m: re.Match[str]) -> _Cand | None:
    lo_start = m.start("lo")
    glue = _glue(text, lo_start)
    if glue == _HARD or (glue == _SOFT and not m["lom"]) or _leading_zero(m["lo"]) or _leading_zero(m["hi"]):
        return None
    sep = m["sep"].lower()
    if sep == "and" and not _BETWEEN.search(text, max(0, lo_start - 12), lo_start):
        return None
    if sep in ("to", "到", "至") and _CHANGE.search(text, max(0, m.start() - 50), m.start()):
        return None  # "扩展…从 4K 到 128K": a change, not a range
    if _CURRENCY_RE_AFTER.match(text, m.end()):
        return None
    lo, _ = _scaled(m["lo"], m["lom"] or m["him"])
    hi, _ = _scaled(m["hi"], m["him"])
    if not lo < hi:
        return None
    return (lo_start, m.end(), "range", SizeRange(lo, hi), None, True, False)


_BETWEEN = re.compile(rf"(?i:(?<![A-Za-z])between){_SP}*\Z")
_CURRENCY_RE_AFTER = re.compile(rf"{_SP}*(?:\*\*|__|`)?{_SP}*{_CUR_AFTER}")
_ITEM = rf"{_NUM}{_MAG}"
_LIST_SEP = (
    rf"(?:{_SP}*[、,，/;；]{_SP}*(?:(?i:and|or){_SP}+|和{_SP}*|及{_SP}*)?"
    rf"|{_SP}*(?:和|与|及|以及|或|&){_SP}*|{_SP}+(?i:and|or){_SP}+)"
)
_ITEM_RE = re.compile(rf"(?P<num>{_NUM})(?P<mag>{_MAG})")


@_pass(
    rf"{_ITEM}(?:{_LIST_SEP}{_ITEM}){{1,31}}",  # bounded: a rejected run must not be rescanned from every number (quadratic)
    needs=("、", ",", "，", "/", ";", "；", "和", "与", "及", "或", "&", "and", "or", "And", "Or"),
    follow="、,，/;；和与及以或&aAoO",
)
def _size_list(text: str, m: re.Match[str]) -> _Cand | None:
    if _glue(text, m.start()) == _HARD:
        return None
    items = list(_ITEM_RE.finditer(text, m.start(), m.end()))
    seps = [text[a.end() : b.start()] for a, b in zip(items, items[1:], strict=False)]
    if any(_leading_zero(i["num"]) for i in items):
        return None
    sizes = [_scaled(i["num"], i["mag"])[0] for i in items]
    if all(s.strip() == "/" for s in seps) and len(sizes) == 2 and sizes[1] < sizes[0]:
        # "236B/21B": total and active
        total, active = (Quantity(*_scaled(i["num"], i["mag"])) for i in items)
        return (m.start(), m.end(), "compound", Compound(total, active), None, True, False)
    if len(set(sizes)) < 2:
        return None
    return (m.start(), m.end(), "sizes", SizeList(tuple(sizes)), None, True, False)


@_pass(rf"(?P<nums>{_NUM}(?:/{_NUM})+)(?P<mag>{_MAG})", needs=("/",), follow="/")
def _shared_suffix_list(text: str, m: re.Match[str]) -> _Cand | None:
    """ "7/67B", "1.3/7B": every number takes the last one's magnitude."""
    if _glue(text, m.start()) == _HARD:
        return None
    nums = m["nums"].split("/")
    if any(_leading_zero(n) for n in nums):
        return None
    sizes = [_scaled(n, m["mag"])[0] for n in nums]
    if sizes != sorted(sizes) or len(set(sizes)) < 2:
        return None
    return (m.start(), m.end(), "sizes", SizeList(tuple(sizes)), None, True, False)


# 5. numbers that are not counts ---------------------------------------------------------------


@_pass(rf"(?P<a>{_NUM})(?:{_SP}?[x×]{_SP}?|\*(?!\*))(?P<b>{_NUM})(?:{_MAG})?", needs=("x", "×", "*"), follow="x×*")
def _dimension(text: str, m: re.Match[str]) -> _Cand | None:
    if _glue(text, m.start()) == _HARD:
        return None
    return (m.start(), m.end(), "other", Text(m.group(0)), None, False, False)


@_pass(rf"(?P<num>{_NUM}){_SP}?(?:(?P<pct>[%％])|倍|[x×](?![A-Za-z0-9]))", needs=("%", "％", "倍", "x", "×"), follow="%％倍x×")
def _percent_or_times(text: str, m: re.Match[str]) -> _Cand | None:
    """ "42.5%" is a percent and "5.76倍", "10x" a ratio: neither is a count."""
    if _glue(text, m.start()) == _HARD:
        return None
    if not m["pct"]:
        return (m.start(), m.end(), "other", Text(m.group(0)), None, False, False)
    hs, q = _hedge_before(text, m.start())
    he, q2 = _hedge_after(text, m.end(), after_digits=False)
    return (hs, he, "percent", _clean(Decimal(m["num"].replace(",", ""))), q or q2, False, False)


@_pass(rf"(?P<a>{_NUM})/(?P<b>{_NUM})(?![0-9A-Za-z%/])", needs=("/",), follow="/")
def _fraction(text: str, m: re.Match[str]) -> _Cand | None:
    if _glue(text, m.start()) == _HARD:
        return None
    return (m.start(), m.end(), "other", Text(m.group(0)), None, False, False)


@_pass(r"[0-9][0-9]?:[0-9]{2}(?::[0-9]{2})?(?![0-9])", needs=(":",))
def _clock(text: str, m: re.Match[str]) -> _Cand | None:
    if _glue(text, m.start()) == _HARD:
        return None
    return (m.start(), m.end(), "_skip", None, None, False, False)  # a time of day: no value, no numbers


# 6. years and plain numbers -------------------------------------------------------------------


_WORD_BEFORE = re.compile(rf"(?<![A-Za-z0-9_-])([A-Za-z][A-Za-z0-9-]*){_SP}\Z")
_YEAR_INTRO = frozenset(w.lower() for w in VOCAB["year_intro_words"])
_NUMBER_CELL_BEFORE = re.compile(r"[0-9][*%\s]*\|[*\s]*\Z")
_NUMBER_CELL_AFTER = re.compile(r"[*\s]*\|[*\s]*[0-9]")


@_pass(r"(?P<y>(?:19|20)[0-9]{2})(?![0-9])")
def _bare_year(text: str, m: re.Match[str]) -> _Cand | None:
    y = int(m["y"])
    if not 1990 <= y <= 2035 or _glue(text, m.start()) != _FREE:
        return None
    if _NOT_YEAR_AFTER.match(text, m.end()):
        return None
    prev = text[m.start() - 1 : m.start()]
    if prev and (prev in "$＄¥￥~≈<>+" or _hedge_before(text, m.start())[1]):
        return None
    if _NUMBER_CELL_BEFORE.search(text, max(0, m.start() - 16), m.start()) or _NUMBER_CELL_AFTER.match(text, m.end()):
        return None  # "| 2061 | 2029 |": a score among scores, not a year
    word = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
    if word and word[1].lower() not in _YEAR_INTRO and any(c.isupper() for c in word[1]):
        return (m.start(), m.end(), "other", Text(m["y"]), None, False, False)  # "AIME 2024": part of a name
    return (m.start(), m.end(), "date", DateValue.from_parts(y), None, False, False)


@_pass(
    rf"(?P<num>{_NUM})(?:(?P<more>[多余])?(?P<magzh>{_SP}?{_MAG_ZH})|(?P<mag>(?:{_SP}|-)?{_MAG_WORD}|[ ]?{_MAG_LETTER}))?"
)
def _number(text: str, m: re.Match[str]) -> _Cand | None:
    num = m["num"]
    mag = m["magzh"] or m["mag"]
    start, end = m.start(), m.end()
    glue = _glue(text, start)
    if glue == _HARD or (glue == _SOFT and not mag) or _leading_zero(num):
        return None
    if not mag:
        if end < len(text) and text[end] in _ALNUM_AT and not _plain_end_ok(text, end):
            return None
        if _LIST_MARKER.match(text, end) and not text[text.rfind("\n", 0, start) + 1 : start].strip(" \t>*-#"):
            return None  # "5. 【2024-5-7】…": the number of a list item
    amount, res = _scaled(num, mag)
    hs, q = _hedge_before(text, m.start())
    he, q2 = _hedge_after(text, m.end(), after_digits=not m["mag"])
    if m["more"]:
        q2 = q2 or "lower_bound"
    return (hs, he, "number", Quantity(amount, res), q or q2, bool(mag), False)


_ALNUM_AT = _ALNUM | {"@"}
_LIST_MARKER = re.compile(r"[.)、．]\s")


def _zh_ok(text: str, start: int, zh: str) -> bool:
    if "万" not in zh and "亿" not in zh or zh in ("千万", "万万"):
        return False
    return not text[max(0, start - 2) : start].endswith(_VAGUE_ZH)


@_pass(rf"(?P<zh>{_ZH_NUM})", needs=("万", "亿"))
def _zh_numeral(text: str, m: re.Match[str]) -> _Cand | None:
    if not _zh_ok(text, m.start(), m["zh"]):
        return None
    amount, res = _zh_number(m["zh"])
    hs, q = _hedge_before(text, m.start())
    he, q2 = _hedge_after(text, m.end(), after_digits=True)
    return (hs, he, "number", Quantity(amount, res), q or q2, True, False)


# ---- the scan ---------------------------------------------------------------------------------

_TRIGGER = re.compile(r"[0-9]|[一二两三四五六七八九十百千][零一二两三四五六七八九十百千万亿]*[万亿]")


# A number with its magnitude and the spaces after it: the character that follows says which
# anchored passes can match there ("%" percent, "/" fraction or list, "美" money …).
_TOKEN = re.compile(rf"{_NUM}(?:[多余])?(?:{_MAG})?(?:[多余])?{_SP}*")


def _run_anchored(p: _Pass, text: str, starts: list[tuple[int, str]], taken: bytearray, found: list[_Cand]) -> None:
    """Like the search loop below, but trying the pattern only where a number starts: much faster."""
    nxt = 0
    match = p.regex.match
    follow = p.follow
    for pos, after in starts:
        if pos < nxt or taken[pos] or (follow is not None and after not in follow):
            continue
        m = match(text, pos)
        if m is None:
            continue
        try:
            cand = p.build(text, m)
        except (ValueError, ArithmeticError, KeyError):
            cand = None
        if cand is None or cand[1] <= cand[0] or taken.find(1, cand[0], cand[1]) != -1:
            continue
        found.append(cand)
        taken[cand[0] : cand[1]] = b"\x01" * (cand[1] - cand[0])
        nxt = m.end()


def find_values(text: str) -> list[ValueMatch]:
    """All values in `text`, left to right, non-overlapping; the more specific reading wins."""
    if not text or not _TRIGGER.search(text):
        return []
    taken = bytearray(len(text))
    found: list[_Cand] = []
    chars = set(text)
    has_month = _MONTH_ANY.search(text) is not None
    starts: list[tuple[int, str]] | None = None
    for p in _PASSES:
        if p.gate and p.gate.isdisjoint(chars):
            continue
        if (p.month and not has_month) or (p.words and not any(w in text for w in p.words)):
            continue
        if p.anchored:
            if starts is None:
                starts = [(m.start(), text[m.end() : m.end() + 1]) for m in _TOKEN.finditer(text)]
            _run_anchored(p, text, starts, taken, found)
            continue
        pos = 0
        while pos <= len(text):
            m = p.regex.search(text, pos)
            if m is None:
                break
            try:
                cand = p.build(text, m)
            except (ValueError, ArithmeticError, KeyError):
                cand = None
            if cand is None or cand[1] <= cand[0] or taken.find(1, cand[0], cand[1]) != -1:
                pos = m.start() + 1
                continue
            found.append(cand)
            taken[cand[0] : cand[1]] = b"\x01" * (cand[1] - cand[0])
            pos = max(m.end(), m.start() + 1)
    found.sort(key=lambda c: c[0])
    return [
        ValueMatch(s, e, kind, value, text[s:e], q, mag, explicit)
        for s, e, kind, value, q, mag, explicit in found
        if kind != "_skip"
    ]
