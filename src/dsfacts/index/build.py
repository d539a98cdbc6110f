"""Writing the read index: the whole of it, or only the facts whose claims changed.

    1 blocks    each source's claims.jsonl lines; a digest per source says which sources changed
    2 claims    one row per claim, keyed by (source, position in its block), with its fact and
                check variant; a claim that is new, gone or moved in its block dirties its fact
                (a sentence added to a document touches the facts it states, not all of the document's)
    3 context   per document: shingles and front-matter kind (documents.py); a source whose copy
                family, copy note or kind moved dirties its facts too
    4 reviews   the decisions in reviews.yaml, over the reviewed facts' claims only
    5 truth     dirty facts are reconciled again; every other fact takes part in truth discovery
                through its stored votes, and one whose confidences moved is redone as well
    6 rows      fact JSON (review attached), status and order columns, check variants, votes

A full build is this update from an empty index, so the two cannot drift apart. Anything that
touches every fact (reviews.yaml, sources.yaml, dsfacts' code) means a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from dsfacts import collector, reviewed
from dsfacts import reconcile as rc
from dsfacts import reviews as rv
from dsfacts import variants as vr
from dsfacts.index import base_key, freshness_key, path_for
from dsfacts.index.documents import SCHEMA as DOCUMENTS_SCHEMA
from dsfacts.index.documents import Documents
from dsfacts.jsontext import dumps_indented
from dsfacts.models import Claim
from dsfacts.reconcile.facts import conclude, prepare
from dsfacts.reconcile.groups import merged_in_place
from dsfacts.reconcile.report import SPLIT_ORDER, _date_start
from dsfacts.reconcile.truth import discover, same_confidence, votes_data, votes_from

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE facts (
    entity TEXT NOT NULL, attribute TEXT NOT NULL, status TEXT NOT NULL,
    status_rank INTEGER NOT NULL, split_rank INTEGER NOT NULL, split TEXT,
    timeline TEXT,                       -- the lead date's start (YYYY-MM-DD) for release/paper dates
    settled INTEGER NOT NULL DEFAULT 0,  -- a review took it out of the disputed statuses
    back INTEGER NOT NULL DEFAULT 0,     -- reopened: a new value appeared since the review
    preferred TEXT NOT NULL, json TEXT NOT NULL,
    card TEXT NOT NULL,                  -- what a screen shows of it (card_of)
    votes TEXT NOT NULL,                 -- what truth discovery reads of it (reconcile/truth.py)
    PRIMARY KEY (entity, attribute));
CREATE INDEX facts_order ON facts (status_rank, split_rank, entity, attribute);
CREATE INDEX facts_timeline ON facts (timeline, entity, attribute);
CREATE TABLE claims (
    source TEXT NOT NULL, pos INTEGER NOT NULL, entity TEXT NOT NULL, attribute TEXT NOT NULL,
    lsz INTEGER NOT NULL,                -- a size list: check lists them after the other claims
    variant TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (source, pos));
CREATE INDEX claims_fact ON claims (entity, attribute, lsz, source, pos);
CREATE TABLE variants (entity TEXT NOT NULL, attribute TEXT NOT NULL, view TEXT NOT NULL, data TEXT NOT NULL,
                       PRIMARY KEY (entity, attribute, view));
CREATE INDEX variants_attribute ON variants (attribute, view);
CREATE TABLE blocks (source TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE names (id TEXT PRIMARY KEY, name TEXT NOT NULL);
""" + DOCUMENTS_SCHEMA
SIBLINGS = 3  # check names at most three other entities' sources stating a draft's value
CARD_CLAIMS = 10  # claims per value a screen lists (render.CLAIMS_SHOWN; a test holds them equal)

Key = tuple[str, str]
Block = list[tuple[str, Claim]]  # one source's claims.jsonl lines, each with its claim


def build(claims_path: Path, sources_dir: Path | None, claims: list[Any], text: str | None = None) -> Path | None:
    """Reconcile `claims` and write a whole new index atomically; None when it cannot be written.

    `text`, the claims file the claims were read from, saves serialising each claim again.
    The index only saves time, so any failure to write it is silent: the caller falls back.
    """
    key = freshness_key(claims_path, sources_dir)  # before reading: a later change means stale
    lines = [line for line in text.split("\n") if line.strip()] if text is not None else []
    if len(lines) != len(claims):
        lines = [json.dumps(c.model_dump(exclude_none=True), ensure_ascii=False) for c in claims]
    blocks: dict[str, Block] = defaultdict(list)
    for line, c in zip(lines, claims, strict=True):
        blocks[c.source].append((line, c))
    return _write(claims_path, sources_dir, key, dict(blocks), None, reuse=False)


def update(
    claims_path: Path, sources_dir: Path | None, blocks: Mapping[str, str], hashes: Mapping[str, str] | None = None
) -> Path | None:
    """Bring the index up to date with claims.jsonl as `extract` just wrote it, fact by fact.

    `blocks`: each source's claims.jsonl lines (the file is their concatenation in name order);
    `hashes`: each document's sha256 as extract saw it. Falls back to a full build when the index
    is missing, unreadable or was built with other code, reviews or metadata.
    """
    key = freshness_key(claims_path, sources_dir)
    target = path_for(claims_path)
    if _up_to_date(target, key, hashes):
        return target
    return _write(claims_path, sources_dir, key, dict(blocks), hashes, reuse=True)


def _up_to_date(target: Path, key: str, hashes: Mapping[str, str] | None) -> bool:
    """Written from this claims.jsonl, and no document behind a claim changed since (a touched file)."""
    from dsfacts.index import open_with

    if hashes is None:
        return False
    db = open_with(target, "key", key)
    if db is None:
        return False
    try:
        return all(hashes.get(name) == sha for name, sha in db.execute("SELECT name, sha FROM documents"))
    except sqlite3.Error:
        return False
    finally:
        db.close()


def _write(
    claims_path: Path, sources_dir: Path | None, key: str, blocks: Mapping[str, Any],
    hashes: Mapping[str, str] | None, reuse: bool,
) -> Path | None:  # fmt: skip
    target = path_for(claims_path)
    tmp = ""
    try:
        target.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        fresh = not (reuse and _copy_if_reusable(target, Path(tmp), base_key(claims_path, sources_dir)))
        db = sqlite3.connect(tmp)
        # a private file until it is renamed into place: no journal, no fsync (a crash leaves only a temp file)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        try:
            if fresh:
                db.executescript(SCHEMA)
                db.executemany("INSERT INTO names VALUES (?, ?)", _entity_names())
            with collector.paused():  # the update's objects live until it is done: a third of its time
                _Update(db, claims_path, sources_dir, fresh).run(blocks, hashes)
            meta = {"key": key, "base": base_key(claims_path, sources_dir), "status_order": json.dumps(rc.STATUS_ORDER),
                    "disputed": json.dumps(list(rc.DISPUTED))}  # fmt: skip
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            db.commit()
        finally:
            db.close()
        os.replace(tmp, target)
        return target
    except (OSError, sqlite3.Error):
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return None


def _copy_if_reusable(target: Path, tmp: Path, base: str) -> bool:
    """Copy the current index to `tmp` when it was built on the same base (code, reviews, metadata)."""
    from dsfacts.index import open_with

    db = open_with(target, "base", base)
    if db is None:
        return False
    db.close()
    shutil.copyfile(target, tmp)
    return True


def _entity_names() -> Iterator[tuple[str, str]]:
    """Registry ids and display names, so `show ID` needs no registry at read time."""
    try:
        from dsfacts.extract.entities import registry

        for e in registry().entities.values():
            yield e.id, e.name
    except Exception:  # noqa: BLE001 - a broken registry is reported by the commands that need it
        return


_CLAIMS = TypeAdapter(list[Claim])


def _parse(lines: list[str]) -> list[Claim]:
    """Claims this program validated when it wrote them: one validate_json over the lot (fastest)."""
    return _CLAIMS.validate_json("[" + ",".join(lines) + "]") if lines else []


def _digest(lines: list[str]) -> str:
    return _digest_text("\n".join(lines))


def _digest_text(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _lines_if_needed(block: str) -> list[str] | None:
    """A block's lines when they are not simply its text less the last newline (None): most
    blocks are, and 10,000 unchanged ones are then digested without being split."""
    if block.endswith("\n") and "\n\n" not in block and not block.startswith("\n"):
        return None
    return [line for line in block.split("\n") if line]


class _Update:
    def __init__(self, db: sqlite3.Connection, claims_path: Path, sources_dir: Path | None, fresh: bool) -> None:
        self.db, self.claims_path, self.sources_dir, self.fresh = db, Path(claims_path), sources_dir, fresh
        self.memory: dict[Key, list[tuple[tuple[str, int], Claim]]] = defaultdict(list)
        self.named: list[str] = []  # sources with at least one claim

    def run(self, blocks: Mapping[str, Any], hashes: Mapping[str, str] | None) -> None:
        dirty = self._claims(blocks)  # 1-2
        named = set(self.named)  # documents behind at least one claim
        docs = Documents() if self.fresh else Documents.load(self.db)
        ctx = docs.refresh(Path(self.sources_dir) if self.sources_dir else None, named, hashes)  # 3
        for s in sorted(docs.moved):
            dirty |= self._facts_of(s)
        overlay = self._overlay(ctx)  # 4
        self._reconcile(dirty, ctx, overlay)  # 5-6
        docs.save(self.db)
        rejected = overlay.rejected_claims() if overlay else []
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('rejected', ?)", (json.dumps(rejected, ensure_ascii=False),))

    # ---- 1-2 blocks and claims --------------------------------------------------------------------

    def _claims(self, blocks: Mapping[str, Any]) -> set[Key]:
        """Rewrite the claims of every source whose block changed; the facts they touch are dirty."""
        old = {} if self.fresh else dict(self.db.execute("SELECT source, digest FROM blocks"))
        dirty: set[Key] = set()
        new: dict[str, str] = {}
        for source in sorted(blocks):
            block = blocks[source]
            parsed = isinstance(block, list)  # [(line, claim)] from a full build, else the block's text
            texts = [line for line, _ in block] if parsed else _lines_if_needed(block)
            if texts is not None and not texts:
                continue  # a document without claims is not in the index (as if absent)
            new[source] = digest = _digest(texts) if texts is not None else _digest_text(block[:-1])
            if old.get(source) == digest:
                continue
            texts = texts if texts is not None else block[:-1].split("\n")
            claims = [c for _, c in block] if parsed else _parse(texts)
            was = [] if self.fresh else self.db.execute(
                "SELECT entity, attribute, json FROM claims WHERE source = ? ORDER BY pos", (source,)
            ).fetchall()
            self.db.execute("DELETE FROM claims WHERE source = ?", (source,))
            rows = []
            for pos, (text, c, (lsz, merged)) in enumerate(zip(texts, claims, merged_in_place(claims), strict=True)):
                rows.append((source, pos, c.entity, c.attribute, int(lsz), vr.key_of(merged), text))
                if pos >= len(was) or was[pos][2] != text:  # a claim new here (or moved: places matter)
                    dirty.add((c.entity, c.attribute))
                if self.fresh:  # a full build keeps every claim: nothing is read back
                    self.memory[(c.entity, c.attribute)].append(((source, pos), c))
            for pos, (entity, attribute, text) in enumerate(was):  # a claim gone from here
                if pos >= len(texts) or texts[pos] != text:
                    dirty.add((entity, attribute))
            self.db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        for source in sorted(set(old) - set(new)):
            dirty |= self._facts_of(source)
            self.db.execute("DELETE FROM claims WHERE source = ?", (source,))
        self.db.executemany("DELETE FROM blocks WHERE source = ?", [(s,) for s in sorted(set(old) - set(new))])
        self.db.executemany("INSERT OR REPLACE INTO blocks VALUES (?, ?)",
                            sorted((s, d) for s, d in new.items() if old.get(s) != d))  # fmt: skip
        self.named = sorted(new)
        return dirty

    def _facts_of(self, source: str) -> set[Key]:
        if self.fresh:
            return set()
        return set(self.db.execute("SELECT DISTINCT entity, attribute FROM claims WHERE source = ?", (source,)))

    def _claims_of(self, keys: list[Key]) -> dict[Key, list[tuple[tuple[str, int], Claim]]]:
        """The current claims of these facts with their places, in claims.jsonl's order."""
        out: dict[Key, list[tuple[tuple[str, int], Claim]]] = {}
        if self.fresh:
            return {key: self.memory.get(key, []) for key in keys}
        for entity, attribute in keys:
            rows = self.db.execute(
                "SELECT source, pos, json FROM claims WHERE entity = ? AND attribute = ? ORDER BY source, pos",
                (entity, attribute),
            ).fetchall()
            claims = _parse([r[2] for r in rows])
            out[(entity, attribute)] = [((r[0], r[1]), c) for r, c in zip(rows, claims, strict=True)]
        return out

    # ---- 4 reviews ----------------------------------------------------------------------------------

    def _overlay(self, ctx: Any) -> reviewed.Overlay | None:
        review_file = rv.path_for(self.claims_path)
        if not review_file.exists():
            return None
        book = rv.load(review_file)
        keys = sorted({d.key for d in book.decisions})
        claims = [c for placed in self._claims_of(keys).values() for _, c in placed]
        overlay = reviewed.Overlay.of(book, claims, ctx)
        overlay.settle()
        return overlay

    # ---- 5-6 truth and rows -------------------------------------------------------------------------

    def _reconcile(self, dirty: set[Key], ctx: Any, overlay: reviewed.Overlay | None) -> None:
        if not dirty:
            return  # no claim and no document context moved: every fact, and all trust, stands
        placed = self._claims_of(sorted(dirty))
        kept = _kept(placed, overlay)
        work: dict[Key, Any] = {(w.entity, w.attribute): w for w in prepare([c for cs in kept.values() for c in cs], ctx)}
        stored: dict[Key, list[float]] = {}
        for entity, attribute, data in self.db.execute("SELECT entity, attribute, votes FROM facts"):
            if (entity, attribute) not in dirty:
                votes = votes_from(entity, attribute, json.loads(data))
                stored[(entity, attribute)] = list(votes.confidence)
                work[(entity, attribute)] = votes
        discover([work[k] for k in sorted(work)], ctx.priors if ctx else None)
        moved = sorted(k for k, conf in stored.items() if not same_confidence(conf, work[k].confidence))
        if moved:  # source trust moved enough to show in these clean facts: redo them, same confidences
            more = self._claims_of(moved)
            placed.update(more)
            for redo in prepare([c for cs in _kept(more, overlay).values() for c in cs], ctx):
                redo.confidence = work[(redo.entity, redo.attribute)].confidence
                work[(redo.entity, redo.attribute)] = redo
        for key in sorted(set(dirty) | set(moved)):
            w = work.get(key)
            if w is None:  # no claims left
                self.db.execute("DELETE FROM facts WHERE entity = ? AND attribute = ?", key)
                self.db.execute("DELETE FROM variants WHERE entity = ? AND attribute = ?", key)
                continue
            self._write_fact(w, placed[key], overlay)

    def _write_fact(self, w: Any, placed: list[tuple[tuple[str, int], Claim]], overlay: reviewed.Overlay | None) -> None:
        f = conclude(w)
        settled = back = 0
        if overlay is not None:
            overlay.attach(f)
            key = (f.entity, f.attribute)
            settled = int(overlay.settled(f))
            back = int(overlay.reopened(key) and overlay.before.get(key, f.status) in reviewed.DISPUTED)
        data = reviewed.fact_json(f) if overlay is not None else rc.fact_json(f)
        lead = rc.lead_value(f)
        on_timeline = f.attribute in rc.DATE_ATTRIBUTES and lead is not None
        timeline = "{:04d}-{:02d}-{:02d}".format(*_date_start(lead)) if on_timeline else None
        self.db.execute(
            "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (f.entity, f.attribute, f.status, rc.STATUS_ORDER[f.status], SPLIT_ORDER.get(f.split or "", 2), f.split,
             timeline, settled, back, json.dumps(f.preferred, ensure_ascii=False), dumps_indented(data),
             json.dumps(card_of(data), ensure_ascii=False), json.dumps(votes_data(w), ensure_ascii=False)),
        )  # fmt: skip
        merged = sorted(((int(lsz), s, pos), c) for ((s, pos), _), (lsz, c) in
                        zip(placed, merged_in_place([c for _, c in placed]), strict=True))  # fmt: skip
        views = {
            "m": [vr.to_row(v) for v in vr.variants(merged)],
            "r": [vr.to_row(v) for v in vr.variants(placed, keep=SIBLINGS)],
        }
        self.db.executemany(
            "INSERT OR REPLACE INTO variants VALUES (?, ?, ?, ?)",
            ((f.entity, f.attribute, view, json.dumps(rows, ensure_ascii=False)) for view, rows in views.items()),
        )


def card_of(fact: dict[str, Any]) -> dict[str, Any]:
    """The fact as a screen shows it: each value's first claims, with its claims, sources and hedges
    counted; the fact's sources named (render.py reads these where a Fact would be counted)."""
    card = {k: v for k, v in fact.items() if k != "values"}
    card["sources"] = sorted({c["source"] for g in fact["values"] for c in g["claims"]})
    card["values"] = []
    for g in fact["values"]:
        claims = g["claims"]
        value = {k: v for k, v in g.items() if k not in ("claims", "explain")}
        value.update(claims=claims[:CARD_CLAIMS], claims_total=len(claims), sources_total=len({c["source"] for c in claims}),
                     qualifiers=sorted({c["qualifier"] for c in claims if c.get("qualifier")}))  # fmt: skip
        card["values"].append(value)
    return card


def _kept(placed: Mapping[Key, list[tuple[Any, Claim]]], overlay: reviewed.Overlay | None) -> dict[Key, list[Claim]]:
    """Each fact's claims as reconciliation sees them: a reviewer's rejected claims taken out."""
    out = {key: [c for _, c in cs] for key, cs in placed.items()}
    if overlay is None:
        return out
    rejected = overlay.rejections()
    if not rejected:
        return out
    ids = set(rejected)
    keys = {st.decision.key for st in rejected.values()}
    for key in keys & set(out):
        out[key] = [c for c in out[key] if rv.claim_id(c) not in ids]
    return out
