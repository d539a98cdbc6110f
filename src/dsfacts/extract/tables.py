"""Stage 3a/3e for table cells: what a cell says through its column header or its row label.

A unit in the column header (or in the row label of a table whose columns are models) scales
the bare numbers of its cells: under "Parameters (B)" the cell "7, 67" reads as "7B, 67B",
under "上下文长度 (K)" the cell "128" as "128K". The cell is
read by the ordinary value grammars with the unit written after each number, and the spans
are mapped back to the cell's own text.

A text-valued fact (licence, headquarters, founder) is written once in a header or a row label
and its value alone in the cell: "| License |" over "MIT", "| Headquarters | Hangzhou, Zhejiang |".
The cell is read as the sentence "label: value" would be, with the same cue words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from dsfacts.extract import values as vg
from dsfacts.extract.attributes import choose_attribute, vocabulary
from dsfacts.extract.linking import BLOCKED, company_of, subject_of, table_subject
from dsfacts.extract.mentions import COMPANY, FOREIGN, KNOWN, Mention
from dsfacts.extract.texts import checkpoint_of, to_pinyin
from dsfacts.extract.values.lexicon import MAG_LETTER, MAG_WORD, MAG_ZH
from dsfacts.models import Claim
from dsfacts.segment import Block

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

# "Parameters (B)", "Params (billions)", "上下文长度（K）", "参数量 (亿)": a unit in brackets, alone or
# before the noun it counts ("训练数据(万亿token)", "Data (T tokens)")
_HEADER_UNIT = re.compile(
    rf"[(（]\s*(?P<unit>{MAG_ZH}|{MAG_WORD}|(?i:billions|millions|trillions)|{MAG_LETTER})\s*(?:个\s*)?(?:(?i:tokens?|params|parameters)|参数|词元)?\s*[)）]"
)
CAPTION_LENGTH = 80  # characters: a caption, not a paragraph that happens to precede a table
_BARE_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w.%])|(?<![\w.,])\d+(?:\.\d+)?(?![\w.%])")
# what a cell of bare numbers may hold besides them: separators, hedges, "and"/"or"
_NUMERIC_CELL = re.compile(r"(?i)(?:[\s,，、/;；~～≈+*_-]|约|about|and|or|和|与|及|或)*")


@lru_cache(maxsize=256)
def header_unit(header: str) -> str | None:
    """The magnitude a column header gives its numbers ("B" in "Parameters (B)"), or None."""
    m = _HEADER_UNIT.search(header)
    if m is None:
        return None
    unit = m.group("unit")
    return " " + unit.rstrip("sS") if unit[0].isalpha() and len(unit) > 1 else unit


# a caption's unit for the whole table: "（单位：亿）", "(unit: billion)", "(billions of parameters)", "(in billions)"
_CAPTION_UNIT = re.compile(
    rf"(?:单位|單位|(?i:units?))\s*[:：]\s*(?P<unit>{MAG_ZH}|{MAG_WORD}|(?i:billions|millions|trillions))"
    rf"|[(（]\s*(?i:in\s+)?(?P<words>(?i:billions|millions|trillions))(?:\s+(?i:of\s+)?(?i:parameters|params|tokens))?\s*[)）]"
)


@lru_cache(maxsize=256)
def caption_unit(caption: str) -> str | None:
    """The magnitude a table's caption gives every bare number in it ("单位：亿"), or None."""
    m = _CAPTION_UNIT.search(caption)
    if m is None:
        return None
    unit = m.group("unit") or m.group("words")
    return " " + unit.rstrip("sS") if unit[0].isalpha() and len(unit) > 1 else unit


def cell_values(block: Block, caption: str = "") -> list[vg.ValueMatch]:
    """The values of a cell; bare numbers take the unit of their column header, or of their row
    label when the columns are models ("| Params (B) | 236 | 671 |"), or of the table's caption
    ("表 3：参数规模（单位：亿）")."""
    cell = block.table
    text = block.text
    unit = None
    if cell is not None:
        unit = header_unit(cell.header[cell.column]) if cell.column < len(cell.header) else None
        if unit is None and cell.column > 0 and cell.row:
            unit = header_unit(cell.row[0])
        if unit is None and cell.column > 0 and caption:
            unit = caption_unit(caption)
    if unit is None:
        return vg.find_values(text)
    if text.lstrip(" *_").startswith(("+", "＋")):
        return []  # "+0.84": added on top of an earlier figure, not the model's own
    numbers = list(_BARE_NUMBER.finditer(text))
    if not numbers or _NUMERIC_CELL.fullmatch(_BARE_NUMBER.sub("", text)) is None:
        return vg.find_values(text)  # words in the cell: it says what it is itself
    virtual, pos = [], 0
    for m in numbers:
        virtual += [text[pos : m.end()], unit]
        pos = m.end()
    virtual.append(text[pos:])
    scaled = "".join(virtual)
    ends = [m.end() for m in numbers]

    def back(i: int) -> int:  # a position in the scaled text -> the cell's own text (units taken out)
        inserted = sum(len(unit) for k, end in enumerate(ends) if i > end + len(unit) * k)
        return max(0, min(len(text), i - inserted))

    out = []
    for v in vg.find_values(scaled):
        start, end = back(v.start), back(v.end)
        out.append(vg.ValueMatch(start, end, v.kind, v.value, text[start:end], v.qualifier, v.magnitude, v.explicit))
    return out

_NUMBERING = re.compile(r"^[\s#*_]*(?:[0-9０-９]+|[一二三四五六七八九十]+)?[.．、)）]?\s*")


def _echoed(text: str, cells: list[tuple[str, list[Mention]]]) -> str | None:
    """A row that names two models, and a cell that speaks of one by its last word ("| DeepSeek Coder、
    DeepSeek LLM | … LLM 有 70 亿、670 亿两个版本 |"): that one."""
    named = {(m.entity, t[m.start : m.end]) for t, ms in cells for m in ms if m.kind == KNOWN and m.entity}
    if len({e for e, _ in named}) < 2:
        return None
    hits = set()
    for entity, name in named:
        last = re.split(r"[\s_–-]+", name.strip())[-1]
        if len(last) >= 2 and re.search(r"[A-Za-z]", last) and last.lower() != "deepseek" and re.search(rf"(?<![A-Za-z0-9-]){re.escape(last)}(?![A-Za-z0-9-])", text):
            hits.add(entity)
    return hits.pop() if len(hits) == 1 else None


def _names_another(heading: str, generic: tuple[str, ...]) -> bool:
    """A fact box's heading that names something ("雲峰運算小檔案", "About Northwind"), not only
    says what kind of box it is ("公司小檔案", "Company profile")."""
    rest = _NUMBERING.sub("", heading.lower())
    for w in generic:
        rest = rest.replace(w, " ")
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2 or re.search(r"[a-z]{3,}", rest) is not None


_LETTERS = re.compile(r"[A-Za-z\u4e00-\u9fff]")
_BOTH_SIZES = re.compile(r"(?i)((?:total|总参数?|总))\s*/\s*(?:active|activated|激活参数?|激活)")
_MODEL_WORDS = re.compile(r"(?i)(?<![a-z])(?:model|weights?|native)(?![a-z])|模型|权重|原生")  # "Model context", "权重许可证"


def _is_label(cell: str) -> bool:
    """A row label: words, not a number ("# Activated Params", "激活参数数量")."""
    return bool(_LETTERS.search(cell)) and not re.search(r"\d", cell)


class TableTexts:
    """Licence, headquarters and founder stated through a header or a row label."""

    def __init__(self, extractor: _Extractor):
        self.x = extractor
        self._table_cache: dict[int, tuple[list[list[Mention]], bool]] = {}
        self._captions: dict[int, str | None] = {}
        self._caption_texts: dict[int, str] = {}
        self._boxes: dict[int, str | None] = {}
        self._name_rows: dict[int, list[str] | None] = {}
        self._yields: dict[tuple[int, int, str], bool] = {}
        self._by_table: dict[int, list[Block]] | None = None
        self._first_cell: dict[int, int] = {}
        self._box_companies: dict[int, str | None] = {}
        self._sections: dict[str, str | None] = {}
        self._base_labels = frozenset(str(w).lower() for w in vocabulary()["base_model"].get("labels", []))
        self._profile_words = tuple(sorted((str(w).lower() for w in vocabulary().get("profile_words", [])), key=len, reverse=True))
        self._name_labels = frozenset(str(w).lower() for w in vocabulary().get("name_label", []))
        self.cues = {s: tuple(str(c).lower() for c in vocabulary()[s]["cues"]) for s in ("license", "headquarters", "founder")}

    def _models_in_header(self, table: int, header: list[str]) -> bool:
        key = -table
        if key not in self._table_cache:
            ms = [self.x.mentions_in(h) for h in header[1:]]
            self._table_cache[key] = (ms, any(m.kind != COMPANY for x in ms for m in x))
        return self._table_cache[key][1]

    def entity(self, block: Block) -> str | None:
        """The model a cell is about: its row's, or its column header's, else the section's."""
        cell = block.table
        assert cell is not None
        row_mentions = [self.x.mentions_in(t) for t in cell.row]
        if cell.table not in self._table_cache:
            header_mentions = [self.x.mentions_in(h) for h in cell.header]
            cells = self._cells(cell.table)
            if not any(h.strip() for h in cell.header) and all(len(b.table.row) == 2 for b in cells if b.table):
                cells = [b for b in cells if b.table and b.table.column == 0]  # a key-value box: "| Architecture | MLA + DeepSeekMoE |" names no row's model
            named = any(m.kind != COMPANY for b in cells for m in self.x.mentions_in(b.text))
            self._table_cache[cell.table] = (header_mentions, named)
        header_mentions, named = self._table_cache[cell.table]
        box = self._box_subject(cell.table)
        if box is not None:
            return box
        if cell.column > 0 and not any(m.kind != COMPANY for ms in header_mentions for m in ms):
            names = self._name_row(cell.table)
            if names is not None and cell.column < len(names) and names[cell.column].strip():
                found = subject_of(names[cell.column], self.x.mentions_in(names[cell.column]))
                return found if found != BLOCKED else None
        found = _echoed(block.text, [(t, ms) for j, (t, ms) in enumerate(zip(cell.row, row_mentions, strict=True)) if j != cell.column])
        if found is None:
            found = table_subject(block, row_mentions, header_mentions, named)
        if found is None:
            found = self._caption_subject(cell.table)
        if found is None:
            found = self.x.context.heading_subject()
        return found

    def company_of_box(self, block: Block) -> str | None:
        """The company a cell of a fact box is about: the one its name row names, else the
        section's, unless the box's own heading names someone else ("**雲峰運算小檔案**")."""
        if block.table is not None:
            named = self.box_company(block.table.table)
            if named:
                return named
            heading = self.x.heading_texts[-1][1] if self.x.heading_texts else ""
            if heading and not company_of(self.x.mentions_in(heading)) and _names_another(heading, self._profile_words):
                return None
        return self.x.context.company_heading()

    def box_company(self, table: int) -> str | None:
        """The company an infobox is about: the company its name row names ("| 公司全名 |
        杭州深度求索人工智能基础技术研究有限公司 |"), for a box under a heading that names none."""
        if table not in self._box_companies:
            self._box_companies[table] = next(
                (
                    company_of(self.x.mentions_in(c.row[1]))
                    for c in (b.table for b in self._cells(table))
                    if c is not None and c.column == 1 and len(c.row) == 2 and c.row[0].lower().strip(" *_:：") in self._name_labels
                ),
                None,
            )
        return self._box_companies[table]

    def _box_subject(self, table: int) -> str | None:
        """The model an infobox is about: a two-column table of "label | value" rows whose header
        names one model over an empty column ("| DeepSeek-V2 | |"), or whose row labelled as a
        name gives it ("| Name | DeepSeek-V2 |"). Every row of the box is that model's."""
        if table not in self._boxes:
            self._boxes[table] = None
            cells = [b.table for b in self._cells(table) if b.table]
            if cells and all(len(c.row) == 2 for c in cells):
                header = cells[0].header
                if len(header) == 2 and not header[1].strip(" *_"):
                    found = subject_of(header[0], self.x.mentions_in(header[0]))
                    self._boxes[table] = found if found != BLOCKED else None
                else:
                    for c in cells:
                        label = c.row[0].lower().strip(" *_:：")
                        if c.column == 1 and label in self._name_labels:
                            found = subject_of(c.row[1], self.x.mentions_in(c.row[1]))
                            self._boxes[table] = found if found != BLOCKED else None
                            break
        return self._boxes[table]

    def _name_row(self, table: int) -> list[str] | None:
        """The row of a table of records side by side that names each column's model
        ("| Field | Approved model | Model served |" then "| Name | DeepSeek-R1 | R1-Distill-Qwen-32B |")."""
        if table not in self._name_rows:
            self._name_rows[table] = next(
                (b.table.row for b in self._cells(table)
                 if b.table and b.table.column == 0 and len(b.table.row) > 2
                 and b.table.row[0].lower().strip(" *_:：") in self._name_labels),
                None,
            )
        return self._name_rows[table]

    def caption(self, table: int) -> str:
        """A table's caption: a short paragraph right above it ("表2：主流模型 API 定价对比")."""
        if table not in self._caption_texts:
            self._cells(table)
            first = self._first_cell[table]
            above = self.x.blocks[first - 1] if first else None
            short = above is not None and above.kind == "paragraph" and len(above.text) <= CAPTION_LENGTH
            self._caption_texts[table] = above.text if above is not None and short else ""
        return self._caption_texts[table]

    def _caption_subject(self, table: int) -> str | None:
        """The model a table's caption names ("DeepSeek-V2 at a glance", "表 1：DeepSeek-V3 的配置"),
        for a table whose rows name no model."""
        if table not in self._captions:
            text = self.caption(table)
            subject = subject_of(text, self.x.mentions_in(text)) if text else None
            self._captions[table] = subject if subject != BLOCKED else None
        return self._captions[table]

    def hint(self, block: Block) -> str:
        """Cue text from a value's surroundings: its column header, or its row label when the
        columns are models ("# Activated Params | 21B | 37B")."""
        if block.table is None:
            return ""
        cell = block.table
        label = next((c for j, c in enumerate(cell.row) if j != cell.column and _is_label(c) and not self.x.mentions_in(c)), "")
        if self._models_in_header(cell.table, cell.header):
            return label  # models are columns: the row says what is measured
        header = cell.header[cell.column] if cell.column < len(cell.header) else ""
        header = _BOTH_SIZES.sub(r"\1", header)  # "Parameters (total / active)" over "7B, 67B" or "7B": the total, or sizes
        # a key-value table ("| Total parameters | 671B |") names the attribute in its row label
        return header if choose_attribute("number", header, "", magnitude=True) or not label else f"{label} {header}"

    def claims(self, index: int, block: Block, mentions: list[Mention]) -> Iterable[Claim]:
        cell = block.table
        if cell is None or not block.text.strip():
            return
        header = cell.header[cell.column] if cell.column < len(cell.header) else ""
        label = cell.row[0] if cell.column > 0 else ""  # a row label: "| Weights licence | MIT | MIT |"
        for words, key_value in ((header, False), (label, len(cell.row) == 2)):  # a key/value row
            if words.lower().strip(" *_:：") in self._base_labels:
                yield from self._base(index, block, mentions)  # "| Base | DeepSeek-V3-Base |"
                return
            section = self._section(words)
            if section == "license":
                if self.yields_to_model_column(block, "license"):
                    return  # "| 代码许可证 | 权重许可证 |": the code's licence
                if not any(c in block.text.lower() for c in self.cues["license"]):  # else the cell's own words say it (texts.py)
                    yield from self._licence(index, block, mentions)
            elif section is not None and key_value:
                yield from self._company_text(block, mentions, section, words)
            if section is not None:
                return

    def yields_to_model_column(self, block: Block, attribute: str) -> bool:
        """Two columns of one attribute, one of them the model's own ("| Model context | Context on
        Quillstack |", "| 代码许可证 | 权重许可证 |"): the other column is a host's or the code's."""
        cell = block.table
        if cell is None or cell.column >= len(cell.header):
            return False
        key = (cell.table, cell.column, attribute)
        if key not in self._yields:
            kind = "date" if attribute.endswith("_date") else "text" if attribute == "license" else "number"
            same = [
                j for j, h in enumerate(cell.header)
                if h.strip() and (self._section(h) == "license" if attribute == "license" else choose_attribute(kind, h, "", magnitude=True) == attribute)
            ]
            own = [j for j in same if _MODEL_WORDS.search(cell.header[j])]
            self._yields[key] = len(same) >= 2 and bool(own) and cell.column in same and cell.column not in own
        return self._yields[key]

    def _cells(self, table: int) -> list[Block]:
        """The cells of one table, from an index of the document's tables built once (a document
        of a thousand tables must not walk all its blocks once per table)."""
        if self._by_table is None:
            self._by_table = {}
            for k, b in enumerate(self.x.blocks):
                if b.table is not None:
                    self._by_table.setdefault(b.table.table, []).append(b)
                    self._first_cell.setdefault(b.table.table, k)
        return self._by_table.get(table, [])

    def _section(self, words: str) -> str | None:
        if words not in self._sections:
            low = words.lower().strip(" *_:：")
            self._sections[words] = None if not low or len(low) > 30 else next((s for s, cues in self.cues.items() if any(c in low for c in cues)), None)
        return self._sections[words]

    def _base(self, index: int, block: Block, mentions: list[Mention]) -> Iterable[Claim]:
        """A cell under a "Base" label or header: the model its row (or box) is about was trained from it."""
        named = [m for m in mentions if m.kind not in (COMPANY, FOREIGN) and m.entity]
        if not named:
            return
        subject = self.x.entity_for(index, [], 0, 0)  # the row's, the box's or the section's model, not the cell's own name
        base = checkpoint_of(named[0].entity or "", self.x.reg.entities)
        if subject and subject != base and not self.x.is_company(subject):
            yield self.x.claim_text(block, named[0].start, named[0].end, subject, "base_model", base)

    def _licence(self, index: int, block: Block, mentions: list[Mention]) -> Iterable[Claim]:
        for i, j, canon in self.x.texts._licence_names(block.text):
            entity = self.x.entity_for(index, mentions, i, j)
            if entity:
                yield self.x.claim_text(block, i, j, entity, "license", canon)
            return  # the first licence a cell names is its licence

    def _company_text(self, block: Block, mentions: list[Mention], section: str, label: str) -> Iterable[Claim]:
        """An infobox row ("| Headquarters | Hangzhou, Zhejiang, China |") of the company the
        document is about: read as "Headquarters: Hangzhou, Zhejiang, China"."""
        if any(m.kind not in (COMPANY, FOREIGN) for m in mentions):
            return  # a model's row; another company in brackets is fine ("梁文锋（幻方量化创办人）")
        entity = self.company_of_box(block)
        if not entity:
            return
        prefix = f"{label.strip(' *_:：')}: "
        sentence = prefix + block.text
        texts = self.x.texts
        patterns = (texts.hq_en, texts.hq_zh) if section == "headquarters" else (texts.founder_en, texts.founder_zh)
        for pattern in patterns:
            m = pattern.search(sentence)
            if m is None or m.start("name") < len(prefix):
                continue
            i, j = m.start("name") - len(prefix), m.end("name") - len(prefix)
            name = m.group("name")
            if not name.isascii():  # "浙江杭州" -> Hangzhou, "梁文锋" -> Liang Wenfeng
                name = to_pinyin(name, texts.provinces if section == "headquarters" else ())
            yield self.x.claim_text(block, i, j, entity, section, name)
            return

