"""Helpers for the extraction tests: run the real engine on a small text and check provenance.

Every claim's quote is exact text of the value's line, and its raw text sits at its column.
"""

from __future__ import annotations

from dsfacts.extract.engine import extract_document
from dsfacts.models import Claim
from dsfacts.sources import Document


def extract(text: str, name: str = "doc.md") -> list[Claim]:
    doc = Document(source=name, text=text)
    claims = extract_document(doc)
    for c in claims:  # provenance: the quote is text of the value's line, raw sits at column
        line = doc.line_text(c.line)
        assert c.quote in line, (c.quote, line)
        if c.raw:
            assert line[c.column - 1 :].startswith(c.raw), (line, c.column, c.raw)
    return claims


def facts(text: str, name: str = "doc.md") -> set[tuple[str, str, object]]:
    return {(c.entity, c.attribute, c.value if not isinstance(c.value, list) else tuple(c.value)) for c in extract(text, name)}
