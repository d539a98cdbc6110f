"""The knowledge base as a whole: sources/ + claims.jsonl, and the pipeline that links them.

    1 read      sources.py         documents, any encoding, offsets kept
    2 segment   segment.py         blocks with section context and exact line/column
    3 extract   extract/engine.py  claims: entity, attribute, normalized value, provenance
    4 store     store.py           claims.jsonl, atomic and ordered
    5 reconcile reconcile/         facts: agreed / disputed, preferred value, explanation
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
from dsfacts import folder, store
from dsfacts import sources as src
from dsfacts.errors import DsfactsError, SourceError
from dsfacts.freshness import staleness  # noqa: F401 - kept importable from here
from dsfacts.models import Claim, Source

Progress = Callable[[int, int, str], None]  # (done, total, current file)
Stats = dict[str, "tuple[int, int] | None"]  # document name -> (size, mtime_ns) when listed


@dataclass
class ExtractReport:
    documents: int = 0  # documents read (parsed now or taken from the cache)
    claims: int = 0
    parsed: int = 0  # documents parsed in this run
    cached: int = 0  # documents whose claims came from the cache
    problems: list[str] = field(default_factory=list)  # files named and skipped, with why
    notes: list[str] = field(default_factory=list)  # why cached results were not used (--debug)


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
    jobs: int | None = None,
    use_cache: bool = True,
) -> ExtractReport:
    """Stages 1-4: parse every (changed) document in sources_dir and rewrite claims_path atomically.

    A file that cannot be read (binary, undecodable) is named in `report.problems` and skipped.
    The old claims file stays untouched until the new one is complete. `jobs` defaults to the
    number of cores. When nothing changed (every source's size and mtime as recorded, claims.jsonl
    as written) the answer comes from the cache without reading a document or a claim.
    """
    sources_dir, claims_path = Path(sources_dir), Path(claims_path)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    listed, others = folder.listing(sources_dir)
    paths = [sources_dir / name for name in listed]
    report = ExtractReport(problems=[src.not_a_document(name) for name in others])
    fingerprint = cache_mod.parser_fingerprint()
    cache = cache_mod.load(claims_path, fingerprint) if use_cache else cache_mod.Cache(fingerprint)
    try:
        if use_cache and _unchanged(paths, listed, cache, claims_path, report):
            _ensure_index(claims_path, sources_dir, None, report)
            return report
        _extract_changed(paths, listed, cache, claims_path, sources_dir, report, progress, jobs, use_cache)
    finally:
        report.notes.extend(cache.notes)
        cache.close()
    return report


def _unchanged(
    paths: list[Path], listed: Stats, cache: cache_mod.Cache, claims_path: Path, report: ExtractReport
) -> bool:
    """Every source and claims.jsonl exactly as recorded (size + mtime): fill `report`, say True."""
    recorded = cache.claims_file
    if len(paths) != len(cache.files) or not recorded or "claims" not in recorded:
        return False
    try:
        if cache_mod.stat_of(claims_path) != (recorded.get("size"), recorded.get("mtime_ns")):
            return False
        for p in paths:
            state = cache.files.get(p.name)
            if state is None or listed[p.name] != (state.size, state.mtime_ns):
                return False
    except OSError:
        return False
    report.documents = report.cached = len(paths)
    report.claims = int(recorded["claims"])
    return True


def _anchor_text(data: bytes, name: str) -> str | None:
    try:
        return src.decode(data, name)[0]
    except SourceError:
        return None


def _extract_changed(
    paths: list[Path],
    listed: Stats,
    cache: cache_mod.Cache,
    claims_path: Path,
    sources_dir: Path,
    report: ExtractReport,
    progress: Progress | None,
    jobs: int,
    use_cache: bool,
) -> None:
    blocks: dict[str, str] = {}  # source name -> its claims.jsonl lines
    states: dict[str, cache_mod.FileState] = {}
    todo: list[Path] = []
    published = False
    if use_cache:
        cache.prefetch()  # most sources are unchanged: their rows in one read
        published = cache.rows_are(claims_path)
    for p in paths:
        try:
            size, mtime = listed[p.name] or cache_mod.stat_of(p)  # gone since the listing: the error says why
        except OSError as e:
            report.problems.append(f"{p.name}: cannot read ({e.strerror or e}).")
            continue
        recorded = cache.files.get(p.name)
        same_stat = recorded is not None and (recorded.size, recorded.mtime_ns) == (size, mtime)
        if published and same_stat:  # as when its claims were anchored and published: not read again
            assert recorded is not None
            lines = cache.published_lines(p.name)
            if lines is not None:
                states[p.name] = recorded
                blocks[p.name] = lines
                report.cached += 1
                continue
        try:
            data = p.read_bytes()
        except OSError as e:
            report.problems.append(f"{p.name}: cannot read ({e.strerror or e}).")
            continue
        sha = recorded.sha256 if recorded and same_stat else None
        sha = sha or src.content_hash(data)  # the stat changed: the hash decides
        states[p.name] = state = cache_mod.FileState(size, mtime, sha)
        found = cache.lines(p.name, sha) if use_cache else None
        if found is not None:
            text = _anchor_text(data, p.name)
            if text is not None and cache_mod.anchored(text, found[0]):
                blocks[p.name] = found[0]
                report.cached += 1
                if recorded and (recorded.size, recorded.mtime_ns) != (size, mtime):
                    cache.touch(p.name, state)
                continue
            cache.notes.append(f"cache: {p.name}: a cached quote is not at its line; parsed again")
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
        lines = store.claims_text(Claim.model_validate(c) for c in claims)
        blocks[p.name] = lines
        cache.put(p.name, states[p.name], lines, lines.count("\n"))
        report.parsed += 1

    cache.forget(set(cache.files) - set(blocks))
    report.documents = report.cached + report.parsed
    # claims.jsonl is sorted by source first, so the documents' blocks in name order are the file
    text = "".join(blocks[name] for name in sorted(blocks))
    report.claims = text.count("\n")
    sha = store.text_sha256(text)
    written = cache.claims_file
    try:
        same = cache_mod.stat_of(claims_path) == (written.get("size"), written.get("mtime_ns"))
    except OSError:
        same = False
    if not (same and written.get("sha256") == sha):  # an unchanged file keeps its mtime (and git's view)
        store.atomic_write_text(claims_path, text)
    size, mtime = cache_mod.stat_of(claims_path)
    cache.record_claims_file({"size": size, "mtime_ns": mtime, "sha256": sha, "claims": report.claims})
    cache.commit()
    _update_index(claims_path, sources_dir, blocks, {name: st.sha256 for name, st in states.items()}, report)


def _update_index(
    claims_path: Path, sources_dir: Path, blocks: dict[str, str], hashes: dict[str, str], report: ExtractReport
) -> None:
    """Stage 5 ahead of time, for what changed: only the facts whose claims or documents moved."""
    from dsfacts.index import build

    try:
        if build.update(claims_path, sources_dir, blocks, hashes) is None:
            report.notes.append("index: not written (the read commands will build it)")
    except Exception as e:  # noqa: BLE001 - claims.jsonl is written; the read commands report a reconciler bug
        report.notes.append(f"index: not written, reconciling failed ({type(e).__name__}: {e})")


def _ensure_index(claims_path: Path, sources_dir: Path, text: str | None, report: ExtractReport) -> None:
    """Stage 5 ahead of time: the read index of reconciled facts, unless it is already fresh."""
    from dsfacts import index
    from dsfacts.index import build

    found = index.open_fresh(claims_path, sources_dir)
    if found is not None:
        found.close()
        return
    try:
        if text is None:
            text = claims_path.read_text(encoding="utf-8")
        claims = store.parse_claims(text, claims_path)
    except (DsfactsError, OSError, UnicodeDecodeError):
        return  # the read commands will say what is wrong with claims.jsonl
    try:
        build.build(claims_path, sources_dir, claims, text)
    except Exception as e:  # noqa: BLE001 - claims.jsonl is written; the read commands report a reconciler bug
        report.notes.append(f"index: not written, reconciling failed ({type(e).__name__}: {e})")


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


