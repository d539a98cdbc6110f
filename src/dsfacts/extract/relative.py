"""Dates a reader works out from "now": the date of the post a block belongs to (a thread of dated
posts, "**2024-5-7 09:12 来自 iPhone客户端**" above each one), else the document's own date; and
the words that count from it ("今天", "昨晚", "凌晨", "today", "yesterday", "last month").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dsfacts.extract import claims as nc
from dsfacts.extract import values as vg
from dsfacts.extract.mentions import COMPANY, Mention
from dsfacts.models import Claim, DateValue
from dsfacts.segment import Block

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

_DATE_FIRST = re.compile(r"[\W_]{0,4}\d")  # a post's date line starts with its date
_RULE = "=-—_*~ \t"
POST_LENGTH = 48  # characters: a line that is only a date (a time, a client) heads the post below it

# a word that names a day or a month counted from now, and how many back
_DAYS = {"今天": 0, "今日": 0, "今晨": 0, "今早": 0, "今晚": 0, "凌晨": 0, "today": 0, "tonight": 0, "this morning": 0,
         "昨天": 1, "昨日": 1, "昨晚": 1, "昨夜": 1, "yesterday": 1, "last night": 1, "前天": 2,
         "two days ago": 2, "两天前": 2, "three days ago": 3, "三天前": 3, "a week ago": 7, "a week ago today": 7, "one week ago": 7,
         "一周前": 7, "一週前": 7, "上周的今天": 7, "上周今天": 7}
_MONTHS = {"这个月": 0, "本月": 0, "this month": 0, "上个月": 1, "上月": 1, "last month": 1}
MONTH_WORDS = frozenset(_MONTHS)
_WORD = re.compile(
    "|".join(rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w) for w in sorted({*_DAYS, *_MONTHS}, key=len, reverse=True)),
    re.IGNORECASE,
)


def post_dates(blocks: Sequence[Block], mentions_of: Sequence[list[Mention]]) -> list[DateValue | None]:
    """For each block, the date of the post it is in: the last line above it that is only a date.
    A heading that is not such a line ends the post."""
    out: list[DateValue | None] = []
    current: DateValue | None = None
    for block, mentions in zip(blocks, mentions_of, strict=True):
        found = _post_date(block, mentions)
        if found is not None:
            current = found
        elif block.kind == "heading":
            current = None
        out.append(current)
    return out


def _post_date(block: Block, mentions: list[Mention]) -> DateValue | None:
    text = block.text.lstrip(_RULE)  # "====\n2025年1月27日 星期一\n====": a date between rules
    if block.kind not in ("paragraph", "heading") or len(text) > POST_LENGTH or _DATE_FIRST.match(text) is None:
        return None
    if any(m.kind != COMPANY for m in mentions):
        return None
    first = next((v for v in vg.find_values(text) if v.kind == "date"), None)
    if first is None or first.start > 4 or not isinstance(first.value, DateValue) or first.value.precision != "day":
        return None
    return first.value


def relative_words(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The words in text[start:end] that count a day or a month back from now."""
    return list(_WORD.finditer(text, start, end))


def counted_back(word: str, now: DateValue) -> DateValue:
    """The date a word names, from now: '昨晚' is the day before; 'last month' the month before."""
    w = word.lower()
    if w in _DAYS:
        day = now.end - dt.timedelta(days=_DAYS[w])
        return DateValue.from_parts(day.year, day.month, day.day)
    year, month = now.end.year, now.end.month - _MONTHS[w]
    if month < 1:
        year, month = year - 1, month + 12
    return DateValue.from_parts(year, month)


def month_of(word: str, now: DateValue) -> tuple[int, int]:
    """'这个月 20 号': the year and month a day of 'this month' or 'last month' is in."""
    v = counted_back(word, now)
    return v.start.year, v.start.month


class CountedDates:
    """Release dates counted from now, and the rule that a date the document states beats them."""

    def __init__(self, extractor: _Extractor):
        self.x = extractor
        self.counted: list[Claim] = []  # release dates counted from now ("昨晚…开源了")

    def claims(self, index: int, block: Block, mentions: list[Mention], matches: list[vg.ValueMatch]) -> Iterable[Claim]:
        """"#DeepSeek-V2# 凌晨开源了", "昨天DeepSeek把…合并成了DeepSeek-V2.5", "published last month": a
        release dated by a word counted from now, in a sentence that states no date of its own."""
        if _WORD.search(block.text) is None:
            return
        now = self.x.dates.now(index)
        if now is None or now.precision != "day":
            return
        for s_a, s_b in block.sentences:
            words = relative_words(block.text, s_a, s_b)
            if not words or any(s_a <= v.start < s_b and v.kind in ("date", "monthday") for v in matches):
                continue
            sentence = block.text[s_a:s_b]
            cue = nc.sentence_date_cue(sentence)
            if cue == "paper_date" and not nc.has("paper_nouns", sentence):
                cue = "release_date"  # "the reasoning model DeepSeek published last month": a model, not a paper
            if cue != "release_date" or nc.has("negated_release", sentence) or nc.has("question", sentence):
                continue
            word = _nearest_cue(words, sentence, s_a)  # "as of this morning we're serving yesterday's release": yesterday
            entity = self.x.entity_for(index, mentions, word.start(), word.end())
            if entity:
                claim = self.x.claim_span(block, word.start(), word.end(), entity, "release_date", counted_back(word.group(), now), None)
                self.counted.append(claim)
                yield claim

    def stated_beats_counted(self, claims: list[Claim]) -> list[Claim]:
        """A date counted from now ("today announced") gives way to a date the document states for
        the same release: the post's or release's own date may be a day off the event's."""
        if not self.counted:
            return claims
        counted = {id(c) for c in self.counted}
        stated = {(c.entity, c.attribute) for c in claims if id(c) not in counted}
        return [c for c in claims if id(c) not in counted or (c.entity, c.attribute) not in stated]


def _nearest_cue(words: list[re.Match[str]], sentence: str, offset: int) -> re.Match[str]:
    """Of several words counted from now, the one nearest a word that says 'released'."""
    if len(words) == 1:
        return words[0]
    from dsfacts.extract.attributes import cue_positions

    cues = cue_positions("release_date", sentence)
    if not cues:
        return words[0]
    return min(words, key=lambda w: min(abs(w.start() - offset - c) for c in cues))
