"""Who a sentence is about when its line has a shape of its own, not a sentence of prose.

- A footnote ("⁴ Code under MIT; weights under …") is about where its marker stands: only a model
  the footnote names owns its values, never the section's.
- A field of a record ("总参数量：6710亿", "Context length: 128K") is about the record's subject:
  the model its title line names ("DeepSeek-V3 Technical Report / 发表时间：2024 年 12 月"), not
  the model another field names ("基础模型：DeepSeek-V3-Base"). Lines led by the same name
  ("→ h800_owner: …" twice) are one speaker's turns, read like prose.
- A sentence that opens with another name ("Northwind Serverless launched in 2023") is about that.
"""

from __future__ import annotations

import re

from dsfacts.extract import claims as nc
from dsfacts.extract.answers import is_question
from dsfacts.extract.linking import BLOCKED, carried, subject_of
from dsfacts.extract.mentions import COMPANY, Mention
from dsfacts.segment import Block
from dsfacts.segment.linebreaks import BULLET_START

_FIELD_LINE = re.compile(r"[ \t>*_-]*[^\s:：，。,.!?]{1,8}(?:\s[^\s:：，。,.!?]{1,10}){0,2}\s*[:：]")  # "总参数量：", "Context length:"


def line_subject(block: Block, mentions: list[Mention], sentence: tuple[int, int]) -> tuple[bool, str | None]:
    """(settled, subject): a footnote or another name's sentence settles the subject (None: nobody,
    BLOCKED: another's); a record's field gives its title's model, or leaves it to the section
    (settled False, like a sentence of prose, whose subject is carried from the sentence before)."""
    note = _footnote_start(block, sentence)
    if note is not None:
        for s_a, s_b in reversed([s for s in block.sentences if note <= s[0] < sentence[0]]):
            found = subject_of(block.text, [m for m in mentions if s_a <= m.start < s_b])
            if found:
                return True, found
        return True, None
    if _named_other(block.text, mentions, sentence[0]):
        return True, BLOCKED
    if block.breaks and sentence[0] in block.breaks and BULLET_START.match(block.text, sentence[0]):
        return False, _title_line_subject(block, mentions)  # "2️⃣ DeepSeek-R1｜…" then "✅ …" lines: each is the title line's
    if block.breaks and _field_line(block.text, mentions, sentence[0]) and not _same_speaker(block, sentence) and not _answers(block, sentence):
        return False, _record_subject(block, mentions, sentence)
    return False, carried(block, mentions, sentence)


def _title_line_subject(block: Block, mentions: list[Mention]) -> str | None:
    """The model the first line of a block of bulleted lines names: what every line below it is about."""
    first = block.breaks[0] if block.breaks else len(block.text)
    found = subject_of(block.text, [m for m in mentions if m.start < first])
    return found if found != BLOCKED else None


_FOOTNOTE = re.compile(r"[\s*_]*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^\w{1,4}\]:)\s")  # a footnote's text, led by its marker


def _footnote_start(block: Block, sentence: tuple[int, int]) -> int | None:
    """Where the footnote the sentence belongs to starts, if it is in one ("¹ … ² … ⁴ Code under MIT;
    weights under …" in one paragraph of notes)."""
    for s_a, _ in reversed([s for s in block.sentences if s[0] <= sentence[0]]):
        if _FOOTNOTE.match(block.text, s_a):
            return s_a
    return None


# a sentence that opens with a name of two or more capitalised words, then a verb
_NAME_OPENING = re.compile(r"[\W_]*(?P<name>(?:[A-Z][\w&'.-]*\s+){1,3}?[A-Z][\w&'.-]*)\s+[a-z]")


def _named_other(text: str, mentions: list[Mention], start: int) -> bool:
    """The sentence's subject is a name that is not a model or company we know ("Northwind
    Serverless launched in 2023", "Hugging Face hosts …"): nothing of ours is carried into it."""
    m = _NAME_OPENING.match(text, start)
    if m is None:
        return False
    words = m.group("name").split()
    if nc.has("not_a_name", words[0]) or any(nc.has("not_a_name", w) for w in words[1:2]):
        return False  # "The Chinese lab …", "In December …", "Its Serverless …"
    return not any(m.start("name") <= x.start < m.end("name") for x in mentions)


def _record_subject(block: Block, mentions: list[Mention], sentence: tuple[int, int]) -> str | None:
    """The subject of a record's field line: the model its title line names ("DeepSeek-V3 Technical
    Report / 发表时间：2024 年 12 月"), never a model another field names."""
    starts = {0, *block.breaks}
    for s_a, s_b in reversed([s for s in block.sentences if s[1] <= sentence[0]]):
        line_start = s_a in starts or block.text[s_a - 1 : s_a] == "\n"
        if line_start and not _field_line(block.text, mentions, s_a):  # a line of its own: the record's title
            line_end = min([b for b in block.breaks if b > s_a] + [sentence[0]])  # the whole title line, all its sentences
            return subject_of(block.text, [m for m in mentions if s_a <= m.start < max(s_b, line_end)])
    return None


def _same_speaker(block: Block, sentence: tuple[int, int]) -> bool:
    """The line before is led by the same name: a speaker's turns in a thread, not a record's fields."""
    m = _FIELD_LINE.match(block.text, sentence[0])
    if m is None:
        return False
    key = m.group().strip(" \t>*_-")
    earlier = [s for s in block.sentences if s[1] <= sentence[0] and _FIELD_LINE.match(block.text, s[0])]
    previous = _FIELD_LINE.match(block.text, earlier[-1][0]) if earlier else None
    return previous is not None and previous.group().strip(" \t>*_-") == key




def _answers(block: Block, sentence: tuple[int, int]) -> bool:
    """The line before asks a question ("主持人：V3 的训练成本到底是多少？" then "嘉宾：官方说的是 557.6
    万美元"): a dialogue's turns, read like prose, not a record's fields."""
    earlier = [s for s in block.sentences if s[1] <= sentence[0] and block.text[slice(*s)].strip()]
    return bool(earlier) and is_question(block.text[slice(*earlier[-1])])


def _field_line(text: str, mentions: list[Mention], start: int) -> bool:
    """ "总参数量：6710亿", "Context length: 128K": a key and its value. A model's name before the
    colon makes a title ("DeepSeek LLM: Scaling Open-Source …"), not a field."""
    m = _FIELD_LINE.match(text, start)
    return m is not None and not any(start <= x.start < m.end() and x.kind != COMPANY for x in mentions)
