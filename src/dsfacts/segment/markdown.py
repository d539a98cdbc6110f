"""Markdown (and plain text, which reads as Markdown) -> blocks, through markdown-it-py.

markdown-it gives the structure and each block's line range; the text of each line is then
found in the file so that every character keeps its file offset. A wrapped paragraph or list
item becomes one text (Chinese lines join without a space, others with one). Inline markup that
is not text (emphasis markers, code ticks, images, tags) is left out; link text stays, and the
link target stays too, since an arXiv link can be the only place a paper's id is stated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from dsfacts.segment.aligned import PlainTables, add_clean, aligned_tables
from dsfacts.segment.blocks import TITLE_LEVEL, Block, Numbers, TableCell, is_pair
from dsfacts.segment.linebreaks import OPEN_END, filled_width, unclosed, width
from dsfacts.segment.markup import fragment_blocks
from dsfacts.segment.offsets import TextBuilder, line_joiner

# a line that starts a field of a record ("发表时间：2024 年 5 月", "Release date: …")
_FIELD = re.compile(r"^\s*[*_]*[^\W\d][\w ]{0,11}[*_]*[:：](?!//)")
_DATED_FIELD = re.compile(r"[:：][^:：]*(?<!\d)(?:19|20)\d\d(?!\d)")  # "**Published: 12 May 2025**" is a field, not a title
# "  Total parameters ............ 671B": a label and its value joined by a dot leader
_LEADER_LINE = re.compile(r"^\s*\S[^\n]{0,40}?\s*(?:[.·…_]\s*){3,}\S")
_BOLD_TITLE = re.compile(r"^\s*(\*\*|__)[^*_\n]{1,80}\1\s*[:：]?\s*$")
# a container prefix this long nests deeper than any document does (the Rust parser would
# recurse through every level, and so would freeing its tree)
_DEEP = re.compile(r"^[ \t>*+\-0-9.)]{400}", re.M)
_SURROGATE = re.compile("[\ud800-\udfff]")
# a line led by a date: "【2025-2-24】", "[2024-12]", "**2024-12-25**:", "2024-12-26：", "2024年12月26日："
_DATE_WORD = r"(?:19|20)\d\d(?:\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?)?\s*月?)?"
_DATED_LINE = re.compile(
    rf"^\s*(?:[【\[(（]\s*{_DATE_WORD}\s*[】\])）]|[*_]{{0,2}}{_DATE_WORD}[*_]{{0,2}}\s*[:：]"
    r"|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s{2,}\S)"  # "  02 Nov   DeepSeek Coder. …"
)
_YEAR_LINE = re.compile(r"^\s*(?:19|20)\d\d\s*年?\s*[:：]?\s*$")
_OPEN_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_CLOSE_TABLE = re.compile(r"</table", re.IGNORECASE)
# an ALL-CAPS line of words in a plain-text newsletter is a section title ("DEEPSEEK-V3 AT A GLANCE")
_CAPS_TITLE = re.compile(r"^\s*(?=[^a-z\n]*[A-Z]{3})[A-Z0-9][A-Z0-9 .,&'’/+-]{2,70}[A-Z0-9]:?\s*$")
_CN_ORDINAL_TITLE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}[、.．]\s*\S[^\n]{0,60}$")


@lru_cache(maxsize=1)
def _parser() -> Any:
    # markdown-it-pyrs (markdown-it in Rust) with the block rules only: 7x faster than
    # markdown-it-py on the seeds, same CommonMark block structure. No inline rules (block
    # structure is all we need) and no indented code (indented text in plain-text articles is text).
    from markdown_it_pyrs import MarkdownIt

    md = MarkdownIt("zero")
    md.enable_many(["blockquote", "fence", "heading", "lheading", "hr", "list", "paragraph", "reference", "html_block", "table"])
    return md


class _Node:
    """What the reader needs of a code fence or HTML block: its body lines and its content."""

    __slots__ = ("map", "content")

    def __init__(self, line_range: list[int], content: str):
        self.map = line_range
        self.content = content


class _Lines:
    """The file's lines below the front matter, by body line number."""

    def __init__(self, text: str, start: int, line_starts: list[int], first_line: int):
        self.text = text
        self.line_starts = line_starts
        self.first = first_line  # 0-based index in line_starts of body line 0
        self.start = start

    def span(self, body_line: int) -> tuple[int, int]:
        i = self.first + body_line
        a = self.line_starts[i] if i < len(self.line_starts) else len(self.text)
        b = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        if i == self.first:
            a = max(a, self.start)
        if b > a and self.text[b - 1] == "\r":
            b -= 1
        return a, b


def _locate(file_line: str, content_line: str, hint: int = 0) -> int:
    """Where a content line (markers and indentation removed by markdown-it) sits in its file line."""
    i = file_line.find(content_line, hint)
    if i < 0:
        i = file_line.find(content_line.strip(), hint)
    if i < 0:
        i = len(file_line) - len(file_line.lstrip())
    return i


class MarkdownReader(PlainTables):
    def __init__(self, text: str, start: int, line_starts: list[int], line_of):
        first = max(0, _bisect(line_starts, start))
        self.lines = _Lines(text, start, line_starts, first)
        self.text = text
        self.start = start
        self.line_of = line_of
        self.blocks: list[Block] = []
        self.numbers = Numbers()  # figures and tables, Markdown's and HTML's
        self._html_until = -1  # body line up to which an HTML table read whole has taken the text

    def _text(self, content: str, line_range: list[int] | None, hint_cols: list[int] | None = None) -> TextBuilder:
        builder = TextBuilder()
        if not line_range:
            return builder
        first = line_range[0]
        indent = None
        content_lines = content.split("\n")
        filled = filled_width([x.strip() for x in content_lines if x.strip()])
        hanging = not filled and self._hanging(first, len(content_lines))
        previous = ""
        for k, content_line in enumerate(content_lines):
            a, b = self.lines.span(first + k)
            file_line = self.text[a:b]
            col = _locate(file_line, content_line, hint_cols[k] if hint_cols and k < len(hint_cols) else 0)
            piece = content_line.strip() if file_line.find(content_line) < 0 else content_line
            piece = piece.rstrip()
            lead = col + (len(piece) - len(piece.lstrip()))  # where the text starts, after any list marker
            if k and piece:
                builder.join(line_joiner(builder.last_char(), piece.lstrip("*_`[")), a - 1)
                if indent is not None and ((lead != indent and not (hanging and k == 1)) or _FIELD.match(piece) or _LEADER_LINE.match(piece)):
                    builder.breaks.append(builder.length)  # an indented outline: each line says its own thing
                elif filled and width(previous.strip()) < filled and OPEN_END.search(previous) is not None and not unclosed(previous):
                    builder.breaks.append(builder.length)  # "DeepSeek-V3：去年12月底發布 / 總參數 6,710億": a line of its own
            if piece:
                indent = lead
                previous = piece
            if k and piece[:1].isspace():  # a continuation line's indent is layout, not text ("Research /      Co., Ltd.")
                col, piece = lead, piece.lstrip()
            add_clean(builder, piece, a + col)
        return builder

    def _hanging(self, first: int, count: int) -> bool:
        """A wrapped paragraph with a hanging indent: every line after the first starts at one
        column, deeper than the first ("【通信】光模块：… Llama 3.1 405B / ␣␣训练用了 3084 万 GPU 小时…")."""
        if count < 2:
            return False
        indents = set()
        for k in range(count):
            a, b = self.lines.span(first + k)
            line = self.text[a:b]
            indents.add(len(line) - len(line.lstrip(" \t")) if k else -1)
            if k == 0:
                head = len(line) - len(line.lstrip(" \t"))
        indents.discard(-1)
        return len(indents) == 1 and next(iter(indents)) > head

    def _emit(self, kind: str, builder: TextBuilder, line: int | None = None, **extra: Any) -> int | None:
        """Append the builder's text, stripped, as a block; `line` if the caller knows it (a table row's)."""
        text, offset_map = builder.build()
        stripped = text.strip()
        if not stripped:
            return None
        lead = 0
        if len(stripped) != len(text):
            lead = len(text) - len(text.lstrip())
            text, offset_map = builder.sliced(lead, lead + len(stripped)).build()
        breaks = [i - lead for i in builder.breaks if 0 < i - lead < len(text)] if builder.breaks else []
        # the text is not empty, so its first piece starts at index 0: origins[0] is offset_map(0)
        if line is None:
            line = self.line_of(offset_map.origins[0])
        block = Block(kind, text, offset_map, line, breaks=breaks, **extra)
        self.blocks.append(block)
        return len(self.blocks) - 1

    def read(self) -> list[Block]:
        body = self.text[self.start :]
        try:
            data = body.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: one character for one, so offsets hold
            body = _SURROGATE.sub("\ufffd", body)
            data = body.encode("utf-8")
        self._data = data
        self._line_bytes = [0, *(m.end() for m in re.finditer(b"\n", data))]
        self._items: list[int | None] = []  # the block of each open list item (None until its first paragraph)
        self._item_first: list[bool] = []
        lines = body.split("\n")
        self._aligned = {t.header_line: t for t in aligned_tables(lines)} if "---" in body else {}
        self._aligned_until = -1
        if _DEEP.search(body):
            self._flat(body)  # nesting a parser would recurse through: read paragraphs, lose nothing
        else:
            self._children(_parser().tree(body))
        return self.blocks

    def _flat(self, body: str) -> None:
        """Blank-line separated paragraphs, for hostile nesting (thousands of '>' or list levels)."""
        first = 0
        lines = body.split("\n")
        for k in range(len(lines) + 1):
            if k == len(lines) or not lines[k].strip():
                if k > first:
                    self._paragraph("\n".join(x.strip() for x in lines[first:k]), [first, k], None)
                first = k + 1

    def _line(self, byte: int) -> int:
        return bisect_right(self._line_bytes, byte) - 1

    def _range(self, node: Any) -> list[int] | None:
        if node.srcmap is None:
            return None
        a, b = node.srcmap
        return [self._line(a), self._line(max(a, b - 1)) + 1]

    def _children(self, node: Any) -> None:
        for child in node.children:
            self._node(child)

    def _node(self, node: Any) -> None:
        if self._html_until >= 0 and node.srcmap and self._line(node.srcmap[0]) <= self._html_until:
            return  # text inside an HTML table that an earlier block read whole
        if self._aligned and node.srcmap and node.name not in ("bullet_list", "ordered_list", "list_item", "blockquote"):
            first, last = self._line(node.srcmap[0]), self._line(max(node.srcmap[0], node.srcmap[1] - 1))
            if any(t.header_line <= last and first <= t.last_line for t in self._aligned.values()) and self._aligned_table(
                max(first, min(t.header_line for t in self._aligned.values() if t.header_line <= last and first <= t.last_line))
            ):
                return  # a table aligned with spaces (segment/aligned.py), read as cells
        name = node.name
        if name in ("heading", "lheading"):
            text = node.children[0] if node.children else None
            if text is not None and self._items:
                self._inline(text.meta.get("content", ""), self._range(text))  # "- # langs: 87": a list item's text, not a section
            elif text is not None:
                self._emit("heading", self._text(text.meta.get("content", ""), self._range(text)), level=node.meta["level"])
        elif name == "list_item":
            self._items.append(None)
            self._item_first.append(True)
            self._children(node)
            self._items.pop()
            self._item_first.pop()
        elif name in ("paragraph", "text"):  # a tight list item holds its text without a paragraph
            source = node.children[0] if name == "paragraph" and node.children else node
            content = source.meta.get("content", "") if source.name == "text" else ""
            self._inline(content, self._range(source))
        elif name == "table":
            self._table(node)
        elif name == "fence":
            self._fence(_Node(self._range(node) or [], node.meta.get("content", "")))
        elif name == "html_block" and node.srcmap:
            self._html(node)
        elif name not in ("hr",):
            self._children(node)  # lists and block quotes: their items and paragraphs

    def _html(self, node: Any) -> None:
        first = self._line(node.srcmap[0])
        if first <= self._html_until:
            return  # inside a table read whole
        a, _ = self.lines.span(first)
        content = node.meta.get("content", "")
        if _OPEN_TABLE.search(content) and not _CLOSE_TABLE.search(content):
            # markdown-it ends an HTML block at a blank line: a table with blank lines is read to its end
            close = _CLOSE_TABLE.search(self.text, a)
            if close:
                end = self.text.find(">", close.end())
                end = close.end() if end < 0 else end + 1
                self._html_until = self._line(len(self.text[self.start : end].encode("utf-8")))
                content = self.text[a:end]
        self.blocks.extend(fragment_blocks(content, a, self.line_of, self.numbers))

    def _inline(self, content: str, line_range: list[int] | None) -> None:
        parent = next((b for b in reversed(self._items) if b is not None), None)
        if self._item_first and self._item_first[-1]:
            self._item_first[-1] = False
            depth = len(self._items)
            outer = next((b for b in reversed(self._items[:-1]) if b is not None), None)
            self._items[-1] = self._emit("item", self._text(content, line_range), level=depth, parent=outer)
        else:
            self._paragraph(content, line_range, parent)

    def _table(self, node: Any) -> None:
        table: dict[str, Any] = {"header": None, "row": [], "id": self.numbers.next_table(), "header_line": 0, "cells": [], "in_head": False}
        for section in node.children:
            table["in_head"] = section.name == "thead"
            for row in section.children:
                table["row_map"] = self._range(row)
                table["cells"] = [self._source(cell).strip() for cell in row.children]
                self._row(table)

    def _source(self, node: Any) -> str:
        if node.srcmap is None:
            return ""
        a, b = node.srcmap
        return self._data[a:b].decode("utf-8", "replace")

    def _paragraph(self, content: str, line_range: list[int] | None, parent: int | None) -> None:
        first_line = content.split("\n", 1)[0]
        if line_range and (first_line.lstrip().startswith("<svg") or "mxgraph" in content):
            # a figure written inline (markdown-it sees inline HTML): its labels are blocks of their own
            a, _ = self.lines.span(line_range[0])
            _, b = self.lines.span(line_range[1] - 1)
            self.blocks.extend(fragment_blocks(self.text[a:b], a, self.line_of, self.numbers))
            return
        if line_range and _tab_table(content):
            self._tab_table(content, line_range, parent)
            return
        if line_range and "\n" in content and (_YEAR_LINE.match(first_line) or _CAPS_TITLE.match(first_line)):
            # "2024" or "COMPANY" above indented entries: a section title, then its entries
            self._emit("heading", self._text(first_line, line_range[:1] + [line_range[0] + 1]), level=TITLE_LEVEL)
            self._paragraph(content.split("\n", 1)[1], [line_range[0] + 1, line_range[1]], parent)
            return
        if line_range and "\n" in content:
            entries = [k for k, line in enumerate(content.split("\n")) if _DATED_LINE.match(line)]
            if len(entries) >= 2:
                self._dated_lines(content, line_range, parent, entries)
                return
        if "\n" not in content and (
            _BOLD_TITLE.match(first_line) and not _DATED_FIELD.search(first_line)
            or _CN_ORDINAL_TITLE.match(first_line) or _CAPS_TITLE.match(first_line)
        ):
            self._emit("heading", self._text(content, line_range), level=TITLE_LEVEL)
            return
        self._emit("paragraph", self._text(content, line_range), parent=parent)

    def _dated_lines(self, content: str, line_range: list[int], parent: int | None, entries: list[int]) -> None:
        """Lines led by a date ("【2025-2-24】…", "2024-12-26: …") are the entries of a timeline
        written without list markers: each is an item of its own, so none inherits its
        neighbour's model."""
        lines = content.split("\n")
        if entries[0]:
            self._emit("paragraph", self._text("\n".join(lines[: entries[0]]), line_range), parent=parent)
        depth = len(self._items) + 1
        for a, b in zip(entries, [*entries[1:], len(lines)], strict=True):
            builder = self._text("\n".join(lines[a:b]), [line_range[0] + a, line_range[0] + b])
            self._emit("item", builder, level=depth, parent=parent)

    def _row(self, table: dict[str, Any]) -> None:
        row_map = table.get("row_map")
        if not row_map:
            return
        a, b = self.lines.span(row_map[0])
        file_line = self.text[a:b]
        cells: list[str] = table["cells"]
        if table["in_head"] or table["header"] is None:
            header = [self._cell_text(c, file_line, a) for c in cells]
            table["header_line"] = self.line_of(a)
            table["header"] = [] if is_pair(header) else header
            if table["header"]:
                return  # else the first row of an infobox is a row like the others
        row_texts = []
        pos = 0
        built = []
        for c in cells:
            col = file_line.find(c, pos) if c else -1
            builder = TextBuilder()
            if col >= 0:
                add_clean(builder, c, a + col)
                pos = col + len(c)
            built.append(builder)
            row_texts.append(builder.build()[0].strip())
        line = self.line_of(a)  # a row is one line: every cell starts on it
        for column, builder in enumerate(built):
            cell = TableCell(table["header"], row_texts, column, table["id"], table["header_line"])
            self._emit("cell", builder, line, table=cell)

    def _cell_text(self, content: str, file_line: str, origin: int) -> str:
        builder = TextBuilder()
        col = file_line.find(content)
        add_clean(builder, content, origin + max(col, 0))
        return builder.build()[0].strip()

    def _fence(self, t: Any) -> None:
        """Citation blocks are the one kind of code that states facts (title, year, eprint)."""
        if not t.map or not t.content.lstrip().startswith("@"):
            return
        content = t.content.rstrip("\n")
        builder = TextBuilder()
        for k, content_line in enumerate(content.split("\n")):
            a, b = self.lines.span(t.map[0] + 1 + k)
            file_line = self.text[a:b]
            piece = content_line.strip()
            if piece.startswith("@") and builder.length:  # one block per citation entry
                self._emit("code", builder)
                builder = TextBuilder()
            if builder.length and piece:
                builder.join(" ", a - 1)
            builder.add(piece, a + _locate(file_line, piece))
        self._emit("code", builder)


def _tab_table(content: str) -> bool:
    lines = content.split("\n")
    runs = "".join("t" if "\t" in line else "." for line in lines)
    return "tt" in runs


def _bisect(line_starts: list[int], offset: int) -> int:
    return bisect_right(line_starts, offset) - 1


def markdown_blocks(text: str, start: int, line_starts: list[int], line_of) -> Iterator[Block]:
    yield from MarkdownReader(text, start, line_starts, line_of).read()
