"""Stage 1: find and read documents — any encoding, front matter split, offsets kept.

A Document keeps the decoded text exactly as it is on disk (only a BOM is dropped), so every
offset maps back to the file's own line and column: provenance must point into the real file.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dsfacts.errors import SourceError
from dsfacts.models import Source

DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
METADATA_FILE = "sources.yaml"


@dataclass
class Document:
    source: str  # file name inside the sources folder (or the draft's path)
    text: str  # decoded, exactly as on disk
    body_start: int = 0  # offset where the content after YAML front matter begins
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        for i, ch in enumerate(self.text):
            if ch == "\n":
                starts.append(i + 1)
        self._line_starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a text offset."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    @property
    def is_html(self) -> bool:
        return self.source.lower().endswith((".html", ".htm"))


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> (text, encoding name). UTF-8 first (fast, exact); else charset-normalizer."""
    if not data:
        return "", "utf-8"
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise SourceError(f"{name}: looks like a binary file, not a text document; remove it or convert it to text.")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SourceError(f"{name}: cannot tell this file's text encoding; save it as UTF-8 and try again.")
    return str(best), best.encoding


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    return max(zeros_even, zeros_odd) > len(sample) // 4 and min(zeros_even, zeros_odd) < len(sample) // 50


def split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """YAML front matter between leading '---' lines -> (metadata, offset of the body)."""
    if not text.startswith("---"):
        return {}, 0
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, 0
    pos = first_nl + 1
    while pos <= len(text):
        nl = text.find("\n", pos)
        line = text[pos : nl if nl >= 0 else len(text)]
        if line.strip() in ("---", "..."):
            body = nl + 1 if nl >= 0 else len(text)
            try:
                meta = yaml.safe_load(text[first_nl + 1 : pos]) or {}
            except yaml.YAMLError:
                meta = {}  # broken front matter: keep the text, lose only the metadata
            return (meta if isinstance(meta, dict) else {}), body
        if nl < 0:
            break
        pos = nl + 1
    return {}, 0


def read_text_document(data: bytes, name: str) -> Document:
    text, encoding = decode(data, name)
    meta, body = split_front_matter(text)
    return Document(source=name, text=text, body_start=body, meta=meta, encoding=encoding)


def read_document(path: Path, name: str | None = None) -> Document:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror or e}).") from e
    return read_text_document(data, name or path.name)


def discover(sources_dir: Path) -> list[Path]:
    """Documents in a sources folder, in a stable order."""
    if not sources_dir.exists():
        raise SourceError(f"Sources folder {sources_dir} does not exist (use --sources DIR).")
    if not sources_dir.is_dir():
        raise SourceError(f"{sources_dir} is not a folder (use --sources DIR).")
    return sorted(
        p
        for p in sources_dir.iterdir()
        if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(".")
        and p.name.lower() != "readme.md"
    )


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_metadata(sources_dir: Path) -> dict[str, Source]:
    """Hand-written metadata from sources/sources.yaml (optional), keyed by file name."""
    path = sources_dir / METADATA_FILE
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise SourceError(f"{path}: not valid YAML ({e}).") from e
    if not isinstance(raw, dict):
        raise SourceError(f"{path}: expected a mapping of file name -> metadata.")
    out: dict[str, Source] = {}
    for file_name, fields in raw.items():
        fields = dict(fields or {})
        fields.pop("id", None)
        out[str(file_name)] = Source(id=str(file_name), **{k: (str(v) if v is not None else None) for k, v in fields.items()})
    return out


def describe(doc: Document, hand_written: Source | None = None) -> Source:
    """Metadata of one document: hand-written entries win over front matter."""
    meta = doc.meta
    found = Source(
        id=doc.source,
        title=_s(meta.get("title")),
        author=_s(meta.get("author")),
        date=_s(meta.get("date")),
        url=_s(meta.get("url") or meta.get("source")),
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
