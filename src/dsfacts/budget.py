"""A per-document budget for extraction: a size cap and a deadline, so one hostile file never hangs a run.

The deadline is cooperative: a SIGALRM timer raises DocumentTimeout inside the parse (Python's
regex engine checks for signals while it backtracks, so even a runaway pattern is stopped). It
works in the main thread of a process (the CLI, and each `--jobs` worker); elsewhere (a caller's
thread, or a platform without SIGALRM) only the size cap applies.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_BYTES = 32_000_000  # DSFACTS_DOC_MAX_BYTES overrides; a 5 MB (15 MB of UTF-8) page is still read
# Time per document: a base plus a per-megabyte allowance (extraction runs at ~0.5 MB/s on a busy
# machine), so a 20 KB hostile line is cut off in seconds and a 5 MB page still has room.
BASE_SECONDS = 5.0
SECONDS_PER_MB = 5.0
MAX_SECONDS = 20.0  # the budget when the size is unknown (drafts); DSFACTS_DOC_TIMEOUT overrides all


class DocumentTimeout(BaseException):  # noqa: N818 - BaseException: "except Exception" in a parser must not swallow it
    """The document used up its time budget."""


def _env(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def max_seconds(size: int | None = None) -> float:
    """Seconds a document of `size` bytes may take (DSFACTS_DOC_TIMEOUT, if set, for any size)."""
    default = MAX_SECONDS if size is None else BASE_SECONDS + SECONDS_PER_MB * size / 1_000_000
    return _env("DSFACTS_DOC_TIMEOUT", default)


def seconds_for(path: Path) -> float:
    try:
        return max_seconds(os.stat(path).st_size)
    except OSError:
        return max_seconds()


def oversized(path: Path) -> str | None:
    """Why this file is too large to parse (a message naming it), or None."""
    limit = int(_env("DSFACTS_DOC_MAX_BYTES", MAX_BYTES))
    try:
        size = os.stat(path).st_size
    except OSError:
        return None  # the reader reports unreadable files itself
    if size <= limit:
        return None
    return (
        f"{Path(path).name}: {size:,} bytes is more than the {limit:,} a document may have; "
        "split it or set DSFACTS_DOC_MAX_BYTES."
    )


def _raise_timeout(signum: int, frame: object) -> None:
    # Re-arm first: if the exception lands where Python swallows it (a gc callback, a __del__),
    # the next alarm raises again a moment later, until the parse really stops.
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    raise DocumentTimeout


@contextmanager
def deadline(seconds: float | None = None) -> Iterator[None]:
    """Raise DocumentTimeout in this block after `seconds` (default: max_seconds())."""
    seconds = max_seconds() if seconds is None else seconds
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    started = time.monotonic()
    old_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_timer[0] > 0:  # someone else's timer was running: give it back what is left
            left = old_timer[0] - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(0.001, left), old_timer[1])
