"""What the words right around a date say it is the date of: a model it is set off after or in
brackets with ("DeepSeekMoE, January 2024.", "DeepSeek-V3 (December 26, 2024)"), the model a
timeline entry is headed by, the model a Chinese date modifies ("去年 6 月发布的 DeepSeek-Coder-V2"),
a bound ("until Feb 8"), or a changelog entry about no model.
"""

from __future__ import annotations

import re

from dsfacts.extract import claims as nc
from dsfacts.extract import values as vg
from dsfacts.extract.mentions import COMPANY, FOREIGN, Mention
from dsfacts.models import DateValue
from dsfacts.segment import Block

ENTRY_START = re.compile(r"^[\s\[【(（*_#\u2600-\u27bf\U0001F300-\U0001FAFF]*$")  # what may stand before a timeline entry's date
_WORDS = re.compile(r"[A-Za-z\u4e00-\u9fff]{2}")
_CLOSE = re.compile(r"\s*[)）]")
_NAME_SEP = re.compile(r"\s*[,，;；]\s*$")
_OPEN = re.compile(r"[(（]\s*$")
_HEAD_SEP = re.compile(r"[\s*_]*(?:[-–—:：|｜)）\]】]+[\s*_]*)?")
_HEAD_END = re.compile(r"(?:\s*\d+(?:\.\d+)?[BbMm])?[\s*_]*(?:$|[,，:：;；.。(（]|\s[-–—]\s|\s+(?:and|&)\s+|[和与及、])")


def headword(text: str, mentions: list[Mention], m: vg.ValueMatch) -> str | None:
    """The model a timeline entry is headed by: "**11 January** — **DeepSeekMoE 16B**, the first …",
    "20 January — DeepSeek-R1 and DeepSeek-R1-Zero, …". A sentence after the date ("DeepSeek-R1
    模型现已作为 NIM 微服务提供") is an event of its own, not the model's entry."""
    at = _HEAD_SEP.match(text, m.end)
    first = next((x for x in mentions if x.start >= m.end), None)
    if at is None or first is None or first.start != at.end() or first.kind in (COMPANY, FOREIGN):
        return None
    return first.entity if _HEAD_END.match(text, first.end) else None


def bound(text: str, start: int, end: int) -> bool:
    """ "until Feb 8", "截至2月8日", "在2025年2月8日之前": a bound or a deadline, not an event."""
    before = text[max(0, start - 16) : start].lower().rstrip(" *_")
    after = text[end : end + 10].lower().lstrip(" *_")
    vocab = nc.vocab()
    if any(before.endswith(str(w)) and not (str(w)[0].isalpha() and before[-len(str(w)) - 1 : -len(str(w))].isalpha()) for w in vocab["date_bound_before"]):
        return True
    return any(after.startswith(str(w)) for w in vocab["date_bound_after"]) and not after.startswith("前后")


def bracketed(text: str, mentions: list[Mention], m: vg.ValueMatch) -> str | None:
    """The model whose name the date's bracket holds or follows: "(DeepSeek-V2, May 2024)",
    "DeepSeek-V3 (December 26, 2024)"; or whose name the date is set off after by commas, as
    people list releases aloud ("DeepSeekMoE, January 2024.", "Janus, October 2024, a 1.3B model")."""
    if isinstance(m.value, DateValue) and m.value.precision not in ("day", "month"):
        return None  # "V3 and R1 (2024–2025)": a period, not a release
    if not _CLOSE.match(text, m.end):
        return _set_off(text, mentions, m) or _from_date(text, mentions, m)
    before = [x for x in mentions if x.end <= m.start and x.kind not in (COMPANY, FOREIGN)]
    if not before:
        return None
    name = before[-1]
    between = text[name.end : m.start]
    inside = _NAME_SEP.sub("", between) == "" and _OPEN.search(text, 0, name.start) is not None
    # "DeepSeek-V3 (December 26, 2024)", "the DeepSeek Coder family (November 2023)", "DeepSeekMath（arXiv:2402.03300，2024年2月）"
    after = _OPEN_AFTER_NAME.fullmatch(between) is not None
    return name.entity if (inside or after) and name.entity else None


_OPEN_AFTER_NAME = re.compile(
    r"(?i)\s*(?:(?:family|series|line|models?|release)\s*)?[(（]\s*(?:arxiv\s*[:：]?\s*\d{4}\.\d{4,5}(?:v\d+)?\s*[,，;；]\s*)?"
)
_FROM = re.compile(r"(?i)[*_]*\s*,?\s*from\s+$")
_FROM_END = re.compile(r"\s*(?:[,;.)]|\s[-–—]{1,2}\s|\s+(?:comes?|is|was|has|had|and)(?![a-z])|$)")


def _from_date(text: str, mentions: list[Mention], m: vg.ValueMatch) -> str | None:
    """ "the older DeepSeek-VL from March 2024 comes in …", "the original Janus, from October 2024, is a
    1.3B model": a model and the date it is from."""
    name = next((x for x in reversed(mentions) if x.end <= m.start), None)
    if name is None or name.kind in (COMPANY, FOREIGN) or not name.entity:
        return None
    gap = text[name.end : m.start]
    if not _FROM.search(gap) or len(gap) > 24 or not _FROM_END.match(text, m.end):
        return None
    return name.entity if re.fullmatch(r"(?i)[*_]*\s*(?:instead\s*)?,?\s*from\s+", gap) else None


_OPEN_RELEASED = re.compile(r"(?i)\s*[(（]\s*(?:released|launched|out|shipped|发布于|发布|推出|上线|开源)(?:\s+(?:on|in))?\s*$")


def bracketed_release(text: str, mentions: list[Mention], m: vg.ValueMatch) -> str | None:
    """ "R1 (released 20 January)": the model right before a bracket that says when it came out."""
    if not _CLOSE.match(text, m.end):
        return None
    before = [x for x in mentions if x.end <= m.start and x.kind not in (COMPANY, FOREIGN)]
    if before and before[-1].entity and _OPEN_RELEASED.fullmatch(text, before[-1].end, m.start):
        return before[-1].entity
    return None


_SET_OFF_BEFORE = re.compile(r"[*_]*\s*[,:：]\s*$")  # "DeepSeekMoE, January 2024.", "DeepSeek-VL：2024年3月，1.3B / 7B"
_SET_OFF_AFTER = re.compile(r"\s*(?:[,;.]|\s[-–—]{1,2}\s|$)")


def _set_off(text: str, mentions: list[Mention], m: vg.ValueMatch) -> str | None:
    """ "DeepSeekMoE, January 2024.": a name, a comma, the date and the end of that part."""
    name = next((x for x in reversed(mentions) if x.end <= m.start), None)
    if name is None or name.kind in (COMPANY, FOREIGN) or not name.entity:
        return None
    if not _SET_OFF_BEFORE.fullmatch(text, name.end, m.start) or not _SET_OFF_AFTER.match(text, m.end):
        return None
    if text[name.end : m.start].strip(" *_").startswith((":", "：")):
        return name.entity  # a label and its first field: "第6讲　DeepSeek-VL：2024年3月，…"
    opening = text[: name.start].rstrip(" *_")
    return name.entity if not opening or opening[-1] in ".。!?:;—–-\n" or opening.endswith(("Then", "then", "And", "and")) else None


OF_DATE = re.compile(r"\s*(?:的|那个|这个)")  # a date right before 的 / 那个: what follows is of that date
_MODIFIER_END = re.compile(r"\s*(?:[\u4e00-\u9fff]{0,4}?的\s*(?:那个|这个|那款|这款)?|那个|这个)\s*[*_“「\"]*")  # "1月20日发布的那个 R1"


def modified_model(text: str, mentions: list[Mention], m: vg.ValueMatch) -> str | None:
    """A Chinese date that modifies the model right after it ("去年 6 月发布的 DeepSeek-Coder-V2")
    is that model's, whatever role the model has in its sentence."""
    after = _MODIFIER_END.match(text, m.end)
    if after is None:
        return None
    named = next((x for x in mentions if x.start == after.end()), None)
    if named is not None and _UPDATE_OF_NAME.match(text, named.end):
        return None  # "上个月28日的 R1 小改版": the date of R1's update, not of R1
    return named.entity if named is not None and named.kind not in (COMPANY, FOREIGN) else None


_UPDATE_OF_NAME = re.compile(r"(?i)\s*(?:的)?\s*(?:小)?(?:改版|更新|升级|版本更新|新版|update|refresh|revision)")


def bare_entry(block: Block, mentions: list[Mention], m: vg.ValueMatch) -> bool:
    """A timeline or changelog entry led by its date that names no model: its section's heading
    does not make it a release ("**2024-12-25**: Gradio demo, … support."). A date alone under
    "## Release date" is the section's own value."""
    if block.kind not in ("item", "paragraph") or not ENTRY_START.match(block.text[: m.start]):
        return False
    return _WORDS.search(block.text, m.end) is not None and not any(x.kind != COMPANY for x in mentions)
