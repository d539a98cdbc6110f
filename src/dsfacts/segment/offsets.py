"""Text with a map back to the file: every character of a block knows its file offset.

A block's text is assembled from pieces of the file (the lines of a wrapped paragraph, a table
cell, the text between two tags). The map keeps one entry per piece, not per character, so a
megabyte of text costs a few thousand integers. Normalisation that keeps lengths (full-width
digits and letters to ASCII, Traditional to Simplified characters) is applied to the finished
text; characters that hide inside tokens (zero-width spaces, soft hyphens) are never copied in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    """Full-width ASCII and the ideographic space -> ASCII (NFKC restricted to 1:1 characters)."""
    table = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
    table[0x3000] = 0x20
    table[0x00A0] = 0x20
    from dsfacts.segment.hanzi import traditional_table

    table.update(traditional_table())
    return table


def fold(text: str) -> str:
    """The normalised form of text, character for character (same length)."""
    if text.isascii():
        return text  # every character the table maps is outside ASCII; isascii() is a flag, not a scan
    return text.translate(_fold_table())


@dataclass
class OffsetMap:
    """text index -> file offset, as sorted piece starts."""

    starts: list[int] = field(default_factory=list)  # index in the text where a piece begins
    origins: list[int] = field(default_factory=list)  # file offset of that piece's first character

    def __call__(self, i: int) -> int:
        if not self.starts:
            return 0
        k = bisect_right(self.starts, max(i, 0)) - 1
        return self.origins[max(k, 0)] + (max(i, 0) - self.starts[max(k, 0)])


class TextBuilder:
    """Assembles a block's text from pieces of the file, keeping the offset map."""

    __slots__ = ("parts", "map", "length", "breaks", "_built")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map = OffsetMap([], [])  # explicit lists: the dataclass's default factories cost more
        self.length = 0
        self.breaks: list[int] = []  # text indices where a line of an outline starts
        self._built: tuple[int, str] | None = None  # (length, folded text) of the last build

    def add(self, piece: str, origin: int) -> None:
        """Append file text that starts at file offset `origin` (invisible characters dropped)."""
        if not piece:
            return
        if _INVISIBLE.search(piece) is None:
            self._piece(piece, origin)
            return
        pos = 0
        for m in _INVISIBLE.finditer(piece):
            self._piece(piece[pos : m.start()], origin + pos)
            pos = m.end()
        self._piece(piece[pos:], origin + pos)

    def _piece(self, piece: str, origin: int) -> None:
        if not piece:
            return
        starts, origins = self.map.starts, self.map.origins
        if starts and origins[-1] + (self.length - starts[-1]) == origin:
            pass  # continues the previous piece in the file: no new map entry
        else:
            starts.append(self.length)
            origins.append(origin)
        self.parts.append(piece)
        self.length += len(piece)

    def join(self, separator: str, origin: int) -> None:
        """A character that stands for a line break (a space between English lines)."""
        if separator:
            self._piece(separator, origin)

    def last_char(self) -> str:
        for p in reversed(self.parts):
            if p:
                return p[-1]
        return ""

    def sliced(self, start: int, end: int) -> TextBuilder:
        """A builder holding only text[start:end] of this one, offsets intact."""
        text = "".join(self.parts)
        out = TextBuilder()
        starts, origins = self.map.starts, self.map.origins
        for k, s in enumerate(starts):
            e = starts[k + 1] if k + 1 < len(starts) else len(text)
            a, b = max(s, start), min(e, end)
            if a < b:
                out._piece(text[a:b], origins[k] + (a - s))
        return out

    def build(self) -> tuple[str, OffsetMap]:
        # a table row builds each cell once for the row's texts and once for the cell's block;
        # text only grows, so an unchanged length means unchanged text
        if self._built is None or self._built[0] != self.length:
            self._built = (self.length, fold("".join(self.parts)))
        return self._built[1], self.map


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f")


def line_joiner(before: str, after: str) -> str:
    """What joins two wrapped lines: nothing between Chinese text, a space between words."""
    if not before or not after:
        return ""
    if is_cjk(before[-1]) or is_cjk(after[0]):
        return ""
    return " "
