"""Stage 1: find and read documents — any encoding, front matter split, offsets kept.

1a bytes -> text is decoding.py; here are the Document and its line map, 1b front matter,
1c the visible text of HTML, 1d the sources folder and 1e its metadata.

A Document keeps the decoded text exactly as it is on disk (only a BOM is dropped), so every
offset maps back to the file's own line and column: provenance must point into the real file.
HTML keeps its tags in `Document.text`; `visible_text()` gives the readable text plus a map of
every visible character back to its offset in the file.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dsfacts import safeyaml
from dsfacts.decoding import decode as decode  # re-exported: kb.py reads the anchor text with it
from dsfacts.decoding import decode_reporting
from dsfacts.errors import SourceError

if TYPE_CHECKING:  # the read commands list documents without loading the models (pydantic)
    from dsfacts.models import Source

DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
METADATA_FILE = "sources.yaml"
# Files that live in sources/ without being documents; never reported as skipped.
_HOUSEKEEPING = {METADATA_FILE, "sources.yml", "readme.md", "readme.txt", "readme", ".gitignore", ".gitkeep"}


@dataclass
class Document:
    source: str  # file name inside the sources folder (or the draft's path)
    text: str  # decoded, as on disk (see read_text_document for the same-length repairs)
    body_start: int = 0  # offset where the content after YAML front matter begins
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    problems: list[str] = field(default_factory=list)  # read, but with lines skipped: name the file
    _line_starts: list[int] | None = field(default=None, repr=False)

    @property
    def line_starts(self) -> list[int]:
        """Offset of the first character of each line; built once, in C-speed passes."""
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a text offset.

        Lines end at "\\n" (so a CRLF file counts lines like every editor); the "\\r" of a CRLF
        belongs to the line it ends. Offsets past the end clamp to the end of the text.
        """
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def is_html(self) -> bool:
        return self.source.lower().endswith((".html", ".htm"))


# ---- 1b front matter --------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """YAML front matter between leading '---' lines -> (metadata, offset of the body).

    Broken front matter (bad YAML, not a mapping, never closed) keeps all the text as body and
    loses only the metadata: a document is never dropped for its header.
    """
    if not text.startswith("---"):
        return {}, 0
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, 0
    pos = first_nl + 1
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = nl if nl >= 0 else n
        if text[pos:end].strip() in ("---", "..."):
            try:
                meta = safeyaml.load(text[first_nl + 1 : pos])  # bounded: no alias bombs, no libyaml crash
            except safeyaml.UnsafeYAMLError:  # hostile header: neither metadata nor text to extract
                return {}, (nl + 1 if nl >= 0 else n)
            except Exception:  # noqa: BLE001 - YAMLError, bad dates (ValueError), deep nesting …
                return {}, 0
            if meta is None:
                meta = {}
            if not isinstance(meta, dict):
                return {}, 0
            return meta, (nl + 1 if nl >= 0 else n)
        if nl < 0:
            break
        pos = nl + 1
    return {}, 0


def read_text_document(data: bytes, name: str = "<document>") -> Document:
    """Decode and split front matter. Two repairs keep every offset and length as on disk:
    a lone "\\r" (old Mac line ends) becomes "\\n", so lines stay lines; in HTML, the text of
    script, style, template and noscript becomes spaces, so it is never read as content."""
    text, encoding, problems = decode_reporting(data, name)
    if "\r" in text:
        text = _LONE_CR.sub("\n", text)
    if name.lower().endswith((".html", ".htm")):
        text = blank_invisible_html(text)
    meta, body = split_front_matter(text)
    return Document(source=name, text=text, body_start=body, meta=meta, encoding=encoding, problems=problems)


_LONE_CR = re.compile(r"\r(?!\n)")
_NOT_NEWLINE = re.compile(r"[^\n]")
_INVISIBLE_HTML = re.compile(
    r"<(script|style|template|noscript)\b[^<>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE
)


def blank_invisible_html(text: str) -> str:
    """Script/style text replaced by spaces (line breaks kept), tags and length unchanged.

    Comments stay: they are invisible to the lexer anyway, and `<!-- dsfacts-ignore -->` is read."""
    if "<" not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        whole = m.group(0)  # keep the opening and closing tags, so the markup lexer still sees them
        head = whole.find(">") + 1
        close = whole.lower().rfind("</" + m.group(1).lower())
        end = close if whole.endswith(">") and close >= head else len(whole)
        return whole[:head] + _NOT_NEWLINE.sub(" ", whole[head:end]) + whole[end:]

    return _INVISIBLE_HTML.sub(blank, text)


def read_document(path: Path, name: str | None = None) -> Document:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror or e}).") from e
    return read_text_document(data, name or path.name)


# ---- 1c HTML: visible text with an offset map -------------------------------------------------

_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comment (an unclosed one runs to the end)
    r"|<(script|style|template|noscript)\b[^<>]*>.*?(?:</\1\s*>|\Z)"  # invisible content
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    # a tag, quoted attributes kept whole; no "<" inside, so an unclosed tag ends its scan at the
    # next "<" (thousands of unclosed "<a" would otherwise cost quadratic time)
    r"|</?([A-Za-z][A-Za-z0-9:-]*)(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*>"
    r"|<[!?][^<>]*>"  # doctype, processing instruction
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?",
    re.DOTALL | re.IGNORECASE,
)
_INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
}  # fmt: skip
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
}  # fmt: skip


def visible_text(doc: Document) -> tuple[str, Sequence[int]]:
    """The text a reader sees, and for each of its characters the offset in `doc.text`.

    HTML: script/style/comments vanish, inline tags (<b>, <a> …) vanish so "6710<b>亿</b>" stays
    one number, block tags (<p>, <br>, <li> …) become "\\n", other tags a space, entities are
    unescaped. `offsets` has one entry more than the text: its last entry is len(doc.text), so
    `offsets[end]` maps the end of a span too. Other documents come back unchanged with an
    identity map. Linear time; the map is a compact int array.
    """
    text = doc.text
    if not doc.is_html:
        return text, range(len(text) + 1)
    out: list[str] = []
    offsets = array("q")
    pos = 0
    for m in _HTML_TOKEN.finditer(text):
        start = m.start()
        if start > pos:
            out.append(text[pos:start])
            offsets.extend(range(pos, start))
        token = m.group(0)
        if token.startswith("&"):
            repl = html.unescape(token)
            if repl == token:  # an unknown entity is just text
                out.append(token)
                offsets.extend(range(start, m.end()))
            else:
                out.append(repl)
                offsets.extend([start] * len(repl))
        elif m.group(2):
            tag = m.group(2).lower()
            if tag in _BLOCK_TAGS:
                out.append("\n")
                offsets.append(start)
            elif tag not in _INLINE_TAGS:
                out.append(" ")
                offsets.append(start)
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
        offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return "".join(out), offsets


# ---- 1d the sources folder --------------------------------------------------------------------


def _check_folder(sources_dir: Path) -> None:
    if not sources_dir.exists():
        raise SourceError(f"Sources folder {sources_dir} does not exist (use --sources DIR).")
    if not sources_dir.is_dir():
        raise SourceError(f"{sources_dir} is not a folder (use --sources DIR).")


def _entries(sources_dir: Path) -> list[Path]:
    _check_folder(sources_dir)
    try:
        # by name: the same order as sorting the paths, without pathlib's slow __lt__ (1 s at 10,000 files)
        return sorted((p for p in sources_dir.iterdir() if not p.name.startswith(".")), key=lambda p: p.name)
    except OSError as e:
        raise SourceError(f"Cannot list the sources folder {sources_dir} ({e.strerror or e}).") from e


def is_document_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(DOCUMENT_SUFFIXES) and lower not in _HOUSEKEEPING and not name.startswith(".")


def discover(sources_dir: Path) -> list[Path]:
    """Documents in a sources folder, in a stable order."""
    return [p for p in _entries(sources_dir) if p.is_file() and is_document_name(p.name)]


def ignored_files(sources_dir: Path) -> list[str]:
    """Files in the sources folder that are not documents (images, PDFs …), each with why."""
    out = []
    for p in _entries(sources_dir):
        if p.is_file() and not is_document_name(p.name) and p.name.lower() not in _HOUSEKEEPING:
            out.append(not_a_document(p.name))
    return out


def not_a_document(name: str) -> str:
    return f"{name}: not a document (only .md, .txt and .html files are read)."


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- 1e metadata ------------------------------------------------------------------------------


def load_metadata(sources_dir: Path) -> dict[str, Source]:
    """Hand-written metadata from sources/sources.yaml (optional), keyed by file name.

    Strict (metadata.py): a duplicate key, a wrong type or absurd nesting is a SourceError
    naming the file and line, never silently hidden metadata or a traceback.
    """
    from dsfacts import metadata
    from dsfacts.models import Source

    raw = metadata.load(sources_dir / METADATA_FILE)
    return {
        name: Source.model_validate(
            {"id": name, **{k: [_s(x) for x in v] if isinstance(v, list) else _s(v) for k, v in fields.items() if k != "id"}}
        )
        for name, fields in raw.items()
    }


def describe(doc: Document, hand_written: Source | None = None) -> Source:
    from dsfacts.models import Source

    """Metadata of one document: hand-written entries win over front matter."""
    meta = doc.meta
    found = Source(
        id=doc.source,
        title=_s(meta.get("title")),
        author=_s(meta.get("author")),
        date=_s(meta.get("date")),
        url=_s(meta.get("url") or meta.get("source")),
        kind=_s(meta.get("kind")),
        language=_s(meta.get("lang") or meta.get("language")) or guess_language(doc.text),
        sha256=content_hash(doc.text.encode("utf-8")),
    )
    if hand_written is None:
        return found
    merged = found.model_dump()
    merged.update({k: v for k, v in hand_written.model_dump().items() if v is not None})
    return Source(**merged)


def guess_language(text: str) -> str:
    sample = text[:20000]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    return "zh" if han * 3 >= latin else "en"


def _s(v: Any) -> str | None:
    return None if v is None else str(v)
