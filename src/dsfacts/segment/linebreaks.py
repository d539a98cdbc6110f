"""Where a writer ended a line, as opposed to a wrap: a short line that ends without punctuation
in a paragraph whose lines do not fill a width ("DeepSeek-V3：去年12月底發布 / 總參數 6,710億" in a
forum post) ends a statement; the lines of a wrapped paragraph do not.
"""

from __future__ import annotations

import re

FILLED = 0.75  # of the widest line: every line but the last of a wrapped paragraph fills about this much
FILLED_CJK = 0.9  # Chinese wraps at a column, not between words: its lines fill it
OPEN_END = re.compile(r"[\w\u4e00-\u9fff)）\]】%\u2600-\u27bf\U0001f000-\U0001faff]\ufe0f?$")  # an emoji ends a line as a word does
_FINAL_END = re.compile(r"[。.!?！？][*_)）」”\"']*$")


BULLET_START = re.compile(r"\s*(?:[•·▪►▶➤✓✔✅❌⚠👉📍📌🔹🔸💰📊📅⭐]|[\u2600-\u27bf\U0001f000-\U0001faff])")
_STAMP_LINE = re.compile(r"\s*[\[(]?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}")
_WIDE = re.compile(r"[\u2e80-\uffef]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def width(text: str) -> int:
    return len(text) + len(_WIDE.findall(text))  # CJK takes two columns


def unclosed(line: str) -> bool:
    """A bracket still open at the end of the line ("subject to [DeepSeek Model"): it goes on."""
    return line.count("[") > line.count("]") or line.count("(") + line.count("（") > line.count(")") + line.count("）")


def filled_width(lines: list[str]) -> float:
    """The width under which a line of this paragraph was ended by its writer, not by a wrap: a
    line that ends without punctuation under it ("DeepSeek-V3：去年12月底發布 / 總參數 6,710億" in a
    forum post) still ends a statement. 0 where the lines read as one wrapped text: all but the
    last fill the width, or only the last ends a sentence ("是一家在2023年 / 7月17日成立的公司 / …。")."""
    if len(lines) < 2 or not any(OPEN_END.search(x) for x in lines[:-1]):
        return 0  # no line but the last ends open: nothing to decide
    if any(_STAMP_LINE.match(x) for x in lines[:-1]):
        return float("inf")  # "2025-02-05 20:33:17 阿斌" over a message: a chat log's or a log file's header line
    if sum(1 for x in lines[1:] if BULLET_START.match(x)) * 2 >= len(lines) - 1:
        return float("inf")  # "✅ 3月24号放出来的" / "📍 …": lines led by a bullet or an emoji are items, one statement each
    if _FINAL_END.search(lines[-1]) and not any(_FINAL_END.search(x) for x in lines[:-1]):
        return 0
    widths = [width(x) for x in lines]
    widest = max(widths)
    # a line that ends a sentence may stop short of the width: the writer began the next sentence on a new line
    open_widths = [w for w, x in zip(widths[:-1], lines[:-1], strict=True) if not _FINAL_END.search(x)]
    chinese = sum(len(_HAN.findall(x)) for x in lines) * 4 > sum(len(x) for x in lines)
    filled = FILLED_CJK if chinese else FILLED  # a fixed-width Chinese wrap fills every line to the column
    if all(w >= widest * filled for w in open_widths):
        return 0
    return float("inf") if chinese else widest * filled
