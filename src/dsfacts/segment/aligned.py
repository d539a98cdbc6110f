"""Tables written in plain text: tab-separated lines, and columns aligned with spaces under a
rule of dashes:

         Model                 Released        Weights licence
         --------------------  --------------  -------------------------------
         DeepSeek LLM 67B      29 Nov 2023     DeepSeek Model License

The rule's dash groups give the columns; each row below it, up to a blank line, is cut at them.
Both are read like a Markdown table: each cell a block that knows its column's header and its row.
Also the markup a cell's or a line's text drops (images, tags, emphasis), kept with its offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dsfacts.segment.blocks import TableCell, is_pair
from dsfacts.segment.offsets import TextBuilder

_DROP = re.compile(
    r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)"  # images
    r"|<!--.{0,2000}?-->|</?[A-Za-z][^<>\n]{0,500}>"  # comments and tags
    r"|\*\*|__|`+"  # emphasis and code markers
    r"|\\(?=[^\w\s])"  # backslash escapes
    r"|(?<![\w*\s])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w*])\*(?=[^\s*])"  # single-star emphasis
)
_RULE = re.compile(r"^[ \t]*-{3,}(?:[ \t]{2,}-{3,})+[ \t]*$")
_GROUP = re.compile(r"-{3,}")


@dataclass(frozen=True)
class AlignedTable:
    header_line: int  # body line numbers
    rule_line: int
    last_line: int  # the last row's line
    columns: tuple[tuple[int, int], ...]  # character spans of the columns


def aligned_tables(lines: list[str]) -> list[AlignedTable]:
    """Every aligned table in a text's lines (a header, a dash rule with two columns or more, rows)."""
    out = []
    for k, line in enumerate(lines):
        if k == 0 or not _RULE.match(line) or not lines[k - 1].strip():
            continue
        groups = [m.span() for m in _GROUP.finditer(line)]
        columns = tuple((a, groups[j + 1][0] if j + 1 < len(groups) else 10_000) for j, (a, _) in enumerate(groups))
        last = k
        while last + 1 < len(lines) and lines[last + 1].strip() and not _RULE.match(lines[last + 1]):
            last += 1
        if last > k:
            out.append(AlignedTable(k - 1, k, last, columns))
    return out


def cut(line: str, columns: tuple[tuple[int, int], ...]) -> list[tuple[int, str]]:
    """A row's cells: (column where the cell's text starts, the text)."""
    cells = []
    for a, b in columns:
        piece = line[a:b] if a < len(line) else ""
        lead = len(piece) - len(piece.lstrip())
        cells.append((a + lead, piece.strip()))
    return cells


# every markup _DROP removes starts with one of these: a line without them is copied as it is
_MARKUP_CHAR = re.compile(r"[!<*_`\\]")


def add_clean(builder: TextBuilder, line: str, origin: int) -> None:
    if _MARKUP_CHAR.search(line) is None:
        builder.add(line, origin)  # _DROP tries a dozen branches at every character: skip it
        return
    pos = 0
    for m in _DROP.finditer(line):
        builder.add(line[pos : m.start()], origin + pos)
        pos = m.end()
    builder.add(line[pos:], origin + pos)


class PlainTables:
    """Tables written in plain text, for the Markdown reader: tab-separated lines and columns
    aligned with spaces under a rule of dashes. Cells are blocks like a Markdown table's."""

    lines: Any
    line_of: Any  # file offset -> line number
    text: str
    numbers: Any
    _aligned: dict[int, AlignedTable]
    _aligned_until: int

    def _emit(self, kind: str, builder: TextBuilder, line: int | None = None, **extra: Any) -> int | None:
        raise NotImplementedError

    def _text(self, content: str, line_range: list[int] | None, hint_cols: list[int] | None = None) -> TextBuilder:
        raise NotImplementedError

    def _paragraph(self, content: str, line_range: list[int] | None, parent: int | None) -> None:
        raise NotImplementedError

    def _aligned_table(self, node_line: int) -> bool:
        """Emit the aligned table a node's lines belong to (once); True if they belong to one."""
        if node_line <= self._aligned_until:
            return True
        table = next((t for t in self._aligned.values() if t.header_line <= node_line <= t.last_line), None)
        if table is None:
            return False
        self._aligned_until = table.last_line
        number = self.numbers.next_table()
        header: list[str] = []
        header_line = 0
        for k in [table.header_line, *range(table.rule_line + 1, table.last_line + 1)]:
            a, b = self.lines.span(k)
            cells = []
            for col, text in cut(self.text[a:b], table.columns):
                builder = TextBuilder()
                add_clean(builder, text, a + col)
                cells.append(builder)
            texts = [c.build()[0].strip() for c in cells]
            if k == table.header_line:
                header, header_line = texts, self.line_of(a)
                continue
            for column, builder in enumerate(cells):
                self._emit("cell", builder, table=TableCell(header, texts, column, number, header_line))
        return True

    def _tab_table(self, content: str, line_range: list[int], parent: int | None) -> None:
        """Tab-separated lines (a table pasted into plain text): a title line, a header, rows."""
        lines = content.split("\n")
        start = next(k for k, line in enumerate(lines) if "\t" in line)
        stop = next((k for k in range(start, len(lines)) if "\t" not in lines[k]), len(lines))
        if start:
            self._emit("paragraph", self._text("\n".join(lines[:start]), line_range), parent=parent)
        table = self.numbers.next_table()
        header: list[str] | None = None
        header_line = 0
        for k in range(start, stop):
            a, b = self.lines.span(line_range[0] + k)
            file_line = self.text[a:b]
            cells, pos = [], 0
            for raw in file_line.split("\t"):
                builder = TextBuilder()
                lead = len(raw) - len(raw.lstrip())
                add_clean(builder, raw.strip(), a + pos + lead)
                cells.append(builder)
                pos += len(raw) + 1
            texts = [c.build()[0] for c in cells]
            if header is None:
                header, header_line = ([] if is_pair(texts) else texts), self.line_of(a)
                if header:
                    continue
            for column, builder in enumerate(cells):
                self._emit("cell", builder, table=TableCell(header, texts, column, table, header_line))
        if stop < len(lines):
            self._paragraph("\n".join(lines[stop:]), [line_range[0] + stop, line_range[1]], parent)
