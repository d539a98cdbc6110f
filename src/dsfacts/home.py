"""Where the knowledge base is, found the way git finds a repository, and whether it is usable.

Order: an explicit `--sources` / `--claims` > `$DSFACTS_HOME` > the nearest folder at or above
the current one that holds `claims.jsonl` or `sources/` > the current folder (whose missing files
then give the usual clear errors).
"""

from __future__ import annotations

import os
from pathlib import Path

from dsfacts.errors import StoreError

SOURCES_NAME = "sources"
CLAIMS_NAME = "claims.jsonl"
HOME_ENV = "DSFACTS_HOME"


class EmptyKnowledgeBaseError(StoreError):
    """No claims to read: nothing was extracted yet (or the claims file is gone)."""


def find_home(cwd: Path | None = None, environ: dict[str, str] | None = None) -> Path:
    """The knowledge base's folder: $DSFACTS_HOME, else the nearest one upwards, else cwd."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV, "").strip()
    if home:
        return Path(home).expanduser()
    start = Path.cwd() if cwd is None else Path(cwd)
    for folder in (start, *start.parents):
        try:
            if (folder / CLAIMS_NAME).is_file() or (folder / SOURCES_NAME).is_dir():
                return folder if folder != start else Path(".")  # relative paths read better in messages
        except OSError:  # an unreadable parent ends the search, as it does for git
            break
    return Path(".")


def default_sources(cwd: Path | None = None) -> Path:
    return find_home(cwd) / SOURCES_NAME


def default_claims(cwd: Path | None = None) -> Path:
    return find_home(cwd) / CLAIMS_NAME


def require_claims(claims_path: Path) -> None:
    """For the read commands: a missing or empty claims file is an error that says what to do.

    Cheap on purpose: a stat and at most the first 4 KB; parsing stays with the store.
    """
    claims_path = Path(claims_path)
    if not claims_path.exists():
        raise EmptyKnowledgeBaseError(
            f"{claims_path} does not exist: the knowledge base is empty; run `dsfacts extract` "
            f"(or point at one with --claims, or ${HOME_ENV})."
        )
    if claims_path.is_dir():
        raise EmptyKnowledgeBaseError(f"{claims_path} is a folder, not a claims file (use --claims FILE).")
    try:
        with claims_path.open("rb") as f:
            head = f.read(4096)
    except OSError as e:
        raise StoreError(f"{claims_path}: cannot read ({e.strerror or e}).") from e
    if not head.strip():
        raise EmptyKnowledgeBaseError(
            f"{claims_path} holds no claims: the knowledge base is empty; run `dsfacts extract` "
            f"(after adding documents to {SOURCES_NAME}/ with `dsfacts add`)."
        )
