"""What stage 2 produces: blocks of text, each with its place in the document's structure."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from dsfacts.segment.offsets import OffsetMap, fold
from dsfacts.segment.sentences import sentence_spans

TITLE_LEVEL = 7  # a bold-only line or "三、…" title sits below every markdown heading


@dataclass
class Numbers:
    """Running numbers of a document's figures and tables: Markdown and the HTML inside it share them."""

    figures: int = 0
    tables: int = 0

    def next_figure(self) -> int:
        self.figures += 1
        return self.figures

    def next_table(self) -> int:
        self.tables += 1
        return self.tables


@lru_cache(maxsize=4096)  # every cell of a row carries the whole row: fold each text once
def _fold_cell(text: str) -> str:
    return fold(text)


@dataclass
class TableCell:
    """A cell's place in its table: the header says what the column means, the row what it is about."""

    header: list[str]
    row: list[str]
    column: int
    table: int  # table number in the document
    header_line: int = 0

    def __post_init__(self) -> None:
        # read as the block texts are: full-width digits and Traditional characters folded ("時間" is "时间")
        self.header = [_fold_cell(h) for h in self.header]
        self.row = [_fold_cell(c) for c in self.row]


def is_pair(cells: list[str]) -> bool:
    """A first table row that is a label and its value ("| Founded | July 2023 |"), not column
    names: an infobox written without a header."""
    return len(cells) == 2 and not any(ch.isdigit() for ch in cells[0]) and any(ch.isalpha() for ch in cells[0]) and any(
        ch.isdigit() for ch in cells[1]
    )


@dataclass
class Block:
    """A heading, paragraph, list item, table cell, code block or figure label, as one text."""

    kind: str  # heading | paragraph | item | cell | code | label
    text: str
    map: OffsetMap = field(repr=False)
    line: int  # file line of the first character
    level: int = 0  # heading level; nesting depth of a list item
    parent: int | None = None  # index of the list item this block sits in
    table: TableCell | None = None
    figure: int | None = None  # embedded figure (diagram, SVG) a label belongs to
    box: tuple[float, float, float, float] | None = None  # a label's position in its figure
    breaks: list[int] = field(default_factory=list)  # sentence boundaries that the layout makes
    _sentences: list[tuple[int, int]] | None = field(default=None, repr=False)

    def origin(self, i: int) -> int:
        """File offset of text[i]."""
        return self.map(min(max(i, 0), max(len(self.text) - 1, 0)))

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = sentence_spans(self.text, self.breaks)
        return self._sentences

    def sentence_at(self, i: int) -> tuple[int, int]:
        for a, b in self.sentences:
            if a <= i < b:
                return a, b
        return self.sentences[-1]
