"""Stage 3f: a claim with its provenance: the file's line and column of the value, the quote
(the value's sentence as the file writes it, on the value's own line) and the raw value text."""

from __future__ import annotations

from dsfacts.extract import values as vg
from dsfacts.models import Claim, DateValue, Money, Quantity, SizeList, SizeRange, Text, TypedValue, kind_of
from dsfacts.segment import Block
from dsfacts.sources import Document

QUOTE_LIMIT = 200


def claim_of_match(doc: Document, block: Block, m: vg.ValueMatch, entity: str, attribute: str, value: object) -> Claim:
    if not isinstance(value, (DateValue, Quantity, Money, SizeList, SizeRange, Text)):
        raise TypeError(f"not a claim value: {value!r}")
    return claim_span(doc, block, m.start, m.end, entity, attribute, value, m.qualifier)


def claim_span(
    doc: Document, block: Block, start: int, end: int, entity: str, attribute: str, value: TypedValue,
    qualifier: str | None, raw: str | None | bool = True,
) -> Claim:
    """`raw` True: the value as the file writes it; a string or None: as given."""
    line, column = doc.line_col(block.origin(start))
    resolution = getattr(value, "resolution", None)
    return Claim(
        entity=entity, attribute=attribute, value=value.to_json(), kind=kind_of(value), source=doc.source,
        line=line, column=column, quote=_quote(doc, block, start, end, line),
        raw=file_text(doc, block, start, end) if raw is True else raw or None,
        qualifier=qualifier,  # type: ignore[arg-type]
        unit=value.currency if isinstance(value, Money) else None,
        resolution=float(resolution) if resolution else None,
    )


def file_text(doc: Document, block: Block, start: int, end: int) -> str:
    """The value as the file writes it ("557.6万**美元" keeps its markup): found with a text search."""
    a, b = block.origin(start), block.origin(max(end - 1, start)) + 1
    raw = doc.text[a:b]
    return raw if "\n" not in raw else block.text[start:end]


def _quote(doc: Document, block: Block, start: int, end: int, line: int) -> str:
    """The file text of the value's sentence, on the value's own line (exact, searchable)."""
    s_start, s_end = block.sentence_at(start)
    if s_end - s_start > QUOTE_LIMIT:
        s_start, s_end = max(s_start, start - QUOTE_LIMIT // 2), min(s_end, end + QUOTE_LIMIT // 2)
    a, b = block.origin(s_start), block.origin(max(s_end - 1, s_start)) + 1
    line_start = doc.line_starts[line - 1]
    line_end = line_start + len(doc.line_text(line))
    a, b = max(a, line_start), min(b, line_end)
    quote = doc.text[a:b].strip()
    if not quote:
        a, b = block.origin(start), block.origin(max(end - 1, start)) + 1
        quote = doc.text[a:b]
    return quote
