"""What reconciliation needs from the knowledge base besides claims: texts and metadata (stage 4b).

`context_for(kb)` reads the documents behind the claims once, to fold near-duplicate documents
into copy families, and takes each source's `kind` (sources.yaml, else front matter) for priors.
What it takes from one document (`document_part`) depends on that document alone, so the read
index keeps it per document and re-reads only the documents that changed (`context_from`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from dsfacts.errors import SourceError
from dsfacts.models import Source
from dsfacts.reconcile.facts import Context
from dsfacts.reconcile.independence import near_duplicate_families, priors_for, shingles

if TYPE_CHECKING:
    from dsfacts.kb import KnowledgeBase
    from dsfacts.sources import Document


class DocumentPart(NamedTuple):
    """What reconciliation reads of one document: its sentence shingles and front-matter kind."""

    shingles: frozenset[int]
    kind: str | None


def document_part(doc: Document) -> DocumentPart:
    kind = doc.meta.get("kind") if isinstance(doc.meta, dict) else None
    return DocumentPart(frozenset(shingles(doc.text[doc.body_start :])), str(kind) if kind else None)


def context_for(kb: KnowledgeBase, *, documents: bool = True) -> Context:
    """Copy families of the documents behind kb's claims and priors from their metadata."""
    from dsfacts import sources as src

    parts: dict[str, DocumentPart] = {}
    named = {c.source for c in kb.claims}
    if documents and kb.sources_dir.is_dir():
        for path in src.discover(kb.sources_dir):
            if path.name not in named:
                continue
            try:
                doc = src.read_document(path)
            except (SourceError, OSError):
                continue  # unreadable now: its claims still count, it just folds with nothing
            parts[path.name] = document_part(doc)
    return context_from(kb.sources, parts)


def source_meta(meta: Mapping[str, Source], parts: Mapping[str, DocumentPart]) -> dict[str, Source]:
    """sources.yaml's metadata, with a document's front-matter kind where sources.yaml gives none."""
    out: dict[str, Source] = dict(meta)
    for name, part in parts.items():
        if part.kind and not (out.get(name) and out[name].kind):
            base = out.get(name) or Source(id=name)
            out[name] = base.model_copy(update={"kind": part.kind})
    return out


def context_from(meta: Mapping[str, Source], parts: Mapping[str, DocumentPart]) -> Context:
    """The context from sources.yaml's metadata and the documents' parts (name -> part)."""
    families = near_duplicate_families({name: set(part.shingles) for name, part in parts.items()})
    return Context(families=families, priors=priors_for(source_meta(meta, parts)))
