"""A release dated by another one: "同时放出 R1-Zero", "与 R1 同日发布", "released alongside R1".

A sentence that says a model came out with another gives it the date of the release it goes
with, as the document dated it: the partner's, if the sentence names it, else the release of
the model the paragraph opened with, as this paragraph dated it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dsfacts.extract.linking import is_object
from dsfacts.extract.mentions import COMPANY, FOREIGN, Mention
from dsfacts.models import Claim, DateValue
from dsfacts.segment import Block

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

_CUE = re.compile(
    r"(?i)同时(?:放出|发布|开源|公开|推出|上线|发表)|同日(?:发布|开源|公开|公布|推出|发表|上线)|同一天(?:还|也|又)?(?:发布|公布|开源|推出|公开|发了|放出)"
    r"|(?:一并|一同|同步)(?:发布|开源|推出|公开)|(?:released|launched|published|shipped|open-sourced|came\s+out)\s+"
    r"(?:alongside|together\s+with|at\s+the\s+same\s+time\s+as|(?:on\s+)?the\s+same\s+day\s+as)(?![a-z])"
)
_PARTNER_BEFORE = re.compile(r"[与和跟同]\s*$")  # "与 R1 同日发布": the model it came out with
_PARTNER_AFTER = re.compile(r"\s*[和与跟及、]\s*")  # "R1 和同日发布的 R1-Zero"
_REACH = 12  # characters between the partner's name and the cue


class CoReleases:
    """Remembers the releases the document has dated, and dates the ones said to go with them."""

    def __init__(self, extractor: _Extractor):
        self.x = extractor
        self.dated: dict[str, DateValue] = {}  # entity -> its release date, as last stated

    def note(self, index: int, claims: Sequence[Claim]) -> None:
        for c in claims:
            date = _date(c)
            if date is not None and c.attribute == "release_date":
                self.dated[c.entity] = date

    def claims(self, index: int, block: Block, mentions: list[Mention], made: Sequence[Claim]) -> Iterable[Claim]:
        if _CUE.search(block.text) is None:
            return
        for s_a, s_b in block.sentences:
            cue = _CUE.search(block.text, s_a, s_b)
            if cue is None:
                continue
            named = [
                m for m in mentions
                if s_a <= m.start < s_b and m.kind not in (COMPANY, FOREIGN) and m.entity
                and not (m.entity in self.x.reg.entities and self.x.reg.get(m.entity).sizes_of)  # "R1-Distill 系列": a family's sizes
                and not _base_or_object(block.text, m, mentions)
            ]
            ours = [m for m in mentions if s_a <= m.start < s_b and m.kind not in (COMPANY, FOREIGN) and m.entity]
            partner = next(
                (
                    m for m in ours
                    if m.end <= cue.start() and cue.start() - m.end <= _REACH
                    and (_PARTNER_BEFORE.search(block.text, max(s_a, m.start - 3), m.start) or _PARTNER_AFTER.fullmatch(block.text, m.end, cue.start()))
                ),
                None,
            ) or next((m for m in ours if m.start >= cue.end() and cue.group().isascii()), None)  # "与 R1 同日", "R1 和同日发布的", "alongside R1"
            if partner is not None and partner.entity:
                date = self.dated.get(partner.entity)
            else:  # "R1 于1月20日开源。同时放出 R1-Zero": the release of the model the paragraph opened with
                before = [m.entity for m in mentions if m.start < cue.start() and m.kind not in (COMPANY, FOREIGN)]
                in_sentence = [m.entity for m in mentions if s_a <= m.start < cue.start() and m.kind not in (COMPANY, FOREIGN)]
                first = (in_sentence or before[:1] or [None])[-1]  # the sentence's last model before the cue, else the paragraph's first
                date = next((_date(c) for c in made if c.entity == first and c.attribute == "release_date"), None)
            if date is None:
                continue
            targets = [m.entity for m in named if partner is None or m.entity != partner.entity]
            if partner is not None:
                subject = self.x.entity_for(index, mentions, cue.start(), cue.end())
                targets = targets or ([subject] if subject and not self.x.is_company(subject) and subject != partner.entity else [])
            for entity in dict.fromkeys(t for t in targets if t):
                if any(c.entity == entity and c.attribute == "release_date" for c in made):
                    continue  # "DeepSeek-R1-Zero was released alongside R1 on 20 January": dated in its own words
                claim = self.x.claim_span(block, cue.start(), cue.end(), entity, "release_date", date, None, raw=None)
                self.dated[entity] = date
                yield claim


def _base_or_object(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """ "同样以 V3-Base 出发", "基于 V3": the model it starts from, not one that came out."""
    return is_object(text, m, mentions) or _BASE_TAIL.match(text, m.end) is not None


_BASE_TAIL = re.compile(r"(?i)[-_\s]?base(?![a-z])")


def _date(claim: Claim) -> DateValue | None:
    if not isinstance(claim.value, str):
        return None
    parts = claim.value.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    if not 1 <= len(numbers) <= 3:
        return None
    try:
        return DateValue.from_parts(*numbers)
    except ValueError:
        return None
