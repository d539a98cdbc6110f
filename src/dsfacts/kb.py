"""The knowledge base as a whole: sources/ + claims.jsonl, and the pipeline that links them.

    1 read      sources.py         documents, any encoding, offsets kept
    2 segment   segment.py         blocks with section context and exact line/column
    3 extract   extract/engine.py  claims: entity, attribute, normalized value, provenance
    4 store     store.py           claims.jsonl, atomic and ordered
    5 reconcile reconcile.py       facts: agreed / disputed, preferred value, explanation
    6 report    check.py, render.py  draft verdicts, tables and cards

Extraction is incremental: cache.py remembers each source's claims by content hash, so only
changed documents are parsed again (optionally in parallel processes); the output is the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dsfacts import cache as cache_mod
from dsfacts import sources as src
from dsfacts import store
from dsfacts.errors import SourceError
from dsfacts.models import Claim, Source

Progress = Callable[[int, int, str], None]  # (done, total, current file)


@dataclass
class ExtractReport:
    documents: int = 0  # documents read (parsed now or taken from the cache)
    claims: int = 0
    parsed: int = 0  # documents parsed in this run
    cached: int = 0  # documents whose claims came from the cache
    problems: list[str] = field(default_factory=list)  # files named and skipped, with why


# ---- stages 1-3 for one document (runs in worker processes too) ------------------------------


def parse_source(path: str) -> tuple[list[dict[str, Any]] | None, str | None]:
    """Read and extract one file -> (claims as dicts, None) or (None, why it was skipped).

    (claims, warning) when the file was read with lines skipped (mixed encodings)."""
    from dsfacts.extract import engine  # imported here: read commands never load the engine

    p = Path(path)
    try:
        doc = src.read_document(p)
    except SourceError as e:
        return None, str(e)
    try:
        claims = engine.extract_document(doc)
    except Exception as e:  # noqa: BLE001 - one document's parser bug must not lose the others
        return (
            None,
            f"{p.name}: the extractor failed on this file ({type(e).__name__}: {e}); please report it.",
        )
    warning = "; ".join(doc.problems) or None  # read with lines skipped: claims kept, file named
    return [c.model_dump(exclude_none=True) for c in claims], warning


def parse_within_budget(path: str) -> tuple[list[dict[str, Any]] | None, str | None]:
    """parse_source under the per-document size and time budget (budget.py): skipped, never hung."""
    from dsfacts import budget

    too_big = budget.oversized(Path(path))
    if too_big:
        return None, too_big
    seconds = budget.seconds_for(Path(path))
    try:
        with budget.deadline(seconds):
            return parse_source(path)
    except budget.DocumentTimeout:
        return None, (
            f"{Path(path).name}: not parsed within {seconds:.3g} s, skipped; "
            "please report this file (DSFACTS_DOC_TIMEOUT sets the limit)."
        )


def _parse_many(
    paths: list[Path], jobs: int
) -> Iterator[tuple[Path, list[dict[str, Any]] | None, str | None]]:
    if jobs <= 1 or len(paths) < 2:
        for p in paths:
            yield (p, *parse_within_budget(str(p)))
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(paths) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for p, (claims, problem) in zip(
            paths, pool.map(parse_within_budget, [str(p) for p in paths], chunksize=chunk), strict=True
        ):
            yield p, claims, problem


def extract_all(
    sources_dir: Path,
    claims_path: Path,
    progress: Progress | None = None,
    *,
    jobs: int = 1,
    use_cache: bool = True,
) -> ExtractReport:
    """Stages 1-4: parse every (changed) document in sources_dir and rewrite claims_path atomically.

    A file that cannot be read (binary, undecodable) is named in `report.problems` and skipped.
    The old claims file stays untouched until the new one is complete.
    """
    sources_dir, claims_path = Path(sources_dir), Path(claims_path)
    paths = src.discover(sources_dir)
    report = ExtractReport(problems=src.ignored_files(sources_dir))
    fingerprint = cache_mod.parser_fingerprint()
    old = cache_mod.load(claims_path, fingerprint) if use_cache else cache_mod.Cache(fingerprint)
    new = cache_mod.Cache(fingerprint)

    todo: list[Path] = []
    for p in paths:
        try:
            size, mtime = cache_mod.stat_of(p)
            sha = cache_mod.file_sha256(p)
        except OSError as e:
            report.problems.append(f"{p.name}: cannot read ({e.strerror or e}).")
            continue
        key = new.key(p.name, sha)
        new.files[p.name] = cache_mod.FileState(size, mtime, sha)
        if key in old.claims:
            new.claims[key] = old.claims[key]
            report.cached += 1
        else:
            todo.append(p)

    total, done = len(paths), report.cached
    if progress:
        progress(done, total, "")
    for p, claims, problem in _parse_many(todo, jobs):
        done += 1
        if progress:
            progress(done, total, p.name)
        if problem is not None:
            report.problems.append(problem)  # kept in the index: unchanged, it is not "stale"
            if claims is None:
                continue
        assert claims is not None
        new.claims[new.key(p.name, new.files[p.name].sha256)] = claims
        report.parsed += 1

    report.documents = report.cached + report.parsed
    all_claims = [Claim.model_validate(c) for key in sorted(new.claims) for c in new.claims[key]]
    text = store.claims_text(all_claims)
    store.atomic_write_text(claims_path, text)
    report.claims = len(all_claims)
    size, mtime = cache_mod.stat_of(claims_path)
    new.claims_file = {"size": size, "mtime_ns": mtime, "sha256": store.text_sha256(text)}
    if use_cache:
        cache_mod.save(claims_path, new)
    return report


# ---- reading the knowledge base ---------------------------------------------------------------


@dataclass
class KnowledgeBase:
    sources_dir: Path
    claims: list[Claim]
    sources: dict[str, Source]
    claims_path: Path | None = None


def load(sources_dir: Path, claims_path: Path) -> KnowledgeBase:
    """Read claims.jsonl (never re-extracting) and the sources' metadata."""
    claims = store.read_claims(claims_path)
    meta = src.load_metadata(sources_dir) if Path(sources_dir).is_dir() else {}
    return KnowledgeBase(Path(sources_dir), claims, meta, Path(claims_path))


def check_consistency(kb: KnowledgeBase) -> list[str]:
    """Warnings about claims that no longer match the sources folder (for the read commands)."""
    name = kb.claims_path.name if kb.claims_path else "claims.jsonl"
    if not kb.sources_dir.is_dir():
        return [
            f"sources folder {kb.sources_dir} does not exist; the provenance in {name} cannot be checked."
        ]
    present = {p.name for p in src.discover(kb.sources_dir)}
    missing: dict[str, int] = {}
    for c in kb.claims:
        if c.source not in present:
            missing[c.source] = missing.get(c.source, 0) + 1
    return [
        f"{name} has {n} claim{'s' if n != 1 else ''} from {source}, which is no longer in "
        f"{kb.sources_dir}; run `dsfacts extract`."
        for source, n in sorted(missing.items())
    ]


def staleness(sources_dir: Path, claims_path: Path) -> str | None:
    """A one-line warning when sources changed after claims_path was written, else None.

    Cheap: sizes and mtimes against the cache index first; a file is hashed only when its stat
    changed. Without a usable index (fresh clone, claims.jsonl replaced), falls back to "documents
    newer than claims.jsonl".
    """
    sources_dir, claims_path = Path(sources_dir), Path(claims_path)
    try:
        paths = src.discover(sources_dir)
        claims_size, claims_mtime = cache_mod.stat_of(claims_path)
    except (SourceError, OSError):
        return None
    index = cache_mod.load_index(claims_path)
    if index is not None and not _index_matches(index.claims_file, claims_path, claims_size, claims_mtime):
        index = None
    changed: list[str] = []
    if index is None:
        for p in paths:
            try:
                if os.stat(p).st_mtime_ns > claims_mtime + 2_000_000_000:  # 2 s: a checkout's spread
                    changed.append(p.name)
            except OSError:
                continue
    else:
        names = {p.name for p in paths}
        changed.extend(sorted(set(index.files) - names))  # removed
        for p in paths:
            if _changed(p, index.files.get(p.name)):
                changed.append(p.name)
    if not changed:
        return None
    shown = ", ".join(changed[:3]) + (" …" if len(changed) > 3 else "")
    n = len(changed)
    if index is None:
        what = f"{n} source{'s are' if n != 1 else ' is'} newer than {claims_path.name}"
    else:
        what = f"{n} source{'s' if n != 1 else ''} changed since {claims_path.name} was written"
    return f"{what} ({shown}); run `dsfacts extract`."


def _changed(path: Path, state: cache_mod.FileState | None) -> bool:
    if state is None:
        return True
    try:
        size, mtime = cache_mod.stat_of(path)
        if (size, mtime) == (state.size, state.mtime_ns):
            return False
        return size != state.size or cache_mod.file_sha256(path) != state.sha256  # hash only now
    except OSError:
        return False


def _index_matches(recorded: dict[str, Any], claims_path: Path, size: int, mtime: int) -> bool:
    if not recorded:
        return False
    if recorded.get("size") == size and recorded.get("mtime_ns") == mtime:
        return True
    if recorded.get("size") != size:
        return False
    try:  # same size, new mtime (a checkout touched it): compare content
        return cache_mod.file_sha256(claims_path) == recorded.get("sha256")
    except OSError:
        return False
