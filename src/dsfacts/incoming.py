"""A document as it comes in through `dsfacts add`, made ready to store in sources/.

The file is checked (a .md, .txt or .html document, decodable), HTML is turned into Markdown
with trafilatura (front matter keeps its title, URL and date), its metadata is read or guessed
(title, kind, language), and it gets a readable id that no stored file has yet.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from dsfacts import sources as src
from dsfacts.errors import SourceError

ADDABLE = (".md", ".markdown", ".txt", ".html", ".htm")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
HTML_INSTALL_HINT = 'Adding HTML pages needs trafilatura: pip install "dsfacts[html]"'


def read_input(path: Path) -> tuple[bytes, str]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise SourceError(f"{path}: no such file.")
    if path.is_dir():
        raise SourceError(f"{path}: is a folder; give the documents inside it (e.g. {path}/*.md).")
    if suffix not in ADDABLE:
        raise SourceError(
            f"{path}: only .md, .txt and .html documents can be added (this is {suffix or 'no suffix'})."
        )
    try:
        return path.read_bytes(), suffix
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror or e}).") from e


def _convert(data: bytes, path: Path, suffix: str) -> tuple[bytes, dict[str, Any]]:
    """-> (bytes to store, metadata). Text is stored as it came; HTML becomes Markdown."""
    doc = src.read_text_document(data, path.name)  # SourceError for binary / undecodable input
    if suffix in (".html", ".htm"):
        return html_to_markdown(doc.text, path.name)
    meta = {
        "title": _str(doc.meta.get("title")) or _first_heading(doc.body),
        "author": _str(doc.meta.get("author")),
        "date": _str(doc.meta.get("date")),
        "url": _str(doc.meta.get("url") or doc.meta.get("source")),
        "kind": _str(doc.meta.get("kind")),
        "language": _str(doc.meta.get("lang") or doc.meta.get("language")) or src.guess_language(doc.text),
    }
    return data, meta


def convert_within_budget(data: bytes, path: Path, suffix: str) -> tuple[bytes, dict[str, Any]]:
    """_convert under the per-document time budget: a hostile page is refused, never a hang."""
    from dsfacts import budget

    seconds = budget.max_seconds(len(data))
    try:
        with budget.deadline(seconds):
            return _convert(data, path, suffix)
    except budget.DocumentTimeout:
        raise SourceError(f"{path}: not read within {seconds:.3g} s; not added.") from None


def html_to_markdown(html_text: str, name: str) -> tuple[bytes, dict[str, Any]]:
    """An HTML page -> Markdown with YAML front matter (title, url, date …) and its metadata."""
    try:
        import trafilatura
    except ImportError as e:  # not installed, or installed without its own dependencies
        raise SourceError(f"{name}: {HTML_INSTALL_HINT} ({e}).") from e
    body = trafilatura.extract(
        html_text, output_format="markdown", include_tables=True, include_links=False, favor_recall=True
    )
    if body:  # Markdown escapes (total\_params, 1\.5B) would end up inside quotes
        body = _MD_ESCAPE.sub(r"\1", body)
    found = trafilatura.extract_metadata(html_text)
    meta: dict[str, Any] = {}
    if found is not None:
        meta = {
            "title": found.title,
            "author": found.author,
            "date": found.date,
            "url": found.url,
            "sitename": found.sitename,
        }
    if not body or not body.strip():  # broken or odd HTML: fall back to the visible text
        text, _ = src.visible_text(src.Document(source=name, text=html_text))
        body = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    if not body.strip():
        raise SourceError(f"{name}: no readable text found in this HTML page.")
    meta = {k: str(v) for k, v in meta.items() if v}
    meta.setdefault("title", _first_heading(body))
    meta["language"] = src.guess_language(body)
    head = {k: meta[k] for k in ("title", "author", "date", "url") if meta.get(k)}
    front = yaml.safe_dump(head, allow_unicode=True, sort_keys=False, width=1000) if head else ""
    text = (f"---\n{front}---\n\n" if front else "") + body.strip() + "\n"
    return text.encode("utf-8"), meta


def guess_kind(path: Path, meta: dict[str, Any]) -> str | None:
    url = (meta.get("url") or "").lower()
    if "arxiv.org" in url:
        return "paper"
    if "readme" in path.name.lower() or "github.com" in url:
        return "readme"
    if path.suffix.lower() in (".html", ".htm"):
        return "web"
    return None


def choose_id(wanted: str | None, title: str | None, path: Path, suffix: str, taken: set[str]) -> str:
    ext = ".md" if suffix in (".html", ".htm", ".markdown") else suffix
    if wanted:
        stem = wanted[: -len(Path(wanted).suffix)] if Path(wanted).suffix.lower() in ADDABLE else wanted
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", stem):
            raise SourceError(f"--id {wanted!r}: use letters, digits, '.', '_' and '-' only.")
        name = stem + ext
        if name.lower() in taken:
            raise SourceError(f"--id {wanted!r}: {name} already exists in the sources folder.")
        return name
    stem = slug(title or "")
    if len(stem) < 3:
        stem = slug(path.stem) or "document"
    name, n = stem + ext, 2
    while name.lower() in taken:
        name, n = f"{stem}-{n}{ext}", n + 1
    return name


def slug(text: str, limit: int = 60) -> str:
    """'DeepSeek-V3 Technical Report!' -> 'deepseek-v3-technical-report' (ASCII; CJK drops out)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", ascii_text.lower())
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out


def _first_heading(text: str) -> str | None:
    for line in text[:20000].splitlines():
        line = line.strip()
        if line.startswith("#"):
            return line.lstrip("#").strip()[:120] or None
        if line:
            return line[:120] if len(line) <= 120 else None
    return None



def _str(v: Any) -> str | None:
    return None if v is None or v == "" else str(v)
