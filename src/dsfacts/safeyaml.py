"""YAML from untrusted documents (front matter): bounded in size, depth and aliases, never a crash.

libyaml (CSafeLoader) is fast but dies on pathological input: `title: ` followed by 30,000 `[`
overflows its C stack and kills the process, and an alias bomb (a few lines of `&a [*b, *b, …]`)
expands to gigabytes once anything walks the result. So text that could be either goes to the
pure-Python loader below, which counts aliases and nesting while it composes and refuses early;
plain front matter (the usual `title: …` lines) still takes the fast path.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent

MAX_BYTES = 64 * 1024  # front matter larger than this is not a header
MAX_DEPTH = 16  # collections inside collections
MAX_ALIASES = 8  # `*name` references; a few are legitimate, a bomb needs dozens
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnsafeYAMLError(yaml.YAMLError):
    """The text is too large, too deep or uses too many aliases to be read safely."""


class _BoundedLoader(yaml.SafeLoader):
    """The pure-Python safe loader, refusing deep nesting and alias bombs while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise UnsafeYAMLError(f"more than {MAX_ALIASES} aliases")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise UnsafeYAMLError(f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _flow_depth(text: str) -> int:
    """An upper bound of `[`/`{` nesting (quotes ignored: a bracket in a title only errs safe)."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}" and depth:
            depth -= 1
    return deepest


def _needs_care(text: str) -> bool:
    return "&" in text or "*" in text or "<<" in text or _flow_depth(text) > 4


def load(text: str) -> Any:
    """Parse untrusted YAML safely: the value, or UnsafeYAMLError / yaml.YAMLError."""
    if len(text) > MAX_BYTES:
        raise UnsafeYAMLError(f"{len(text):,} characters (more than {MAX_BYTES:,})")
    if _needs_care(text):
        try:
            return yaml.load(text, Loader=_BoundedLoader)  # noqa: S506 - a SafeLoader subclass
        except RecursionError:
            raise UnsafeYAMLError("nested too deeply") from None
    return yaml.load(text, Loader=_FAST)  # noqa: S506 - CSafeLoader
