"""Sentences of a block, as (start, end) spans of its text.

A small splitter measured on our Chinese and English text: Chinese ends at 。！？；, English at
. ! ? ; followed by a space (not after an abbreviation, an initial or a decimal point).
"""

from __future__ import annotations

import re

# full-width ！？； arrive folded to ASCII, so ASCII marks also end a sentence before Chinese text
# a footnote marker may stand between a sentence's end and the next one ("in response.[7] DeepSeek…")
_END = re.compile(r"[。！？；]+[”’」』）)]*(?:\[\d{1,3}\])*|[!?;]+(?=\s|$|[\u3400-\u9fff0-9])|(?<!\.)\.[\x22”’]?(?:\[\d{1,3}\])*(?=\s+(?![+&=×]|\s)|\s*$)")  # 'was "fine-tuned from DeepSeek-R1." It is …'  # "incl. context ext. + post-training" goes on
_ABBREVIATIONS = frozenset(
    ("e.g", "i.e", "vs", "etc", "no", "fig", "al", "approx", "ca", "cf", "dr", "mr", "ms", "inc", "ltd", "co", "jan",
     "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "st", "incl", "excl", "ext", "est")
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


_END_CHAR = re.compile(r"[。！？；!?;.]")  # every match of _END holds one of these


def sentence_spans(text: str, breaks: list[int] | tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """Every sentence of text, in order; together they cover the whole text. `breaks` are extra
    boundaries (the lines of an indented outline)."""
    if not breaks and _END_CHAR.search(text) is None:
        return [(0, len(text))]  # no mark that can end a sentence (most table cells): one sentence
    ends = [m.end() for m in _END.finditer(text) if not (m.group().startswith(".") and _abbreviation(text, m.start()))]
    spans: list[tuple[int, int]] = []
    start = 0
    for end in sorted({*ends, *breaks}):
        if end <= start:
            continue
        if text[end - 1] in ";；" and end not in breaks and _open_bracket(text, start, end):
            continue  # "DeepSeekMoE 16B (January 2024; 16.4B total, …)": a semicolon inside brackets
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _open_bracket(text: str, start: int, end: int) -> bool:
    part = text[start:end]
    return part.count("(") + part.count("（") > part.count(")") + part.count("）")


def _abbreviation(text: str, dot: int) -> bool:
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if word is None:
        return False
    if word.start() > 0 and text[word.start() - 1].isdigit():
        return False  # "a context length of 128K. Its …": a magnitude, not an initial
    w = word.group(1).lower()
    return len(w) == 1 or w in _ABBREVIATIONS
