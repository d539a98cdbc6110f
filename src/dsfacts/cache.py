"""Remember what each source said, so `extract` re-parses only the documents that changed.

The cache lives in `.dsfacts-cache/` beside claims.jsonl (ignored by git) as two files:

    <claims>.index.json   per source: size, mtime, sha256 — read cheaply by the staleness check
    <claims>.claims.json  per source: the claims it gave, keyed by the same sha256

Everything is keyed by a fingerprint of the parser (dsfacts version + the bytes of the data files
and of the reading/extraction code): change any of them and every source is parsed again.
A missing, corrupt or foreign cache is simply an empty one; it is never a reason to fail.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dsfacts.store import atomic_write_text

CACHE_DIR = ".dsfacts-cache"
FORMAT = 1
# Code whose change can change the claims; the data/ folder is always included.
_PARSER_CODE = ("sources.py", "segment.py", "models.py", "extract")


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
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


@dataclass
class Cache:
    fingerprint: str = ""
    files: dict[str, FileState] = field(default_factory=dict)  # source name -> state when parsed
    claims: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # "name\0sha" -> claims
    claims_file: dict[str, Any] = field(default_factory=dict)  # size, mtime_ns, sha256 of claims.jsonl

    @staticmethod
    def key(name: str, sha256: str) -> str:
        return f"{name}\0{sha256}"


def paths(claims_path: Path) -> tuple[Path, Path]:
    folder = Path(claims_path).parent / CACHE_DIR
    return folder / f"{Path(claims_path).name}.index.json", folder / f"{Path(claims_path).name}.claims.json"


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def load_index(claims_path: Path) -> Cache | None:
    """The small half of the cache (no claims): enough to tell whether sources changed."""
    index_path, _ = paths(claims_path)
    data = _read_json(index_path)
    if data is None:
        return None
    try:
        files = {str(k): FileState(int(v[0]), int(v[1]), str(v[2])) for k, v in data["files"].items()}
        return Cache(str(data["fingerprint"]), files, {}, dict(data.get("claims_file") or {}))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def load(claims_path: Path, fingerprint: str) -> Cache:
    """The whole cache for this parser, or an empty one."""
    cache = load_index(claims_path)
    if cache is None or cache.fingerprint != fingerprint:
        return Cache(fingerprint)
    data = _read_json(paths(claims_path)[1])
    if data is None or data.get("fingerprint") != fingerprint or not isinstance(data.get("claims"), dict):
        return Cache(fingerprint)
    cache.claims = data["claims"]
    return cache


def save(claims_path: Path, cache: Cache) -> None:
    """Write both halves atomically; a cache that cannot be written is skipped silently."""
    index_path, claims_cache_path = paths(claims_path)
    index = {
        "format": FORMAT,
        "fingerprint": cache.fingerprint,
        "claims_file": cache.claims_file,
        "files": {k: [v.size, v.mtime_ns, v.sha256] for k, v in sorted(cache.files.items())},
    }
    body = {"format": FORMAT, "fingerprint": cache.fingerprint, "claims": cache.claims}
    try:
        index_path.parent.mkdir(exist_ok=True)
        atomic_write_text(claims_cache_path, json.dumps(body, ensure_ascii=False, separators=(",", ":")))
        atomic_write_text(index_path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
    except Exception:  # noqa: BLE001 - the cache only saves time; never fail a command for it
        return


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def stat_of(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns
