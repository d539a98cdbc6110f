"""Stage 3b for dates: what a date dates, and the year a bare "12月26日" belongs to.

A date is a claim only when its context says what it dates: a cue in its own clause or
sentence ("released", "论文", "发布"), a founding sentence, a table's header or row (a column
"Release Date", a row of papers), a bracket right after a model's name ("DeepSeek-V3
(December 26, 2024)"), a dated title that leads with a model's name ("DeepSeek-V2.5: A New …
2024/09/05"), or the heading of its section. A bare year needs a cue of its own clause.

What a date does not date: the document itself (its byline, extract/dateline.py), a bound or a
deadline ("before Feb 8", "2月8日之前"), and a timeline or changelog entry that names no model and
no event of its own ("**2024-12-25**: Gradio demo …" under "## Release").

A date written without a year takes it the way a reader does: from earlier in its paragraph, its
list parent, its headings, earlier in its section, else the document's own date; never from a
later text, and never later than the document's date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dsfacts.extract import claims as nc
from dsfacts.extract import values as vg
from dsfacts.extract.answers import question_before
from dsfacts.extract.attributes import choose_attribute
from dsfacts.extract.date_owner import (
    ENTRY_START,
    OF_DATE,
    bare_entry,
    bound,
    bracketed,
    headword,
    modified_model,
)
from dsfacts.extract.dateline import Dateline, read_dateline
from dsfacts.extract.linking import BLOCKED, clause_bounds, subject_of
from dsfacts.extract.mentions import COMPANY, FOREIGN, Mention
from dsfacts.extract.relative import MONTH_WORDS as _MONTH_WORDS
from dsfacts.extract.relative import month_of, relative_words
from dsfacts.models import Claim, DateValue
from dsfacts.segment import Block

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

_MONTH = re.compile(r"(?:((?:19|20)\d\d)\s*年\s*)?(1[0-2]|0?[1-9])\s*月(?!\s*\d{1,2}\s*[日号])")
_YEAR = re.compile(r"(?<![\w.\-/])((?:19[89]|20[0-4])\d)(?:\s*年|(?![\w\-/]|\.\w))")  # "in 2024." ends a sentence
# "(DeepSeek-V2, May 2024)", "DeepSeek-V3 (December 26, 2024)": a bracket that holds a model's name and a date
_TITLE_SEP = re.compile(r"\s*(?:[:：|｜]|\s[-–—]\s)")  # "DeepSeek-V2.5: A New Open-Source Model …"
_TITLE_END = re.compile(r"[\s)）\]】|｜·*_]*$")
TITLE_LENGTH = 160
CORRECTION_REACH = 3  # blocks: a correction restates a date said this recently


class Dates:
    def __init__(self, extractor: _Extractor):
        self.x = extractor
        self._dateline: Dateline | None = None
        self._own_cued: dict[tuple[int, int], list[tuple[int, str, str | None]]] = {}
        self._section_years: dict[int, int | None] = {}
        self._doc_cue: str | None = None
        self._doc_title = ""
        self._sentence_cues: dict[tuple[int, int], str | None] = {}
        self._years: dict[int, tuple[list[int], list[int]]] = {}  # block -> where its years start, and the years
        self._last: tuple[int, str, str] | None = None  # the block, attribute and model of the last date claimed
        self._answered: set[tuple[int, str]] = set()
        self._full_dates: dict[int, list[tuple[int, int, int]]] = {}  # block -> (start, year, month)  # sections whose heading's date a sentence stated

    def now(self, index: int) -> DateValue | None:
        """What "today" is for a block: its post's date in a thread of dated posts, else the document's."""
        posted = self.x.post_dates[index] if index < len(self.x.post_dates) else None
        return posted or self.dateline.date

    @property
    def dateline(self) -> Dateline:
        if self._dateline is None:  # read once, on a document's first date
            self._dateline = read_dateline(self.x.doc, self.x.blocks, self.x.reg)
        return self._dateline

    def claims(
        self, index: int, block: Block, mentions: list[Mention], m: vg.ValueMatch, head: str, tail: str, hint: str,
        sentence: tuple[int, int],
    ) -> Iterable[Claim]:
        dateline = self.dateline
        if index in dateline.blocks or (index, m.start) in dateline.spans or bound(block.text, m.start, m.end):
            return  # the document's own date (byline, "HANGZHOU, Jan 28 (Reuters) -"); "until Feb 8", "在…之前"
        if bare_entry(block, mentions, m) and not nc.sentence_date_cue(block.text) and not nc.founding(block.text, mentions):
            return  # "✅ 2025-2-6: Naive Gradio demo implemented": a changelog entry about no model
        if _UPDATE_BEFORE.search(block.text, max(0, m.start - 16), m.start):
            return  # "Update (June 18):": when the page changed, not what it reports
        text = block.text[slice(*sentence)]
        attribute = choose_attribute("date", head, tail, magnitude=False)
        if attribute in (None, "release_date") and nc.founding(text, [x for x in mentions if sentence[0] <= x.start < sentence[1]]):
            attribute = "founded_date"
        year_only = isinstance(m.value, DateValue) and m.value.precision == "year"
        if attribute is None and year_only and _AFTER_ARXIV_ID.search(block.text, max(0, m.start - 24), m.start):
            attribute = "paper_date"  # "… longtermism. arXiv:2401.02954, 2024.": a reference's year is its paper's
        from_sentence = False
        if attribute is None and not year_only:  # a bare year needs a cue of its own clause
            attribute = self._sentence_cue(index, sentence, text)  # "2024年12月26日，深度求索发布了 V3"; not "(paper 2501.12948)"
            from_sentence = attribute is not None
        owner = None if attribute or year_only else (bracketed(block.text, mentions, m) or self._titled(block, mentions, m))
        if attribute is None and year_only and m.start and block.text[m.start - 1 : m.start] in "(（" and _CITED_TITLE.match(block.text, m.end):
            titled = [x for x in mentions if m.end < x.start <= m.end + 12 and x.kind not in (COMPANY, FOREIGN)]
            if titled and titled[0].entity:  # 'DeepSeek-AI (2024). "DeepSeek LLM: Scaling …"': the cited paper's year
                attribute, owner = "paper_date", titled[0].entity
        if owner and attribute is None:
            attribute = "release_date"  # "DeepSeek-V3 (December 26, 2024)", "DeepSeek-V2.5: A New … 2024/09/05"
        if attribute is None and not year_only:
            attribute = self._date_hint(block, hint)  # a "Release Date" column, a row of papers
        if attribute is None and not year_only and block.table is None:
            asked = question_before(self.x.blocks, self.x.answers, index, sentence)  # "On what date was R1 released?" / "20th (20 January 2025)."
            attribute = nc.sentence_date_cue(asked) if asked else None
            owner = owner or (self.x.question_subject(asked) if attribute else None)
        section = (len(self.x.heading_texts), self.x.heading_texts[-1][1] if self.x.heading_texts else "")
        own_cue = attribute is not None
        if attribute is None and not year_only and not bare_entry(block, mentions, m) and section not in self._answered:
            attribute = self._heading_date_cue()  # a section on releases or papers
        if attribute is None and not year_only and ENTRY_START.match(block.text[: m.start]) and any(x.kind != COMPANY for x in mentions):
            attribute = self._document_cue()  # "DEEPSEEK -- RELEASE TIMELINE": its entries' dates are releases
            headed = headword(block.text, mentions, m) if attribute is None else None
            if headed and self._in_timeline():
                attribute, owner = "release_date", headed  # "## 2024 / - **11 January** — **DeepSeekMoE 16B**, …" in a timeline
        if attribute is None and self._last is not None and nc.has("correction", text) and index - self._last[0] <= CORRECTION_REACH:
            _, attribute, owner = self._last  # "V2是去年6月发布的…… 是去年5月，我口误了": the date it corrects
        if attribute is None and not year_only and OF_DATE.match(block.text, m.end):
            owner = modified_model(block.text, self.x.all_mentions, m)  # "今年 1 月的 R1 讓 DeepSeek 一夜成名": R1 of January
            attribute = "release_date" if owner else None
        clause = block.text[slice(*clause_bounds(block.text, m.start, m.end, sentence))]
        if attribute is None and not year_only and block.kind in ("heading", "paragraph") and _DATE_ONLY.fullmatch(text[: m.start - sentence[0]] + text[m.end - sentence[0] :]):
            # "## Date: 2025-03-24 / ### deepseek-chat upgraded to DeepSeek-V3-0324"; a news flash's
            # date line over its timed items ("2025年1月20日 / 09:31 DeepSeek 正式发布 DeepSeek-R1")
            owner = self._announced_below(index, sentence)
            attribute = "release_date" if owner else None
        if attribute is None or (attribute == "release_date" and nc.has("negated_release", clause)):
            return  # a date whose context does not say what it dates, or a release that did not happen (or a plan)
        modified = None if owner else modified_model(block.text, self.x.all_mentions, m)
        if modified:  # "去年 12 月發表的 DeepSeek-V3-Base": the model it modifies, published as a model, not a paper
            owner = modified
            attribute = "release_date" if attribute == "paper_date" else attribute
        value = self._completed(index, m)
        if value is None:
            return
        entity = owner or self.x.entity_for(index, mentions, m.start, m.end, company=attribute == "founded_date")
        if entity and from_sentence and self._cue_taken(index, block, mentions, sentence, m, attribute, entity):
            return  # "R1 launched on January 20 and on January 27 triggered a sell-off": the cue dates the first
        if entity:
            if own_cue and attribute == self._heading_date_cue():
                self._answered.add(section)  # "Q4：R1 是什么时候发布的？ 2025年1月20日发布 …": the section's question is answered
            self._last = (index, attribute, entity)
            yield self.x.claim(block, m, entity, attribute, value)

    def _cue_taken(
        self, index: int, block: Block, mentions: list[Mention], sentence: tuple[int, int], m: vg.ValueMatch,
        attribute: str, entity: str,
    ) -> bool:
        """Another date of the sentence has the cue in its own words and dates the same model: a
        sentence's one release verb dates one date, not every date in it."""
        key = (index, sentence[0])
        if key not in self._own_cued:  # once per sentence: a line of 3,000 dates stays linear
            text, own = block.text, []
            for other in vg.find_values(text[slice(*sentence)]):
                start, end = other.start + sentence[0], other.end + sentence[0]
                if other.kind not in ("date", "monthday"):
                    continue
                c_a, c_b = clause_bounds(text, start, end, sentence)
                cue = choose_attribute("date", text[c_a:start], text[end:c_b], magnitude=False)
                if cue is not None:
                    own.append((start, cue, self.x.entity_for(index, mentions, start, end)))
            self._own_cued[key] = own
        return any(start != m.start and cue == attribute and owner == entity for start, cue, owner in self._own_cued[key])

    # ---- the year of a date written without one ------------------------------------------------

    def _completed(self, index: int, m: vg.ValueMatch) -> object | None:
        value = m.value
        if not isinstance(value, vg.MonthDay):
            return value
        month: int | None = value.month
        if value.day is None and month:
            return self._month_only(index, m)
        year, of_document = self._context_year(index, m.start, value.month)
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
        return DateValue.from_parts(stated, month) if stated is not None else None

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
            years = _YEAR.findall(previous.text)
            if years:
                self._section_years[k] = int(years[-1])
                break
            k -= 1
        found = self._section_years.get(k)
        for j in pending:
            self._section_years.setdefault(j, found)
        return self._section_years.get(index)

    # ---- what a date dates ------------------------------------------------------------------

    def _titled(self, block: Block, mentions: list[Mention], m: vg.ValueMatch) -> str | None:
        """A dated title that leads with a model's name, as in a list of news posts:
        "DeepSeek-V2.5: A New Open-Source Model … 2024/09/05" announces that model."""
        text = block.text
        if block.kind not in ("item", "paragraph") or len(text) > TITLE_LENGTH or not _TITLE_END.fullmatch(text, m.end):
            return None
        if len(block.sentences) > 1 and block.sentence_at(0) != block.sentence_at(m.start):
            return None  # a sentence, not a title
        first = next((x for x in mentions if x.start < m.start), None)
        if first is None or first.kind in (COMPANY, FOREIGN) or not ENTRY_START.match(text[: first.start]):
            return None
        if not (_TITLE_SEP.match(text, first.end) or _TITLE_END.fullmatch(text[first.end : m.start])):
            return None
        if not (_NEWS.search(text) or nc.sentence_date_cue(text) == "release_date"):
            return None  # "DeepSeek-Coder-V2: first look" in a list of related posts announces nothing
        return first.entity

    def _sentence_cue(self, index: int, sentence: tuple[int, int], text: str) -> str | None:
        """What a sentence's words say its dates are, found once per sentence (a line of 3,000
        dates asked it 3,000 times)."""
        key = (index, sentence[0])
        if key not in self._sentence_cues:
            self._sentence_cues[key] = nc.sentence_date_cue(_ASIDE.sub(" ", text))
        return self._sentence_cues[key]

    def _announced_below(self, index: int, sentence: tuple[int, int]) -> str | None:
        """The model the first text under a date heading or a date line releases ("### … upgraded
        to DeepSeek-V3.1", "- DeepSeek-R1 发布"): a changelog's entry dates it."""
        block = self.x.blocks[index]
        later = [s for s in block.sentences if s[0] >= sentence[1]] if block.kind == "paragraph" else []
        if later:  # the date line's paragraph goes on: its next line is the entry
            first = block.text[slice(*later[0])]
        else:
            below = self.x.blocks[index + 1] if index + 1 < len(self.x.blocks) else None
            if below is None or below.kind == "heading" and (block.kind != "heading" or below.level <= block.level):
                return None
            first = below.text[slice(*below.sentences[0])] if below.sentences else below.text
        if nc.sentence_date_cue(first) != "release_date" and not _UPGRADED.search(first):
            return None
        if relative_words(first, 0, len(first)) or any(v.kind in ("date", "monthday") for v in vg.find_values(first)):
            return None  # "2024-9-6 11:30 / 昨天…合并成了 DeepSeek-V2.5": the entry dates itself
        subject = subject_of(first, self.x.mentions_in(first))
        return subject if subject and subject != BLOCKED and not self.x.is_company(subject) else None

    def _document_cue(self) -> str | None:
        """What the document's title says its dates are ("Release timeline", "发布时间线")."""
        if self._doc_cue is None:
            title = str(self.x.doc.meta.get("title") or "")
            first = next((b.text for b in self.x.blocks if b.kind in ("heading", "paragraph")), "")
            self._doc_title = _ASIDE.sub(" ", (title or first.split(". ")[0])[:120])
            self._doc_cue = nc.sentence_date_cue(self._doc_title) or ""
        return self._doc_cue or None

    def _in_timeline(self) -> bool:
        """The section or the document is a timeline of models ("A running timeline", "## 大事记")."""
        self._document_cue()
        return any(nc.has("timeline_title", t) for t in [self._doc_title, *(t for _, t in self.x.heading_texts)])

    def _heading_date_cue(self) -> str | None:
        """The section's own heading says what its dates are ("## Release history")."""
        if not self.x.heading_texts or self.x.heading_texts[-1][0] == 0:
            return None  # the document's title is about the whole document, not its dates
        return nc.sentence_date_cue(self.x.heading_texts[-1][1])

    def _date_hint(self, block: Block, hint: str) -> str | None:
        """What a table's date dates: its column header, else the other headers, else its row
        ("| 2024-12-27 | [DeepSeek-V3 Technical Report](https://arxiv.org/…) |" is a paper)."""
        cell = block.table
        if cell is None:
            return None
        named = next((j for j, c in enumerate(cell.row) if j != cell.column and any(m.kind != COMPANY for m in self.x.mentions_in(c))), None)
        if named is not None and named < len(cell.header) and nc.sentence_date_cue(cell.header[named]) == "paper_date":
            return "paper_date"  # "| 論文 | arXiv | 上架日期 |": the rows are papers, their dates the papers'
        for words in (hint, " ".join(cell.header), " ".join(c for j, c in enumerate(cell.row) if j != cell.column)):
            # "| Founded | 17 July 2023 |": a founding row label dates the company
            attribute = choose_attribute("date", "", "", magnitude=False, hint=words) if words else None
            if attribute:
                return attribute
        return None


_UPGRADED = re.compile(r"(?i)(?<![a-z])(?:upgraded|updated|switched)\s+to(?![a-z])|升级为|升级到|更新为|更新到|更新成|切换为|切换到")
_YEAR_ONLY = re.compile(r"[\s#*_]*(?:19|20)\d{2}\s*年?[\s*_]*")  # "## 2024": a timeline's section, not a title
_DATE_ONLY = re.compile(r"(?i)[\s*_#:：|·-]*(?:date|dated|日期|时间)?[\s*_:：|·-]*")  # "## Date: 2025-03-24"
_CITED_TITLE = re.compile(r"[)）]\.?\s*[\"“「《*_]")  # "(2024). \"DeepSeek LLM: …\"": a reference's year, then its title
_AFTER_ARXIV_ID = re.compile(r"(?i)arxiv[:\s]*\d{4}\.\d{4,5}(?:v\d+)?[\s,;.)]{1,3}$")
_RELATIVE_YEAR = re.compile(r"(?i)(?:今年|去年|前年|this year|last year)(?:底|初|年底|年初|年中)?\s*[(（]?\s*$")  # "去年底（12月26日）"
_LAST_YEAR = ("去年", "last year")


_ASIDE = re.compile(r"[(（][^()（）]{0,80}[)）]")
_UPDATE_BEFORE = re.compile(r"(?i)(?<![a-z])(?:update[ds]?|edit(?:ed)?|last modified)\s*[(（:：]?\s*(?:on\s+)?$|(?:更新|编辑)于?\s*[(（:：]?\s*$")
_NEWS = re.compile(r"(?i)(?<![a-z])(?:new|version|update[ds]?|upgrade[ds]?|release[sd]?|launch(?:es|ed)?|introduc\w*|open-sourc\w*|announc\w*)(?![a-z])|全新|发布|推出|上线|开源|版本|更新|升级")
