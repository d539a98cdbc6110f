"""Is a new document a near-copy of one already in sources/? (same URL, or >= 90% the same text)

A copy would count twice as independent evidence; `add` refuses it and says which one it copies.
"""

from __future__ import annotations

import re
from pathlib import Path

from dsfacts import sources as src
from dsfacts.errors import SourceError

SIMILAR = 90.0  # percent of the same text (rapidfuzz ratio) that makes a near-copy
MIN_CHARS = 200  # below this, one changed number is 10% of the text: only identical files are copies
_SPACE = re.compile(r"\s+")


def normalize_url(url: str | None) -> str:
    """'https://www.Example.com/a/' and 'http://example.com/a' are the same page."""
    if not url:
        return ""
    u = url.strip().lower()
    u = re.sub(r"^[a-z]+://", "", u)
    u = re.sub(r"^www\.", "", u)
    u = u.split("#", 1)[0]
    return u.rstrip("/")


def comparable_text(data: bytes | str, name: str) -> str:
    """The text a reader sees (front matter and markup dropped), whitespace collapsed."""
    doc = src.read_text_document(data.encode("utf-8") if isinstance(data, str) else data, name)
    text = src.visible_text(doc)[0] if doc.is_html else doc.body
    return _SPACE.sub(" ", text).strip()


def find_near_copy(text: str, url: str | None, sources_dir: Path, threshold: float = SIMILAR) -> str | None:
    """Why the document copies one in sources_dir ("same URL as X", "93% the same text as X"), or None."""
    from rapidfuzz import fuzz

    wanted = normalize_url(url)
    if wanted:
        for name, meta in src.load_metadata(sources_dir).items():
            if normalize_url(meta.url) == wanted and (sources_dir / name).exists():
                return f"same URL as {name} ({meta.url})"
    if len(text) < MIN_CHARS:
        return None
    best: tuple[float, str] | None = None
    for path in src.discover(sources_dir):
        try:
            other = comparable_text(path.read_bytes(), path.name)
        except (OSError, SourceError):
            continue
        total = len(text) + len(other)
        if len(other) < MIN_CHARS or abs(len(text) - len(other)) > total * (100 - threshold) / 100:
            continue  # lengths alone rule out the threshold: skip the expensive comparison
        score = fuzz.ratio(text, other, score_cutoff=threshold)
        if score and (best is None or score > best[0]):
            best = (score, path.name)
    if best is None:
        return None
    return f"{best[0]:.0f}% the same text as {best[1]}"
