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
from dsfacts.segment import TITLE_LEVEL, Block
from dsfacts.sources import Document

TOP_BLOCKS = 3  # a byline stands among the first blocks of text below the title
PAGE_TOP = 8  # a web page's lines above its title: site name, menu, breadcrumbs
BYLINE_LENGTH = 160  # characters: longer is a paragraph of the article, not its byline
_TIME = re.compile(r"<time\b[^>]{0,300}?\bdatetime\s*=\s*[\"']?(\d{4}-\d{2}-\d{2})", re.IGNORECASE)
_PARTS = re.compile(r"\s(?:--|[·•・|｜/—–-])\s|[·•・|｜]")  # "WRVN NEWS -- 18:00 BULLETIN -- MONDAY 27 JANUARY 2025"  # "January 28, 2025 · 9 min read", "上架日期：… ・ 長度 58:14"
_FILLER = re.compile(r"[\W_]*")


# a wire dateline opens the first paragraph: "HANGZHOU, Jan 28 (Reuters) - …", "新华社北京1月28日电 …"
WIRE_REACH = 60  # characters from the paragraph's start
_WIRE_PLACE = re.compile(r"[\W_]*[A-Z][A-Za-z.' ]{1,40}(?:/[A-Z][A-Za-z.' ]{1,30})*(?:,\s*[A-Z][A-Za-z.' ]{1,30})?[\W_]*\s*")
# after the date: the agency in brackets or between slashes ("(Reuters)", "/PRNewswire/"), then a dash
_WIRE_AFTER = re.compile(r"\s*(?:[(（][^()（）]{1,30}[)）]\s*|/[A-Za-z][^/\n]{0,30}/\s*)?[*_]*\s*(?:[-–—]|&mdash;)|\s*[电讯]")


@dataclass(frozen=True)
class Dateline:
    date: DateValue | None  # the document's own date, when it states one
    blocks: frozenset[int]  # the byline blocks: their dates date the document
    spans: frozenset[tuple[int, int]] = frozenset()  # (block, start) of a wire dateline's date


def read_dateline(doc: Document, blocks: Sequence[Block], registry: EntityRegistry) -> Dateline:
    """The document's date, its byline blocks and its wire dateline, from the first blocks of text."""
    top = _top(blocks)
    found = [i for i in top if _is_byline(blocks[i], registry)]
    wire = [(i, v) for i in top for v in _wire_dates(blocks[i].text)]
    date = _front_matter_date(doc.meta.get("date")) or _time_element(doc)
    if date is None and found:
        date = _latest_date(blocks[found[0]].text)  # "Published July 30, 2024 · Updated September 9, 2024": as of the update
    if date is None and wire and isinstance(wire[0][1].value, DateValue):
        date = wire[0][1].value
    if date is None:
        date = _title_date(blocks, registry)
    if date is None:
        date = _said_date(blocks, top, registry)
    if date is None:
        date = _record_date(blocks)
    if date is None:
        date = _ctime_date(doc.text[doc.body_start : doc.body_start + 600])
    return Dateline(date, frozenset(found), frozenset((i, v.start) for i, v in wire))


_CTIME = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(?P<day>\d{1,2})\s+"
    r"\d{1,2}:\d{2}(?::\d{2})?\s+(?P<year>(?:19|20)\d{2})"
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ctime_date(head: str) -> DateValue | None:
    """A post header's timestamp in C's ctime form ("時間 Sun Feb  9 01:37:52 2025", a forum's or a
    mailbox's): the document's date."""
    m = _CTIME.search(head)
    if m is None:
        return None
    try:
        return DateValue.from_parts(int(m["year"]), _MONTHS.index(m["mon"]) + 1, int(m["day"]))
    except ValueError:
        return None


def _wire_dates(text: str) -> list[vg.ValueMatch]:
    """The date of a wire dateline at the start of a paragraph: after a place, before the agency
    and a dash ("HANGZHOU, Jan 28 (Reuters) -") or before 电/讯 ("新华社北京1月28日电")."""
    out = []
    for v in vg.find_values(text[: WIRE_REACH + 40]):
        if v.start > WIRE_REACH or v.kind not in ("date", "monthday"):
            continue
        before = text[: v.start]
        if _WIRE_AFTER.match(text, v.end) and (_WIRE_PLACE.fullmatch(before) or (text[v.end : v.end + 3].strip()[:1] in "电讯" and len(before) <= 20)):
            out.append(v)
    return out


RECORD_REACH = 40  # blocks: a record's header table stands at its top
_DATE_LABEL = re.compile(r"(?i)^[\s*_]*(?:date|时\s*间|日\s*期|会议时间|活动时间|记录时间)[\s*_:：]*$")


def _record_date(blocks: Sequence[Block]) -> DateValue | None:
    """A record's header table ("| 时间 | 2025年2月12日 14:00—16:10 |", "| Date | 9 June 2025 |"): its date."""
    for b in blocks[:RECORD_REACH]:
        cell = b.table
        if cell is None or cell.column != 1 or not cell.row or not _DATE_LABEL.match(cell.row[0]):
            continue
        first = next(iter(vg.find_values(b.text)), None)
        if first is not None and first.start <= 2 and _dated(first) and isinstance(first.value, DateValue):
            return first.value
    return None


_TITLE_PART = re.compile(r"[·•・|｜—–]")


def _said_date(blocks: Sequence[Block], top: list[int], registry: EntityRegistry) -> DateValue | None:
    """A date the top of the document (or its title) gives itself in words or with its weekday,
    however long the note around it: "*Recorded Wednesday, 19 February 2025, 4:00-5:10 p.m., …*",
    "晨会纪要 日期：2025年1月28日（周二）", "张贴时间：2025年3月12日 ｜ 最后修改：…更正 VL2 参数". Not a
    model's own date: no model is named before it in its part of the line."""
    title = next((k for k, b in enumerate(blocks) if b.kind == "heading"), None)
    items = [k for k, b in enumerate(blocks[:PAGE_TOP + 4]) if b.kind == "item"]  # "- **日期**：2025 年 9 月 24 日（周三）"
    for i in ([title] if title is not None else []) + top + items:
        text = blocks[i].text
        for v in vg.find_values(text):
            if not (_dated(v) and isinstance(v.value, DateValue) and _said_before().search(text, max(0, v.start - 40), v.start)):
                continue
            part_start = max((p.end() for p in _PARTS.finditer(text, 0, v.start)), default=0)
            if not any(m.kind != COMPANY for m in find_mentions(text[part_start : v.start], registry)):
                return v.value
    return None


@lru_cache(maxsize=1)
def _said_before() -> re.Pattern[str]:
    words = "|".join(re.escape(str(w)) for w in sorted(nc.vocab()["dateline_said"], key=len, reverse=True))
    weekday = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?|星期.|周.|週.)"  # "Date: Sun, 2 Feb 2025"
    # or a weekday alone: "*Live coverage from Moscone West. Tuesday, September 9, 2025. …*"
    return re.compile(rf"(?i)(?:(?<![a-z])(?:{words})(?![a-z])[\s:：,，]*(?:on\s+)?(?:{weekday}[\s,，]*)?|(?<![a-z]){weekday}[\s,，]*)\Z")


_TITLE_BRACKET = re.compile(r"[(（](?P<inside>[^()（）]{4,60})[)）][\s*_]*$")


def _title_date(blocks: Sequence[Block], registry: EntityRegistry) -> DateValue | None:
    """A date in brackets at the end of the title: "Fact box for Monday's feature (draft, 10 March
    2025)", "…到 R1（初稿，2025年4月）". A bracket that only dates the model named before it
    ("DeepSeek-V3 (December 26, 2024)") is that model's release, not the document's date."""
    title = next((b for b in blocks if b.kind == "heading"), None)
    if title is None:
        return None
    for part in _TITLE_PART.split(title.text)[1:]:  # "《夜间新闻评论》文字稿｜2025年3月26日（三）第二节：…"
        first = next(iter(vg.find_values(part.lstrip())), None)
        if first is not None and first.start == 0 and _dated(first) and isinstance(first.value, DateValue):
            return first.value
    m = _TITLE_BRACKET.search(title.text)
    if m is None:
        return None
    inside = m.group("inside")
    if not nc.has("title_date", inside):
        before = title.text[: m.start()].rstrip()
        if any(x.end == len(before) and x.kind != COMPANY for x in find_mentions(before, registry)):
            return None
    dates = [v.value for v in vg.find_values(inside) if v.kind == "date" and isinstance(v.value, DateValue)]
    return dates[0] if len(dates) == 1 and dates[0].precision in ("day", "month") else None


def _top(blocks: Sequence[Block]) -> list[int]:
    """The first paragraphs, above the first section (a heading below the title's level)."""
    out: list[int] = []
    title_level: int | None = None
    before_title = 0  # a page's paragraphs above its title (site name, menu) do not use up the budget
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            if title_level is not None and b.level > title_level:
                if len(b.text) <= BYLINE_LENGTH and nc.has("dateline", b.text) and len(out) - before_title < TOP_BLOCKS:
                    out.append(i)  # "**本报记者 陈思远 杭州报道**": a bold byline, not a section
                    continue
                if b.level >= TITLE_LEVEL and len(out) == before_title:
                    continue  # "**本週主題：…**" right under the title: its subtitle, not a section
                break
            if title_level is None:
                before_title = len(out)
            title_level = b.level if title_level is None else min(title_level, b.level)
            continue
        if b.kind != "paragraph" or len(out) - before_title >= (TOP_BLOCKS if title_level is not None else PAGE_TOP):
            break
        out.append(i)
    return out


def _dated(v: vg.ValueMatch) -> bool:
    return v.kind == "date" and isinstance(v.value, DateValue) and v.value.precision in ("day", "month")


def _first_date(text: str) -> DateValue | None:
    return next((v.value for v in vg.find_values(text) if _dated(v) and isinstance(v.value, DateValue)), None)


def _latest_date(text: str) -> DateValue | None:
    dates = [v.value for v in vg.find_values(text) if _dated(v) and isinstance(v.value, DateValue)]
    return max(dates, key=lambda d: d.end) if dates else None


def _is_byline(block: Block, registry: EntityRegistry) -> bool:
    """A short line that dates the document: a byline word, or parts set off by "·" / "|", or the
    date alone. It names no model and says of nothing that it was released or founded."""
    text = block.text.strip()
    if len(text) > BYLINE_LENGTH and block.breaks:
        text = block.text[: block.breaks[0]].strip()  # a header's first line: "WRVN NEWS -- 18:00 BULLETIN -- MONDAY 27 JANUARY 2025"
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
