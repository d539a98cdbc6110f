"""Is claims.jsonl older than the sources? The read commands' warning, cheap enough for start-up:
sizes and mtimes first, a hash only for a file whose stat changed; no models, no parsers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dsfacts import cache as cache_mod
from dsfacts import folder
from dsfacts.errors import SourceError


def staleness(sources_dir: Path, claims_path: Path) -> str | None:
    """A one-line warning when sources changed after claims_path was written, else None.

    Cheap: sizes and mtimes against the cache index first; a file is hashed only when its stat
    changed. Without a usable index (fresh clone, claims.jsonl replaced), falls back to "documents
    newer than claims.jsonl".
    """
    sources_dir, claims_path = Path(sources_dir), Path(claims_path)
    try:
        found = folder.stats(sources_dir)  # not sources.discover: that module's imports cost start-up
        claims_size, claims_mtime = cache_mod.stat_of(claims_path)
    except (SourceError, OSError):
        return None
    index = cache_mod.load_index(claims_path)
    if index is not None and not _index_matches(index.claims_file, claims_path, claims_size, claims_mtime):
        index = None
    changed: list[str] = []
    if index is None:
        changed = [name for name, (_, mtime) in found.items() if mtime > claims_mtime + 2_000_000_000]  # 2 s: a checkout's spread
    else:
        changed.extend(sorted(set(index.files) - set(found)))  # removed
        for name, stat in found.items():
            if _changed(sources_dir / name, stat, index.files.get(name)):
                changed.append(name)
    if not changed:
        return None
    shown = ", ".join(changed[:3]) + (" …" if len(changed) > 3 else "")
    n = len(changed)
    if index is None:
        what = f"{n} source{'s are' if n != 1 else ' is'} newer than {claims_path.name}"
    else:
        what = f"{n} source{'s' if n != 1 else ''} changed since {claims_path.name} was written"
    return f"{what} ({shown}); run `dsfacts extract`."


def _changed(path: Path, stat: tuple[int, int], state: cache_mod.FileState | None) -> bool:
    if state is None:
        return True
    if stat == (state.size, state.mtime_ns):
        return False
    try:
        return stat[0] != state.size or cache_mod.file_sha256(path) != state.sha256  # hash only now
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
