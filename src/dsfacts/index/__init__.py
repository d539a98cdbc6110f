"""The read index: reconciled facts by entity and attribute, so read commands never redo work.

`claims.jsonl` stays the committed, reviewable truth. This index is derived and disposable: a
SQLite file (standard library) in `.dsfacts-cache/` beside it, written by `extract` and rebuilt
by any read command that finds it missing or out of date. Out of date means claims.jsonl, a
metadata/reviews file or dsfacts' own code changed since it was written (sizes and mtimes, so the
check costs a few `stat`s). Reading it imports neither pydantic nor the reconciler: each fact is
stored as the JSON that `reconcile.fact_json` gives, and read back as plain dicts.

This module reads; `index.build` writes (a whole index, or only the facts whose claims changed).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# 4: facts keyed by (entity, attribute) and ordered by columns, so one fact can be rewritten alone;
#    claims keyed by (source, position); per-fact votes, check variants, per-document context
FORMAT = 5  # 5: a card per fact (what the text renderers show: a few claims per value, counted)
CACHE_DIR = ".dsfacts-cache"
# Files beside claims.jsonl / in sources/ that may change what reconciliation says.
_SIDE_FILES = ("reviews.yaml",)
_SOURCE_FILES = ("sources.yaml", "reviews.yaml")
_FACT_ORDER = "status_rank, split_rank, entity, attribute"  # reconcile.select_facts' order


def path_for(claims_path: Path) -> Path:
    claims_path = Path(claims_path)
    return claims_path.parent / CACHE_DIR / f"{claims_path.name}.index.sqlite"


def _stat_key(path: Path) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _code_key() -> str:
    """dsfacts' own files (code and data) by size and mtime: new code may reconcile differently."""
    package = Path(__file__).resolve().parent.parent
    parts: list[str] = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml")):
                parts.append(f"{os.path.relpath(os.path.join(folder, name), package)}={_stat_key(Path(folder, name))}")
    return ";".join(parts)


def base_key(claims_path: Path, sources_dir: Path | None) -> str:
    """Everything the index depends on except claims.jsonl and the documents: when it is unchanged,
    the index can be brought up to date fact by fact instead of rebuilt."""
    claims_path = Path(claims_path)
    parts = [f"format={FORMAT}"]
    parts += [f"{n}={_stat_key(claims_path.parent / n)}" for n in _SIDE_FILES]
    if sources_dir is not None:
        parts += [f"sources/{n}={_stat_key(Path(sources_dir) / n)}" for n in _SOURCE_FILES]
    parts.append(_code_key())
    return "\n".join(parts)


def freshness_key(claims_path: Path, sources_dir: Path | None) -> str:
    """What the index must have been built from to be trusted: one string, cheap to compute."""
    return f"claims={_stat_key(Path(claims_path))}\n{base_key(claims_path, sources_dir)}"


# ---- reading ---------------------------------------------------------------------------------


class Index:
    """An open, fresh index. Rows come back as fact dicts (the contract's FACT shape)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        meta = dict(db.execute("SELECT key, value FROM meta"))
        self.status_order: dict[str, int] = json.loads(meta["status_order"])
        self.disputed: tuple[str, ...] = tuple(json.loads(meta["disputed"]))

    def close(self) -> None:
        self.db.close()

    def _facts(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return [json.loads(text) for text in self._raw(sql, args)]

    def _raw(self, sql: str, args: Iterable[Any] = ()) -> list[str]:
        return [row[0] for row in self.db.execute(sql, tuple(args))]

    # Each query has a raw twin: the facts as stored JSON text (indent=2), for `--json` output
    # without parsing and re-serialising thousands of claims (see json_document). With card=True
    # they give each fact's card instead: the fact as the text renderers show it, a few claims per
    # value and the rest counted (render.py reads both), so a screen never parses thousands.

    def entity_facts(self, entity: str, card: bool = False) -> list[dict[str, Any]]:
        return [json.loads(text) for text in self.entity_facts_raw(entity, card)]

    def entity_facts_raw(self, entity: str, card: bool = False) -> list[str]:
        return self._raw(f"SELECT {_column(card)} FROM facts WHERE entity = ? ORDER BY attribute", (entity,))

    def select(
        self, entity: str | None = None, attribute: str | None = None, statuses: Iterable[str] | None = None,
        split: str | None = None,
    ) -> list[dict[str, Any]]:
        """Like reconcile.select_facts: matching facts in its order (status, split, entity, attribute)."""
        return [json.loads(text) for text in self.select_raw(entity, attribute, statuses, split)]

    def select_raw(
        self, entity: str | None = None, attribute: str | None = None, statuses: Iterable[str] | None = None,
        split: str | None = None, card: bool = False,
    ) -> list[str]:
        where, args = self._where(entity, attribute, statuses)
        if split is not None:
            where, args = (where + " AND" if where else " WHERE") + " split = ?", [*args, split]
        return self._raw(f"SELECT {_column(card)} FROM facts{where} ORDER BY {_FACT_ORDER}", args)

    def open_conflicts_raw(
        self, entity: str | None, attribute: str | None, split: str | None, card: bool = False
    ) -> tuple[list[str], int]:
        """`conflicts` by default: disputed facts no review settled, reopened ones again; and how
        many a review settled (the overlay's rule for the default statuses, precomputed)."""
        where, args = self._where(entity, attribute, None)
        scope = where[len(" WHERE ") :] if where else "1"
        marks = ", ".join("?" * len(self.disputed))
        listed = f"(({scope}) AND ((status IN ({marks}) AND settled = 0) OR back = 1))"
        largs = [*args, *self.disputed]
        if split is not None:
            listed += " AND split = ?"
            largs.append(split)
        rows = self._raw(f"SELECT {_column(card)} FROM facts WHERE {listed} ORDER BY {_FACT_ORDER}", largs)
        settled = self.db.execute(f"SELECT COUNT(*) FROM facts WHERE ({scope}) AND settled = 1", args).fetchone()[0]
        return rows, int(settled)

    def rejected(self, entity: str) -> list[dict[str, Any]]:
        """Claims a reviewer rejected, for `show` (shown, marked, never hidden)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'rejected'").fetchone()
        return [r for r in json.loads(row[0] if row else "[]") if r.get("entity") == entity]

    def counts(self, entity: str | None = None, attribute: str | None = None) -> dict[str, int]:
        """Like reconcile.count_statuses over the facts in scope."""
        where, args = self._where(entity, attribute, None)
        counts = dict.fromkeys(self.status_order, 0)
        for status, n in self.db.execute(f"SELECT status, count(*) FROM facts{where} GROUP BY status", args):
            counts[status] = n
        out = {"facts": sum(counts.values()), **counts}
        out["disputed"] = sum(counts.get(s, 0) for s in self.disputed)
        return out

    def timeline(self, card: bool = False) -> list[dict[str, Any]]:
        return [json.loads(text) for text in self.timeline_raw(card)]

    def timeline_raw(self, card: bool = False) -> list[str]:
        return self._raw(f"SELECT {_column(card)} FROM facts WHERE timeline IS NOT NULL ORDER BY timeline, entity, attribute")

    def attributes(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT DISTINCT attribute FROM facts")}

    def entity_name(self, entity: str) -> str | None:
        row = self.db.execute("SELECT name FROM names WHERE id = ?", (entity,)).fetchone()
        return row[0] if row else None

    def claims(self, keys: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
        """The claims (as dicts) on these (entity, attribute) facts only, in claims.jsonl's order."""
        out: list[dict[str, Any]] = []
        for entity, attribute in sorted(set(keys)):
            out += self._facts(
                "SELECT json FROM claims WHERE entity = ? AND attribute = ? ORDER BY source, pos", (entity, attribute)
            )
        return out

    def facts_for(self, keys: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for entity, attribute in sorted(set(keys)):
            out += self._facts("SELECT json FROM facts WHERE entity = ? AND attribute = ?", (entity, attribute))
        return out

    # ---- for `check`: a fact's standing and its claims grouped by how they state a value ----------

    def standing(self, entity: str, attribute: str) -> tuple[str, Any] | None:
        """(status, preferred value) of a fact, without reading its claims; None if it has none."""
        row = self.db.execute(
            "SELECT status, preferred FROM facts WHERE entity = ? AND attribute = ?", (entity, attribute)
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def variants(self, entity: str, attribute: str) -> list[dict[str, Any]]:
        """The fact's claims as `check` compares them (variants.to_row data), merged size lists."""
        row = self.db.execute(
            "SELECT data FROM variants WHERE entity = ? AND attribute = ? AND view = 'm'", (entity, attribute)
        ).fetchone()
        return json.loads(row[0]) if row else []

    def sibling_variants(self, attribute: str) -> list[tuple[str, list[dict[str, Any]]]]:
        """(entity, variants) of every fact on this attribute, as claims.jsonl states them."""
        rows = self.db.execute("SELECT entity, data FROM variants WHERE attribute = ? AND view = 'r' ORDER BY entity",
                               (attribute,))  # fmt: skip
        return [(entity, json.loads(data)) for entity, data in rows]

    def claim_refs(self, entity: str, attribute: str, keys: list[str] | None, limit: int | None = None) -> list[dict]:
        """The claims of these variants (all when None) in check's order, as dicts; at most `limit`."""
        sql = "SELECT json FROM claims WHERE entity = ? AND attribute = ?"
        args: list[Any] = [entity, attribute]
        if keys is not None:
            sql += f" AND variant IN ({', '.join('?' * len(keys))})"
            args += keys
        sql += " ORDER BY lsz, source, pos"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return self._facts(sql, args)

    @staticmethod
    def _where(
        entity: str | None, attribute: str | None, statuses: Iterable[str] | None
    ) -> tuple[str, list[Any]]:
        terms, args = [], []
        if entity is not None:
            terms.append("entity = ?")
            args.append(entity)
        if attribute is not None:
            terms.append("attribute = ?")
            args.append(attribute)
        if statuses is not None:
            wanted = list(statuses)
            terms.append(f"status IN ({', '.join('?' * len(wanted))})" if wanted else "0")
            args += wanted
        return (" WHERE " + " AND ".join(terms) if terms else ""), args


def _column(card: bool) -> str:
    return "card" if card else "json"


def connect_ro(target: Path) -> sqlite3.Connection | None:
    try:
        return sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)  # as_uri escapes ? and #
    except (sqlite3.Error, ValueError, OSError):
        return None


def open_with(target: Path, key: str, wanted: str) -> sqlite3.Connection | None:
    """The index at `target`, opened read-only, if its meta `key` is `wanted`; else None (closed,
    never raises). The caller closes what it gets."""
    if not target.exists():
        return None
    db = connect_ro(target)
    if db is None:
        return None
    try:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        row = None
    if row is None or row[0] != wanted:
        db.close()
        return None
    return db


def open_fresh(claims_path: Path, sources_dir: Path | None) -> Index | None:
    """The index if it exists and matches claims.jsonl and the code, else None (never raises)."""
    db = open_with(path_for(claims_path), "key", freshness_key(claims_path, sources_dir))
    return Index(db) if db is not None else None


def open_or_build(claims_path: Path, sources_dir: Path | None) -> Index | None:
    """A fresh index, rebuilding it from claims.jsonl when needed; None if that cannot be done.

    A missing or corrupt claims.jsonl raises the store's StoreError, as every read command does.
    """
    found = open_fresh(claims_path, sources_dir)
    if found is not None:
        return found
    from dsfacts import store
    from dsfacts.index import build

    try:
        text = Path(claims_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    claims = store.parse_claims(text, claims_path) if text is not None else store.read_claims(claims_path)
    if build.build(claims_path, sources_dir, claims, text) is None:
        return None
    return open_fresh(claims_path, sources_dir)


def json_document(head: dict[str, Any], key: str, items: list[str]) -> str:
    """`json.dumps({**head, key: items parsed}, ensure_ascii=False, indent=2)` + newline, byte for byte,
    from items already serialised with indent=2: nothing is parsed (JSON strings hold no raw newline)."""
    empty = json.dumps({**head, key: []}, ensure_ascii=False, indent=2)
    if not items:
        return empty + "\n"
    body = ",\n".join("    " + item.replace("\n", "\n    ") for item in items)
    return empty[: -len("[]\n}")] + "[\n" + body + "\n  ]\n}\n"


# ---- views for the renderers -------------------------------------------------------------------


class View:
    """Attribute access over a fact dict (f.status, g.value, c.quote), missing keys read as None.

    The renderers display Fact objects by attribute; this lets them display the index's dicts
    without building a pydantic model per claim.
    """

    __slots__ = ("_data",)
    _NESTED = frozenset({"values", "claims"})

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._data[name]
        except KeyError:
            if name.startswith("__"):
                raise AttributeError(name) from None
            return None
        if name in View._NESTED and isinstance(value, list):
            return [View(v) if isinstance(v, dict) else v for v in value]
        return value


def views(facts: list[dict[str, Any]]) -> list[Any]:
    """Fact dicts as objects the renderers read like `Fact`s (typed Any: duck-typed on purpose)."""
    return [View(f) for f in facts]
