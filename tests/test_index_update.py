"""The read index brought up to date fact by fact says exactly what a full rebuild says.

Documents are added, changed and removed (claims, front-matter kinds, copied texts, quotes said
word for word), with and without a reviewer's decisions; after each step the updated index must
hold the same rows as one built from scratch on the same files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsfacts import index, reviewed, store
from dsfacts import reviews as rv
from dsfacts.index import build
from dsfacts.models import Claim

# (entity, attribute, value, kind, quote, extra): a quote of 40+ characters said by two sources is a copy
TEMPLATES = [
    ("deepseek-v3", "total_params", 671000000000, "number", "DeepSeek-V3 has 671B parameters.", {"resolution": 1000000000}),
    ("deepseek-v3", "total_params", 671000000000, "number",
     "DeepSeek-V3 is a mixture-of-experts model with 671B parameters in total.", {"resolution": 1000000000}),
    ("deepseek-v3", "total_params", 236000000000, "number", "DeepSeek-V3 has 236B parameters.", {"resolution": 1000000000}),
    ("deepseek-v3", "total_params", 670000000000, "number", "V3: about 670B.", {"resolution": 10000000000, "qualifier": "approx"}),
    ("deepseek-v3", "release_date", "2024-12-26", "date", "Released on 2024-12-26.", {}),
    ("deepseek-v3", "release_date", "2024-12", "date", "Released in December 2024.", {}),
    ("deepseek-v3", "release_date", "2025-01", "date", "Released in January 2025.", {}),
    ("deepseek-r1", "license", "MIT", "text", "R1 is under the MIT license.", {}),
    ("deepseek-r1", "license", "Apache-2.0", "text", "R1 is under Apache 2.0.", {}),
    ("deepseek-r1", "release_date", "2025-01-20", "date", "R1 came out on 2025-01-20.", {}),
    ("deepseek-r1", "variant_sizes", [1.5, 7], "sizes", "Distilled: 1.5B, 7B.", {}),
    ("deepseek-r1", "variant_sizes", [14, 32], "sizes", "And 14B, 32B.", {}),
]
BODIES = [  # documents sharing a body are near-duplicates (one copy family)
    ["# Notes", "The model was trained on a large corpus of text.", "It was evaluated on many benchmarks.",
     "The weights were published on the hub for everyone."],
    ["# Report", "A report on recent open models and their costs.", "Training runs are getting cheaper each year.",
     "Labs publish technical reports alongside the weights."],
    ["# Blog", "Short post."],
]


@dataclass
class Doc:
    body: int
    kind: str | None
    claims: list[int] = field(default_factory=list)


def write_state(root: Path, docs: dict[str, Doc]) -> tuple[dict[str, str], dict[str, str]]:
    """The files extract would leave: sources/, claims.jsonl; and what it passes the index."""
    sources = root / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for p in sources.iterdir():
        if p.name not in docs:
            p.unlink()
    blocks, hashes = {}, {}
    for name, d in sorted(docs.items()):
        lines = ["---", f"kind: {d.kind}", "---"] if d.kind else []
        lines += BODIES[d.body]
        claims = []
        for t in d.claims:
            entity, attribute, value, kind, quote, extra = TEMPLATES[t]
            lines.append(quote)
            claims.append(Claim(entity=entity, attribute=attribute, value=value, kind=kind, source=name,  # type: ignore[arg-type]
                                line=len(lines), quote=quote, **extra))  # fmt: skip
        data = ("\n".join(lines) + "\n").encode()
        (sources / name).write_bytes(data)
        hashes[name] = hashlib.sha256(data).hexdigest()
        blocks[name] = store.claims_text(claims)
    store.atomic_write_text(root / "claims.jsonl", "".join(blocks[n] for n in sorted(blocks)))
    return blocks, hashes


def review(root: Path, decisions: list[tuple[int, str]]) -> None:
    """reviews.yaml with decisions on the facts of these templates, as `dsfacts review` writes it."""
    claims = store.read_claims(root / "claims.jsonl")
    book = rv.Book(root / "reviews.yaml")
    for t, what in decisions:
        entity, attribute, value, *_ = TEMPLATES[t]
        mine = [c for c in claims if (c.entity, c.attribute) == (entity, attribute)]
        if not mine:
            continue
        if what == "prefer":
            reviewed.decide(book, claims, entity, attribute, prefer=_written(value), reason="checked")
        elif what == "reject":
            reviewed.decide(book, claims, entity, attribute, reject=f"{mine[0].source}:{mine[0].line}", reason="a typo")
        else:
            reviewed.decide(book, claims, entity, attribute, accept=True, reason="both true")
    rv.save(book)


def _written(value: object) -> str:
    if isinstance(value, int):
        return f"{value // 1000000000}B"
    if isinstance(value, list):
        return ", ".join(f"{v}B" for v in value)
    return str(value)


def dump(root: Path) -> dict[str, list[tuple]]:
    """Every row of the index but the freshness keys (which name files of one folder).

    A fact's stored confidences are the ones its row was written with: a fact left alone keeps
    them while trust elsewhere moves them below what the row shows (3 places, order to 6)."""
    db = sqlite3.connect(index.path_for(root / "claims.jsonl"))
    try:
        out = {}
        for table, order in (("facts", "entity, attribute"), ("claims", "source, pos"), ("variants", "entity, attribute, view"),
                             ("blocks", "source"), ("documents", "name"), ("names", "id")):  # fmt: skip
            out[table] = db.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
        for i, row in enumerate(out["facts"]):
            votes = json.loads(row[-1])
            votes["confidence"] = [(round(c, 6), round(c, 3)) for c in votes["confidence"]]
            out["facts"][i] = (*row[:-1], votes)
        out["meta"] = db.execute("SELECT * FROM meta WHERE key NOT IN ('key', 'base') ORDER BY key").fetchall()
        return out
    finally:
        db.close()


def updated_equals_rebuilt(tmp: Path, before: dict[str, Doc], after: dict[str, Doc], decisions: list[tuple[int, str]],
                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    inc, full = tmp / "inc", tmp / "full"
    for d in (inc, full):
        shutil.rmtree(d, ignore_errors=True)
    blocks, hashes = write_state(inc, before)
    if decisions:
        review(inc, decisions)
    assert build.update(inc / "claims.jsonl", inc / "sources", blocks, hashes) is not None
    blocks, hashes = write_state(inc, after)
    fresh: list[bool] = []
    real = build._Update.__init__

    def spy(self, db, claims_path, sources_dir, is_fresh):  # type: ignore[no-untyped-def]
        fresh.append(is_fresh)
        real(self, db, claims_path, sources_dir, is_fresh)

    monkeypatch.setattr(build._Update, "__init__", spy)
    assert build.update(inc / "claims.jsonl", inc / "sources", blocks, hashes) is not None
    monkeypatch.undo()
    assert fresh in ([], [False])  # brought up to date, not rebuilt (or nothing to do at all)
    assert index.open_fresh(inc / "claims.jsonl", inc / "sources") is not None
    write_state(full, after)
    if (inc / "reviews.yaml").exists():
        shutil.copy(inc / "reviews.yaml", full / "reviews.yaml")
    claims = store.read_claims(full / "claims.jsonl")
    assert build.build(full / "claims.jsonl", full / "sources", claims, (full / "claims.jsonl").read_text()) is not None
    assert dump(inc) == dump(full)


docs_st = st.dictionaries(
    st.sampled_from([f"d{i}.md" for i in range(7)]),
    st.builds(Doc, st.integers(0, 2), st.sampled_from([None, "paper", "blog"]),
              st.lists(st.integers(0, len(TEMPLATES) - 1), max_size=4)),
    min_size=1, max_size=6,
)  # fmt: skip
decisions_st = st.lists(st.tuples(st.sampled_from([0, 4, 7, 10]), st.sampled_from(["prefer", "reject", "accept"])), max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=docs_st, after=docs_st, decisions=decisions_st)
def test_an_updated_index_equals_a_rebuilt_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: dict[str, Doc],
                                               after: dict[str, Doc], decisions: list[tuple[int, str]]) -> None:  # fmt: skip
    updated_equals_rebuilt(tmp_path, before, after, decisions, monkeypatch)


BASE = {
    "a.md": Doc(0, None, [0, 4, 7]),
    "b.md": Doc(0, "paper", [1, 5]),  # a's body: one copy family with a
    "c.md": Doc(1, None, [2, 6, 8]),
    "d.md": Doc(2, "blog", [9, 10, 11]),
}


@pytest.mark.parametrize(
    "after",
    [
        {**BASE, "e.md": Doc(1, None, [0, 2])},  # a document added
        {**BASE, "c.md": Doc(1, None, [3, 6])},  # one changed: other claims
        {**BASE, "b.md": Doc(0, "blog", [1, 5])},  # one changed: only its kind (its priors)
        {**BASE, "c.md": Doc(0, None, [2, 6, 8])},  # one changed: now a copy of a and b
        {k: v for k, v in BASE.items() if k != "a.md"},  # one removed
        {**BASE, "d.md": Doc(2, "blog", [])},  # one left without claims
    ],
    ids=["add", "change-claims", "change-kind", "change-to-copy", "remove", "no-claims-left"],
)
@pytest.mark.parametrize("decisions", [[], [(0, "prefer"), (7, "reject"), (4, "accept")]], ids=["plain", "reviewed"])
def test_add_change_remove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: dict[str, Doc],
                           decisions: list[tuple[int, str]]) -> None:  # fmt: skip
    updated_equals_rebuilt(tmp_path, BASE, after, decisions, monkeypatch)


def test_only_the_changed_facts_are_reconciled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks, hashes = write_state(tmp_path, BASE)
    build.update(tmp_path / "claims.jsonl", tmp_path / "sources", blocks, hashes)
    blocks, hashes = write_state(tmp_path, {**BASE, "d.md": Doc(2, "blog", [9, 11])})  # R1's sizes, from d alone
    concluded: list[tuple[str, str]] = []
    real = build.conclude
    monkeypatch.setattr(build, "conclude", lambda w: concluded.append((w.entity, w.attribute)) or real(w))
    build.update(tmp_path / "claims.jsonl", tmp_path / "sources", blocks, hashes)
    assert ("deepseek-r1", "variant_sizes") in concluded
    assert ("deepseek-v3", "total_params") not in concluded and len(concluded) < 4
    blocks, hashes = write_state(tmp_path, {**BASE, "d.md": Doc(2, "blog", [9, 11, 8])})  # a sentence added at the end
    dirty: list[set[tuple[str, str]]] = []
    reconcile = build._Update._reconcile
    monkeypatch.setattr(build._Update, "_reconcile", lambda self, d, ctx, ov: dirty.append(set(d)) or reconcile(self, d, ctx, ov))
    build.update(tmp_path / "claims.jsonl", tmp_path / "sources", blocks, hashes)
    assert dirty == [{("deepseek-r1", "license")}]  # the fact it states, not every fact of its document
    concluded.clear()
    touched = tmp_path / "sources" / "a.md"
    touched.write_bytes(touched.read_bytes())  # a new mtime, the same text: nothing to do
    concluded.clear()
    build.update(tmp_path / "claims.jsonl", tmp_path / "sources", blocks, hashes)
    assert concluded == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(docs_st, min_size=2, max_size=4))
def test_updates_in_a_row_equal_a_rebuild(tmp_path: Path, steps: list[dict[str, Doc]]) -> None:
    """Each update writes only the rows that changed (blocks, claims, facts): after several in a
    row, nothing stale is left behind."""
    inc, full = tmp_path / "inc", tmp_path / "full"
    for d in (inc, full):
        shutil.rmtree(d, ignore_errors=True)
    for docs in steps:
        blocks, hashes = write_state(inc, docs)
        assert build.update(inc / "claims.jsonl", inc / "sources", blocks, hashes) is not None
    write_state(full, steps[-1])
    claims = store.read_claims(full / "claims.jsonl")
    assert build.build(full / "claims.jsonl", full / "sources", claims, (full / "claims.jsonl").read_text()) is not None
    assert dump(inc) == dump(full)
