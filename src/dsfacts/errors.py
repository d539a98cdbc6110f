"""Errors a user can cause, with messages written for the person reading them.

The CLI turns every DsfactsError into its message on stderr and exit status 2; anything else is
a bug and may show a traceback.
"""

from __future__ import annotations


class DsfactsError(Exception):
    """Base class: a problem with the user's input or environment, not a bug."""

    exit_code = 2


class SourceError(DsfactsError):
    """A document in sources/ cannot be read (binary, undecodable, missing folder …)."""


class StoreError(DsfactsError):
    """claims.jsonl is missing, corrupt, or written by a newer schema."""


class UnknownEntityError(DsfactsError):
    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown entity {name!r}.{hint} (`dsfacts entities` lists them all.)")


class DataFileError(DsfactsError):
    """A bundled vocabulary file (entities, attribute cues) is malformed."""
