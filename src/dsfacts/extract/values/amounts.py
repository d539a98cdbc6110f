"""Passes 3-6: money, compounds ("16B-A3B"), ranges and lists of sizes, numbers that are
not counts (percent, times, dimensions, fractions, clock times), years and plain numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from dsfacts.extract.values.chinese import zh_ok
from dsfacts.extract.values.common import (
    ALNUM,
    FREE,
    HARD,
    SOFT,
    SPACES,
    Cand,
    Pass,
    clean,
    glue_at,
    hedge_after,
    hedge_before,
    leading_zero,
    plain_end_ok,
    registrar,
    scaled,
    zh_number,
)
from dsfacts.extract.values.lexicon import (
    CHANGE,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    MAG,
    MAG_LETTER,
    MAG_WORD,
    MAG_ZH,
    NOT_YEAR_AFTER,
    NOT_YUAN_AFTER,
    NUM,
    SP,
    VOCAB,
    ZH_NUM,
    Compound,
    alt,
)
from dsfacts.models import DateValue, Money, Quantity, SizeList, SizeRange, Text

PASSES: list[Pass] = []  # in priority order
_pass = registrar(PASSES)


# 3. numerals mixing digits and Chinese units, then money (Chinese numerals alone: chinese.py) ---------------------------------------


@_pass(r"(?P<mx>[0-9]{1,4}[十百千万](?:[0-9]{1,4}[十百千]){1,3}[万亿]?)", needs=("十", "百", "千", "万"))
def _mixed_numeral(text: str, m: re.Match[str]) -> Cand | None:
    """ "6千7百亿" (670B), "3百7十亿", "12万8千" (128,000): digits for the figures, Chinese for the
    units, as people write numbers out loud. Read as the numeral it spells ("六千七百亿")."""
    import cn2an  # only for these spans; slow to import

    if glue_at(text, m.start()) != FREE or text[m.end() : m.end() + 1].isdigit():
        return None
    spelled = re.sub(r"[0-9]+", lambda d: str(cn2an.an2cn(d.group(), "low")), m["mx"])
    amount, res = zh_number(spelled)
    end = m.end()
    cur = _CURRENCY_RE_AFTER.match(text, end)
    if cur:
        code = _currency_after_text(text, end, cur)
        if code:
            return _money(text, m, m.start(), cur.end(), amount, res, code, True)
    hs, q = hedge_before(text, m.start())
    he, q2 = hedge_after(text, end, after_digits=True)
    return (hs, he, "number", Quantity(amount, res), q or q2, True, False)


def _currency_after_text(text: str, end: int, cur: re.Match[str]) -> str | None:
    word = SPACES.sub(" ", cur.group().strip(" \t\u00a0\u3000*_`").lower())
    if word == "元" and text.startswith(NOT_YUAN_AFTER, cur.end()):
        return None
    return CURRENCY_AFTER.get(word)


# money ----------------------------------------------------------------------------------------


def _money(text: str, m: re.Match[str], start: int, end: int, amount: Decimal, res: Decimal, cur: str, mag: bool) -> Cand | None:
    glue = glue_at(text, start)
    if glue == HARD or (glue == SOFT and not mag):
        return None
    hs, q = hedge_before(text, start)
    he, q2 = hedge_after(text, end, after_digits=False)
    return (hs, he, "money", Money(amount, cur, res), q or q2, mag, False)


@_pass(
    "(?P<cur>" + alt(CURRENCY_BEFORE)[3:-1] + rf"){SP}?(?P<num>{NUM})(?:(?P<mag>{MAG})|(?P<mil>m)(?![A-Za-z0-9_]))?",
    needs=tuple(CURRENCY_BEFORE),
)
def _money_before(text: str, m: re.Match[str]) -> Cand | None:
    """ "$5.576M", "US$294,000", "US$5.576m" (after a currency sign a lowercase m is millions)."""
    if leading_zero(m["num"]) or (m["cur"][0].isalpha() and glue_at(text, m.start()) == HARD):
        return None
    mag = m["mag"] or ("M" if m["mil"] else None)
    if not mag and not plain_end_ok(text, m.end()):
        return None
    amount, res = scaled(m["num"], mag)
    return _money(text, m, m.start(), m.end(), amount, res, CURRENCY_BEFORE[m["cur"]], bool(mag))


_CUR_AFTER = "(?i:" + alt(CURRENCY_AFTER, english_boundary=True) + ")"


def _currency_after(text: str, m: re.Match[str]) -> str | None:
    cur = m["cur"]
    if cur == "元" and text.startswith(NOT_YUAN_AFTER, m.end()):
        return None
    return CURRENCY_AFTER[SPACES.sub(" ", cur.lower())]


@_pass(
    rf"(?P<num>{NUM})(?P<more>[多余])?(?P<mag>{MAG})?(?P<more2>[多余])?{SP}*(?:\*\*|__|`)?{SP}*(?P<cur>{_CUR_AFTER})",
    needs=tuple({w for w in CURRENCY_AFTER if not w.isascii()} | {"dollar", "USD", "RMB", "CNY", "yuan"}),
    follow="".join({w[0] for w in CURRENCY_AFTER} | {w[0].upper() for w in CURRENCY_AFTER}) + "*_`",
)
def _money_after(text: str, m: re.Match[str]) -> Cand | None:
    cur = _currency_after(text, m)
    if cur is None or leading_zero(m["num"]):
        return None
    if m["more"] and not (m["mag"] or "").strip().startswith(tuple("十百千万亿")):
        return None
    amount, res = scaled(m["num"], m["mag"])
    cand = _money(text, m, m.start(), m.end(), amount, res, cur, bool(m["mag"]))
    if cand and (m["more"] or m["more2"]) and cand[4] is None:
        cand = (*cand[:4], "lower_bound", *cand[5:])
    return cand


@_pass(rf"(?P<zh>{ZH_NUM})(?P<more>[多余])?{SP}*(?P<cur>{_CUR_AFTER})", needs=("万", "亿"))
def _money_zh(text: str, m: re.Match[str]) -> Cand | None:
    if not zh_ok(text, m.start(), m["zh"]):
        return None
    cur = _currency_after(text, m)
    if cur is None:
        return None
    amount, res = zh_number(m["zh"])
    cand = _money(text, m, m.start(), m.end(), amount, res, cur, True)
    if cand and m["more"] and cand[4] is None:
        cand = (*cand[:4], "lower_bound", *cand[5:])
    return cand


# 4. compounds, ranges and lists of sizes ---------------------------------------------------------


@_pass(rf"(?P<a>{NUM})(?P<am>{MAG})-A(?P<b>{NUM})(?P<bm>{MAG})", needs=("-",), words=("-A",), follow="-")
def _compound(text: str, m: re.Match[str]) -> Cand | None:
    if glue_at(text, m.start()) == HARD:
        return None
    total, active = Quantity(*scaled(m["a"], m["am"])), Quantity(*scaled(m["b"], m["bm"]))
    if not active.amount < total.amount:
        return None
    return (m.start(), m.end(), "compound", Compound(total, active), None, True, False)


@_pass(
    rf"(?P<lo>{NUM})(?P<lom>{MAG})?{SP}*(?:参数|个参数|(?i:parameters?){SP}+)?{SP}*"
    rf"(?P<sep>-|–|—|~|～|到|至|(?i:(?<![A-Za-z])(?:(?:up{SP}+)?to|and)(?![A-Za-z]))){SP}*(?P<hi>{NUM})(?P<him>{MAG})",
    needs=("-", "–", "—", "~", "～", "到", "至", "to", "and"),
    follow="-–—~～到至tTaAuU参个pP",
)
def _range(text: str, m: re.Match[str]) -> Cand | None:
    lo_start = m.start("lo")
    glue = glue_at(text, lo_start)
    if glue == HARD or (glue == SOFT and not m["lom"]) or leading_zero(m["lo"]) or leading_zero(m["hi"]):
        return None
    sep = m["sep"].lower().split()[-1]  # "from 1.5B up to 70B" is a range like "1.5B to 70B"
    if sep == "and" and not _BETWEEN.search(text, max(0, lo_start - 12), lo_start):
        return None
    if sep in ("to", "到", "至") and CHANGE.search(text, max(0, m.start() - 50), m.start()):
        return None  # "扩展…从 4K 到 128K": a change, not a range
    if _CURRENCY_RE_AFTER.match(text, m.end()):
        return None
    lo, _ = scaled(m["lo"], m["lom"] or m["him"])
    hi, _ = scaled(m["hi"], m["him"])
    if not lo < hi:
        return None
    return (lo_start, m.end(), "range", SizeRange(lo, hi), None, True, False)


_BETWEEN = re.compile(rf"(?i:(?<![A-Za-z])between){SP}*\Z")
_CURRENCY_RE_AFTER = re.compile(rf"{SP}*(?:\*\*|__|`)?{SP}*{_CUR_AFTER}")
_ITEM = rf"{NUM}{MAG}"
_LIST_SEP = (
    rf"(?:{SP}*[、,，/]{SP}*(?:(?i:and|or){SP}+|和{SP}*|及{SP}*)?"  # not ";": "…-v1.5 7B; 120B math tokens" are two things
    rf"|{SP}*(?:和|与|跟|及|以及|或|&){SP}*|{SP}+(?i:and|or){SP}+|{SP}+\+{SP}+)"  # "7B + 67B" in notes
)
_ITEM_RE = re.compile(rf"(?P<num>{NUM})(?P<mag>{MAG})")
# an aside after a listed size: "提供1.5B（需16GB显存）和7B（需24GB显存）版本"
_ITEM_ASIDE = rf"(?:{SP}*[(（][^()（）\n]{{1,30}}[)）])?"
class _Item(NamedTuple):
    start: int
    end: int
    num: str
    mag: str


_ASIDE_RE = re.compile(rf"{SP}*[(（][^()（）\n]{{1,30}}[)）]")


# "Tiny 3B / Small 16B / 标准版 27B": after a slash, a variant's name may stand before its size
_LABELLED_SEP = rf"{SP}*/{SP}*(?:[A-Z][a-z]{{1,9}}|[\u4e00-\u9fff]{{1,3}}版){SP}*"


@_pass(
    rf"{_ITEM}(?:{_ITEM_ASIDE}(?:{_LIST_SEP}|{_LABELLED_SEP}){_ITEM}){{1,31}}",  # bounded: a rejected run must not be rescanned from every number (quadratic)
    needs=("、", ",", "，", "/", "和", "与", "跟", "及", "或", "&", "and", "or", "And", "Or", "+"),
    follow="、,，/和与跟及以或&aAoO(（+",
)
def _size_list(text: str, m: re.Match[str]) -> Cand | None:
    if glue_at(text, m.start()) == HARD:
        return None
    span = _ASIDE_RE.sub(lambda a: " " * len(a.group()), m.group())  # the asides' numbers are not items
    items = [_Item(m.start() + i.start(), m.start() + i.end(), i["num"], i["mag"]) for i in _ITEM_RE.finditer(span)]
    seps = [span[a.end - m.start() : b.start - m.start()] for a, b in zip(items, items[1:], strict=False)]  # asides blanked
    if any(leading_zero(i.num) for i in items):
        return None
    mags = [scaled("1", i.mag)[0] for i in items]  # the multiplier: B, 亿, 万亿 …
    if len(set(mags)) > 1:  # "1.3B, 6.7B and 33B; 2T tokens", "6710 亿 / 370 亿，14.8 万亿 token": then trillions of tokens
        run = next(k for k, mg in enumerate(mags) if mg != mags[0])
        if run < 2:
            return None
        items = items[:run]
        seps = seps[: run - 1]
    sizes = [scaled(i.num, i.mag)[0] for i in items]
    kinds = [size >= MODEL_SIZE for size in sizes]
    if len(set(kinds)) > 1:  # "671B/37B，128K 上下文": the model's sizes end where a thousands figure starts
        run = next(k for k, kind in enumerate(kinds) if kind != kinds[0])
        if run < 2:
            return None
        items, seps, sizes = items[:run], seps[: run - 1], sizes[:run]
    end = items[-1].end
    if all(s.strip() == "/" for s in seps) and len(sizes) == 2 and sizes[1] < sizes[0]:
        # "236B/21B": total and active
        total, active = (Quantity(*scaled(i.num, i.mag)) for i in items)
        return (m.start(), end, "compound", Compound(total, active), None, True, False)
    if len(set(sizes)) < 2:
        return None
    if any(sep.strip() == "+" for sep in seps) and sizes != sorted(sizes):
        return None  # "671B + 14B MTP module": a sum, not sizes listed small to large ("1B + 7B")
    if len(sizes) == 2 and _ALTERNATIVE.search(seps[0]):
        # "70 亿或 80 亿参数的蒸馏版能在笔记本上运行": one of two, not the sizes a model comes in
        return (m.start(), end, "other", Text(text[m.start() : end]), None, True, False)
    return (m.start(), end, "sizes", SizeList(tuple(sizes)), None, True, False)


MODEL_SIZE = Decimal(100_000_000)  # a list of model sizes holds hundreds of millions and up, not thousands
_ALTERNATIVE = re.compile(r"(?i)(?<![a-z])or(?![a-z])|或")


@_pass(rf"(?P<nums>{NUM}(?:/{NUM})+)(?P<mag>{MAG})", needs=("/",), follow="/")
def _shared_suffix_list(text: str, m: re.Match[str]) -> Cand | None:
    """ "7/67B", "1.3/7B": every number takes the last one's magnitude."""
    if glue_at(text, m.start()) == HARD:
        return None
    nums = m["nums"].split("/")
    if any(leading_zero(n) for n in nums):
        return None
    sizes = [scaled(n, m["mag"])[0] for n in nums]
    if sizes != sorted(sizes) or len(set(sizes)) < 2:
        return None
    return (m.start(), m.end(), "sizes", SizeList(tuple(sizes)), None, True, False)


# 5. numbers that are not counts ---------------------------------------------------------------


@_pass(rf"(?P<a>{NUM})(?:{SP}?[x×]{SP}?|\*(?!\*))(?P<b>{NUM})(?:{MAG})?", needs=("x", "×", "*"), follow="x×*")
def _dimension(text: str, m: re.Match[str]) -> Cand | None:
    if glue_at(text, m.start()) == HARD:
        return None
    return (m.start(), m.end(), "other", Text(m.group(0)), None, False, False)


@_pass(rf"(?P<num>{NUM}){SP}?(?:(?P<pct>[%％])|倍|[x×](?![A-Za-z0-9]))", needs=("%", "％", "倍", "x", "×"), follow="%％倍x×")
def _percent_or_times(text: str, m: re.Match[str]) -> Cand | None:
    """ "42.5%" is a percent and "5.76倍", "10x" a ratio: neither is a count."""
    if glue_at(text, m.start()) == HARD:
        return None
    if not m["pct"]:
        return (m.start(), m.end(), "other", Text(m.group(0)), None, False, False)
    hs, q = hedge_before(text, m.start())
    he, q2 = hedge_after(text, m.end(), after_digits=False)
    return (hs, he, "percent", clean(Decimal(m["num"].replace(",", ""))), q or q2, False, False)


@_pass(rf"(?P<a>{NUM})/(?P<b>{NUM})(?![0-9A-Za-z%/])", needs=("/",), follow="/")
def _fraction(text: str, m: re.Match[str]) -> Cand | None:
    if glue_at(text, m.start()) == HARD:
        return None
    return (m.start(), m.end(), "other", Text(m.group(0)), None, False, False)


@_pass(r"[0-9][0-9]?:[0-9]{2}(?::[0-9]{2})?(?![0-9])", needs=(":",))
def _clock(text: str, m: re.Match[str]) -> Cand | None:
    if glue_at(text, m.start()) == HARD:
        return None
    return (m.start(), m.end(), "_skip", None, None, False, False)  # a time of day: no value, no numbers


# 6. years and plain numbers -------------------------------------------------------------------


_WORD_BEFORE = re.compile(rf"(?<![A-Za-z0-9_-])([A-Za-z][A-Za-z0-9-]*){SP}\Z")
_YEAR_INTRO = frozenset(w.lower() for w in VOCAB["year_intro_words"])
_NUMBER_CELL_BEFORE = re.compile(r"[0-9][*%\s]*\|[*\s]*\Z")
_NUMBER_CELL_AFTER = re.compile(r"[*\s]*\|[*\s]*[0-9]")


@_pass(r"(?P<y>(?:19|20)[0-9]{2})(?![0-9])", year=True)
def _bare_year(text: str, m: re.Match[str]) -> Cand | None:
    y = int(m["y"])
    if not 1990 <= y <= 2035 or glue_at(text, m.start()) != FREE:
        return None
    if NOT_YEAR_AFTER.match(text, m.end()):
        return None
    prev = text[m.start() - 1 : m.start()]
    if prev and (prev in "$＄¥￥~≈<>+" or hedge_before(text, m.start())[1]):
        return None
    if _NUMBER_CELL_BEFORE.search(text, max(0, m.start() - 16), m.start()) or _NUMBER_CELL_AFTER.match(text, m.end()):
        return None  # "| 2061 | 2029 |": a score among scores, not a year
    word = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
    if word and word[1].lower() not in _YEAR_INTRO and any(c.isupper() for c in word[1]):
        return (m.start(), m.end(), "other", Text(m["y"]), None, False, False)  # "AIME 2024": part of a name
    return (m.start(), m.end(), "date", DateValue.from_parts(y), None, False, False)


@_pass(
    rf"(?P<num>{NUM})(?:(?P<more>[多余])?(?P<magzh>{SP}?{MAG_ZH})|(?P<mag>(?:{SP}|-)?{MAG_WORD}|[ ]?{MAG_LETTER}))?"
)
def _number(text: str, m: re.Match[str]) -> Cand | None:
    num = m["num"]
    mag = m["magzh"] or m["mag"]
    start, end = m.start(), m.end()
    glue = glue_at(text, start)
    if glue == HARD or (glue == SOFT and not mag) or leading_zero(num):
        return None
    if not mag:
        if end < len(text) and text[end] in _ALNUM_AT and not plain_end_ok(text, end):
            return None
        if _LIST_MARKER.match(text, end) and not text[text.rfind("\n", 0, start) + 1 : start].strip(" \t>*-#"):
            return None  # "5. 【2024-5-7】…": the number of a list item
    amount, res = scaled(num, mag)
    hs, q = hedge_before(text, m.start())
    he, q2 = hedge_after(text, m.end(), after_digits=not m["mag"])
    if m["more"]:
        q2 = q2 or "lower_bound"
    return (hs, he, "number", Quantity(amount, res), q or q2, bool(mag), False)


_ALNUM_AT = ALNUM | {"@"}
_LIST_MARKER = re.compile(r"[.)、．]\s")
