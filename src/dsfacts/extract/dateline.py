"""The document's own date: front matter `date:`, an HTML `<time datetime>`, or a byline or
dateline at the top ("*By Staff Writer · January 28, 2025*", "本报记者 发自杭州　2024年12月27日").

A byline dates the document, not a model: its dates are never claims. The document's date is
also the year a reader gives a date written without one ("on January 20"), and the latest date
such a date can be.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dsfacts.extract import claims as nc
from dsfacts.extract import values as vg
from dsfacts.extract.attributes import choose_attribute
from dsfacts.extract.entities import EntityRegistry
from dsfacts.extract.mentions import COMPANY, find_mentions
from dsfacts.models import DateValue
from dsfacts.segment import Block
from dsfacts.sources import Document

TOP_BLOCKS = 3  # a byline stands among the first blocks of text below the title
BYLINE_LENGTH = 160  # characters: longer is a paragraph of the article, not its byline
_TIME = re.compile(r"<time\b[^>]{0,300}?\bdatetime\s*=\s*[\"']?(\d{4}-\d{2}-\d{2})", re.IGNORECASE)
_PARTS = re.compile(r"\s[·•|｜/—–-]\s|[·•|｜]")  # "January 28, 2025 · 9 min read"
_FILLER = re.compile(r"[\W_]*")


@dataclass(frozen=True)
class Dateline:
    date: DateValue | None  # the document's own date, when it states one
    blocks: frozenset[int]  # the byline blocks: their dates date the document


def read_dateline(doc: Document, blocks: Sequence[Block], registry: EntityRegistry) -> Dateline:
    """The document's date and its byline blocks, from the first few blocks of text."""
    found = [i for i in _top(blocks) if _is_byline(blocks[i], registry)]
    date = _front_matter_date(doc.meta.get("date")) or _time_element(doc)
    if date is None and found:
        date = _first_date(blocks[found[0]].text)
    return Dateline(date, frozenset(found))


def _top(blocks: Sequence[Block]) -> list[int]:
    out: list[int] = []
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            continue
        if b.kind != "paragraph" or len(out) >= TOP_BLOCKS:
            break
        out.append(i)
    return out


def _dated(v: vg.ValueMatch) -> bool:
    return v.kind == "date" and isinstance(v.value, DateValue) and v.value.precision in ("day", "month")


def _first_date(text: str) -> DateValue | None:
    return next((v.value for v in vg.find_values(text) if _dated(v) and isinstance(v.value, DateValue)), None)


def _is_byline(block: Block, registry: EntityRegistry) -> bool:
    """A short line that dates the document: a byline word, or parts set off by "·" / "|", or the
    date alone. It names no model and says of nothing that it was released or founded."""
    text = block.text.strip()
    if len(text) > BYLINE_LENGTH:
        return False
    dates = [v for v in vg.find_values(text) if _dated(v)]
    if not dates or any(m.kind != COMPANY for m in find_mentions(text, registry)):
        return False
    unsaid = _byline_words().sub(" ", text.lower())  # "Published:", "发布时间：" date the document
    if choose_attribute("date", "", "", magnitude=False, hint=unsaid):
        return False  # "A company, founded in May 2023, by …": a fact with its date, not a byline
    rest = "".join(text[a:b] for a, b in zip([0, *(v.end for v in dates)], [*(v.start for v in dates), len(text)], strict=True))
    return nc.has("dateline", text) or len(_PARTS.split(text)) >= 2 or _FILLER.fullmatch(rest) is not None


@lru_cache(maxsize=1)
def _byline_words() -> re.Pattern[str]:
    words = sorted((str(w).lower() for w in nc.vocab()["dateline"]), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def _front_matter_date(value: object) -> DateValue | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DateValue.from_parts(value.year, value.month, value.day)
    return _first_date(value) if isinstance(value, str) else None


def _time_element(doc: Document) -> DateValue | None:
    """`<time datetime="2025-03-25">` near the top of a page (or of HTML inside Markdown)."""
    head = doc.text[doc.body_start : doc.body_start + 20_000]
    m = _TIME.search(head) if "<time" in head or "<TIME" in head else None
    if m is None:
        return None
    year, month, day = (int(x) for x in m.group(1).split("-"))
    try:
        return DateValue.from_parts(year, month, day)
    except ValueError:
        return None
