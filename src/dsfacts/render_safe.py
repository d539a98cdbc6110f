"""Text from documents, made safe to show on a terminal: the one place where that is decided.

A document (or a draft, or a file name) may hold rich markup (`[link=https://…]`, `[bold red]`),
terminal escapes (OSC 8 hyperlinks, cursor moves, title changes) or bidi controls that reorder
what a reader sees. On a terminal all of them are shown, never obeyed: markup stays literal text
(`safe()` gives a rich Text, which is never parsed for markup), and control, escape and bidi
characters become visible placeholders (ESC is "␛", U+202E is "<U+202E>"). JSON output keeps
the exact text; only what people read is cleaned. No rich import at module level: the cli package uses
`clean()` on its plain lines without paying for rich.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls (but tab and newline, handled below), DEL, C1 controls, bidi embeddings/overrides/
# isolates and marks, line/paragraph separators
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_NEWLINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _placeholder(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: the Unicode "control pictures"
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def clean(text: object, *, keep_newlines: bool = False) -> str:
    """The text with every control, escape and bidi character replaced by a visible placeholder.

    Tabs become a space. Newlines become "␊" unless `keep_newlines` (multi-line messages).
    """
    s = text if isinstance(text, str) else str(text)
    s = s.replace("\t", " ")
    pattern = _UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE
    return pattern.sub(_placeholder, s) if pattern.search(s) else s


def safe(text: object, style: str = "") -> Text:
    """A rich Text showing `text` literally: no markup is interpreted, no control reaches the terminal."""
    from rich.text import Text

    return Text(clean(text), style=style)


def escape_markup(text: object) -> str:
    """For the few places that take a markup string (progress columns): cleaned, then escaped."""
    from rich.markup import escape

    return escape(clean(text))
