"""HTML inside documents: visible text with offsets, table cells, and the labels of embedded figures.

A `<table>` is read like a Markdown table: each cell a block that knows its column's header
and its row. A page may embed a diagram (draw.io keeps its XML, escaped once or several times, in an
attribute) or an SVG; their labels are text like any other, each a block of its own with its
position in the figure. Script and style contents are never text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache

from dsfacts.segment.blocks import Block, Numbers, TableCell, is_pair
from dsfacts.segment.offsets import OffsetMap, TextBuilder

_ENTITY_REF = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"<[^<>]{0,2000}>")
_HIDDEN = re.compile(r"<(script|style|template|noscript)\b[^>]{0,2000}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(
    r"(?i)</?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|blockquote|pre|tspan|text"
    r"|dl|dt|dd|nav|aside|main|figure|figcaption|caption|hr|details|summary|address|form|fieldset|legend|menu)\b"
)
_TERM = re.compile(r"(?i)<dt\b")
_LINE_BREAK = re.compile(r"(?i)<br\b")  # a line break inside a block, not the end of it
TERM_LEVEL = 6  # a definition list's term heads its description, below every real heading
_LABEL = re.compile(r'<mxCell\b[^>]{0,4000}?\bvalue=\\?"(?P<value>[^"\\]*)\\?"(?P<rest>[^>]{0,4000})>')
_SVG_TEXT = re.compile(r"<text\b[^>]{0,2000}>(?P<value>.{0,2000}?)</text>", re.DOTALL)
_GEOMETRY = re.compile(r"<mxGeometry\b(?P<attrs>[^>]{0,2000})>")
_ATTR = re.compile(r'(\w+)=\\?"([^"\\]{0,100})\\?"')


# a figure's XML repeats a handful of references ("&quot;", "&lt;") thousands of times
_entity = lru_cache(maxsize=1024)(html.unescape)


def unescape(s: str, offsets: list[int]) -> tuple[str, list[int]]:
    """html.unescape that keeps, for every output character, the file offset it came from."""
    if "&" not in s:
        return s, offsets  # nothing to unescape: no copy (a figure's XML is unescaped in layers)
    out: list[str] = []
    out_offsets: list[int] = []
    pos = 0
    for m in _ENTITY_REF.finditer(s):
        out.append(s[pos : m.start()])
        out_offsets.extend(offsets[pos : m.start()])
        rep = _entity(m.group())
        out.append(rep)
        out_offsets.extend([offsets[m.start()]] * len(rep))
        pos = m.end()
    out.append(s[pos:])
    out_offsets.extend(offsets[pos:])
    return "".join(out), out_offsets


def _block(kind: str, text: str, offsets: list[int], line_of, **extra) -> Block | None:
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    if not body:
        return None
    b = TextBuilder()
    offs = offsets[lead : lead + len(body)]
    run_start = 0
    for i in range(1, len(offs) + 1):
        if i == len(offs) or offs[i] != offs[i - 1] + 1:
            b.add(body[run_start:i], offs[run_start])
            run_start = i
    t, m = b.build()
    if not t.strip():
        return None
    return Block(kind, t, m, line_of(m(0)), **extra)


def _pieces(s: str, offsets: list[int]) -> Iterator[tuple[str, list[int], str, list[int]]]:
    """Text between block-level tags, with the tag that opened it and where a `<br>` inside it
    broke a line (the gloss under a list item's title is the same item); inline tags are dropped,
    the words on both sides joined."""
    s_out: list[str] = []
    o_out: list[int] = []
    lines: list[int] = []
    pos = 0
    opener = ""
    for m in [*_TAG.finditer(s), None]:
        end = m.start() if m else len(s)
        s_out.append(s[pos:end])
        o_out.extend(offsets[pos:end])
        if m is not None and _LINE_BREAK.match(m.group()) and "".join(s_out).strip():
            s_out.append(" ")
            o_out.append(offsets[m.start()])
            lines.append(len(o_out))
        elif m is None or _BREAK.match(m.group()):
            text = "".join(s_out)
            if text.strip():
                yield text, o_out, opener, lines
            s_out, o_out, lines = [], [], []
            opener = m.group() if m else ""
        if m:
            pos = m.end()


def fragment_blocks(s: str, origin: int, line_of, numbers: Numbers) -> Iterator[Block]:
    """Blocks of an HTML fragment that starts at file offset `origin`."""
    offsets = list(range(origin, origin + len(s)))
    if "mxCell" in s or "mxgraph" in s or "<svg" in s:
        yield from _figure_labels(s, offsets, line_of, numbers)
        return
    s = _HIDDEN.sub(lambda m: " " * len(m.group()), s)
    text, offs = unescape(s, offsets)
    pos = 0
    if "<t" in text or "<T" in text:
        for t in _TABLE.finditer(text):
            yield from _paragraphs(text[pos : t.start()], offs[pos : t.start()], line_of)
            yield from _table_cells(text[t.start() : t.end()], offs[t.start() : t.end()], line_of, numbers.next_table())
            pos = t.end()
    yield from _paragraphs(text[pos:], offs[pos:], line_of)


def _paragraphs(text: str, offs: list[int], line_of) -> Iterator[Block]:
    for piece, piece_offsets, opener, lines in _pieces(text, offs):
        if _TERM.match(opener) or lines:  # "<dt>R1-Zero</dt><dd>…</dd>": the term heads its description
            pieces = _split_at(piece, piece_offsets, lines) if not _TERM.match(opener) else [(piece, piece_offsets)]
            if _TERM.match(opener):
                block = _block("heading", *unescape(piece, piece_offsets), line_of, level=TERM_LEVEL)
            else:
                block = _lines_block(pieces, line_of)
        else:
            block = _block("paragraph", *unescape(piece, piece_offsets), line_of)
        if block:
            yield block


def _split_at(piece: str, offsets: list[int], cuts: list[int]) -> list[tuple[str, list[int]]]:
    bounds = [0, *cuts, len(piece)]
    return [(piece[a:b], offsets[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _lines_block(pieces: list[tuple[str, list[int]]], line_of) -> Block | None:
    """One paragraph of lines a `<br>` broke ("<li>Guo et al. (2024). …<br>Sizes 1.3B, 6.7B …</li>"):
    one block, each line a statement of its own."""
    parts = [b for b in (_block("paragraph", *unescape(p, o), line_of) for p, o in pieces) if b is not None]
    if not parts:
        return None
    b = TextBuilder()
    breaks: list[int] = []
    for k, part in enumerate(parts):
        if k:
            b.join(" ", part.map(0))
            breaks.append(b.length)
        for i, ch in enumerate(part.text):
            b.add(ch, part.map(i))
    t, m = b.build()
    return Block("paragraph", t, m, line_of(m(0)), breaks=breaks)


MAX_COLUMNS = 32  # a row wider than any data table is read no further (each cell is read with its row)
_TABLE = re.compile(r"<table\b[^>]{0,2000}>.*?(?:</table\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]{0,2000}>", re.IGNORECASE)
_CELL = re.compile(r"<t([hd])\b[^>]{0,2000}>", re.IGNORECASE)
_HEAD = re.compile(r"<thead\b.*?(?:</thead\s*>|\Z)", re.IGNORECASE | re.DOTALL)


def _table_cells(s: str, offs: list[int], line_of, table: int) -> Iterator[Block]:
    """A `<table>` as cells that know their header and row, like a Markdown table. The header is
    the last row in `<thead>`, else a first row of `<th>` cells, else (no `<th>` at all) the first
    row; a table whose `<th>` cells only label rows (an infobox) has none."""
    rows = [r.start() for r in _ROW.finditer(s)]
    first = rows[0] if rows else len(s)
    yield from _paragraphs(s[:first], offs[:first], line_of)  # a caption
    head = [h.span() for h in _HEAD.finditer(s)]
    has_th = any(c.group(1).lower() == "h" for c in _CELL.finditer(s))
    header: list[str] = []
    header_line = 0
    for k, a in enumerate(rows):
        b = rows[k + 1] if k + 1 < len(rows) else len(s)
        tags = list(_CELL.finditer(s, a, b))
        ends = [c.start() for c in tags[1 : MAX_COLUMNS + 1]] + [b]
        tags = tags[:MAX_COLUMNS]
        cells = [unescape(*_untag(s, offs, c.end(), end)) for c, end in zip(tags, ends, strict=False)]
        texts = [text.strip() for text, _ in cells]
        first_row = k == 0 and not head and (all(c.group(1).lower() == "h" for c in tags) or not has_th)
        if (first_row and not is_pair(texts)) or any(h_a <= a < h_b for h_a, h_b in head):
            header, header_line = texts, line_of(offs[a])
            continue
        for column, (text, text_offsets) in enumerate(cells):
            block = _block("cell", text, text_offsets, line_of, table=TableCell(header, texts, column, table, header_line))
            if block:
                yield block


def _untag(s: str, offs: list[int], a: int, b: int) -> tuple[str, list[int]]:
    """The text of s[a:b] without its tags; a block-level tag (`<br>`, `<p>`) stands as a space."""
    out: list[str] = []
    out_offsets: list[int] = []
    pos = a
    for m in [*_TAG.finditer(s, a, b), None]:
        end = m.start() if m else b
        out.append(s[pos:end])
        out_offsets.extend(offs[pos:end])
        if m is None:
            break
        if _BREAK.match(m.group()):
            out.append(" ")
            out_offsets.append(offs[m.start()])
        pos = m.end()
    return "".join(out), out_offsets


def _figure_labels(s: str, offsets: list[int], line_of, numbers: Numbers) -> Iterator[Block]:
    for _ in range(3):  # XML escaped inside JSON inside an HTML attribute
        if "&quot;" not in s and "&lt;" not in s:
            break
        s, offsets = unescape(s, offsets)
    figure = numbers.next_figure()
    for label in [*_LABEL.finditer(s), *_SVG_TEXT.finditer(s)]:
        value = label.group("value")
        if not value.strip():
            continue
        v_offsets = offsets[label.start("value") : label.end("value")]
        box = _box(s, label.end())
        value, v_offsets = unescape(value, v_offsets)
        for piece, piece_offsets, _, _ in _pieces(value, v_offsets):
            block = _block("label", *unescape(piece, piece_offsets), line_of, figure=figure, box=box)
            if block:
                yield block


def _box(s: str, after: int) -> tuple[float, float, float, float] | None:
    geometry = _GEOMETRY.search(s, after, after + 400)
    if not geometry:
        return None
    attrs = dict(_ATTR.findall(geometry.group("attrs")))
    try:
        return (float(attrs.get("x", 0)), float(attrs.get("y", 0)), float(attrs.get("width", 0)), float(attrs.get("height", 0)))
    except ValueError:
        return None


def html_document_blocks(text: str, start: int, line_of) -> Iterator[Block]:
    """A whole HTML page: visible text only, headings kept as headings."""
    body = text[start:]
    hidden = _HIDDEN.sub(lambda m: " " * len(m.group()), body)
    heading = re.compile(r"(?is)<h([1-6])\b[^>]{0,2000}>(.{0,2000}?)</h\1\s*>")
    pos = 0
    numbers = Numbers()
    for m in [*heading.finditer(hidden), None]:
        end = m.start() if m else len(hidden)
        yield from fragment_blocks(hidden[pos:end], start + pos, line_of, numbers)
        if m:
            inner_start = start + m.start(2)
            s, offs = unescape(m.group(2), list(range(inner_start, inner_start + len(m.group(2)))))
            s = _TAG.sub(lambda t: "\0" * len(t.group()), s)
            keep = [(c, o) for c, o in zip(s, offs, strict=True) if c != "\0"]
            block = _block("heading", "".join(c for c, _ in keep), [o for _, o in keep], line_of, level=int(m.group(1)))
            if block:
                yield block
            pos = m.end()


def empty_map() -> OffsetMap:
    return OffsetMap()
