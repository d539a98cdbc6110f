"""The knowledge base as a whole: sources/ + claims.jsonl, and the pipeline that links them.

    1 read      sources.py         documents, any encoding, offsets kept
    2 segment   segment.py         blocks with section context and exact line/column
    3 extract   extract/engine.py  claims: entity, attribute, normalized value, provenance
    4 store     store.py           claims.jsonl, atomic and ordered
    5 reconcile reconcile.py       facts: agreed / disputed, preferred value, explanation
    6 report    check.py, render.py  draft verdicts, tables and cards
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dsfacts import sources as src
from dsfacts import store
from dsfacts.errors import SourceError
from dsfacts.extract.engine import extract_document
from dsfacts.models import Claim, Source

Progress = Callable[[int, int, str], None]  # (done, total, current file)


@dataclass
class ExtractReport:
    documents: int = 0
    claims: int = 0
    problems: list[str] = field(default_factory=list)  # files named and skipped, with why


def extract_all(sources_dir: Path, claims_path: Path, progress: Progress | None = None) -> ExtractReport:
    """Stages 1-4: parse every document in sources_dir and rewrite claims_path atomically."""
    paths = src.discover(sources_dir)
    report = ExtractReport()
    claims: list[Claim] = []
    for i, path in enumerate(paths):
        if progress:
            progress(i, len(paths), path.name)
        try:
            doc = src.read_document(path)
        except SourceError as e:
            report.problems.append(str(e))
            continue
        claims.extend(extract_document(doc))
        report.documents += 1
    if progress:
        progress(len(paths), len(paths), "")
    report.claims = store.write_claims(claims_path, claims)
    return report


@dataclass
class KnowledgeBase:
    sources_dir: Path
    claims: list[Claim]
    sources: dict[str, Source]


def load(sources_dir: Path, claims_path: Path) -> KnowledgeBase:
    """Read claims.jsonl (never re-extracting) and the sources' metadata."""
    claims = store.read_claims(claims_path)
    meta = src.load_metadata(sources_dir) if sources_dir.is_dir() else {}
    return KnowledgeBase(sources_dir, claims, meta)
