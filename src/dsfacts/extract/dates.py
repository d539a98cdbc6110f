"""Stage 3b for dates: what a date dates, and the year a bare "12月26日" belongs to.

A date is a claim only when its context says what it dates: a cue in its own clause or
sentence ("released", "论文", "发布"), a founding sentence, a table's header or row (a column
"Release Date", a row of papers), or the heading of its section. A bare year needs a cue of its
own clause. Otherwise the date dates nothing we know of and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dsfacts.extract import claims as nc
from dsfacts.extract import values as vg
from dsfacts.extract.attributes import choose_attribute
from dsfacts.extract.mentions import Mention
from dsfacts.models import Claim, DateValue
from dsfacts.segment import Block

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

_MONTH = re.compile(r"(?:((?:19|20)\d\d)\s*年\s*)?(1[0-2]|0?[1-9])\s*月(?!\s*\d{1,2}\s*[日号])")
_YEAR = re.compile(r"(?<![\w.\-/])((?:19[89]|20[0-4])\d)(?:\s*年|(?![\w\-/.]))")


class Dates:
    def __init__(self, extractor: _Extractor):
        self.x = extractor

    def claims(
        self, index: int, block: Block, mentions: list[Mention], m: vg.ValueMatch, head: str, tail: str, hint: str,
        sentence: tuple[int, int],
    ) -> Iterable[Claim]:
        text = block.text[slice(*sentence)]
        attribute = choose_attribute("date", head, tail, magnitude=False)
        if attribute in (None, "release_date") and nc.founding(text, [x for x in mentions if sentence[0] <= x.start < sentence[1]]):
            attribute = "founded_date"
        year_only = isinstance(m.value, DateValue) and m.value.precision == "year"
        if attribute is None and not year_only:  # a bare year needs a cue of its own clause
            attribute = nc.sentence_date_cue(text)  # "2024年12月26日，深度求索发布了 V3"
        if attribute is None and not year_only:
            attribute = self._date_hint(block, hint)  # a "Release Date" column, a row of papers
        if attribute is None and not year_only:
            attribute = self._heading_date_cue()  # a section on releases or papers
        if attribute is None or (attribute == "release_date" and nc.has("negated_release", text)):
            return  # a date whose context does not say what it dates, or a release that did not happen
        value = m.value
        if isinstance(value, vg.MonthDay):
            year: int | None = self._context_year(index, m.start)
            month: int | None = value.month
            if not month:  # "26日": the month (and year) of its paragraph, list parent or heading
                year, month = self._context_month(index, m.start)
            if year is None or not month or value.day is None:
                return
            try:
                value = DateValue.from_parts(year, month, value.day)
            except ValueError:
                return
        entity = self.x.entity_for(index, mentions, m.start, m.end, company=attribute == "founded_date")
        if entity:
            yield self.x.claim(block, m, entity, attribute, value)

    def _heading_date_cue(self) -> str | None:
        """The section's own heading says what its dates are ("## Release history")."""
        if not self.x.heading_texts or self.x.heading_texts[-1][0] == 0:
            return None  # the document's title is about the whole document, not its dates
        return nc.sentence_date_cue(self.x.heading_texts[-1][1])

    def _context_month(self, index: int, pos: int) -> tuple[int | None, int | None]:
        """The month a bare "26日" belongs to, with its year: "2024年12月" earlier in the paragraph,
        in a list parent, or in a heading."""
        block = self.x.blocks[index]
        texts = [block.text[:pos]]
        parent = block.parent
        while parent is not None:
            texts.append(self.x.blocks[parent].text)
            parent = self.x.blocks[parent].parent
        texts += [text for _, text in reversed(self.x.heading_texts)]
        for text in texts:
            months = _MONTH.findall(text)
            if months:
                year, month = months[-1]
                return (int(year) if year else self._context_year(index, pos)), int(month)
        return None, None

    def _context_year(self, index: int, pos: int) -> int | None:
        """The year a bare "12月26日" belongs to: earlier in its paragraph, its list parent, its heading."""
        block = self.x.blocks[index]
        years = _YEAR.findall(block.text, 0, pos)
        if years:
            return int(years[-1])
        parent = block.parent
        while parent is not None:
            years = _YEAR.findall(self.x.blocks[parent].text)
            if years:
                return int(years[-1])
            parent = self.x.blocks[parent].parent
        for _, text in reversed(self.x.heading_texts):
            years = _YEAR.findall(text)
            if years:
                return int(years[-1])
        return None

    def _date_hint(self, block: Block, hint: str) -> str | None:
        """What a table's date dates: its column header, else the other headers, else its row
        ("| 2024-12-27 | [DeepSeek-V3 Technical Report](https://arxiv.org/…) |" is a paper)."""
        cell = block.table
        if cell is None:
            return None
        for words in (hint, " ".join(cell.header), " ".join(c for j, c in enumerate(cell.row) if j != cell.column)):
            # "| Founded | 17 July 2023 |": a founding row label dates the company
            attribute = choose_attribute("date", "", "", magnitude=False, hint=words) if words else None
            if attribute:
                return attribute
        return None
