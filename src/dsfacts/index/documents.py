"""What the read index keeps per document for reconciliation's context, and what a change moves.

Copy families and source priors (reconcile/context.py) come from every document's sentence
shingles and front-matter kind. Both depend on the document alone, so they are kept per document
with its hash: an update reads only the documents whose hash changed, recomputes the families
from the kept shingles, and names the sources whose family, copy note or kind moved. Their facts
must be reconciled again; every other fact's context is unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dsfacts.reconcile.context import DocumentPart, context_from, document_part, source_meta
from dsfacts.reconcile.facts import Context
from dsfacts.reconcile.independence import COMMON, CONTAINMENT, MIN_SENTENCES, Families, priors_for

_FEW = 16  # changed documents checked one by one; more, and the families are recomputed

SCHEMA = """
CREATE TABLE documents (name TEXT PRIMARY KEY, sha TEXT NOT NULL, kind TEXT, shingles TEXT NOT NULL,
                        family TEXT NOT NULL, why TEXT);
"""


@dataclass
class _Kept:
    sha: str
    part: DocumentPart
    family: str
    why: tuple[str, str] | None


@dataclass
class Documents:
    """The documents' context as recorded, then as it is now (`refresh`), and what moved."""

    kept: dict[str, _Kept] = field(default_factory=dict)
    now: dict[str, tuple[str, DocumentPart]] = field(default_factory=dict)  # name -> (sha, part)
    context: Context | None = None
    moved: set[str] = field(default_factory=set)  # sources whose family, copy note or kind changed

    @classmethod
    def load(cls, db: sqlite3.Connection) -> Documents:
        kept = {}
        for name, sha, kind, shingles, family, why in db.execute("SELECT * FROM documents"):
            part = DocumentPart(frozenset(json.loads(shingles)), kind)
            note = json.loads(why) if why else None
            kept[name] = _Kept(sha, part, family, (note[0], note[1]) if note else None)
        return cls(kept)

    def refresh(self, sources_dir: Path | None, named: set[str], hashes: Mapping[str, str] | None) -> Context | None:
        """The context for the documents now in `sources_dir` that have claims (`named`).

        `hashes` (name -> sha256, from extract) spares reading unchanged documents; without it
        every document is read and hashed. No sources folder: no context, as without the index.
        """
        from dsfacts import sources as src
        from dsfacts.errors import SourceError

        if sources_dir is None or not Path(sources_dir).is_dir():
            self.moved = set(self.kept)
            return None
        meta = _metadata(Path(sources_dir))
        # extract listed the folder already: its hashes name every document it could read
        names = sorted(hashes) if hashes is not None else [p.name for p in src.discover(Path(sources_dir))]
        for name in names:
            if name not in named:
                continue
            was = self.kept.get(name)
            sha = hashes.get(name) if hashes else None
            if sha is not None and was is not None and was.sha == sha:
                self.now[name] = (sha, was.part)
                continue
            path = Path(sources_dir) / name
            try:
                data = path.read_bytes()
                sha = src.content_hash(data)
                part = was.part if was is not None and was.sha == sha else document_part(src.read_text_document(data, path.name))
            except (SourceError, OSError):
                continue  # unreadable now: its claims still count, it just folds with nothing
            self.now[path.name] = (sha, part)
        parts = {name: part for name, (_, part) in self.now.items()}
        same = parts.keys() == self.kept.keys() and all(parts[n] == k.part for n, k in self.kept.items())
        if same or self._families_stand(parts):  # the kept families stand
            context = Context(families=self._kept_families(), priors=priors_for(source_meta(meta, parts)))
        else:
            context = context_from(meta, parts)
        self.context = context
        self.moved = self._moved(context.families or Families())
        return context

    def _families_stand(self, parts: Mapping[str, DocumentPart]) -> bool:
        """Would near_duplicate_families join exactly as before? Yes when each document whose
        sentences changed (added, edited, removed; a few) was alone before and joins nothing now,
        is no exact copy, and moves no sentence across the boilerplate line: every other pair
        shares what it shared, so the same joins happen in the same order. Spares recomputing
        10,000 documents' families for one edited document (0.1 s); anything else recomputes."""
        changed = sorted(n for n in set(parts) | set(self.kept) if n not in self.kept or parts.get(n) != self.kept[n].part)
        if not changed or len(changed) > _FEW:
            return False
        members = Counter(k.family for k in self.kept.values())
        for n in changed:  # alone before: its own family, nobody else's, a copy of nothing
            k = self.kept.get(n)
            if k is not None and (k.family != n or k.why is not None or members[n] != 1):
                return False
        wanted: set[int] = set()
        for n in changed:
            wanted |= parts[n].shingles if n in parts else set()
            wanted |= self.kept[n].part.shingles if n in self.kept else set()
        # the documents near_duplicate_families indexes now (enough sentences, not an exact copy)
        first_of: dict[frozenset[int], str] = {}
        postings: dict[int, list[str]] = {h: [] for h in wanted}
        for name in sorted(parts):
            sh = parts[name].shingles
            if len(sh) < MIN_SENTENCES:
                continue
            if sh in first_of:
                if name in changed or first_of[sh] in changed:
                    return False  # an exact copy of (or copied by) a changed document
                continue
            first_of[sh] = name
            if not wanted.isdisjoint(sh):
                for h in wanted.intersection(sh):
                    postings[h].append(name)
        indexed = set(first_of.values())
        was_indexed = {n for n in changed if n in self.kept and len(self.kept[n].part.shingles) >= MIN_SENTENCES}
        for h, docs in postings.items():  # no sentence crosses the boilerplate line
            before = len(docs) - sum(1 for n in changed if n in indexed and h in parts[n].shingles) + sum(
                1 for n in was_indexed if h in self.kept[n].part.shingles
            )
            if (len(docs) > COMMON) != (before > COMMON):
                return False
        for n in changed:  # joins nothing now
            if n not in indexed:
                continue
            mine = parts[n].shingles
            shared: Counter[str] = Counter()
            for h in mine:
                if len(postings[h]) <= COMMON:
                    shared.update(o for o in postings[h] if o != n)
            if any(count >= CONTAINMENT * min(len(mine), len(parts[o].shingles)) for o, count in shared.items()):
                return False
        return True

    def _kept_families(self) -> Families:
        fam = Families()
        for name, k in self.kept.items():
            if k.family != name:
                fam._parent[name] = k.family  # a family is named by its root: the same `of` answers
            if k.why is not None:
                fam.why[name] = k.why
        return fam

    def _moved(self, fam: Families) -> set[str]:
        out = set()
        for name in set(self.kept) | set(self.now):
            k = self.kept.get(name)
            now = self.now.get(name)
            before = (k.family, k.why, k.part.kind) if k else (name, None, None)
            after = (fam.of(name), fam.why.get(name), now[1].kind if now else None)
            if before != after or (k is None) != (now is None):
                out.add(name)
        return out

    def save(self, db: sqlite3.Connection) -> None:
        """Write the rows that changed (a document's hash or part, its family or copy note)."""
        fam = self.context.families if self.context and self.context.families else Families()
        db.executemany("DELETE FROM documents WHERE name = ?", [(n,) for n in sorted(set(self.kept) - set(self.now))])
        rows = []
        for name, (sha, part) in sorted(self.now.items()):
            why = fam.why.get(name)
            k = self.kept.get(name)
            if k is None or (k.sha, k.part, k.family, k.why) != (sha, part, fam.of(name), why):
                rows.append((name, sha, part.kind, json.dumps(sorted(part.shingles)), fam.of(name),
                             json.dumps(list(why), ensure_ascii=False) if why else None))  # fmt: skip
        db.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?)", rows)


def _metadata(sources_dir: Path) -> Any:
    from dsfacts import sources as src

    try:
        return src.load_metadata(sources_dir)
    except Exception:  # noqa: BLE001 - metadata problems are reported by the commands, not here
        return {}
