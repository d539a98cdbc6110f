"""Clauses set side by side ("Llama 3.1 405B needed about 30.8 million GPU hours; DeepSeek-V3
needed about 2.8 million"), and a part of a figure ("2.788M GPU hours, of which 2.664M were spent
on pre-training"): the second figure leaves out the unit the first one gave.
"""

from __future__ import annotations

import re
from decimal import Decimal

from dsfacts.extract import claims as nc
from dsfacts.extract import values as vg
from dsfacts.extract.mentions import COMPANY, Mention
from dsfacts.models import Quantity

_PARALLEL = re.compile(r"[;；]|(?i:\bwhile\b|\bwhereas\b)|而")
_FULL_STOP = re.compile(r"[.。!?！？](?:\s|$)")
_MAGNITUDE_WORD = re.compile(r"(?i)(million|billion|trillion|万亿|亿|万|[KMBT])\s*$")


def elided_unit(text: str, mentions: list[Mention], matches: list[vg.ValueMatch], i: int, sentence: tuple[int, int]) -> str:
    """ "Llama 3.1 405B needed about 30.8 million GPU hours; DeepSeek-V3 needed about 2.8 million":
    a number whose unit the parallel clause before gave, for another model, has that unit too.
    Returns the words after that earlier number, to read as this one's cue."""
    if i == 0:
        return ""
    m, prev = matches[i], matches[i - 1]
    if prev.kind != m.kind or (prev.start < sentence[0] and _FULL_STOP.search(text, prev.end, m.start)):
        return ""  # the clause before, up to a semicolon: "…GPU hours; DeepSeek-V3 needed about 2.8 million"
    unit, prev_unit = _MAGNITUDE_WORD.search(m.raw), _MAGNITUDE_WORD.search(prev.raw)
    if unit is None or prev_unit is None or unit.group(1).lower() != prev_unit.group(1).lower():
        return ""
    if nc.has("partitive", text[prev.end : m.start]) or nc.has("partitive", text[m.end : m.end + 12]):
        # "2.788M GPU hours, of which 2.664M were spent on pre-training": a stage's share of the
        # compute (the one figure whose parts are facts: pretraining_gpu_hours); "64K context, 32K of
        # which can be CoT" is no context length
        words = text[prev.end : min(prev.end + 24, m.start)]
        return words if nc.has("compute_words", words) else ""
    if not any(prev.end <= x.start < m.start and x.kind != COMPANY for x in mentions):
        return ""  # the same subject: "2.8 million … and 3 million": no new clause about another model
    if not _PARALLEL.search(text, prev.end, m.start):
        return ""  # two clauses set side by side: "…; DeepSeek-V3 needed …", "…, while V3 needed …"
    after = text[m.end : m.end + 12].lstrip()
    if after[:1].isalnum():
        return ""  # it has words of its own after it
    return text[prev.end : min(prev.end + 24, m.start)]


_ACTIVE_NEXT = re.compile(r"(?i)\s*(?:active|activated|激活|啟用|启用)(?![a-z])")
_SCALE = {"b": 10**9, "billion": 10**9, "亿": 10**8, "億": 10**8}
_PREV_SCALE = re.compile(r"(?i)(billion|b|亿|億)\s*$")
_WITH_BETWEEN = re.compile(r"(?i)\s*(?:,\s*)?(?:with|and|，|,|、)\s*(?:only\s+|just\s+|about\s+)?")


def borrowed_magnitude(text: str, matches: list[vg.ValueMatch], i: int) -> vg.ValueMatch:
    """'V2 is 236 billion with 21 active': a bare count of active parameters right after a total
    takes the total's magnitude (said aloud, the second "billion" is left out)."""
    m = matches[i]
    if i == 0 or m.kind != "number" or m.magnitude or not isinstance(m.value, Quantity) or not _ACTIVE_NEXT.match(text, m.end):
        return m
    prev = matches[i - 1]
    scale = _PREV_SCALE.search(prev.raw)
    if prev.kind != "number" or not prev.magnitude or scale is None or not _WITH_BETWEEN.fullmatch(text, prev.end, m.start):
        return m
    factor = _SCALE[scale.group(1).lower()]
    amount = m.value.amount * factor
    if not isinstance(prev.value, Quantity) or amount >= prev.value.amount:
        return m
    return vg.ValueMatch(m.start, m.end, m.kind, Quantity(amount, factor * (m.value.resolution or Decimal(1))), m.raw, m.qualifier, True, m.explicit)
