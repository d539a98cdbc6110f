"""Stage 3: units of a document -> claims (entity, attribute, normalized value, provenance).

For each value the grammar finds, three questions, each answered from the text only:
  which attribute?  the cue words of its clause (attributes.py), a table header, a row label;
  which entity?     a mention in its clause or sentence, else the table row/column, the nearest
                    label of a diagram, the parent list item, the section heading — and when a
                    foreign model (Llama, GPT-4 …) is the subject, nobody's: the claim is dropped;
  what exactly?     the value as normalized by values.py, its hedge, its raw text.
When the owner or the attribute is unclear the claim is left out: no guesses dressed as facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from dsfacts.extract import values as vg
from dsfacts.extract.attributes import attribute_specs, choose_attribute, vocabulary
from dsfacts.extract.entities import EntityRegistry, Mention, registry
from dsfacts.models import Claim, DateValue, Money, Quantity, SizeList, SizeRange, Text, TypedValue, kind_of
from dsfacts.segment import Unit, segment
from dsfacts.sources import Document

_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?=\s|$)")
_CLAUSE_END = re.compile(r"[，,、\[\]【】|]|\s[-–—]\s")
_URL = re.compile(r"https?://[^\s)\]>\"']+|\]\([^)\s]*\)|(?<![\w.])(?:www\.)?[\w-]+\.(?:com|cn|org|net|io|ai)/[^\s)\]>\"']*")
_SIZE_TAIL = re.compile(r"[-\s]?(\d+(?:\.\d+)?[Bb](?:/\d+(?:\.\d+)?[Bb])*)(?![A-Za-z0-9])")
# a year standing alone ("## 2024年", "2025 开年", "in 2024"), not the year of a full date
_NARRATIVE_YEAR = re.compile(r"(?<![\w.\-/])((?:19[89]|20[0-4])\d)(?:\s*年(?!\s*\d{1,2}\s*月)|(?![\w\-/.年月]))")
_GLUED_NAME = re.compile(r"[A-Za-z][\w.]*-$")
_NEWS_LINK = re.compile(r"^\s*[\]】)]?\s*\[")
QUOTE_LIMIT = 200
DIAGRAM_REACH = 50.0  # a diagram label farther than this from every model label belongs to none
BILLION = Decimal(10) ** 9


@dataclass
class Scope:
    """What the text around a unit is about: headings, parent list items, tables, diagrams."""

    headings: list[tuple[int, str | None]] = field(default_factory=list)
    items: list[tuple[int, str | None]] = field(default_factory=list)
    narrative_year: int | None = None  # "2025 开年", "## 2024年": the year the text is telling
    last_date_year: int | None = None  # the year of the last full date, when no narrative year is known
    diagram_labels: dict[int, list[tuple[tuple[float, float, float, float] | None, str, int]]] = field(default_factory=dict)

    def enter_heading(self, level: int, entity: str | None) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, entity))
        self.items.clear()

    def enter_line(self, indent: int, entity: str | None) -> None:
        while self.items and self.items[-1][0] >= indent:
            self.items.pop()
        self.items.append((indent, entity))

    @property
    def year(self) -> int | None:
        return self.narrative_year or self.last_date_year

    def leave_block(self, level: int) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()

    def entity(self, skip_current_line: bool = True) -> str | None:
        stack = self.items[:-1] if skip_current_line else self.items
        for _, e in reversed(stack):
            if e:
                return e
        for _, e in reversed(self.headings):
            if e:
                return e
        return None


@dataclass
class Foreign:
    pattern: re.Pattern[str]
    comparison: tuple[str, ...]

    def find(self, text: str) -> list[tuple[int, int]]:
        out = []
        for m in self.pattern.finditer(text):
            before = text[max(0, m.start() - 8) : m.start()].lower().rstrip(" `*")
            if any(before.endswith(w) for w in self.comparison):
                continue  # "性能接近 OpenAI o1": a comparison, not the subject
            out.append(m.span())
        return out


@lru_cache(maxsize=1)
def _foreign() -> Foreign:
    vocab = vocabulary()
    names = sorted((str(n) for n in vocab.get("foreign_models", [])), key=len, reverse=True)
    alt = "|".join(re.escape(n).replace(r"\ ", r"[\s-]?") for n in names)
    pattern = re.compile(rf"(?<![A-Za-z0-9])(?:{alt})(?:[\w.-]*)", re.IGNORECASE)
    return Foreign(pattern, tuple(str(w).lower() for w in vocab.get("comparison", [])))


def extract_document(doc: Document) -> list[Claim]:
    """Every claim the document states, in document order, without duplicates."""
    return list(_dedupe(_Extractor(doc).run()))


BIBTEX_LEVEL = 8  # a bibtex entry's title scopes its year= and eprint= lines
_BIBTEX_TITLE = re.compile(r"\s*title\s*=", re.IGNORECASE)


def _dedupe(claims: Iterable[Claim]) -> Iterable[Claim]:
    seen: set[tuple] = set()
    for c in claims:
        key = (c.entity, c.attribute, repr(c.value), c.line, c.column)
        if key not in seen:
            seen.add(key)
            yield c


class _Extractor:
    def __init__(self, doc: Document):
        self.doc = doc
        self.reg: EntityRegistry = registry()
        self.scope = Scope()
        self.size_mentions: list[tuple[str, Decimal, Unit, Mention]] = []
        self.vocab = vocabulary()
        self.cueless_dates: set[int] = set()
        self.last_matches: list[vg.ValueMatch] = []
        self._columns_cache: dict[tuple[str, ...], list[str | None]] = {}

    # ---- walking the document -------------------------------------------------------------

    def run(self) -> list[Claim]:
        units = list(segment(self.doc))
        self._index_diagrams(units)
        claims: list[Claim] = []
        for unit in units:
            mentions = self._mentions(unit.text)
            models = [m for m in mentions if not self._is_company(m.entity)]
            first = (models or mentions)[0].entity if mentions else None
            if unit.kind == "heading":
                self.scope.enter_heading(unit.level, first)
            elif unit.kind in ("item", "para"):
                self.scope.enter_line(unit.indent, first)
            elif unit.kind == "code" and _BIBTEX_TITLE.match(unit.text):
                self.scope.enter_heading(BIBTEX_LEVEL, first)
            elif unit.kind == "code" and unit.text.lstrip().startswith("@"):
                self.scope.enter_heading(BIBTEX_LEVEL, None)
            elif unit.kind == "end":
                self.scope.leave_block(BIBTEX_LEVEL)
            claims.extend(self._claims_of(unit, mentions))
            self._note_year(unit)
        claims.extend(self._sizes_from_names())
        return self._date_attributes_by_document(claims)

    def _note_year(self, unit: Unit) -> None:
        for year in _NARRATIVE_YEAR.finditer(unit.text):
            self.scope.narrative_year = int(year.group(1))
        for m in self.last_matches:
            if m.kind == "date" and isinstance(m.value, DateValue) and m.value.precision != "year":
                self.scope.last_date_year = m.value.end.year

    def _date_attributes_by_document(self, claims: list[Claim]) -> list[Claim]:
        """A date with no cue that equals the paper date the same document gives the entity is
        that paper date, not a second, release claim (a diagram repeating a list of papers)."""
        papers = {(c.entity, c.value) for c in claims if c.attribute == "paper_date" and id(c) not in self.cueless_dates}
        return [
            c.model_copy(update={"attribute": "paper_date"})
            if id(c) in self.cueless_dates and (c.entity, c.value) in papers
            else c
            for c in claims
        ]

    def _mentions(self, text: str) -> list[Mention]:
        urls = [m.span() for m in _URL.finditer(text)] if ("/" in text or "](" in text) else []
        return [m for m in self.reg.find(text) if not any(a <= m.start < b for a, b in urls)]

    def _is_company(self, entity: str) -> bool:
        return self.reg.get(entity).is_company

    def _index_diagrams(self, units: list[Unit]) -> None:
        """Labels of a diagram that name an entity, with their boxes, for `_diagram_entity`."""
        for i, u in enumerate(units):
            if u.kind != "label" or u.diagram is None:
                continue
            ms = [m for m in self.reg.find(u.text) if not self._is_company(m.entity)]
            if ms and (ms[0].end - ms[0].start) >= len(u.text.strip()) * 0.6:
                self.scope.diagram_labels.setdefault(u.diagram, []).append((u.box, ms[0].entity, i))

    # ---- which entity ------------------------------------------------------------------------

    def _entity_for(self, unit: Unit, mentions: list[Mention], start: int, end: int, company: bool) -> str | None:
        text = unit.text
        usable = [m for m in mentions if self._is_company(m.entity) == company]
        c_start, c_end = _clause_bounds(text, start, end)
        s_start, s_end = _sentence_bounds(text, start, end)
        foreign = [
            (a + s_start, b + s_start)
            for a, b in _foreign().find(text[s_start:s_end])
            if not any(m.start <= a + s_start < m.end for m in mentions)  # "R1-Distill-Qwen" is ours
        ]
        # a value glued to a foreign name ("Llama 3 405B") or in a clause about one is not ours
        in_clause = [m for m in usable if c_start <= m.start < c_end]
        foreign_clause = [f for f in foreign if c_start <= f[0] < c_end]
        if foreign_clause:
            nearest_foreign = max((f for f in foreign_clause if f[0] < start), default=None, key=lambda f: f[0])
            nearest_own = max((m for m in in_clause if m.start < start), default=None, key=lambda m: m.start)
            if nearest_foreign and (nearest_own is None or nearest_foreign[0] > nearest_own.start):
                return None
            if not in_clause:
                return None
        before = [m for m in usable if s_start <= m.start < start and m.end <= start]
        after = [m for m in usable if end <= m.start < s_end]
        if in_clause:
            clause_before = [m for m in in_clause if m.end <= start]
            if clause_before:
                return clause_before[-1].entity
        if before:
            last_foreign = max((f[0] for f in foreign if f[1] <= start), default=-1)
            if last_foreign > before[-1].start:
                return None
            return before[-1].entity
        if after:
            return after[0].entity
        if foreign:
            return None
        if company:
            return self._context_company(unit)
        if unit.table is not None:
            return self._table_entity(unit)
        if unit.kind == "label":
            return self._diagram_entity(unit)
        entity = self.scope.entity(skip_current_line=True)
        if entity and self._is_company(entity):
            return None
        return entity

    def _context_company(self, unit: Unit) -> str | None:
        for _, e in reversed(self.scope.headings):
            if e and self._is_company(e):
                return e
        return None

    def _table_entity(self, unit: Unit) -> str | None:
        cell = unit.table
        assert cell is not None
        column_entities = self._column_entities(cell.header)
        if any(column_entities[1:]):
            return column_entities[cell.column] if cell.column < len(column_entities) else None
        for text in [*cell.row[: cell.column], *cell.row[cell.column + 1 :]]:
            ms = [m for m in self._mentions(text) if not self._is_company(m.entity)]
            if ms:
                return ms[0].entity
            if _foreign().find(text):
                return None
        return self.scope.entity(skip_current_line=False)

    def _column_entities(self, header: list[str]) -> list[str | None]:
        key = tuple(header)
        if key not in self._columns_cache:
            self._columns_cache[key] = self._find_column_entities(header)
        return self._columns_cache[key]

    def _find_column_entities(self, header: list[str]) -> list[str | None]:
        out: list[str | None] = []
        for h in header:
            ms = [m for m in self._mentions(h) if not self._is_company(m.entity)]
            out.append(ms[0].entity if ms and not _foreign().find(h[: ms[0].start]) else None)
        return out

    def _diagram_entity(self, unit: Unit) -> str | None:
        labels = self.scope.diagram_labels.get(unit.diagram or 0, [])
        if not labels:
            return None
        if unit.box is None or any(b is None for b, _, _ in labels):
            return None
        box, entity, _ = min(labels, key=lambda lab: _box_distance(unit.box, lab[0]))  # type: ignore[arg-type]
        return entity if _box_distance(unit.box, box) <= DIAGRAM_REACH else None  # type: ignore[arg-type]

    # ---- claims of one unit --------------------------------------------------------------

    def _claims_of(self, unit: Unit, mentions: list[Mention]) -> Iterable[Claim]:
        text = unit.text
        self.last_matches = []
        if not text.strip():
            return
        self._collect_size_names(unit, mentions)
        matches = self.last_matches = vg.find_values(text)
        bases = self._base_objects(text, mentions)
        yield from self._base_model(unit, mentions, bases)
        mentions = [m for m in mentions if m not in bases]  # "以 Coder-v1.5 为基础": not the subject
        hint = self._hint(unit) if matches else ""
        for i, m in enumerate(matches):
            if self._is_name_part(text, m, mentions):
                continue
            next_start = matches[i + 1].start if i + 1 < len(matches) else len(text)
            c_start, c_end = _clause_bounds(text, m.start, m.end)
            head = text[c_start : m.start]
            tail = text[m.end : min(next_start, c_end)]
            old_new = self._transition(text, matches, i)
            if old_new == "new":
                prev = matches[i - 1]
                p_start, _ = _clause_bounds(text, prev.start, prev.end)
                head = text[p_start : prev.start] + head
            yield from self._claims_of_value(unit, mentions, m, head, tail, hint, old_new)
        yield from self._text_claims(unit, mentions)

    def _hint(self, unit: Unit) -> str:
        """Cue text from around a value: its table header or row label, or a link to arXiv."""
        if unit.table is not None:
            cell = unit.table
            column_entities = self._column_entities(cell.header)
            if any(column_entities[1:]):
                return " ".join(c for j, c in enumerate(cell.row) if j < len(column_entities) and not column_entities[j] and j != cell.column)
            header = cell.header[cell.column] if cell.column < len(cell.header) else ""
            return header + (" arxiv" if any("arxiv" in c.lower() for c in cell.row) else "")
        return "arxiv" if "arxiv" in unit.text.lower() else ""

    def _is_name_part(self, text: str, m: vg.ValueMatch, mentions: list[Mention]) -> bool:
        """'7B' in 'Janus-Pro-7B' or 'DeepSeekMath 7B' names a variant; it is not a claim by itself."""
        if m.kind not in ("number", "sizes", "range"):
            return False
        if any(mm.start < m.end and m.start < mm.end + 2 for mm in mentions):
            return True  # inside "DeepSeek 67B" or right after "DeepSeekMath "
        return bool(_GLUED_NAME.search(text, 0, m.start))  # "QwQ-32B-Preview", "Llama3.1-8B"

    def _transition(self, text: str, matches: list[vg.ValueMatch], i: int) -> str | None:
        """'从86种扩展到338种', '86->338': the first value is the old model's, the second ours."""
        words = [str(w) for w in self.vocab.get("transition", [])]
        if i + 1 < len(matches):
            between = text[matches[i].end : matches[i + 1].start]
            if len(between) <= 10 and any(w in between for w in words):
                return "old"
        if i > 0:
            between = text[matches[i - 1].end : matches[i].start]
            if len(between) <= 10 and any(w in between for w in words):
                return "new"
        return None

    def _claims_of_value(
        self, unit: Unit, mentions: list[Mention], m: vg.ValueMatch, head: str, tail: str, hint: str, old_new: str | None
    ) -> Iterable[Claim]:
        kind = m.kind
        value = m.value
        if kind in ("percent", "other"):
            return
        if kind == "arxiv":
            if not m.explicit and "arxiv" not in hint.lower():
                return
            s_start, s_end = _sentence_bounds(unit.text, m.start, m.end)
            named = any(s_start <= x.start < s_end for x in mentions)
            if not (named or unit.kind in ("cell", "code") or self._sentence_date_cue(unit.text[s_start:s_end]) == "paper_date"):
                return  # an arXiv link next to some benchmark's name is not the model's paper
            entity = self._entity_for(unit, mentions, m.start, m.end, company=False)
            if entity:
                yield self._claim(unit, m, entity, "arxiv_id", value)
            return
        if kind in ("date", "monthday"):
            yield from self._date_claims(unit, mentions, m, head, tail, hint)
            return
        if isinstance(value, vg.Compound):
            entity = self._entity_for(unit, mentions, m.start, m.end, company=False)
            if entity:
                yield self._claim(unit, m, entity, "total_params", value.total)
                yield self._claim(unit, m, entity, "active_params", value.active)
            return
        currency = value.currency if isinstance(value, Money) else None
        magnitude = m.magnitude or kind in ("sizes", "range")
        amount = value.amount if isinstance(value, (Quantity, Money)) else None
        attribute = choose_attribute(
            kind, head, tail, magnitude=magnitude, currency=currency, hint=hint, amount=amount
        )
        if attribute is None and kind in ("sizes", "range"):
            attribute = "variant_sizes"
        if attribute is None and kind == "number" and unit.kind in ("label", "cell") and m.raw.rstrip().endswith("B"):
            attribute = "total_params"  # "671B" alone in a table cell or a diagram label is a model size
        if attribute is None:
            return
        if kind == "money" and self._vetoed(head + tail):
            return
        spec = attribute_specs()[attribute]
        entity = self._entity_for(unit, mentions, m.start, m.end, company=spec.company)
        if entity is None:
            return
        if old_new == "old":
            entity = self.reg.get(entity).predecessor or ""
            if not entity:
                return
        sizes_of = self.reg.get(entity).sizes_of
        if sizes_of and kind in ("sizes", "range"):
            entity, attribute = sizes_of["entity"], sizes_of["attribute"]
        elif sizes_of:
            return
        if spec.min is not None and amount is not None and amount < spec.min:
            return
        yield self._claim(unit, m, entity, attribute, value)

    def _vetoed(self, around: str) -> bool:
        low = around.lower()
        return any(str(w).lower() in low for w in self.vocab.get("cost_veto", []))

    def _date_claims(
        self, unit: Unit, mentions: list[Mention], m: vg.ValueMatch, head: str, tail: str, hint: str
    ) -> Iterable[Claim]:
        value = m.value
        attribute = choose_attribute("date", head, tail, magnitude=False, hint=hint)
        s_start, s_end = _sentence_bounds(unit.text, m.start, m.end)
        sentence = unit.text[s_start:s_end]
        if attribute in (None, "release_date") and self._founding(sentence, mentions, s_start, s_end):
            attribute = "founded_date"
        if isinstance(value, vg.MonthDay):
            if self.scope.year is None or (value.day is None and attribute is None):
                return  # "6月榜单": a month with no year and no cue dates nothing
            try:
                value = DateValue.from_parts(self.scope.year, value.month, value.day)
            except ValueError:
                return
        if attribute == "founded_date":
            entity = self._entity_for(unit, mentions, m.start, m.end, company=True)
            if entity:
                yield self._claim(unit, m, entity, attribute, value)
            return
        year_only = isinstance(value, DateValue) and value.precision == "year"
        if attribute is None and not year_only:  # a bare year needs a cue of its own clause
            attribute = self._sentence_date_cue(sentence)
        if attribute is None:
            # a date with no cue: a release, unless it is a bare year or the sentence is about another event
            if isinstance(value, DateValue) and value.precision == "year":
                return
            low = sentence.lower()
            if any(str(w).lower() in low for w in self.vocab.get("not_a_release", [])):
                return
        after = unit.text[m.end :]
        if _NEWS_LINK.match(after):
            # "【2024-12-26】[国产之光…](…)": the date of an article, unless the link names a model
            link_text = after[after.find("[") + 1 : after.find("]")] if "]" in after else ""
            link_mentions = [x for x in self._mentions(link_text) if not self._is_company(x.entity)]
            if not link_mentions or link_mentions[0].start > 2:
                return
        entity = self._entity_for(unit, mentions, m.start, m.end, company=False)
        if entity is None:
            return
        claim = self._claim(unit, m, entity, attribute or "release_date", value)
        if attribute is None:
            self.cueless_dates.add(id(claim))
        yield claim

    def _sentence_date_cue(self, sentence: str) -> str | None:
        """A release or paper cue anywhere in the sentence ("2024年12月26日，…，深度求索发布了 V3")."""
        low = sentence.lower()
        specs = attribute_specs()
        for name in ("paper_date", "release_date"):
            if any(c in low for c in specs[name].cues):
                return name
        return None

    def _founding(self, sentence: str, mentions: list[Mention], s_start: int, s_end: int) -> bool:
        """'2023年7月17日，正式成立深度求索公司': the sentence founds the company."""
        spec = attribute_specs()["founded_date"]
        low = sentence.lower()
        if not any(c in low for c in spec.cues):
            return False
        in_sentence = [m for m in mentions if s_start <= m.start < s_end]
        return any(self._is_company(m.entity) for m in in_sentence) and not any(
            not self._is_company(m.entity) for m in in_sentence
        )

    # ---- text-valued attributes ----------------------------------------------------------

    def _text_claims(self, unit: Unit, mentions: list[Mention]) -> Iterable[Claim]:
        text = unit.text
        low = text.lower()
        yield from self._licence(unit, mentions, low)
        yield from self._named(unit, mentions, "headquarters", low)
        yield from self._named(unit, mentions, "founder", low)

    def _name_matches(self, section: str, text: str) -> list[tuple[int, int, str]]:
        out = []
        names: dict[str, list[str]] = self.vocab[section]["names"]
        taken: list[tuple[int, int]] = []
        pairs = sorted(((str(a), canon) for canon, aliases in names.items() for a in aliases), key=lambda p: -len(p[0]))
        low = text.lower()
        for alias, canon in pairs:
            start = 0
            a = alias.lower()
            while (i := low.find(a, start)) >= 0:
                start = i + 1
                j = i + len(a)
                if a.isascii() and ((i > 0 and low[i - 1].isalnum()) or (j < len(low) and low[j].isalnum())):
                    continue
                if any(x < j and i < y for x, y in taken):
                    continue
                taken.append((i, j))
                out.append((i, j, canon))
        return sorted(out)

    def _licence(self, unit: Unit, mentions: list[Mention], low: str) -> Iterable[Claim]:
        vocab = self.vocab["license"]
        if not any(str(c).lower() in low for c in vocab["cues"]):
            return
        urls = [u.span() for u in _URL.finditer(unit.text)]
        for i, j, canon in self._name_matches("license", unit.text):
            if any(a <= i < b for a, b in urls):
                continue
            s_start, s_end = _sentence_bounds(unit.text, i, j)
            sentence = low[s_start:s_end]
            if not any(str(c).lower() in sentence for c in vocab["cues"]):
                continue
            code_only = any(str(c).lower() in sentence for c in vocab["code_only"])
            if code_only and not any(str(w).lower() in sentence for w in vocab["weights"]):
                continue
            entity = self._entity_for(unit, mentions, i, j, company=False)
            if entity:
                yield self._claim_text(unit, i, j, entity, "license", canon)

    def _named(self, unit: Unit, mentions: list[Mention], section: str, low: str) -> Iterable[Claim]:
        vocab = self.vocab[section]
        cues = [str(c).lower() for c in vocab["cues"]]
        if not any(c in low for c in cues):
            return
        for i, j, canon in self._name_matches(section, unit.text):
            s_start, s_end = _sentence_bounds(unit.text, i, j)
            window = low[max(s_start, i - 24) : min(s_end, j + 16)]
            if not any(c in window for c in cues):
                continue
            sentence_companies = [m for m in mentions if s_start <= m.start < s_end and self._is_company(m.entity)]
            entity = sentence_companies[0].entity if sentence_companies else self._context_company(unit)
            if entity:
                yield self._claim_text(unit, i, j, entity, section, canon)

    def _base_objects(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Mentions that name a base model: "基于 X 训练", "以 X 为基础", "based on X"."""
        vocab = self.vocab["base_model"]
        low = text.lower()
        out = []
        for base in mentions:
            if self._is_company(base.entity):
                continue
            before = low[max(0, base.start - 14) : base.start].rstrip(" `*[")
            cue = next((str(c) for c in vocab["cues"] if before.endswith(str(c).lower())), None)
            if cue is None:
                continue
            after = low[base.end : base.end + 16]
            if cue.isascii() or any(str(a) in after for a in vocab["after"]):
                out.append(base)
        return out

    def _base_model(self, unit: Unit, mentions: list[Mention], bases: list[Mention]) -> Iterable[Claim]:
        text = unit.text
        for base in bases:
            s_start, _ = _sentence_bounds(text, base.start, base.end)
            subjects = [
                m.entity for m in mentions if s_start <= m.start < base.start and not self._is_company(m.entity)
            ]
            if not subjects:
                ctx = self.scope.entity(skip_current_line=True)
                subjects = [ctx] if ctx and not self._is_company(ctx) else []
            for subject in dict.fromkeys(subjects):
                if subject != base.entity:
                    yield self._claim_text(unit, base.start, base.end, subject, "base_model", base.entity)

    # ---- sizes named in model names ("Janus-Pro-1B", "Janus-Pro-7B") ----------------------

    def _collect_size_names(self, unit: Unit, mentions: list[Mention]) -> None:
        urls = [u.span() for u in _URL.finditer(unit.text)]
        for mm in mentions:
            tail = _SIZE_TAIL.match(unit.text, mm.end)
            if tail and not any(a <= mm.start < b for a, b in urls):
                for size in tail.group(1).split("/"):  # "Distill-Qwen-1.5B/7B/14B/32B"
                    self.size_mentions.append((mm.entity, Decimal(size[:-1]) * BILLION, unit, mm))

    def _sizes_from_names(self) -> Iterable[Claim]:
        """Sizes in model names: named together they are the variants ("Janus-Pro-1B", "Janus-Pro-7B");
        the only size a document ever names for a model is its size ("Janus-1.3B")."""
        by_entity: dict[str, list[tuple[Decimal, Unit, Mention]]] = {}
        for entity, size, unit, mm in self.size_mentions:
            by_entity.setdefault(entity, []).append((size, unit, mm))
        for entity, found in by_entity.items():
            sizes_of = self.reg.get(entity).sizes_of
            if len({s for s, _, _ in found}) == 1 and not sizes_of:
                size, unit, mm = found[0]
                yield self._claim_span(unit, mm.start, mm.end, entity, "total_params", Quantity(size), None, None)
                continue
            cluster: list[tuple[Decimal, Unit, Mention]] = []
            for item in [*found, None]:
                if item is not None and (not cluster or item[1].line - cluster[-1][1].line <= 3):
                    cluster.append(item)
                    continue
                sizes = sorted({s for s, _, _ in cluster})
                if len(sizes) >= 2:
                    first_unit, first_mention = cluster[0][1], cluster[0][2]
                    target, attribute = entity, "variant_sizes"
                    if sizes_of:
                        target, attribute = sizes_of["entity"], sizes_of["attribute"]
                    yield self._claim_span(
                        first_unit, first_mention.start, first_mention.end, target, attribute, SizeList(tuple(sizes)), None, None
                    )
                cluster = [item] if item is not None else []

    # ---- building claims -----------------------------------------------------------------

    def _claim(self, unit: Unit, m: vg.ValueMatch, entity: str, attribute: str, value: object) -> Claim:
        typed = _typed(value)
        return self._claim_span(unit, m.start, m.end, entity, attribute, typed, m.qualifier, m.raw)

    def _claim_text(self, unit: Unit, i: int, j: int, entity: str, attribute: str, text: str) -> Claim:
        return self._claim_span(unit, i, j, entity, attribute, Text(text), None, unit.text[i:j])

    def _claim_span(
        self, unit: Unit, start: int, end: int, entity: str, attribute: str, value: TypedValue,
        qualifier: str | None, raw: str | None,
    ) -> Claim:
        line, column = self.doc.line_col(unit.origin(start))
        resolution = getattr(value, "resolution", None)
        return Claim(
            entity=entity,
            attribute=attribute,
            value=value.to_json(),
            kind=kind_of(value),
            source=self.doc.source,
            line=line,
            column=column,
            quote=self._quote(unit, start, end, line),
            raw=raw,
            qualifier=qualifier,  # type: ignore[arg-type]
            unit=value.currency if isinstance(value, Money) else None,
            resolution=float(resolution) if resolution else None,
        )

    def _quote(self, unit: Unit, start: int, end: int, line: int) -> str:
        """The exact file text of the sentence that states the value, on the value's line."""
        s_start, s_end = _sentence_bounds(unit.text, start, end)
        if s_end - s_start > QUOTE_LIMIT:
            s_start = max(s_start, start - QUOTE_LIMIT // 2)
            s_end = min(s_end, end + QUOTE_LIMIT // 2)
        a = unit.origin(s_start)
        b = unit.origin(max(s_end - 1, s_start)) + 1
        quote = self.doc.text[a:b]
        file_line = self.doc.line_text(line)
        if "\n" in quote or quote not in file_line:
            a, b = unit.origin(start), unit.origin(max(end - 1, start)) + 1
            quote = self.doc.text[a:b]
        return quote.strip() or self.doc.text[a:b]


def _typed(value: object) -> TypedValue:
    if isinstance(value, (DateValue, Quantity, Money, SizeList, SizeRange, Text)):
        return value
    raise TypeError(f"not a claim value: {value!r}")


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    s_a, s_b = _sentence_bounds(text, start, end)
    a = max(a, s_a)
    nxt = _CLAUSE_END.search(text, end)
    b = min(nxt.start() if nxt else len(text), s_b)
    return a, b


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        a = m.end()
    nxt = _SENTENCE_END.search(text, end)
    return a, nxt.end() if nxt else len(text)


def _box_distance(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    dx = max(bx - (ax + aw), ax - (bx + bw), 0.0)
    dy = max(by - (ay + ah), ay - (by + bh), 0.0)
    return float((dx * dx + dy * dy) ** 0.5)
