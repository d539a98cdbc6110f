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
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dsfacts.extract import claims as nc
from dsfacts.extract import values as vg
from dsfacts.extract.answers import is_question, question_before
from dsfacts.extract.attributes import choose_attribute
from dsfacts.extract.date_owner import (
    ENTRY_START,
    OF_DATE,
    bare_entry,
    bound,
    bracketed,
    bracketed_release,
    headword,
    modified_model,
)
from dsfacts.extract.dateline import Dateline, read_dateline
from dsfacts.extract.linking import BLOCKED, LIST_GLUE, clause_bounds, subject_of
from dsfacts.extract.mentions import COMPANY, FOREIGN, KNOWN, Mention
from dsfacts.extract.relative import relative_words
from dsfacts.extract.years import YearCompletion
from dsfacts.models import Claim, DateValue
from dsfacts.segment import Block

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

# "(DeepSeek-V2, May 2024)", "DeepSeek-V3 (December 26, 2024)": a bracket that holds a model's name and a date
_TITLE_SEP = re.compile(r"\s*(?:[:：|｜]|\s[-–—]\s)")  # "DeepSeek-V2.5: A New Open-Source Model …"
_TITLE_END = re.compile(r"[\s)）\]】|｜·*_]*$")
TITLE_LENGTH = 160
CORRECTION_REACH = 3  # blocks: a correction restates a date said this recently


class Dates(YearCompletion):
    def __init__(self, extractor: _Extractor):
        self.x = extractor
        self._dateline: Dateline | None = None
        self._own_cued: dict[tuple[int, int], dict[tuple[str, str | None], set[int]]] = {}
        self._section_years: dict[int, int | None] = {}
        self._doc_cue: str | None = None
        self._doc_title = ""
        self._sentence_cues: dict[tuple[int, int], str | None] = {}
        self._years: dict[int, tuple[list[int], list[int]]] = {}  # block -> where its years start, and the years
        self._last: tuple[int, str, str] | None = None  # the block, attribute and model of the last date claimed
        self._answered: set[tuple[int, str]] = set()
        self._months: dict[int, tuple[list[int], list[DateValue]]] = {}  # block -> its month-precision dates (years.py)
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
        if attribute is None and _SAID_OUT.match(block.text, m.end):
            attribute = "release_date"  # "Coder-V2 是去年6月出的", "1月27号发的": said out, right after the date
        from_sentence = False
        if attribute is None and not year_only:  # a bare year needs a cue of its own clause
            attribute = self._sentence_cue(index, sentence, text)  # "2024年12月26日，深度求索发布了 V3"; not "(paper 2501.12948)"
            from_sentence = attribute is not None
        attribute = nc.paper_or_release(attribute, text)  # "published DeepSeek-R1 on January 20", "went out … with a paper"
        owner = None if attribute or year_only else (
            modified_model(block.text, self.x.all_mentions, m) or bracketed(block.text, mentions, m) or self._titled(block, mentions, m)
        )  # "Janus-Pro（去年 10 月那个 Janus 的加强版）": the model the date modifies, before the bracket's
        if attribute == "release_date":
            owner = bracketed_release(block.text, mentions, m)  # "Bigger than R1 (released 20 January), V3 …"
        if attribute is None and year_only and m.start and block.text[m.start - 1 : m.start] in "(（" and _CITED_TITLE.match(block.text, m.end):
            titled = [x for x in mentions if m.end < x.start <= m.end + 12 and x.kind not in (COMPANY, FOREIGN)]
            if titled and titled[0].entity:  # 'DeepSeek-AI (2024). "DeepSeek LLM: Scaling …"': the cited paper's year
                attribute, owner = "paper_date", titled[0].entity
        if owner and attribute is None:
            attribute = "release_date"  # "DeepSeek-V3 (December 26, 2024)", "DeepSeek-V2.5: A New … 2024/09/05"
            if _ARXIV_BESIDE.search(block.text, max(0, m.start - 30), m.start) and (
                _CITED_BEFORE.search(block.text, max(0, m.start - 40), m.start) or nc.has("paper_nouns", _ARXIV_ID.sub(" ", text))
            ):
                attribute = "paper_date"  # "introduced in DeepSeekMath [3] (arXiv:2402.03300, February 2024)": the cited paper's
        if attribute is None and not year_only:
            attribute = self._date_hint(block, hint)  # a "Release Date" column, a row of papers
        if attribute is None and not year_only and block.table is None:
            asked = question_before(self.x.blocks, self.x.answers, index, sentence)  # "On what date was R1 released?" / "20th (20 January 2025)."
            attribute = nc.sentence_date_cue(asked) if asked else None
            owner = owner or (self.x.question_subject(asked) if attribute else None)
        section = (len(self.x.heading_texts), self.x.heading_texts[-1][1] if self.x.heading_texts else "")
        own_cue = attribute is not None
        heading_asks = bool(section[1]) and is_question(section[1]) and not (index and self.x.blocks[index - 1].text == section[1])
        if attribute is None and not year_only and not bare_entry(block, mentions, m) and section not in self._answered and not heading_asks:
            attribute = self._heading_date_cue()  # a section on releases or papers; a question's only for its answer below it
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
        if attribute is None and not year_only and (listed := _THERE_WAS.match(block.text, m.end)):
            named = next((x for x in self.x.all_mentions if x.start == listed.end() and x.kind == KNOWN), None)
            if named is not None and named.entity and not self.x.is_company(named.entity):
                attribute, owner = "release_date", named.entity  # "3月是 DeepSeek-VL", "24年1月还有个 DeepSeekMoE": a chronology's entry
        clause = block.text[slice(*clause_bounds(block.text, m.start, m.end, sentence))]
        if attribute is None and not year_only and block.kind in ("heading", "paragraph") and _DATE_ONLY.fullmatch(text[: m.start - sentence[0]] + text[m.end - sentence[0] :]):
            # "## Date: 2025-03-24 / ### deepseek-chat upgraded to DeepSeek-V3-0324"; a news flash's
            # date line over its timed items ("2025年1月20日 / 09:31 DeepSeek 正式发布 DeepSeek-R1")
            owner = self._announced_below(index, sentence)
            attribute = "release_date" if owner else None
        if attribute == "release_date" and nc.sentence_has("our_platform", block.text, *sentence):
            return  # "本平台上架：2025 年 3 月 31 日", "we added it on our platform on …": when a host listed it, not its release
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
            claim = self.x.claim(block, m, entity, attribute, value)
            if attribute == "paper_date" and nc.has("journal", text):
                claim = claim.model_copy(update={"venue": "journal"})  # "R1 的论文刊登在《自然》": the journal's, not the preprint's
            yield claim
            for other in self._listed_with(block, entity) if attribute == "release_date" and block.table is not None else ():
                yield self.x.claim(block, m, other, attribute, value)  # "| 2023年11月 | DeepSeek Coder、DeepSeek LLM |": both

    def _listed_with(self, block: Block, entity: str) -> list[str]:
        """The other models a row's name cell lists beside `entity`, when the cell is only a list of names."""
        cell = block.table
        assert cell is not None
        for j, text in enumerate(cell.row):
            named = [x for x in self.x.mentions_in(text) if x.kind not in (COMPANY, FOREIGN) and x.entity]
            if j == cell.column or len(named) < 2 or named[0].entity != entity:
                continue
            gaps = [text[a.end : b.start] for a, b in zip(named, named[1:], strict=False)]
            if all(LIST_GLUE.match(g) for g in gaps) and not text[: named[0].start].strip(" *_") and not text[named[-1].end :].strip(" *_"):
                return [x.entity for x in named[1:] if x.entity and x.entity != entity]
        return []

    def _cue_taken(
        self, index: int, block: Block, mentions: list[Mention], sentence: tuple[int, int], m: vg.ValueMatch,
        attribute: str, entity: str,
    ) -> bool:
        """Another date of the sentence has the cue in its own words and dates the same model: a
        sentence's one release verb dates one date, not every date in it."""
        key = (index, sentence[0])
        if key not in self._own_cued:  # once per sentence: a line of 3,000 dates stays linear
            text = block.text
            own: dict[tuple[str, str | None], set[int]] = {}
            for other in vg.find_values(text[slice(*sentence)]):
                start, end = other.start + sentence[0], other.end + sentence[0]
                if other.kind not in ("date", "monthday"):
                    continue
                c_a, c_b = clause_bounds(text, start, end, sentence)
                cue = choose_attribute("date", text[c_a:start], text[end:c_b], magnitude=False)
                if cue is not None:
                    owner = self.x.entity_for(index, mentions, start, end)
                    own.setdefault((cue, owner), set()).add(start)
                    if len(own[(cue, owner)]) > 2:
                        break  # two are enough to know that another date took the cue
            self._own_cued[key] = own
        starts = self._own_cued[key].get((attribute, entity), set())
        return bool(starts - {m.start})

    # ---- the year of a date written without one ------------------------------------------------

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


_THERE_WAS = re.compile(r"\s*(?:是|还有个|还有|又有|有个|出了|来了)\s*[*_“「]*\s*")
_SAID_OUT = re.compile(r"\s*[)）]?\s*(?:[(（][^()（）]{0,16}[)）])?\s*(?:就|才|刚|已经|便)?\s*(?:出的|出了|发的|发了|出来的|放出|上架|上線|上线)")
_UPGRADED = re.compile(r"(?i)(?<![a-z])(?:upgraded|updated|switched)\s+to(?![a-z])|升级为|升级到|更新为|更新到|更新成|切换为|切换到")
_DATE_ONLY = re.compile(r"(?i)[\s*_#:：|·-]*(?:date|dated|日期|时间)?[\s*_:：|·-]*")  # "## Date: 2025-03-24"
_CITED_TITLE = re.compile(r"[)）]\.?\s*(?:[\"“「《*_]|(?=[A-Z]))")  # "(2024). \"DeepSeek LLM: …\"": a reference's year, then its title
_AFTER_ARXIV_ID = re.compile(r"(?i)arxiv[:\s]*\d{4}\.\d{4,5}(?:v\d+)?[\s,;.)]{1,3}$")


_ASIDE = re.compile(r"[(（][^()（）]{0,80}[)）]")
_ARXIV_ID = re.compile(r"(?i)arxiv[\s:：]*\d{4}\.\d{4,5}(?:v\d+)?")
_ARXIV_BESIDE = re.compile(r"(?i)arxiv[\s:：]*\d{4}\.\d{4,5}(?:v\d+)?\s*[,，;；]\s*$")  # the date beside an arXiv id in one bracket
_CITED_BEFORE = re.compile(r"\[\d{1,3}\]\s*[(（][^()（）]*$")  # "DeepSeekMath [3] (arXiv:…, …": a citation's bracket
_UPDATE_BEFORE = re.compile(r"(?i)(?<![a-z])(?:update[ds]?|edit(?:ed)?|last modified)\s*[(（:：]?\s*(?:on\s+)?$|(?:更新|编辑)于?\s*[(（:：]?\s*$")
_NEWS = re.compile(r"(?i)(?<![a-z])(?:new|version|update[ds]?|upgrade[ds]?|release[sd]?|launch(?:es|ed)?|introduc\w*|open-sourc\w*|announc\w*)(?![a-z])|全新|发布|推出|上线|开源|版本|更新|升级")
