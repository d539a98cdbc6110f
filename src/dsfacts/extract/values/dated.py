"""Passes 1-2: arXiv ids and links, then dates (ISO, Chinese, English, parts of a year,
month-days and bare days). They run first, so the numbers inside them are taken."""

from __future__ import annotations

import datetime as dt
import re

from dsfacts.extract.values.common import (
    FREE,
    Cand,
    Pass,
    full_year,
    glue_at,
    interval,
    is_alnum,
    make_date,
    registrar,
)
from dsfacts.extract.values.lexicon import (
    EN_PARTS,
    MONTH_OF,
    MONTHS,
    NOT_YEAR_AFTER,
    SP,
    VOCAB,
    ZH_PARTS,
    ZH_PARTS_NOT_BEFORE,
    MonthDay,
    alt,
)
from dsfacts.models import DateValue, Text

PASSES: list[Pass] = []  # in priority order
_pass = registrar(PASSES)


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
def _arxiv_explicit(text: str, m: re.Match[str]) -> Cand | None:
    aid = m["id"]
    if not _arxiv_ok(aid) or (m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha()):
        return None
    return (m.start("id"), m.end("id"), "arxiv", Text(aid), None, False, True)


@_pass(r"[eE](?i:print)\s*=\s*[{\"']\s*" + _ARXIV_ID, needs=("eprint", "EPRINT", "Eprint"))
def _arxiv_eprint(text: str, m: re.Match[str]) -> Cand | None:
    return _arxiv_explicit(text, m)


@_pass(_ARXIV_ID + r"(?![0-9A-Za-z_]|\.[0-9])", needs=(".",))
def _arxiv_bare(text: str, m: re.Match[str]) -> Cand | None:
    aid = m["id"]
    if not _arxiv_ok(aid) or (m.start() and (is_alnum(text[m.start() - 1]) or text[m.start() - 1] in "./-")):
        return None
    return (m.start("id"), m.end("id"), "arxiv", Text(aid), None, False, False)


@_pass(r"[hH][tT][tT][pP][sS]?://[^\s<>\"'()\[\]]+", needs=("://",))
def _url(text: str, m: re.Match[str]) -> Cand | None:
    return (m.start(), m.end(), "_skip", None, None, False, False)  # ids and paths in a link are not values


# 2. dates -------------------------------------------------------------------------------------

_Y4 = r"(?P<y>(?:19|20)[0-9]{2})"
_YCN = r"(?P<y>[0-9][0-9](?:[0-9]{2})?)"
_DD = r"[0-9][0-9]?"


def _date_cand(text: str, m: re.Match[str], value: object, kind: str = "date") -> Cand | None:
    if value is None or glue_at(text, m.start()) != FREE:
        return None
    return (m.start(), m.end(), kind, value, None, False, False)


@_pass(
    _Y4 + rf"(?P<sep>[-/.])(?P<m>{_DD})(?:(?P=sep)(?P<d>{_DD})(?![0-9]|\.[0-9])"
    rf"(?:(?:T|{SP}{{1,2}})[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?![0-9]))?|(?![0-9]|(?P=sep)[0-9]))",
    needs=("-", "/", "."),
    year=True,
)
def _iso_date(text: str, m: re.Match[str]) -> Cand | None:
    """ "2024-12-26", "2024/2/8 18:02:21", "2024.05.06", "2024-01" (month), "2025-01-**" (month)."""
    if m["d"] is None and m["sep"] == "." and len(m["m"]) != 2:
        return None  # "2023.5" is a number more often than May 2023
    d = int(m["d"]) if m["d"] else None
    return _date_cand(text, m, make_date(int(m["y"]), int(m["m"]), d))


@_pass(rf"(?:中华)?民国{SP}*(?P<roc>[0-9]{{2,3}}){SP}*年{SP}*(?P<m>{_DD}){SP}*月(?:{SP}*(?P<d>{_DD}){SP}*[日号])?", needs=("民",))
def _roc_date(text: str, m: re.Match[str]) -> Cand | None:
    """ "中華民國114年2月5日": a date of the Republic of China calendar (year 1 is 1912)."""
    return _date_cand(text, m, make_date(int(m["roc"]) + 1911, int(m["m"]), int(m["d"]) if m["d"] else None))


@_pass(_Y4 + rf"{SP}*[·•]{SP}*" + MONTHS, month=True, year=True)
def _year_dot_month(text: str, m: re.Match[str]) -> Cand | None:
    """ "2023 · Jul — DeepSeek founded": a timeline's year, then its month."""
    return _date_cand(text, m, make_date(int(m["y"]), MONTH_OF[m["mon"]]))


@_pass(_Y4 + rf"{SP}*年{SP}*(?P<part>" + alt(ZH_PARTS)[3:-1] + ")", needs=("年",), year=True)
def _zh_part(text: str, m: re.Match[str]) -> Cand | None:
    if text.startswith(ZH_PARTS_NOT_BEFORE, m.end()):
        return None
    first, last = ZH_PARTS[m["part"]]
    return _date_cand(text, m, interval(int(m["y"]), first, last))


@_pass(_Y4 + rf"{SP}*(?:-|–|—|~|～|至|到|to){SP}*(?P<y2>(?:19|20)[0-9]{{2}})(?![0-9])(?:{SP}*年)?", year=True)
def _year_range(text: str, m: re.Match[str]) -> Cand | None:
    y1, y2 = int(m["y"]), int(m["y2"])
    if not (1990 <= y1 < y2 <= 2035) or NOT_YEAR_AFTER.match(text, m.end()):
        return None
    a, b = make_date(y1), make_date(y2)
    return _date_cand(text, m, DateValue.between(a, b) if a and b else None)


@_pass(
    _YCN + rf"{SP}*年(?:{SP}*(?P<m>{_DD}){SP}*月(?:{SP}*(?P<d>{_DD}){SP}*[日号]|份)?|(?!级))",
    needs=("年",),
)
def _zh_date(text: str, m: re.Match[str]) -> Cand | None:
    """ "2023 年 11 月 2 日", "2023年7月", "2024年"; a two-digit year needs a month ("25年1月")."""
    if m["m"] is None:
        return _date_cand(text, m, make_date(int(m["y"])) if len(m["y"]) == 4 else None)
    return _date_cand(text, m, make_date(full_year(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None))


@_pass(
    rf"(?:(?P<d>{_DD})(?:st|nd|rd|th)?{SP}+)?(?<![A-Za-z])" + MONTHS + rf"{SP}*['’](?P<yy>[0-9]{{2}})(?![0-9'’])",
    month=True,
)
def _en_date_short_year(text: str, m: re.Match[str]) -> Cand | None:
    """ "Jan '24", "26 Dec '24": a slide's or a headline's year in two digits."""
    return _date_cand(text, m, make_date(full_year(m["yy"]), MONTH_OF[m["mon"]], int(m["d"]) if m["d"] else None))


@_pass(
    rf"(?P<d>{_DD})(?:st|nd|rd|th)?{SP}+(?:of{SP}+)?(?<![A-Za-z])" + MONTHS
    + rf"(?:,?{SP}+{_Y4}(?![0-9])|(?![A-Za-z]))",
    month=True,
)
def _en_date_day_first(text: str, m: re.Match[str]) -> Cand | None:
    """ "26 December 2024"; "20 January" (a MonthDay)."""
    month = MONTH_OF[m["mon"]]
    if m["y"]:
        return _date_cand(text, m, make_date(int(m["y"]), month, int(m["d"])))
    return _date_cand(text, m, _monthday(month, int(m["d"])), "monthday")


@_pass(
    MONTHS + rf"(?:{SP}+(?P<d>{_DD})(?:st|nd|rd|th)?(?:,?{SP}+{_Y4}(?![0-9])|(?![0-9A-Za-z]|[.,][0-9]))"
    rf"|,?{SP}+(?:of{SP}+)?(?P<y2>(?:19|20)[0-9]{{2}})(?![0-9]))",
    month=True,
)
def _en_date(text: str, m: re.Match[str]) -> Cand | None:
    """ "Dec 26, 2024", "December 2024", "Jan. 2024"; "Jan 20" has no year (a MonthDay)."""
    month = MONTH_OF[m["mon"]]
    if m["y2"]:
        return _date_cand(text, m, make_date(int(m["y2"]), month))
    if m["y"]:
        return _date_cand(text, m, make_date(int(m["y"]), month, int(m["d"])))
    return _date_cand(text, m, _monthday(month, int(m["d"])), "monthday")


@_pass(
    rf"(?i:(?P<rel>last|this){SP}+)" + MONTHS + r"|" + MONTHS.replace("?P<mon>", "?P<mon2>")
    + rf"{SP}+(?:of{SP}+)?(?i:(?P<rel2>this|last){SP}+year)(?![A-Za-z])",
    month=True,
)
def _en_relative_month(text: str, m: re.Match[str]) -> Cand | None:
    """ "last December", "January this year": a month whose year the document's date gives
    (extract/dates.py reads the words); without a day."""
    month = MONTH_OF[m["mon"] or m["mon2"]]
    return _date_cand(text, m, _monthday(month, None), "monthday")


_EN_PART_BEFORE = re.compile(r"(?i:(?<![A-Za-z])(?P<part>" + alt(EN_PARTS)[3:-1] + rf"))(?:{SP}*|(?<=-))\Z")


@_pass(_Y4 + "(?![0-9])", year=True)
def _en_part(text: str, m: re.Match[str]) -> Cand | None:
    """ "early 2024", "mid-2024", "Q1 2025": found from the year, looking back for the part."""
    p = _EN_PART_BEFORE.search(text, max(0, m.start() - 24), m.start())
    if not p or glue_at(text, p.start()) != FREE:
        return None
    first, last = EN_PARTS[re.sub(r"\s+", " ", p["part"].lower())]
    value = interval(int(m["y"]), first, last)
    return (p.start(), m.end(), "date", value, None, False, False) if value else None


@_pass(_Y4 + rf"{SP}?(?P<part>Q[1-4]|H[12])(?![A-Za-z0-9])", needs=("Q", "H"), year=True)
def _year_quarter(text: str, m: re.Match[str]) -> Cand | None:
    first, last = EN_PARTS[m["part"].lower()]
    return _date_cand(text, m, interval(int(m["y"]), first, last))


def _monthday(month: int, day: int | None) -> MonthDay | None:
    if not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    return MonthDay(month, day)


_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_1_31 = r"(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"


def _cn_small(word: str) -> int:
    """A Chinese numeral from 1 to 39: "二十六" -> 26, "十二" -> 12, "七" -> 7."""
    if "十" not in word:
        return _CN_DIGIT[word]
    tens, _, ones = word.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


@_pass(
    rf"(?:(?P<y>[〇零一二三四五六七八九]{{4}}){SP}*年{SP}*)?(?P<m>十[一二]?|[一二三四五六七八九]){SP}*月"
    rf"(?:{SP}*(?P<d>{_CN_1_31}){SP}*[日号])?",
    needs=("月",),
)
def _cn_numeral_date(text: str, m: re.Match[str]) -> Cand | None:
    """Dates in Chinese numerals, as said aloud: "二〇二三年七月", "十二月二十六号", "一月二十号"."""
    month, day = _cn_small(m["m"]), _cn_small(m["d"]) if m["d"] else None
    if m["y"]:
        year = int("".join(str(_CN_DIGIT[c]) for c in m["y"]))
        return _date_cand(text, m, make_date(year, month, day))
    if day is None and not text[max(0, m.start() - 3) : m.start()].endswith(("今年", "去年", "前年")):
        return None  # "七月" alone: too often not a date ("七月份的计划"); "去年十月" is one
    return _date_cand(text, m, _monthday(month, day), "monthday")


@_pass(r"(?<![0-9/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12][0-9]|3[01]|0?[1-9])(?![0-9/.%])", needs=("/",))
def _slash_monthday(text: str, m: re.Match[str]) -> Cand | None:
    """ "1/20 出的", "1/22 就上 arXiv": a month and a day as Chinese posts write them, where a release verb right
    after says it is a date; not "1/3 的参数", not "下次（11/20）读…"."""
    if not _SLASH_DATE_AFTER.match(text, m.end(), m.end() + 14):
        return None
    return _date_cand(text, m, _monthday(int(m["m"]), int(m["d"])), "monthday")


_SLASH_DATE_AFTER = re.compile(r"(?i)\s*(?:就|才|已|已经)?\s*(?:出|发|放|开源|上线|上架|推出|公布|释出|公开|号|日|上\s*(?:arxiv|hugging|github))")


@_pass(rf"(?P<m>{_DD}){SP}*月(?:{SP}*(?P<d>{_DD}){SP}*[日号]|份?(?![活薪租均度球光饼]))", needs=("月",))
def _zh_monthday(text: str, m: re.Match[str]) -> Cand | None:
    """ "1 月 20 日", "12月10日"; "12 月" alone is a MonthDay without a day."""
    return _date_cand(text, m, _monthday(int(m["m"]), int(m["d"]) if m["d"] else None), "monthday")


@_pass(rf"(?<![0-9])(?<![0-9一二三四五六七八九十]月)(?P<d>{_DD}){SP}*[日号](?![本元])", needs=("日", "号"))
def _zh_day(text: str, m: re.Match[str]) -> Cand | None:
    """ "26日" alone: a day whose month the context gives ("- 2024年12月" above it); month 0 until then."""
    day = int(m["d"])
    return _date_cand(text, m, MonthDay(0, day), "monthday") if 1 <= day <= 31 else None



# days people name instead of writing the date ---------------------------------------------------

SPACES_RE = re.compile(r"\s+")
_HOLIDAY_OF = {name.lower(): tuple(int(x) for x in str(md).split("-")) for md, names in VOCAB["holidays"].items() for name in names}
_EN_HOLIDAYS = [n for n in _HOLIDAY_OF if n.isascii() or "’" in n]
_ZH_HOLIDAYS = [n for n in _HOLIDAY_OF if n not in _EN_HOLIDAYS]
HOLIDAY_WORDS = "(?i:" + alt(_HOLIDAY_OF)[3:-1] + ")"  # for the scan's trigger: a text without digits may name one


def _holiday_date(m: re.Match[str], name: str, shift: str, year: str | None, text: str) -> Cand | None:
    month, day = _HOLIDAY_OF[SPACES_RE.sub(" ", name.lower())]
    step = -1 if shift in ("before", "前一天") else 1 if shift else 0
    moved = dt.date(int(year) if year else 2001, month, day) + dt.timedelta(days=step)  # 2001: any year without 29 Feb
    if year:
        return _date_cand(text, m, make_date(moved.year, moved.month, moved.day))
    if moved.year != 2001:
        return None  # "the day after New Year's Eve" without a year: which year it lands in is unknown
    return _date_cand(text, m, _monthday(moved.month, moved.day), "monthday")


@_pass(
    rf"(?i:(?:the{SP}+)?day{SP}+(?P<shift>after|before){SP}+)?(?P<name>(?i:" + alt(_EN_HOLIDAYS, english_boundary=True)[3:-1] + "))"
    rf"(?:,?{SP}*(?P<y>(?:19|20)[0-9]{{2}})(?![0-9]))?",
    needs=tuple({w[0].upper() for w in _EN_HOLIDAYS} | {w[0] for w in _EN_HOLIDAYS}),
    words=tuple(sorted({str(n) for names in VOCAB["holidays"].values() for n in names if str(n).lower() in _EN_HOLIDAYS} | set(_EN_HOLIDAYS))),
)
def _holiday_en(text: str, m: re.Match[str]) -> Cand | None:
    """ "Christmas Day 2024", "the day after Christmas", "on Boxing Day": a named day of the calendar;
    not "after Christmas", "over the Christmas holidays": a time around it."""
    if not m["shift"] and (_EN_AROUND_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _EN_AROUND_AFTER.match(text, m.end())):
        return None
    return _holiday_date(m, m["name"], (m["shift"] or "").lower(), m["y"], text)


_EN_AROUND_BEFORE = re.compile(r"(?i)(?<![a-z])(?:after|before|over|around|since|until|till|by)\s+(?:the\s+)?$")
_EN_AROUND_AFTER = re.compile(r"(?i)\s+(?:holidays?|season|break|week|period|rush|lull|time)(?![a-z])")
_ZH_AROUND_AFTER = re.compile(r"(?:刚过|前后|过后|之后|以后|之前|以前|假期|期间|档期|季|后(?!一天|第二天|的第二天)|前(?!一天|夕))")


@_pass(
    rf"(?:(?P<y>(?:19|20)[0-9]{{2}}){SP}*年{SP}*)?(?P<name>" + alt(_ZH_HOLIDAYS)[3:-1] + r")(?:当天|当日)?(?P<shift>次日|翌日|第二天|后一天|后第二天|后的第二天|前一天|隔天|隔日)?",
    needs=tuple({w[0] for w in _ZH_HOLIDAYS}),
)
def _holiday_zh(text: str, m: re.Match[str]) -> Cand | None:
    """ "去年圣诞节当天", "2024年圣诞节次日": a named day of the calendar; not "圣诞节刚过": a time after it."""
    if not m["shift"] and _ZH_AROUND_AFTER.match(text, m.end()):
        return None
    return _holiday_date(m, m["name"], m["shift"] or "", m["y"], text)
