"""Stage 2: a Document -> blocks (headings, paragraphs, list items, table cells, code, figure
labels), each one text whose every character knows its file offset, split into sentences.

Markdown and plain text go through markdown-it (markdown.py); HTML pages and HTML inside
Markdown through markup.py; offsets.py keeps the map back to the file and normalises text
without moving it (full-width forms, Traditional characters, invisible characters).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from dsfacts.segment.blocks import TITLE_LEVEL, Block, TableCell
from dsfacts.segment.markdown import markdown_blocks
from dsfacts.segment.markup import html_document_blocks
from dsfacts.segment.offsets import OffsetMap, fold
from dsfacts.sources import Document

_LONE_CR = re.compile(r"\r(?!\n)")

__all__ = ["TITLE_LEVEL", "Block", "OffsetMap", "TableCell", "fold", "segment"]


def segment(doc: Document) -> list[Block]:
    """The blocks of a document, in document order."""

    starts, end = doc.line_starts, len(doc.text)

    def line_of(offset: int) -> int:  # doc.line_col(offset)[0], asked for every block: no column, no tuple
        return bisect_right(starts, max(0, min(offset, end)))

    if doc.is_html:
        return list(html_document_blocks(doc.text, doc.body_start, line_of))
    text = doc.text
    if "\x00" in text:  # markdown-it writes U+FFFD for NUL: the same length, so lines still match
        text = text.replace("\x00", "\ufffd")
    if "\r" in text:  # a lone CR is a line break to markdown-it but not to the line map: same length, no break
        text = _LONE_CR.sub(" ", text)
    return list(markdown_blocks(text, doc.body_start, doc.line_starts, line_of))
