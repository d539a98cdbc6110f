"""HTML inside documents: visible text with offsets, and the labels of embedded figures.

A page may embed a diagram (draw.io keeps its XML, escaped once or several times, in an
attribute) or an SVG; their labels are text like any other, each a block of its own with its
position in the figure. Script and style contents are never text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from dsfacts.segment.blocks import Block
from dsfacts.segment.offsets import OffsetMap, TextBuilder

_ENTITY_REF = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"<[^<>]{0,2000}>")
_HIDDEN = re.compile(r"<(script|style|template|noscript)\b[^>]{0,2000}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"(?i)</?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|blockquote|pre|tspan|text)\b")
_LABEL = re.compile(r'<mxCell\b[^>]{0,4000}?\bvalue=\\?"(?P<value>[^"\\]*)\\?"(?P<rest>[^>]{0,4000})>')
_SVG_TEXT = re.compile(r"<text\b[^>]{0,2000}>(?P<value>.{0,2000}?)</text>", re.DOTALL)
_GEOMETRY = re.compile(r"<mxGeometry\b(?P<attrs>[^>]{0,2000})>")
_ATTR = re.compile(r'(\w+)=\\?"([^"\\]{0,100})\\?"')


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
        rep = html.unescape(m.group())
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


def _pieces(s: str, offsets: list[int]) -> Iterator[tuple[str, list[int]]]:
    """Text between block-level tags; inline tags are dropped, the words on both sides joined."""
    s_out: list[str] = []
    o_out: list[int] = []
    pos = 0
    for m in [*_TAG.finditer(s), None]:
        end = m.start() if m else len(s)
        s_out.append(s[pos:end])
        o_out.extend(offsets[pos:end])
        if m is None or _BREAK.match(m.group()):
            text = "".join(s_out)
            if text.strip():
                yield text, o_out
            s_out, o_out = [], []
        if m:
            pos = m.end()


def fragment_blocks(s: str, origin: int, line_of, figures: list[int]) -> Iterator[Block]:
    """Blocks of an HTML fragment that starts at file offset `origin`."""
    offsets = list(range(origin, origin + len(s)))
    if "mxCell" in s or "mxgraph" in s or "<svg" in s:
        yield from _figure_labels(s, offsets, line_of, figures)
        return
    s = _HIDDEN.sub(lambda m: " " * len(m.group()), s)
    text, offs = unescape(s, offsets)
    for piece, piece_offsets in _pieces(text, offs):
        block = _block("paragraph", *unescape(piece, piece_offsets), line_of)
        if block:
            yield block


def _figure_labels(s: str, offsets: list[int], line_of, figures: list[int]) -> Iterator[Block]:
    for _ in range(3):  # XML escaped inside JSON inside an HTML attribute
        if "&quot;" not in s and "&lt;" not in s:
            break
        s, offsets = unescape(s, offsets)
    figures.append(len(figures) + 1)
    figure = figures[-1]
    for label in [*_LABEL.finditer(s), *_SVG_TEXT.finditer(s)]:
        value = label.group("value")
        if not value.strip():
            continue
        v_offsets = offsets[label.start("value") : label.end("value")]
        box = _box(s, label.end())
        value, v_offsets = unescape(value, v_offsets)
        for piece, piece_offsets in _pieces(value, v_offsets):
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
    figures: list[int] = []
    for m in [*heading.finditer(hidden), None]:
        end = m.start() if m else len(hidden)
        yield from fragment_blocks(hidden[pos:end], start + pos, line_of, figures)
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
