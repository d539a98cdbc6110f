"""The year (and month) of a date written without one: "12月26日", "January 20th", "26日", "去年12月".

Taken, in this order, from "今年/去年" before it, a year earlier in its sentence, its list parent,
its headings, a date nearby that states the same month, the document's own date (a news story's
"Jan. 20" is of its own year), a year earlier in its paragraph or section. A date that the year
would put after the document's date is of the year before when the year is the document's own,
and is not read when the text stated it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from dsfacts.extract import values as vg
from dsfacts.extract.dateline import Dateline
from dsfacts.extract.relative import MONTH_WORDS as _MONTH_WORDS
from dsfacts.extract.relative import month_of, relative_words
from dsfacts.models import DateValue

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

_MONTH = re.compile(r"(?:((?:19|20)\d\d)\s*年\s*)?(1[0-2]|0?[1-9])\s*月(?!\s*\d{1,2}\s*[日号])")
_YEAR = re.compile(r"(?<![\w.\-/])((?:19[89]|20[0-4])\d)(?:\s*年|(?![\w\-/]|\.\w))")  # "in 2024." ends a sentence
_YEAR_ONLY = re.compile(r"[\s#*_]*(?:19|20)\d{2}\s*年?[\s*_]*")  # "## 2024": a timeline's section, not a title
_RELATIVE_YEAR = re.compile(r"(?i)(?:今年|去年|前年|this year|last year)(?:底|初|年底|年初|年中)?\s*[(（]?\s*$")  # "去年底（12月26日）"
_LAST_YEAR = ("去年", "last year")
_MONTH_OF_YEAR = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d")
_FOUNDED_AFTER = re.compile(r"(?i)\s*(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*[日号]\s*)?(?:成立|创立|创办|注册|founded|established)")
_RELATIVE_YEAR_AFTER = re.compile(r"(?i),?\s+(last|this)\s+year(?![a-z])")


class YearCompletion:
    """Mixed into Dates: completes a MonthDay with its year from the document's context."""

    x: _Extractor
    _section_years: dict[int, int | None]
    _years: dict[int, tuple[list[int], list[int]]]
    _full_dates: dict[int, list[tuple[int, int, int]]]
    _months: dict[int, tuple[list[int], list[DateValue]]]

    @property
    def dateline(self) -> Dateline:
        raise NotImplementedError

    def now(self, index: int) -> DateValue | None:
        raise NotImplementedError

    def _completed(self, index: int, m: vg.ValueMatch) -> object | None:
        value = m.value
        if not isinstance(value, vg.MonthDay):
            return value
        month: int | None = value.month
        if value.day is None and month:
            return self._month_only(index, m)
        year, of_document = self._context_year(index, m.start, value.month)
        said_after = _RELATIVE_YEAR_AFTER.match(self.x.blocks[index].text, m.end)
        now = self.now(index) if said_after else None
        if said_after and now is not None:  # "the day after Christmas last year", "on March 3 this year"
            year, of_document = now.end.year - (1 if said_after.group(1).lower() == "last" else 0), True
        if not month:  # "26日": the month (and year) of its paragraph, list parent or heading
            year, month = self._context_month(index, m.start)
            of_document = False
        if year is None or not month or value.day is None:
            return None
        try:
            date = DateValue.from_parts(year, month, value.day)
            latest = self.dateline.date
            if latest is not None and date.start > latest.end:
                if not of_document:
                    return None  # a year from the text that puts the date after the document: not read
                date = DateValue.from_parts(year - 1, month, value.day)  # "12 月 26 日" in a January article
        except ValueError:
            return None
        return date

    def _month_only(self, index: int, m: vg.ValueMatch) -> DateValue | None:
        """A month without a day ("去年 6 月", "January this year", "last December") is a date only
        with a year from the document's date or from its own sentence: a bare "6 月" is too loose."""
        assert isinstance(m.value, vg.MonthDay)
        block, month = self.x.blocks[index], m.value.month
        date = self.now(index)
        raw = m.raw.lower()
        if "this year" in raw or "last year" in raw or raw.startswith(("last", "this")):
            if date is None:
                return None
            year = date.end.year - (1 if "last year" in raw else 0)
            if raw.startswith("last") and month >= date.end.month:
                year -= 1  # "last December" in a March article: December of the year before
            return DateValue.from_parts(year, month)
        relative = _RELATIVE_YEAR.search(block.text, max(0, m.start - 6), m.start)
        if relative:
            if date is None:
                return None
            word = relative.group().strip().lower()
            return DateValue.from_parts(date.end.year - (2 if word == "前年" else 1 if word in _LAST_YEAR else 0), month)
        s_start, _ = block.sentence_at(m.start)
        stated = self._last_year(index, s_start, m.start)
        if stated is None:
            stated = self._chronology_year(index, m.start, month)
        return DateValue.from_parts(stated, month) if stated is not None else None

    def _chronology_year(self, index: int, pos: int, month: int) -> int | None:
        """A paragraph that tells months in order ("2024年5月的 DeepSeek-V2 … 6月又出了 Coder-V2，9月…"):
        a bare month later in the year than the last dated month before it is of that year."""
        if index not in self._months:
            text = self.x.blocks[index].text
            # months, not days: a chat message's time stamp ("2025-02-05 20:33") dates the message, not a story
            found = [
                (v.start, v.value) for v in (vg.find_values(text) if _MONTH_OF_YEAR.search(text) else ())
                if isinstance(v.value, DateValue) and v.value.precision == "month"
            ]  # found once per paragraph: a line of 3,000 months asks for each of them
            self._months[index] = ([start for start, _ in found], [value for _, value in found])
        starts, values = self._months[index]
        k = bisect_left(starts, pos) - 1
        if k >= 0 and values[k].start.month <= month:
            return values[k].start.year
        return None

    def _context_month(self, index: int, pos: int) -> tuple[int | None, int | None]:
        """The month a bare "26日" belongs to, with its year: "2024年12月" earlier in the paragraph,
        in a list parent, or in a heading."""
        block = self.x.blocks[index]
        now = self.now(index)
        counted = relative_words(block.text, max(0, pos - 8), pos)
        if counted and now is not None and counted[-1].group().lower() in _MONTH_WORDS:
            return month_of(counted[-1].group(), now)  # "这个月20号": of the month it is now
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
                return (int(year) if year else self._context_year(index, pos)[0]), int(month)
        return None, None

    def _dated_nearby(self, index: int, pos: int, month: int | None) -> int | None:
        """The year of a full date earlier in the paragraph within two months of this one (the
        paragraph's full dates are found once, not once per date: a timeline has hundreds)."""
        if not month:
            return None
        if index not in self._full_dates:
            text = self.x.blocks[index].text
            self._full_dates[index] = [
                (v.start, v.value.start.year, v.value.start.month)
                for v in vg.find_values(text)
                if isinstance(v.value, DateValue) and v.value.precision in ("day", "month")
            ]
        for start, year, m in reversed(self._full_dates[index]):
            if start < pos and abs(m - month) <= 2:
                return year
        return None

    def _context_year(self, index: int, pos: int, month: int | None = None) -> tuple[int | None, bool]:
        """The year a bare "12月26日" belongs to: "今年/去年" or a year earlier in its sentence, its
        list parent, its headings; else the document's date (the flag says so) — a news story's
        "Jan. 20" is of its own year, not of a "founded in 2023" two sentences before; else a year
        earlier in its paragraph or section."""
        block = self.x.blocks[index]
        date = self.dateline.date
        relative = _RELATIVE_YEAR.search(block.text, max(0, pos - 6), pos)
        if relative:  # "今年1月20日": of the document's year, and unknown without one
            date = self.now(index)
            if date is None:
                return None, False
            return date.end.year - (1 if relative.group().lower().startswith(_LAST_YEAR) else 0), True
        s_start, _ = block.sentence_at(pos)
        year = self._last_year(index, s_start, pos)
        if year is not None:
            return year, False
        parent = block.parent
        while parent is not None:
            years = _YEAR.findall(self.x.blocks[parent].text)
            if years:
                return int(years[-1]), False
            parent = self.x.blocks[parent].parent
        for level, text in reversed(self.x.heading_texts):
            years = _YEAR.findall(text)
            if years:  # a title of the document's own year ("Letter, First Quarter 2025") is the document's
                titled = level <= 1 and date is not None and int(years[-1]) == date.end.year and not _YEAR_ONLY.fullmatch(text)
                return int(years[-1]), titled
        near = self._dated_nearby(index, pos, month)
        if near is not None:
            return near, False  # "V2 came out on 6 May 2024. Some outlets give 7 May": that May
        if date is not None:
            return date.end.year, True
        year = self._last_year(index, 0, pos)
        if year is not None:
            return year, False
        year = self._section_year(index)
        return (year, False) if year is not None else (None, False)

    def _last_year(self, index: int, start: int, end: int) -> int | None:
        """The last year stated in block[start:end]: the block's years are found once (a line of
        3,000 dates asks for each of them)."""
        if index not in self._years:
            found = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(self.x.blocks[index].text)]
            self._years[index] = ([p for p, _ in found], [y for _, y in found])
        starts, years = self._years[index]
        k = bisect_left(starts, end) - 1
        return years[k] if k >= 0 and starts[k] >= start else None

    def _section_year(self, index: int) -> int | None:
        """The last year stated in the blocks of the section before this one (each block read once)."""
        pending = []
        k = index
        while k > 0 and k not in self._section_years:
            pending.append(k)
            previous = self.x.blocks[k - 1]
            if previous.kind == "heading" or k - 1 in self.dateline.blocks:
                self._section_years[k] = None
                break
            years = [y.group(1) for y in _YEAR.finditer(previous.text) if not _FOUNDED_AFTER.match(previous.text, y.end())]
            if years:  # not "中国杭州的一家 AI 新创，2023年成立": a company's founding year dates no release after it
                self._section_years[k] = int(years[-1])
                break
            k -= 1
        found = self._section_years.get(k)
        for j in pending:
            self._section_years.setdefault(j, found)
        return self._section_years.get(index)

    # ---- what a date dates ------------------------------------------------------------------
