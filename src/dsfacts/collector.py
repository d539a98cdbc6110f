"""Cyclic garbage collection paused for a bounded piece of work that builds many objects.

The collector walks every live object again and again as allocations pile up. Loading code
(typer, pydantic's models, the engine's grammars and vocabularies) builds objects that live as
long as the command: they are frozen out of its later collections. Writing the read index
builds tens of thousands that live until it is done: the collector waits until then. Memory is
freed by reference counting as usual either way; only cycles wait for a collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collection inside: for work whose objects live until it is done."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def loading_for_good() -> Iterator[None]:
    """Loading what lives as long as the command (code, vocabularies): no collection meanwhile,
    and what it leaves alive is frozen out of every later one until `thaw()`."""
    with paused():
        try:
            yield
        finally:
            gc.freeze()


def thaw() -> None:
    """Frozen objects back under the collector: a process that runs on (tests, a script) collects
    them as usual."""
    gc.unfreeze()
