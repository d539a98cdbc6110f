"""Remember what each source said, so `extract` re-parses only the documents that changed.

One SQLite file in `.dsfacts-cache/` beside claims.jsonl (ignored by git), one row per source:
its size, mtime and sha256 when parsed, and the claims.jsonl lines it gave. A change is noticed
by size + mtime and confirmed by the hash, so an unchanged base costs one `stat` per file.

The cache is never trusted blindly. Every row carries the parser fingerprint (dsfacts version +
the bytes of the data files and of the reading/extraction code) and a check hash over the
fingerprint, the text's hash and the lines; `kb` also re-anchors each cached claim (its quote must
still be at its line in the current text). A row that fails any of these is parsed again, with a
note for `--debug`; a missing, corrupt, locked or foreign cache is an empty one, never an error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_DIR = ".dsfacts-cache"
FORMAT = 2
# Code whose change can change the claims; the data/ folder is always included.
_PARSER_CODE = ("sources.py", "decoding.py", "safeyaml.py", "segment", "models.py", "extract")


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    import hashlib  # here: OpenSSL's start-up is paid only by the commands that hash

    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    h.update(f"format {FORMAT}; dsfacts {_version()}\n".encode())
    files: list[Path] = []
    for name in (*_PARSER_CODE, "data"):
        p = package / name
        if p.is_dir():
            files.extend(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
        elif p.is_file():
            files.append(p)
    for f in sorted(files):
        h.update(f.relative_to(package).as_posix().encode() + b"\0")
        h.update(f.read_bytes() + b"\0")
    return h.hexdigest()


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("dsfacts")
    except Exception:  # noqa: BLE001 - running from a source tree without metadata
        return "unknown"


@dataclass
class FileState:
    size: int
    mtime_ns: int
    sha256: str


def entry_check(fingerprint: str, sha256: str, lines: str) -> str:
    """The hash a row must carry: a row edited by hand (or half-written) no longer matches."""
    import hashlib

    h = hashlib.sha256()
    for part in (fingerprint, sha256, lines):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


def path_for(claims_path: Path) -> Path:
    claims_path = Path(claims_path)
    return claims_path.parent / CACHE_DIR / f"{claims_path.name}.cache.sqlite"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    name TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL, lines TEXT NOT NULL, count INTEGER NOT NULL, checksum TEXT NOT NULL);
-- covering: the stat of every source is read without walking the rows' (large) claim lines
CREATE INDEX IF NOT EXISTS docs_state ON docs (name, size, mtime_ns, sha256);
"""


@dataclass
class Cache:
    """The cache of one claims file. Without a database (cannot open) it remembers nothing."""

    fingerprint: str = ""
    files: dict[str, FileState] = field(default_factory=dict)  # source name -> state when parsed
    claims_file: dict[str, Any] = field(default_factory=dict)  # size, mtime_ns, sha256, claims
    notes: list[str] = field(default_factory=list)  # why rows were not used (for --debug)
    db: sqlite3.Connection | None = None
    _rows: dict[str, tuple[Any, ...]] | None = None  # every row, when prefetched
    _published: bool = False  # the prefetched rows are exactly claims.jsonl (rows_are)

    def prefetch(self) -> None:
        """Read every row at once (one query instead of one per source, when most are wanted)."""
        if self.db is None:
            return
        try:
            self._rows = {
                row[0]: row[1:] for row in self.db.execute("SELECT name, sha256, fingerprint, lines, count, checksum FROM docs")
            }
        except sqlite3.Error:
            self._rows = None  # each row is read (and its problem named) on its own

    def rows_are(self, claims_path: Path) -> bool:
        """Is claims.jsonl, as it is now and as recorded, exactly the prefetched rows' lines in name
        order? Then every row was anchored in its source when it was published, and a source whose
        size and mtime are as recorded need not be read again to re-anchor it (an edited row or an
        edited claims.jsonl breaks the equality: every source is re-anchored, as before)."""
        rows, recorded = self._rows, self.claims_file
        if rows is None or set(rows) != set(self.files) or "sha256" not in recorded:
            return False
        try:
            if stat_of(claims_path) != (recorded.get("size"), recorded.get("mtime_ns")):
                return False
            text = claims_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        at = 0
        for name in sorted(rows):  # piece by piece: joining 14 MB first took twice as long
            piece = rows[name][2]
            if not isinstance(piece, str) or not text.startswith(piece, at):
                return False
            at += len(piece)
        self._published = at == len(text)
        return self._published

    def published_lines(self, name: str) -> str | None:
        """This source's row as claims.jsonl holds it, once `rows_are` found the file equal to the
        rows: the file vouches for every row, so no row's checksum is computed again (14 MB)."""
        row = self._rows.get(name) if self._rows is not None and self._published else None
        return row[2] if row is not None and row[1] == self.fingerprint else None  # else: lines() says why

    def lines(self, name: str, sha256: str) -> tuple[str, int] | None:
        """This source's claims.jsonl lines and their count, if a sound row for this text exists."""
        if self.db is None:
            return None
        if self._rows is not None:
            row = self._rows.get(name)
        else:
            try:
                row = self.db.execute(
                    "SELECT sha256, fingerprint, lines, count, checksum FROM docs WHERE name = ?", (name,)
                ).fetchone()
            except sqlite3.Error as e:
                self.notes.append(f"cache: {name}: unreadable row ({e})")
                return None
        if row is None:
            return None
        sha, fingerprint, lines, count, checksum = row
        if sha != sha256:
            return None  # the text changed: an ordinary miss
        if not isinstance(lines, str) or not isinstance(count, int) or fingerprint != self.fingerprint:
            self.notes.append(f"cache: {name}: row from another parser version; parsed again")
            return None
        if checksum != entry_check(self.fingerprint, sha256, lines):
            self.notes.append(f"cache: {name}: row does not match its checksum (edited?); parsed again")
            return None
        return lines, count

    def put(self, name: str, state: FileState, lines: str, count: int) -> None:
        self._write(
            "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (name, state.size, state.mtime_ns, state.sha256, self.fingerprint, lines, count,
             entry_check(self.fingerprint, state.sha256, lines)),
        )  # fmt: skip

    def touch(self, name: str, state: FileState) -> None:
        """Same text, new mtime (a checkout, `touch`): remember the stat so the hash is skipped next time."""
        self._write("UPDATE docs SET size = ?, mtime_ns = ? WHERE name = ?", (state.size, state.mtime_ns, name))

    def forget(self, names: set[str]) -> None:
        for name in sorted(names):
            self._write("DELETE FROM docs WHERE name = ?", (name,))

    def record_claims_file(self, info: dict[str, Any]) -> None:
        self.claims_file = info
        self._write("INSERT OR REPLACE INTO meta VALUES ('claims_file', ?)", (json.dumps(info),))

    def commit(self) -> None:
        if self.db is not None:
            try:
                self.db.commit()
            except sqlite3.Error as e:
                self.notes.append(f"cache: not saved ({e})")

    def close(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        if self.db is None:
            return
        try:
            self.db.execute(sql, args)
        except sqlite3.Error as e:  # full disk, read-only folder, locked: the cache only saves time
            self.notes.append(f"cache: not saved ({e})")
            self.close()


def _connect(target: Path, writable: bool) -> sqlite3.Connection | None:
    try:
        if writable:
            target.parent.mkdir(exist_ok=True)
            db = sqlite3.connect(target, timeout=5)
        else:
            if not target.exists():
                return None
            db = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        db.execute("SELECT 1 FROM sqlite_master").fetchall()  # a file that is not a database fails here
        return db
    except (OSError, sqlite3.Error, ValueError):
        return None


def _read(db: sqlite3.Connection) -> tuple[str, dict[str, FileState], dict[str, Any]] | None:
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("format") != str(FORMAT):
            return None
        files = {
            str(name): FileState(int(size), int(mtime), str(sha))
            for name, size, mtime, sha in db.execute("SELECT name, size, mtime_ns, sha256 FROM docs")
        }
        claims_file = json.loads(meta.get("claims_file") or "{}")
        return str(meta.get("fingerprint", "")), files, claims_file if isinstance(claims_file, dict) else {}
    except (sqlite3.Error, ValueError, TypeError):
        return None


def load_index(claims_path: Path) -> Cache | None:
    """Read-only: the recorded state of every source and of claims.jsonl (for the staleness check)."""
    db = _connect(path_for(claims_path), writable=False)
    if db is None:
        return None
    try:
        found = _read(db)
    finally:
        db.close()
    if found is None:
        return None
    fingerprint, files, claims_file = found
    return Cache(fingerprint, files, claims_file)


def load(claims_path: Path, fingerprint: str, *, reuse: bool = True) -> Cache:
    """The cache for this parser, open for writing; emptied when it is foreign, corrupt or not `reuse`d.

    Never raises: when the file cannot be opened or repaired, the cache remembers nothing.
    """
    target = path_for(claims_path)
    notes: list[str] = []
    db = _connect(target, writable=True)
    if db is None and target.exists():
        notes.append(f"cache: {target.name} is not a database; started afresh")
        with contextlib.suppress(OSError):
            target.unlink()
        db = _connect(target, writable=True)
    if db is None:
        return Cache(fingerprint, notes=notes + ["cache: cannot be opened; nothing is remembered"])
    try:
        db.executescript(_SCHEMA)
        found = _read(db) if reuse else None
        if found is None or found[0] != fingerprint:
            if found is not None and found[0] != fingerprint:
                notes.append("cache: written by another parser version; every source is parsed again")
            db.execute("DELETE FROM docs")
            db.execute("DELETE FROM meta")
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)", [("format", str(FORMAT)), ("fingerprint", fingerprint)]
            )
            db.commit()
            return Cache(fingerprint, notes=notes, db=db)
        return Cache(fingerprint, found[1], found[2], notes, db)
    except sqlite3.Error as e:
        db.close()
        return Cache(fingerprint, notes=notes + [f"cache: unusable ({e}); nothing is remembered"])


def file_sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def stat_of(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def anchored(text: str, lines: str) -> bool:
    """Is every claim in `lines` (claims.jsonl lines) quoted at its line of `text`?

    A cached claim whose quote is not where it says no longer describes this text (or the cache
    was edited): the caller parses the document again instead of publishing it.
    """
    if not lines:
        return True
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    starts.append(len(text) + 1)
    try:  # one array for the whole block: a third of the time of a json.loads per line
        claims = json.loads("[" + ",".join(line for line in lines.split("\n") if line) + "]")
        for claim in claims:
            quote, number = claim["quote"], claim["line"]
            if not isinstance(quote, str) or not isinstance(number, int) or not 1 <= number < len(starts):
                return False
            end = starts[min(number + quote.count("\n"), len(starts) - 1)]
            if find(quote, starts[number - 1], end) < 0:
                return False
    except (ValueError, KeyError, TypeError):
        return False
    return True
