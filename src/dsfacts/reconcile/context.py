"""What reconciliation needs from the knowledge base besides claims: texts and metadata (stage 4b).

`context_for(kb)` reads the documents behind the claims once, to fold near-duplicate documents
into copy families, and takes each source's `kind` (sources.yaml, else front matter) for priors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dsfacts.errors import SourceError
from dsfacts.models import Source
from dsfacts.reconcile.facts import Context
from dsfacts.reconcile.independence import near_duplicates, priors_for

if TYPE_CHECKING:
    from dsfacts.kb import KnowledgeBase


def context_for(kb: KnowledgeBase, *, documents: bool = True) -> Context:
    """Copy families of the documents behind kb's claims and priors from their metadata."""
    from dsfacts import sources as src

    meta: dict[str, Source] = dict(kb.sources)
    texts: dict[str, str] = {}
    named = {c.source for c in kb.claims}
    if documents and kb.sources_dir.is_dir():
        for path in src.discover(kb.sources_dir):
            if path.name not in named:
                continue
            try:
                doc = src.read_document(path)
            except (SourceError, OSError):
                continue  # unreadable now: its claims still count, it just folds with nothing
            texts[path.name] = doc.text[doc.body_start :]
            kind = doc.meta.get("kind") if isinstance(doc.meta, dict) else None
            if kind and not (meta.get(path.name) and meta[path.name].kind):
                base = meta.get(path.name) or Source(id=path.name)
                meta[path.name] = base.model_copy(update={"kind": str(kind)})
    return Context(families=near_duplicates(texts), priors=priors_for(meta))
