"""One writer at a time: the lock that `add`, `remove`, `extract` and `review` hold on a knowledge base.

Readers never lock (claims.jsonl is replaced atomically, so they see the old or the new file).
Writers queue on a lock file next to claims.jsonl: the second one says on stderr that it waits,
and gives up with a clear error (exit 2) after a timeout instead of hanging forever.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from dsfacts.errors import DsfactsError

LOCK_NAME = ".dsfacts.lock"
DEFAULT_TIMEOUT = 120.0  # seconds; DSFACTS_LOCK_TIMEOUT overrides (tests, slow disks)
_held: dict[str, int] = {}  # re-entrant within one process: `add` runs `extract` while holding it


class LockTimeoutError(DsfactsError):
    """Another dsfacts kept the knowledge base locked for longer than the timeout."""


def lock_path(kb_dir: Path) -> Path:
    return Path(kb_dir) / LOCK_NAME


def _timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("DSFACTS_LOCK_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@contextmanager
def writing(
    kb_dir: Path, *, timeout: float | None = None, notify: Callable[[str], None] = _say
) -> Iterator[None]:
    """Hold the knowledge base's write lock for the duration of the block.

    `kb_dir` is the folder the lock lives in (the folder of claims.jsonl). Waits up to `timeout`
    seconds (default: $DSFACTS_LOCK_TIMEOUT or 120), telling the user once that it is waiting.
    """
    kb_dir = Path(kb_dir)
    path = lock_path(kb_dir)
    key = str(path.resolve()) if kb_dir.exists() else str(path)
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    if not kb_dir.is_dir():
        raise DsfactsError(f"Cannot write to {kb_dir}: the folder does not exist (check --claims).")
    wait = _timeout() if timeout is None else timeout
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        notify(f"dsfacts: another dsfacts is writing to {kb_dir}, waiting (up to {wait:g} s)…")
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise LockTimeoutError(
                f"another dsfacts is still writing to {kb_dir} after {wait:g} s; try again when it "
                "has finished (DSFACTS_LOCK_TIMEOUT sets how long to wait)."
            ) from None
    except OSError as e:
        raise DsfactsError(f"Cannot lock {kb_dir} ({e.strerror or e}); is the folder writable?") from e
    _held[key] = 1
    try:
        yield
    finally:
        _held.pop(key, None)
        lock.release()
