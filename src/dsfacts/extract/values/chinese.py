"""Pass 7: numbers written in Chinese numerals ("两百七十八点八万", "十亿跟七十亿", "从十五亿参数到七百亿参数"),
scanned after every pass of digits, so "557万美元" is money and "6千7百亿" a mixed numeral first."""

from __future__ import annotations

import re

from dsfacts.extract.values.common import Cand, Pass, hedge_after, hedge_before, registrar, zh_number
from dsfacts.extract.values.lexicon import CHANGE, SP, VAGUE_ZH, ZH_NUM
from dsfacts.models import Quantity, SizeList, SizeRange

PASSES: list[Pass] = []  # in priority order, after amounts.PASSES
_pass = registrar(PASSES)
MODEL_SIZE = 100_000_000  # a size of a model: hundreds of millions and up

_ZH_BARE_DIGITS = "零一二两三四五六七八九"
_CLASS_AFTER = re.compile(r"(?:级|量级|参数(?:级|量级)?(?:的)?(?:大)?模型|规模的)")
_ZH_MAGNITUDE = ("万", "亿", "兆")


@_pass(
    rf"(?P<lo>{ZH_NUM}){SP}*(?:参数|个参数)?{SP}*(?P<sep>到|至|~|～|-|–){SP}*(?P<hi>{ZH_NUM})",
    needs=("到", "至", "~", "～", "-", "–"),
)
def _zh_range(text: str, m: re.Match[str]) -> Cand | None:
    """ "从十五亿参数到七百亿参数": a range of sizes in Chinese numerals (not a change: "从 4K 扩展到 128K")."""
    lo_zh, hi_zh = (z.rstrip(_ZH_BARE_DIGITS) if z.rstrip(_ZH_BARE_DIGITS)[-1:] in _ZH_MAGNITUDE else z for z in (m["lo"], m["hi"]))
    if not (lo_zh[-1] in _ZH_MAGNITUDE and hi_zh[-1] in _ZH_MAGNITUDE) or CHANGE.search(text, max(0, m.start() - 50), m.start()):
        return None
    lo, hi = zh_number(lo_zh)[0], zh_number(hi_zh)[0]
    if not (MODEL_SIZE <= lo < hi):
        return None
    return (m.start(), m.start("hi") + len(hi_zh), "range", SizeRange(lo, hi), None, True, False)


@_pass(rf"(?P<first>{ZH_NUM})(?:{SP}*(?:、|和|与|跟|及|以及|,|，){SP}*{ZH_NUM})+", needs=("、", "和", "与", "跟", "及", ",", "，"))
def _zh_size_list(text: str, m: re.Match[str]) -> Cand | None:
    """ "有十亿跟七十亿两个版本": sizes in Chinese numerals, each with its magnitude."""
    items = re.findall(ZH_NUM, m.group())
    items = [z.rstrip(_ZH_BARE_DIGITS) if z.rstrip(_ZH_BARE_DIGITS)[-1:] in _ZH_MAGNITUDE else z for z in items]
    if len(items) < 2 or any(z[-1:] not in _ZH_MAGNITUDE for z in items):
        return None
    sizes = [zh_number(z)[0] for z in items]
    if len(set(sizes)) < 2 or any(x < MODEL_SIZE for x in sizes):
        return None
    end = m.start() + m.group().rfind(items[-1]) + len(items[-1])
    return (m.start(), end, "sizes", SizeList(tuple(sorted(sizes))), None, True, False)


def zh_ok(text: str, start: int, zh: str) -> bool:
    if ("万" not in zh and "亿" not in zh and "兆" not in zh) or zh in ("千万", "万万"):
        return False
    if zh in ("百亿", "千亿", "万亿") and _CLASS_AFTER.match(text, start + len(zh)):
        return False  # "千亿参数模型", "万亿级": a class of size, not a size
    if start and text[start - 1] in "零〇一二两三四五六七八九十百千点":
        return False  # inside a longer numeral the scan stepped into
    return not (zh[0] in "十百千万亿" and text[max(0, start - 2) : start].endswith(VAGUE_ZH))  # "数千亿", not "参数六千…"


@_pass(rf"(?P<zh>{ZH_NUM})", needs=("万", "亿", "兆"))
def _zh_numeral(text: str, m: re.Match[str]) -> Cand | None:
    zh = m["zh"]
    if "点" not in zh and zh[-1] in _ZH_BARE_DIGITS and zh.rstrip(_ZH_BARE_DIGITS)[-1:] in ("万", "亿", "兆"):
        zh = zh.rstrip(_ZH_BARE_DIGITS)  # "七十亿两个版本": the numeral ends at its magnitude
    if not zh_ok(text, m.start(), zh):
        return None
    amount, res = zh_number(zh)
    end = m.start() + len(zh)
    hs, q = hedge_before(text, m.start())
    he, q2 = hedge_after(text, end, after_digits=True)
    return (hs, he, "number", Quantity(amount, res), q or q2, True, False)
