"""Stage 2: a Document -> units of text (lines, table cells, diagram labels) with exact offsets.

Every unit knows where each of its characters sits in the file, so a claim found in an
HTML-escaped diagram label still points at the right line and column on disk.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from dsfacts.sources import Document

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_TITLE = re.compile(r"^\s*\*\*([^*]+?)\*\*\s*[:：]?\s*$")
_CN_ORDINAL_TITLE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}[、.．]\s*\S")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,2}[.)、])\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ENTITY_REF = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"<[^<>]*>")
_MXCELL = re.compile(r'<mxCell\b[^>]*?\bvalue=\\?"(?P<value>[^"\\]*)\\?"(?P<rest>[^>]*)>')
_GEOMETRY = re.compile(r"<mxGeometry\b(?P<attrs>[^>]*)>")
_ATTR = re.compile(r'(\w+)=\\?"([^"\\]*)\\?"')

HEADING_TITLE_LEVEL = 7  # bold-only lines and "八、…" titles sit below every markdown heading


@dataclass
class Unit:
    """A piece of text to extract from, with the file offset of each of its characters."""

    text: str
    offsets: list[int]  # offsets[i] = offset in doc.text of text[i]
    kind: str  # "heading" | "item" | "para" | "cell" | "label"
    line: int  # first line of the unit in the file
    indent: int = 0
    level: int = 0  # heading level for headings
    table: TableCell | None = None
    box: tuple[float, float, float, float] | None = None  # diagram geometry x, y, w, h
    diagram: int | None = None  # index of the diagram a label belongs to

    def origin(self, i: int) -> int:
        if not self.offsets:
            return 0
        return self.offsets[min(max(i, 0), len(self.offsets) - 1)]


@dataclass
class TableCell:
    header: list[str]
    row: list[str]
    column: int
    table_id: int
    row_line: int = 0
    header_line: int = 0


@dataclass
class _Table:
    header: list[str] = field(default_factory=list)
    id: int = 0
    line: int = 0


def _line_spans(text: str, start: int) -> Iterator[tuple[int, int]]:
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end if end == pos or text[end - 1] != "\r" else end - 1
        pos = end + 1


def _indent_of(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4
        elif ch == "\u3000":
            width += 2
        else:
            break
    return width


def _split_cells(line: str, base: int, sep: str) -> list[tuple[str, int]]:
    """Cells of a table row as (text, file offset of text[0]), outer pipes dropped."""
    cells: list[tuple[str, int]] = []
    start = 0
    body = line
    if sep == "|":
        stripped_left = len(line) - len(line.lstrip())
        start = stripped_left + 1 if line.lstrip().startswith("|") else stripped_left
        end = len(line.rstrip())
        body = line[:end - 1] if line.rstrip().endswith("|") and end - 1 >= start else line[:end]
    pos = start
    while pos <= len(body):
        nxt = body.find(sep, pos)
        if nxt < 0:
            nxt = len(body)
        raw = body[pos:nxt]
        lead = len(raw) - len(raw.lstrip())
        cells.append((raw.strip(), base + pos + lead))
        pos = nxt + 1
        if nxt == len(body):
            break
    return cells


def segment(doc: Document) -> Iterator[Unit]:
    """Units in document order: headings, list items, paragraphs, table cells, diagram labels."""
    text = doc.text
    in_fence = bibtex = False
    table: _Table | None = None
    tables = 0
    diagrams = 0
    html_doc = doc.is_html
    for start, end in _line_spans(text, doc.body_start):
        line = text[start:end]
        line_no = doc.line_col(start)[0]
        if _FENCE.match(line):
            if in_fence and bibtex:
                yield Unit("", [], "end", line_no)
            in_fence = not in_fence
            bibtex = in_fence and _next_line(text, end).lstrip().startswith("@")
            continue
        if in_fence and bibtex and line.strip():
            # a citation block: its title, year= and eprint= are facts about the paper
            lead = len(line) - len(line.lstrip())
            body = line.strip()
            yield Unit(body, list(range(start + lead, start + lead + len(body))), "code", line_no)
            continue
        if in_fence:
            continue
        if not line.strip():
            table = None
            continue
        if html_doc or _looks_escaped_markup(line):
            if "mxCell" in line or "mxgraph" in line:
                diagrams += 1
                yield from _diagram_labels(line, start, line_no, diagrams)
                continue
            yield from _markup_text(line, start, line_no)
            continue
        stripped = line.strip()
        # tables: pipes or tabs
        sep = "|" if stripped.startswith("|") and stripped.count("|") >= 2 else ("\t" if line.count("\t") >= 2 and not line.startswith("\t") else "")
        if sep:
            if _TABLE_SEPARATOR.match(line):
                continue
            cells = _split_cells(line, start, sep)
            if table is None:
                tables += 1
                table = _Table(header=[c for c, _ in cells], id=tables, line=line_no)
                # the header row is text too (a heading-like row of column names)
                continue
            row = [c for c, _ in cells]
            for col, (cell, offset) in enumerate(cells):
                if not cell:
                    continue
                yield Unit(
                    cell,
                    list(range(offset, offset + len(cell))),
                    "cell",
                    line_no,
                    table=TableCell(table.header, row, col, table.id, line_no, table.line),
                )
            continue
        table = None
        heading = _HEADING.match(line)
        if heading:
            body_start = start + heading.start(2)
            body = heading.group(2)
            yield Unit(body, list(range(body_start, body_start + len(body))), "heading", line_no, level=len(heading.group(1)))
            continue
        if _BOLD_TITLE.match(line) or _CN_ORDINAL_TITLE.match(line):
            lead = len(line) - len(line.lstrip())
            body = line.strip()
            yield Unit(body, list(range(start + lead, start + lead + len(body))), "heading", line_no, level=HEADING_TITLE_LEVEL)
            continue
        item = _LIST_ITEM.match(line)
        indent = _indent_of(line)
        if item:
            body_start = start + item.end()
            body = line[item.end():].rstrip()
            yield Unit(body, list(range(body_start, body_start + len(body))), "item", line_no, indent=indent)
            continue
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        yield Unit(body, list(range(start + lead, start + lead + len(body))), "para", line_no, indent=indent)


def _next_line(text: str, end: int) -> str:
    """The first non-blank line after offset `end` (the end of the current line)."""
    for line in text[end + 1 : end + 2000].splitlines():
        if line.strip():
            return line
    return ""


def _looks_escaped_markup(line: str) -> bool:
    return line.count("&quot;") + line.count("&lt;") + line.count("&amp;") >= 3 or (
        line.lstrip().startswith("<") and _TAG.search(line) is not None and len(_TAG.sub("", line).strip()) < len(line) * 0.9
    )


def unescape_with_offsets(s: str, offsets: list[int]) -> tuple[str, list[int]]:
    """html.unescape that keeps, for every output character, the file offset it came from."""
    out: list[str] = []
    out_offsets: list[int] = []
    pos = 0
    for m in _ENTITY_REF.finditer(s):
        out.append(s[pos:m.start()])
        out_offsets.extend(offsets[pos:m.start()])
        rep = html.unescape(m.group())
        out.append(rep)
        out_offsets.extend([offsets[m.start()]] * len(rep))
        pos = m.end()
    out.append(s[pos:])
    out_offsets.extend(offsets[pos:])
    return "".join(out), out_offsets


def _strip_tags(s: str, offsets: list[int]) -> list[tuple[str, list[int]]]:
    """Text between tags, each run a separate piece (a <br> or <div> ends a line of a label)."""
    pieces: list[tuple[str, list[int]]] = []
    pos = 0
    for m in [*_TAG.finditer(s), None]:
        end = m.start() if m else len(s)
        chunk = s[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            body = chunk.strip()
            pieces.append((body, offsets[pos + lead : pos + lead + len(body)]))
        if m:
            pos = m.end()
    return pieces


def _markup_text(line: str, start: int, line_no: int) -> Iterator[Unit]:
    text, offsets = unescape_with_offsets(line, list(range(start, start + len(line))))
    for piece, piece_offsets in _strip_tags(text, offsets):
        piece, piece_offsets = unescape_with_offsets(piece, piece_offsets)
        yield Unit(piece, piece_offsets, "para", line_no)


def _diagram_labels(line: str, start: int, line_no: int, diagram: int) -> Iterator[Unit]:
    """Labels of a draw.io (mxGraph) diagram embedded, HTML-escaped, in a page."""
    s, offsets = line, list(range(start, start + len(line)))
    for _ in range(3):  # the XML sits escaped inside a JSON string inside an HTML attribute
        if "&quot;" not in s and "&lt;" not in s:
            break
        s, offsets = unescape_with_offsets(s, offsets)
    for cell in _MXCELL.finditer(s):
        value = cell.group("value")
        if not value.strip():
            continue
        v_offsets = offsets[cell.start("value") : cell.end("value")]
        geometry = _GEOMETRY.search(s, cell.end(), cell.end() + 400)
        box = None
        if geometry:
            attrs = dict(_ATTR.findall(geometry.group("attrs")))
            try:
                box = (
                    float(attrs.get("x", 0)),
                    float(attrs.get("y", 0)),
                    float(attrs.get("width", 0)),
                    float(attrs.get("height", 0)),
                )
            except ValueError:
                box = None
        value, v_offsets = unescape_with_offsets(value, v_offsets)
        for piece, piece_offsets in _strip_tags(value, v_offsets):
            piece, piece_offsets = unescape_with_offsets(piece, piece_offsets)
            yield Unit(piece, piece_offsets, "label", line_no, box=box, diagram=diagram)
