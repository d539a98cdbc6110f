"""Brackets around names and values: whose figures a bracket holds ("V3 (671B total)"), and
which brackets are asides that own nothing ("(V3 had used …)", "（你说的86种是 Coder-V2 论文里的旧数字）")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dsfacts.extract.mentions import COMPANY, Mention

_CLAUSE_AFTER_NAME = re.compile(r"(?i)\s+(?:had|has|have|was|were|is|used|uses|came|shipped|kept|stays?|remains?)(?![a-z])|\s*(?:用的是|采用|使用|是|为|则)")
_EXAMPLE_OPENING = re.compile(r"(?i)\s*(?:如|例如|比如|包括|e\.g\.|eg|such as|like|including|for example)")


def opened_aside(text: str, start: int, end: int, name_end: int | None = None) -> bool:
    """A bracket opens between a value and a later model ("87 per README (the V2 paper says 86)")."""
    between = text[start:end]
    if between.count("(") + between.count("（") <= between.count(")") + between.count("）"):
        return False
    opened = max(between.rfind("("), between.rfind("（"))
    if not between[opened + 1 :].strip(" *_"):
        # "… 21 billion active parameters (DeepSeek-V2, May 2024)": the bracket names what it describes;
        # "weights now under MIT (V3 had used the DeepSeek Model License)": a clause of its own about another
        return name_end is not None and _CLAUSE_AFTER_NAME.match(text, name_end) is not None
    return _EXAMPLE_OPENING.match(between, opened + 1) is None  # "MIT 许可（如 DeepSeek-R1）": its examples own it


_BRACKET_AFTER_NAME = re.compile(r"(?i:[-\s](?:base|chat|instruct))?(?:\s*[0-9]+(?:\.[0-9]+)?\s?[BMK](?![A-Za-z]))?\s*[(（]")  # "DeepSeekMoE 16B (…)": a size tag may stand between


_LABELLED = re.compile(r"(?i)\s*(?:paper|source|see|via|ref|cf|论文|来源|参见|见)\s*[:：]")


LONG_ASIDE = 16  # characters: a bracket this long is a remark of its own, not a name's gloss
ASIDE_REACH = 120  # characters around a name that a bracket holding it may span


def in_long_aside(text: str, m: Mention, end: int) -> bool:
    """ "官方 GitHub 写的是87种（你说的86种是 Coder-V2 论文里提到的旧数字，…）": a model named inside a
    long bracketed remark is not what the sentence goes on about."""
    reach = max(0, m.start - ASIDE_REACH)  # windows, not the whole text: a line of 3,000 values stays linear
    opened = max(text.rfind("(", reach, m.start), text.rfind("（", reach, m.start))
    if opened < 0 or max(text.rfind(")", opened, m.start), text.rfind("）", opened, m.start)) >= 0:
        return False
    stop = min(end + 1, m.end + ASIDE_REACH)
    closes = [i for i in (text.find(")", m.end, stop), text.find("）", m.end, stop)) if i >= 0]
    if not closes:
        return False
    rest = text[opened + 1 : m.start] + text[m.end : min(closes)]  # "(DeepSeek-V3-0324)" is a name's gloss, no remark
    return len(rest.strip()) > LONG_ASIDE


def in_closed_aside(text: str, m: Mention, start: int) -> bool:
    """ "Janus-Pro（去年 10 月那个 Janus 的加强版），…有 1.5B 跟 7B 两个版本": a model named inside a
    bracket that closed before the value only explains the name before it."""
    reach = max(0, m.start - ASIDE_REACH)
    opened = max(text.rfind("(", reach, m.start), text.rfind("（", reach, m.start))
    if opened < 0 or max(text.rfind(")", opened, m.start), text.rfind("）", opened, m.start)) >= 0:
        return False
    stop = min(start, m.end + ASIDE_REACH)
    closed = [i for i in (text.find(")", m.end, stop), text.find("）", m.end, stop)) if i >= 0]
    return bool(closed) and opened > 0 and text[opened - 1] not in " \t" and text[opened - 1:opened].strip() != ""


def bracket_owner(text: str, mentions: Sequence[Mention], start: int) -> Mention | None:
    """The model whose name a bracket holding the value opens right after ("V3 (671B total)")."""
    opened = max(text.rfind("(", 0, start), text.rfind("（", 0, start))
    if opened < 0 or max(text.rfind(")", opened, start), text.rfind("）", opened, start)) >= 0:
        return None  # the value is in no open bracket
    if any(opened < m.start < start and m.kind != COMPANY for m in mentions):
        return None  # "Janus (accept Janus-Pro, 1B and 7B sizes …)": the bracket names its own model
    if _LABELLED.match(text, opened + 1):
        return None  # "on top of the V3 base (paper: arXiv 2501.12948, …)": a labelled note on the statement
    return next((m for m in mentions if m.end <= opened and _BRACKET_AFTER_NAME.fullmatch(text, m.end, opened + 1) and m.kind != COMPANY), None)
