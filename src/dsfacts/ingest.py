"""Grow and shrink the knowledge base: `dsfacts add` and `dsfacts remove`.

Adding copies a document into sources/ under a readable id, records its metadata in
sources/sources.yaml, re-extracts (incrementally) and says what changed. HTML pages are turned
into Markdown with trafilatura first and stored as `.md`, so provenance points into the stored
file; incoming.py prepares each document (conversion, metadata, id). The same content twice is
refused politely (a message, exit status 0): `add` is idempotent. If extraction fails, the folder
is put back as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dsfacts import cache as cache_mod
from dsfacts import kb, lock, nearcopy, store
from dsfacts import metadata as metadata_mod
from dsfacts import sources as src
from dsfacts.errors import SourceError, StoreError
from dsfacts.incoming import choose_id, convert_within_budget, guess_kind, read_input
from dsfacts.models import Claim


@dataclass
class Added:
    id: str
    origin: str  # the path the user gave
    meta: dict[str, Any]
    claims: int = 0


@dataclass
class FactChange:
    entity: str
    attribute: str
    before: str | None  # status before, None when the fact is new
    after: str | None  # status after, None when the fact is gone


@dataclass
class ChangeReport:
    added: list[Added] = field(default_factory=list)
    removed: list[tuple[str, int]] = field(default_factory=list)  # (id, claims it had)
    refused: list[str] = field(default_factory=list)  # duplicates, each with why
    extract: kb.ExtractReport | None = None
    changes: list[FactChange] = field(default_factory=list)
    reconciled: bool = False  # False when dsfacts.reconcile is not available yet


# ---- add --------------------------------------------------------------------------------------


def add(
    paths: list[Path],
    sources_dir: Path,
    claims_path: Path,
    *,
    kind: str | None = None,
    language: str | None = None,
    id: str | None = None,
    jobs: int = 1,
) -> ChangeReport:
    """Copy documents in and re-extract, holding the knowledge base's write lock throughout:
    ids are chosen against the folder as it is under the lock, so concurrent adds never collide."""
    sources_dir, claims_path = Path(sources_dir), Path(claims_path)
    _check_writable(sources_dir)
    with lock.writing(_kb_dir(claims_path)):
        return _add(paths, sources_dir, claims_path, kind=kind, language=language, id=id, jobs=jobs)


def _kb_dir(claims_path: Path) -> Path:
    return Path(claims_path).parent if str(Path(claims_path).parent) else Path(".")


def _add(
    paths: list[Path],
    sources_dir: Path,
    claims_path: Path,
    *,
    kind: str | None,
    language: str | None,
    id: str | None,
    jobs: int,
) -> ChangeReport:
    if id and len(paths) > 1:
        raise SourceError("--id names one document; add the others in separate commands.")
    before = _old_claims(claims_path)
    report = ChangeReport()
    known = _known_hashes(sources_dir)
    taken = {p.name.lower() for p in sources_dir.iterdir()}
    prepared: list[tuple[str, bytes, dict[str, Any], str]] = []  # (id, bytes to store, meta, origin)
    for path in paths:
        data, suffix = read_input(Path(path))
        sha = src.content_hash(data)
        if sha in known:
            report.refused.append(
                f"{path}: already in the knowledge base as {known[sha]} (same content); not added."
            )
            continue
        stored, meta = convert_within_budget(data, Path(path), suffix)
        as_stored = Path(path).name if stored is data else "converted.md"  # HTML is stored as Markdown
        copied = nearcopy.find_near_copy(nearcopy.comparable_text(stored, as_stored), meta.get("url"), sources_dir)
        if copied:  # a copy would count twice as independent evidence
            report.refused.append(f"{path}: a near-copy of a document already in the knowledge base ({copied}); not added.")
            continue
        meta["kind"] = kind or meta.get("kind") or guess_kind(Path(path), meta)
        if language:
            meta["language"] = language
        doc_id = choose_id(id, meta.get("title"), Path(path), suffix, taken)
        taken.add(doc_id.lower())
        if stored is not data:  # converted (HTML): remember the original to refuse it next time
            meta["origin_sha256"] = sha
        known[sha] = doc_id
        prepared.append((doc_id, stored, {k: v for k, v in meta.items() if v not in (None, "")}, str(path)))
    if not prepared:
        return report

    metadata_path = sources_dir / src.METADATA_FILE
    old_metadata = metadata_path.read_bytes() if metadata_path.exists() else None
    written: list[Path] = []
    try:
        for doc_id, stored, meta, origin in prepared:
            target = sources_dir / doc_id
            _atomic_write_bytes(target, stored)
            written.append(target)
            report.added.append(Added(doc_id, origin, meta))
        _append_metadata(metadata_path, {doc_id: meta for doc_id, _, meta, _ in prepared})
        report.extract = kb.extract_all(sources_dir, claims_path, jobs=jobs)
    except BaseException:
        for target in written:  # put the folder back as it was
            with contextlib.suppress(OSError):
                target.unlink()
        with contextlib.suppress(OSError):
            if old_metadata is None:
                metadata_path.unlink(missing_ok=True)
            else:
                _atomic_write_bytes(metadata_path, old_metadata)
        raise
    after = store.read_claims(claims_path)
    counts = _count_by_source(after)
    for a in report.added:
        a.claims = counts.get(a.id, 0)
    report.changes, report.reconciled = _fact_changes(before, after)
    return report


# ---- remove -----------------------------------------------------------------------------------


def remove(ids: list[str], sources_dir: Path, claims_path: Path, *, jobs: int = 1) -> ChangeReport:
    """Delete documents and their metadata, then re-extract: all of it or none of it.

    Every id is resolved before anything is deleted; if a deletion, the metadata rewrite or the
    extraction fails (or is interrupted), the files and sources.yaml are put back as they were.
    """
    sources_dir, claims_path = Path(sources_dir), Path(claims_path)
    _check_writable(sources_dir)
    with lock.writing(_kb_dir(claims_path)):
        names = list(dict.fromkeys(resolve_id(i, sources_dir) for i in ids))
        before = _old_claims(claims_path)
        counts = _count_by_source(before)
        metadata_path = sources_dir / src.METADATA_FILE
        report = ChangeReport()
        saved: dict[Path, bytes] = {}
        for name in names:
            try:
                saved[sources_dir / name] = (sources_dir / name).read_bytes()
            except OSError as e:
                raise SourceError(f"Cannot read {sources_dir / name} ({e.strerror or e}); nothing removed.") from e
        old_metadata = metadata_path.read_bytes() if metadata_path.exists() else None
        try:
            for path in saved:
                try:
                    path.unlink()
                except OSError as e:
                    raise SourceError(f"Cannot delete {path} ({e.strerror or e}); nothing removed.") from e
                report.removed.append((path.name, counts.get(path.name, 0)))
            _drop_metadata(metadata_path, names)
            report.extract = kb.extract_all(sources_dir, claims_path, jobs=jobs)
        except BaseException:
            for path, data in saved.items():  # put the folder back as it was
                with contextlib.suppress(OSError, SourceError):
                    if not path.exists():
                        _atomic_write_bytes(path, data)
            if old_metadata is not None:
                with contextlib.suppress(OSError, SourceError):
                    _atomic_write_bytes(metadata_path, old_metadata)
            raise
    after = store.read_claims(claims_path)
    report.changes, report.reconciled = _fact_changes(before, after)
    return report


def resolve_id(wanted: str, sources_dir: Path) -> str:
    """A document's file name from its id: the file name itself, or the name without suffix."""
    docs = [p.name for p in src.discover(sources_dir)]
    if wanted in docs:
        return wanted
    wanted_path = Path(wanted).name
    matches = [d for d in docs if d == wanted_path or Path(d).stem == Path(wanted_path).stem == wanted_path]
    if len(matches) == 1:
        return matches[0]
    import difflib

    close = difflib.get_close_matches(wanted, docs, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise SourceError(f"No document {wanted!r} in {sources_dir}.{hint}")


# ---- shared helpers ---------------------------------------------------------------------------


def _check_writable(sources_dir: Path) -> None:
    if not sources_dir.is_dir():
        raise SourceError(f"Sources folder {sources_dir} does not exist (create it or use --sources DIR).")
    if not _writable(sources_dir):
        raise SourceError(f"Sources folder {sources_dir} is read-only; cannot change it.")


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _known_hashes(sources_dir: Path) -> dict[str, str]:
    """Content hash -> document id, for every stored file and every original an HTML page came from."""
    known: dict[str, str] = {}
    for p in src.discover(sources_dir):
        with contextlib.suppress(OSError):
            known[cache_mod.file_sha256(p)] = p.name
    for name, meta in src.load_metadata(sources_dir).items():
        origin = getattr(meta, "origin_sha256", None)
        if origin and (sources_dir / name).exists():
            known[str(origin)] = name
    return known


def _old_claims(claims_path: Path) -> list[Claim]:
    """Claims before the change; a missing or corrupt file counts as empty (it is rewritten)."""
    try:
        return store.read_claims(claims_path)
    except StoreError:
        return []


def _count_by_source(claims: list[Claim]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in claims:
        counts[c.source] = counts.get(c.source, 0) + 1
    return counts


def _fact_changes(before: list[Claim], after: list[Claim]) -> tuple[list[FactChange], bool]:
    try:
        from dsfacts.reconcile import reconcile
    except ImportError:
        return [], False
    old = {(f.entity, f.attribute): f.status for f in reconcile(before)}
    new = {(f.entity, f.attribute): f.status for f in reconcile(after)}
    changes = [
        FactChange(e, a, old.get((e, a)), new.get((e, a)))
        for (e, a) in sorted(old.keys() | new.keys())
        if old.get((e, a)) != new.get((e, a))
    ]
    return changes, True


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise SourceError(f"Cannot write {path}: {e.strerror or e}.") from e
        raise


def _append_metadata(path: Path, entries: dict[str, dict[str, Any]]) -> None:
    """Add entries through a round-trip edit, so comments, order and style in sources.yaml survive."""
    _atomic_write_bytes(path, metadata_mod.with_entries(path, entries).encode("utf-8"))


def _drop_metadata(path: Path, names: list[str]) -> None:
    """Delete the top-level entries of these documents, keeping the rest of the file as it is."""
    text = metadata_mod.without_entries(path, names)
    if text is not None:
        _atomic_write_bytes(path, text.encode("utf-8"))
