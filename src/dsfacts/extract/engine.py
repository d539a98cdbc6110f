"""Stage 3: blocks of a document -> claims (entity, attribute, normalized value, provenance).

  3a values/        every value a text states (dates, numbers with 亿/B/T, money, sizes, hedges)
  3b attributes.py  which attribute, from the value's own unit and noun phrase (figures.py for
                    a number, dates.py for a date, texts.py/tables.py for a licence or a name)
  3c mentions.py    which models the text names: ours, unknown DeepSeek ones, other makers'
  3d linking.py     which entity the value is about (named policies, in a documented order)
  3e claims.py      what is not a claim (negations, questions, changes, prices, other stages)
  3f provenance.py  the claim with its line, column, quote and raw text
This module walks the blocks in order, keeps their context and asks the stages. When the owner
or the attribute is unclear the value is left out: no guesses dressed as facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dsfacts.extract import claims as nc
from dsfacts.extract import provenance
from dsfacts.extract import values as vg
from dsfacts.extract.answers import answer_key
from dsfacts.extract.context import Context
from dsfacts.extract.corelease import CoReleases
from dsfacts.extract.corrections import correcting_lines, drop_corrected, quoted_in_corrections
from dsfacts.extract.dates import Dates
from dsfacts.extract.entities import registry, with_abbreviations
from dsfacts.extract.figures import Figures
from dsfacts.extract.lines import line_subject
from dsfacts.extract.linking import (
    BLOCKED,
    clause_bounds,
    company_of,
    explicit,
    figure_subject,
    subject_of,
)
from dsfacts.extract.mentions import COMPANY, FOREIGN, KNOWN, Mention, find_mentions
from dsfacts.extract.names import SizeNames, merge_lists
from dsfacts.extract.pairs import coordinated, respectively
from dsfacts.extract.parallel import borrowed_magnitude, elided_unit
from dsfacts.extract.relative import CountedDates, post_dates
from dsfacts.extract.tables import TableTexts, cell_values
from dsfacts.extract.texts import TextClaims, any_text_cue
from dsfacts.models import Claim, DateValue, Text, TypedValue
from dsfacts.segment import TITLE_LEVEL, Block, segment
from dsfacts.sources import Document

_WORTH_READING = re.compile(r"[0-9０-９一二两三四五六七八九十]|基于|以|based|(?i:this year|last year|last [JFMASOND][a-z]|(?:under|is|are|was|were|plain|also|now) (?:the )?(?:mit|apache))")


def _may_matter(block: Block) -> bool:
    """Headings, list items and labels set context; other blocks matter only with a number or a cue."""
    if block.kind in ("heading", "item", "label", "code") or _WORTH_READING.search(block.text) is not None:
        return True
    return any_text_cue(block.text.lower()) is not None  # a licence, a founder, a city


def _in_name(text: str, mention: Mention, start: int) -> bool:
    """'7B' in 'DeepSeek-Coder-v1.5 7B' or 'Janus-Pro-7B' names a variant; '(16B)' after a name does not."""
    if mention.start <= start < mention.end:
        return True
    return mention.kind == KNOWN and 0 <= start - mention.end <= 2 and text[mention.end : start].strip(" -_") == ""


# attributes two models named together share ("R1 及 R1-Zero 于 1 月 20 日发布，采用 MIT 协议")
_BOTH = re.compile(r"(?i)[\s*_>-]*(?:both(?:\s+of\s+them)?|两者|二者|两个模型|它们都|它们)(?![a-z])")
_SHARED = frozenset({"release_date", "license", "paper_date", "arxiv_id"})
_LINK_ONLY = re.compile(r"(?i)\s*(?:at|of|is|was|为|是|达|高达)\s*")  # a clause that is only its value
_SAME_AGAIN = re.compile(r"^\s*[(（][^()（）]{0,24}[)）]")  # the figure restated in brackets right after it


_RESTATED = re.compile(r"\s*[(（]\s*(?:约|about|roughly|~|≈)?\s*")
_CLOSES = re.compile(r"\s*[)）]")
_LABEL_NUMBER = re.compile(r"(?i)(?:图|表|(?<![a-z])(?:figure|fig\.?|table|tab\.|section|sec\.|§|eq\.|equation|chapter|ch\.|step|round))\s*$")
_LEADER = re.compile(r"(?:\s*[.·…_]){3,}\s*")
_THEN = re.compile(r"(?i)(?<![a-z])(?:and then|then|before|after which|followed by)(?![a-z])|随后|然后|之后再")
_BRACKET = re.compile(r"[(（\[【]")
_ASIDE_OPEN = re.compile(r"(?i)(?:[-_ ]?base)?\s*[(（]")  # after the name, or its -Base checkpoint


def _aside_after(text: str, end: int) -> tuple[int, int] | None:
    """The span of a bracket that opens right after a name ("DeepSeek-V3-Base（6710亿参数的MoE模型）")."""
    m = _ASIDE_OPEN.match(text, end)
    if m is None:
        return None
    close = min((i for i in (text.find(")", m.end()), text.find("）", m.end())) if i >= 0), default=-1)
    return (m.end(), close) if close >= 0 else None


def extract_document(doc: Document) -> list[Claim]:
    """Every claim the document states, in document order, without duplicates."""
    seen: set[tuple] = set()
    out = []
    for c in _Extractor(doc).run():
        key = (c.entity, c.attribute, repr(c.value), c.line, c.column)
        if key not in seen and c.entity != BLOCKED:  # a linking marker is nobody: never a claim's entity
            seen.add(key)
            out.append(c)
    return out


_SUBSECTION = re.compile(r"\s*(?P<section>\d{1,2})\.\d{1,2}\.?\s")
_SECTION_NUMBER = re.compile(r"[\s*_]*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Za-z][.)])\s+")


class _Extractor:
    def __init__(self, doc: Document):
        self.doc = doc
        self.reg = registry()
        self.context = Context()
        self.blocks: list[Block] = []
        self.post_dates: list[DateValue | None] = []  # the date of the post each block is in (extract/relative.py)
        self.texts = TextClaims(self)
        self.tables = TableTexts(self)
        self.dates = Dates(self)
        self.figures = Figures(self)
        self.counted = CountedDates(self)
        self.names = SizeNames(self)
        self.coreleases = CoReleases(self)
        self._figures: dict[int, list[tuple[tuple[float, float, float, float] | None, str]]] = {}
        self.answers: dict[int, int] = {}  # an answer key's items -> their questions
        self.heading_texts: list[tuple[int, str]] = []
        self.all_mentions: list[Mention] = []
        self.respectively_of: dict[int, str] = {}
        self._mentions: dict[str, list[Mention]] = {}

    def mentions_in(self, text: str) -> list[Mention]:
        """The models a text names, found once per distinct text (a table's header and row
        cells are asked about for every value in the row)."""
        found = self._mentions.get(text)
        if found is None:
            found = self._mentions[text] = find_mentions(text, self.reg)
        return found

    def question_subject(self, question: str) -> str | None:
        """The model a question asks about ("On what date was DeepSeek-R1 released?")."""
        found = subject_of(question, self.mentions_in(question))
        return found if found != BLOCKED and not self.is_company(found) else None

    def is_company(self, entity: str | None) -> bool:
        return bool(entity) and entity in self.reg.entities and self.reg.get(entity).is_company

    # ---- walking the document -------------------------------------------------------------

    def run(self) -> list[Claim]:
        self.blocks = segment(self.doc)
        self.reg = with_abbreviations(self.reg, self.doc.text)  # "(DS = DeepSeek)": "DS Coder" is DeepSeek Coder
        mentions_of = [self.mentions_in(b.text) if _may_matter(b) else [] for b in self.blocks]
        self.post_dates = post_dates(self.blocks, mentions_of)
        self.answers = answer_key(self.blocks)
        self._index_figures(mentions_of)
        claims: list[Claim] = []
        title = str(self.doc.meta.get("title") or "")
        self._title_subject: str | None = None
        if title:  # the document's title is the heading above every heading
            title_mentions = self.mentions_in(title)
            self._title_subject = subject_of(title, title_mentions)
            self.context.enter_heading(0, self._title_subject, company_of(title_mentions))
            self.heading_texts.append((0, title))
        for index, (block, mentions) in enumerate(zip(self.blocks, mentions_of, strict=True)):
            if block.kind == "heading":
                self.context.enter_heading(block.level, subject_of(block.text, mentions), company_of(mentions))
                while self.heading_texts and self.heading_texts[-1][0] >= block.level:
                    self.heading_texts.pop()
                self.heading_texts.append((block.level, block.text))
            elif block.kind == "item":
                self.context.block_subjects[index] = subject_of(block.text, mentions)
            elif block.kind == "code":
                self.context.enter_heading(TITLE_LEVEL + 1, subject_of(block.text, mentions), company_of(mentions))
            made = merge_lists(list(self._claims_of(index, block, mentions)))
            self.coreleases.note(index, made)
            made += self.coreleases.claims(index, block, mentions, made)  # "同时放出 R1-Zero": the date of the release it goes with
            claims.extend(made)
            if block.kind == "paragraph":
                self.context.read_paragraph(index, block, mentions)
        claims.extend(self.names.claims(claims))
        first_heading = next((subject_of(b.text, self.mentions_in(b.text)) for b in self.blocks if b.kind == "heading"), None)
        claims.extend(self.texts.front_matter_licence(self._title_subject or first_heading))
        claims = self.counted.stated_beats_counted(claims)
        return drop_corrected(claims, correcting_lines(self.doc, self.blocks), quoted_in_corrections(self.doc, self.blocks))

    def _index_figures(self, mentions_of: list[list[Mention]]) -> None:
        for b, ms in zip(self.blocks, mentions_of, strict=True):
            if b.kind == "label" and b.figure is not None:
                models = [m for m in ms if m.kind != COMPANY]
                if models and (models[0].end - models[0].start) >= len(b.text.strip()) * 0.6 and models[0].entity:
                    self._figures.setdefault(b.figure, []).append((b.box, models[0].entity))

    # ---- which entity ------------------------------------------------------------------------

    def entity_for(self, index: int, mentions: list[Mention], start: int, end: int, company: bool = False) -> str | None:
        block = self.blocks[index]
        sentence = block.sentence_at(start)
        paired = self.respectively_of.get(start)
        if paired is not None and "\t" not in paired and not company:
            return paired  # "V3 和 R1 分别在 2024 年 12 月和 2025 年 1 月发布": the n-th model, the n-th value
        found = None if block.kind == "code" and not company else explicit(block.text, mentions, start, end, sentence, company, self.all_mentions)
        if found == BLOCKED and block.kind == "cell" and not company:
            c_a, c_b = clause_bounds(block.text, start, end, sentence)
            if not any(c_a <= m.start < c_b and m.kind == FOREIGN for m in mentions):
                found = None  # "Qwen: 1.5B, 7B": a base family named in another clause; the row still names the model
        if found is None and company and nc.has("pronoun_subject", block.text[sentence[0] : sentence[0] + 12]):
            found = company_of([m for m in mentions if m.start < sentence[0]][-1:])  # "… DeepSeek … It was founded in 2023"
        if found is None and company:
            found = self.tables.company_of_box(block)
        if found is None and not company:
            found = self.context_subject(index, block, mentions, sentence)
        if found is None or found == BLOCKED or self.is_company(found) != company:
            return None
        return found

    def context_subject(self, index: int, block: Block, mentions: list[Mention], sentence: tuple[int, int]) -> str | None:
        if block.kind == "code":  # a citation: the model its title names
            return self.context.heading_subject()
        if block.kind == "cell":
            return self.tables.entity(block)
        if block.kind == "label":
            return figure_subject(block, self._figures.get(block.figure or 0, []))
        settled, found = line_subject(block, mentions, sentence)  # carried, or a footnote's, a record's, another name's
        if settled:
            return found
        topic = self.context.parent_subject(self.blocks, index) or self.context.heading_subject()
        numbered = _SECTION_NUMBER.match(block.text, sentence[0])  # "3.3  The model has 671 billion …"
        start = numbered.end() if numbered else sentence[0]
        if found != BLOCKED and topic and nc.has("topic_subject", block.text[start : start + 16]):
            return topic  # "The model has 685B parameters": the model the section is about
        opening = block.text[start : start + 12]
        # "Total parameters ...... 671B" lines under "The figures below are for V3"; a model named only as an object
        # ("Released: Mon 27 Jan (a week after R1)") does not make them another model's
        fields = bool(block.breaks) and (not mentions or subject_of(block.text, mentions) is None)
        # "Released January 11, 2024 … Trained on 2T tokens." after a quote that names DeepSeekMoE 16B
        subjectless = nc.opens_with("subjectless_opening", block.text[sentence[0] :]) or nc.opens_with(
            "subjectless_opening", block.text
        )
        # a pronoun opening the sentence, or the paragraph ("它是小改版…。…这一版直接改成 MIT"), when no
        # sentence before named a model: the previous paragraph's model
        pronoun = nc.has("pronoun_subject", opening) or (bool(block.sentences) and found is None and nc.has("pronoun_subject", block.text[block.sentences[0][0] : block.sentences[0][0] + 12]))
        if found is None and fields and index and self.blocks[index - 1].kind == "item":
            found = self.context.block_subjects.get(index - 1)  # " 1. deepseek-ai/DeepSeek-R1" over " Released: … / Params: …": the card's title
        if found is None and topic is None and block.kind == "paragraph" and (pronoun or fields or subjectless or self._numbered_on(index)):
            found = self.context.paragraph_topic
        asked = self.context.asked
        if found is None and block.kind == "paragraph" and asked and asked[0] == index - 1:
            found = asked[1]  # "Q: How many parameters does DeepSeek-V3 have?" / "A: 671 billion in total …"
        if found is None and index in self.answers:  # an answer key's "6. 7B. It started from …": question 6's model
            found = self.question_subject(self.blocks[self.answers[index]].text)
        if found is None:
            found = self.context.parent_subject(self.blocks, index)
        if found is None:
            found = self.context.heading_subject()
        return found

    def _numbered_on(self, index: int) -> bool:
        """The paragraph goes on a numbered section the paragraph before it was in ("3.1 For
        DeepSeek-V3 the developer reports …" then "3.2 At an assumed rental price … USD 5.576 million")."""
        if index == 0 or self.blocks[index - 1].kind != "paragraph":
            return False
        here, before = (_SUBSECTION.match(self.blocks[k].text) for k in (index, index - 1))
        return here is not None and before is not None and here["section"] == before["section"]

    # ---- claims of one block -------------------------------------------------------------

    def _claims_of(self, index: int, block: Block, mentions: list[Mention]) -> Iterable[Claim]:
        text = block.text
        self.names.collect(index, block, mentions)
        # a header's or a caption's unit scales a table's bare numbers
        matches = cell_values(block, self.tables.caption(block.table.table)) if block.table is not None else vg.find_values(text)
        self.respectively_of = respectively(text, block.sentences, mentions, matches)
        bases = self.texts.base_objects(text, mentions)
        yield from self.texts.base_model(index, block, mentions, bases)
        self.all_mentions = mentions  # a base model is still the owner of its own link
        asides = [span for b in bases if (span := _aside_after(text, b.end))]  # "基座是 V3-Base（6710亿参数的MoE模型）"
        mentions = [m for m in mentions if m not in bases]
        hint = self.tables.hint(block) if matches else ""
        compounds = [m for m in matches if isinstance(m.value, vg.Compound)]
        if len(compounds) >= 2:  # "16B-A2.4B, 236B-A21B": the sizes of two variants
            yield from self.names.compounds(index, block, mentions, compounds)
            matches = [m for m in matches if m not in compounds]
        old_side = ""  # the words of a value the next one replaces ("context first to 32K, then to 128K")
        matches = [borrowed_magnitude(text, matches, i) for i in range(len(matches))]  # "236 billion with 21 active"
        # "21 billion (210亿) activated": the same figure again, in other words
        matches = [m for i, m in enumerate(matches) if not (i and _RESTATED.fullmatch(text, matches[i - 1].end, m.start) and _CLOSES.match(text, m.end))]
        for i, m in enumerate(matches):
            if any(_in_name(text, mm, m.start) for mm in self.all_mentions) or nc.glued_to_name(text, m.start):
                continue  # "Janus-Pro-7B", "Llama 3.1 405B": part of a model's name
            if _LABEL_NUMBER.search(text, max(0, m.start - 8), m.start):
                continue  # "图3-5", "Table 2", "§4.3": a figure's or a section's number
            sentence = block.sentence_at(m.start)
            c_start, c_end = clause_bounds(text, m.start, m.end, sentence, words=True)
            next_start = matches[i + 1].start if i + 1 < len(matches) else len(text)
            head = _LEADER.sub(" ", text[c_start : m.start])  # "Total parameters ........ 671B"
            if c_start > sentence[0] and _LINK_ONLY.fullmatch(head):  # "V3's context window, at 128K tokens"
                head = text[clause_bounds(text, c_start - 1, c_start - 1, sentence, words=True)[0] : m.start]
            leader = _LEADER.search(text, max(sentence[0], m.start - 120), m.start)
            field = text[sentence[0] : leader.start()] if leader and not hint else ""  # "H800 GPU-hours ..... 2.788 million"
            raw_tail = _SAME_AGAIN.sub("", text[m.end : min(next_start, c_end)], count=1)
            tail = _BRACKET.split(raw_tail, 1)[0]  # "6710亿（每个 token…": an aside; "21 billion (210亿) activated" reads on
            tail = _THEN.split(tail, 1)[0]  # "8.1T tokens and then did SFT": the next step is not this value's
            if nc.not_a_claim(text, sentence, c_start, m, matches, i) or (
                self.heading_texts and nc.has("correction", self.heading_texts[-1][1]) and nc.quoted_report(text, sentence, m.start)
            ):  # under "CORRECTIONS": 'Radar #60 said DeepSeek-V3 has "685B parameters".' is what the earlier issue said
                old_side = head if nc.old_side_of_change(text, matches, i) else ""  # its words name the new value's too
                continue
            own = text[max(c_start, matches[i - 1].end if i else 0) : m.start]  # this value's own words
            # a part of a figure ("2.788M GPU hours, of which 2.664M were spent on pre-training"):
            # each side's stage words are its own
            prev_end = matches[i - 1].end if i else 0
            part_of = nc.find("partitive", text[prev_end : m.start]) if i else None
            has_part = nc.find("partitive", text[m.end : next_start])
            if has_part is None and i + 1 < len(matches) and nc.has("partitive", text[matches[i + 1].end : matches[i + 1].end + 12]):
                has_part = next_start - m.end  # "2.788M GPU hours, with 2.664M of that spent on …"
            between = (
                prev_end + part_of if part_of is not None else 0,
                m.end + has_part if has_part is not None else len(text),  # "…，其中预训练 266.4 万": up to 其中
            )
            carried_words, old_side = old_side, ""  # only the value right after the old one
            elided = elided_unit(text, mentions, matches, i, sentence) if not (hint or field or carried_words) else ""
            owners = self.all_mentions if any(a <= m.start < b for a, b in asides) else mentions  # the base's own figure
            for claim in self.figures.claims(index, block, owners, m, head, tail, hint or field or carried_words or elided, sentence, own, between):
                yield from self.with_partners(block, mentions, m.start, claim)
        yield from self.counted.claims(index, block, mentions, matches)  # "昨晚…开源了", "published last month"
        yield from self.texts.claims(index, block, mentions)
        yield from self.tables.claims(index, block, mentions)  # a licence or a city named by its header or row label

    # ---- building claims -----------------------------------------------------------------

    def with_partners(self, block: Block, mentions: list[Mention], pos: int, claim: Claim) -> Iterable[Claim]:
        """The claim, and the same date or licence for every model coordinated with its owner
        ("DeepSeek-R1 and DeepSeek-R1-Zero were released under the MIT License")."""
        yield claim
        if claim.attribute not in _SHARED or claim.entity in self.respectively_of.values():
            return
        sentence = block.sentence_at(pos)
        if nc.sentence_has("respectively", block.text, *sentence):
            return
        partners = coordinated(block.text, mentions, claim.entity, sentence)
        if not partners and _BOTH.match(block.text, sentence[0]):  # "DeepSeek-R1 and R1-Zero … . Both were released on 20 January"
            earlier = [s for s in block.sentences if s[1] <= sentence[0]]
            named = [m.entity for m in mentions if earlier and earlier[-1][0] <= m.start < earlier[-1][1] and m.kind == KNOWN and m.entity]
            if claim.entity in named and len(set(named)) == 2:
                partners = [e for e in dict.fromkeys(named) if e != claim.entity]
        for partner in partners:
            if not self.is_company(partner):
                yield claim.model_copy(update={"entity": partner})

    def claim(self, block: Block, m: vg.ValueMatch, entity: str, attribute: str, value: object) -> Claim:
        return provenance.claim_of_match(self.doc, block, m, entity, attribute, value)

    def claim_text(self, block: Block, i: int, j: int, entity: str, attribute: str, text: str) -> Claim:
        return provenance.claim_span(self.doc, block, i, j, entity, attribute, Text(text), None)

    def claim_span(
        self, block: Block, start: int, end: int, entity: str, attribute: str, value: TypedValue, qualifier: str | None,
        raw: str | None | bool = True,
    ) -> Claim:
        return provenance.claim_span(self.doc, block, start, end, entity, attribute, value, qualifier, raw)


__all__ = ["FOREIGN", "extract_document"]
