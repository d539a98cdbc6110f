"""The extraction cache: unchanged bases answered without parsing, and never trusted blindly."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsfacts import cache, kb


@pytest.fixture
def corpus(tmp_path: Path, fake_engine: object) -> tuple[Path, Path]:
    sources = tmp_path / "sources"
    sources.mkdir()
    for i in range(6):
        (sources / f"doc{i}.md").write_text(
            f"# {i}\n\nintro\ndeepseek-v3 total_params {670 + i}\ndeepseek-r1 context_length {i + 1}\n",
            encoding="utf-8",
        )
    return sources, tmp_path / "claims.jsonl"


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(path: str):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{path} was parsed")

    monkeypatch.setattr(kb, "parse_source", fail)


def edit_row(claims: Path, name: str, old: str, new: str, *, fix_checksum: bool) -> None:
    db = sqlite3.connect(cache.path_for(claims))
    sha, fingerprint, lines = db.execute(
        "SELECT sha256, fingerprint, lines FROM docs WHERE name = ?", (name,)
    ).fetchone()
    assert old in lines
    lines = lines.replace(old, new)
    checksum = cache.entry_check(fingerprint, sha, lines) if fix_checksum else "0" * 64
    db.execute("UPDATE docs SET lines = ?, checksum = ? WHERE name = ?", (lines, checksum, name))
    db.commit()
    db.close()


def test_an_unchanged_base_reads_no_document(corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    sources, claims = corpus
    first = kb.extract_all(sources, claims, jobs=1)
    written = claims.stat().st_mtime_ns
    no_parsing(monkeypatch)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    again = kb.extract_all(sources, claims)
    assert (again.documents, again.cached, again.parsed, again.claims) == (6, 6, 0, first.claims)
    assert claims.stat().st_mtime_ns == written  # not rewritten


def test_a_touched_file_is_hashed_not_parsed(corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims, jobs=1)
    before = claims.read_bytes()
    st_ = os.stat(sources / "doc2.md")
    os.utime(sources / "doc2.md", ns=(st_.st_atime_ns, st_.st_mtime_ns + 10**9))
    no_parsing(monkeypatch)
    report = kb.extract_all(sources, claims)
    assert report.cached == 6 and claims.read_bytes() == before
    assert cache.load_index(claims).files["doc2.md"].mtime_ns == st_.st_mtime_ns + 10**9  # remembered


def test_one_changed_file_is_the_only_one_parsed(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims, jobs=1)
    (sources / "doc3.md").write_text("deepseek-v3 total_params 999\n", encoding="utf-8")
    (sources / "doc5.md").unlink()
    report = kb.extract_all(sources, claims, jobs=1)
    assert (report.parsed, report.cached) == (1, 4)
    fresh = claims.with_name("fresh.jsonl")
    kb.extract_all(sources, fresh, jobs=1, use_cache=False)
    assert claims.read_bytes() == fresh.read_bytes()  # the cache changes the time taken, never the file
    assert set(cache.load_index(claims).files) == {f"doc{i}.md" for i in (0, 1, 2, 3, 4)}


def test_one_changed_file_is_the_only_one_read(corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Sources whose size and mtime are as recorded, when the cache's rows are exactly claims.jsonl,
    were anchored when published: only the changed one is read (10,000 reads were 0.25 s)."""
    sources, claims = corpus
    kb.extract_all(sources, claims, jobs=1)
    (sources / "doc3.md").write_text("deepseek-v3 total_params 999\n", encoding="utf-8")
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    report = kb.extract_all(sources, claims, jobs=1)
    assert (report.parsed, report.cached) == (1, 5)
    assert {n for n in read if n.startswith("doc")} == {"doc3.md"}  # hashed, parsed, shingled
    fresh = claims.with_name("fresh.jsonl")
    kb.extract_all(sources, fresh, jobs=1, use_cache=False)
    assert claims.read_bytes() == fresh.read_bytes()


def test_an_edited_claims_file_means_every_source_is_anchored_again(corpus: tuple[Path, Path]) -> None:
    """claims.jsonl no longer the cache's rows (edited by hand, or the rows edited): nothing is taken on trust."""
    sources, claims = corpus
    kb.extract_all(sources, claims, jobs=1)
    edit_row(claims, "doc1.md", "671", "999000000000", fix_checksum=True)
    claims.write_text(claims.read_text(encoding="utf-8").replace("671", "999000000000"), encoding="utf-8")
    info = cache.load_index(claims).claims_file
    os.utime(claims, ns=(info["mtime_ns"], info["mtime_ns"]))  # even with the recorded stat
    (sources / "doc0.md").write_text("deepseek-v3 total_params 1\n", encoding="utf-8")
    report = kb.extract_all(sources, claims, jobs=1)
    assert "999" not in claims.read_text(encoding="utf-8")
    assert report.parsed == 2  # doc0 (changed) and doc1 (its row no longer anchored)


@pytest.mark.parametrize("fix_checksum", [False, True])
def test_an_edited_cache_publishes_nothing_new(corpus: tuple[Path, Path], fix_checksum: bool) -> None:
    """Edited rows fail their checksum; rows edited *with* a new checksum fail re-anchoring."""
    sources, claims = corpus
    kb.extract_all(sources, claims, jobs=1)
    edit_row(claims, "doc1.md", "671", "999000000000", fix_checksum=fix_checksum)
    os.utime(sources / "doc0.md")  # something changed, so claims.jsonl is assembled again
    (sources / "doc0.md").write_text("deepseek-v3 total_params 1\n", encoding="utf-8")
    report = kb.extract_all(sources, claims, jobs=1)
    assert "999" not in claims.read_text(encoding="utf-8")
    assert report.parsed == 2  # doc0 (changed) and doc1 (its row refused)
    assert any("doc1.md" in n for n in report.notes)


def test_a_claim_whose_quote_moved_is_not_published(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims, jobs=1)
    db = sqlite3.connect(cache.path_for(claims))
    sha, fingerprint, lines = db.execute("SELECT sha256, fingerprint, lines FROM docs WHERE name = 'doc4.md'").fetchone()
    first = json.loads(lines.split("\n")[0])
    first["line"] = 1  # the quote is on line 4, not on line 1
    lines = json.dumps(first) + "\n" + lines.split("\n", 1)[1]
    db.execute("UPDATE docs SET lines = ?, checksum = ? WHERE name = 'doc4.md'",
               (lines, cache.entry_check(fingerprint, sha, lines)))  # fmt: skip
    db.commit()
    db.close()
    (sources / "doc0.md").write_text("deepseek-v3 total_params 1\n", encoding="utf-8")
    kb.extract_all(sources, claims, jobs=1)
    published = [json.loads(line) for line in claims.read_text(encoding="utf-8").splitlines()]
    assert {c["line"] for c in published if c["source"] == "doc4.md"} == {4, 5}


@pytest.mark.parametrize(
    "garbage", [b"", b"garbage" * 50, b"SQLite format 3\x00" + b"\x01" * 300]
)
def test_a_corrupt_cache_means_parsing_again(corpus: tuple[Path, Path], garbage: bytes) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims, jobs=1)
    before = claims.read_bytes()
    cache.path_for(claims).write_bytes(garbage)
    report = kb.extract_all(sources, claims, jobs=1)
    assert report.parsed == 6 and claims.read_bytes() == before
    assert kb.extract_all(sources, claims, jobs=1).cached == 6  # and it is usable again


def test_rows_of_another_parser_version_are_not_used(corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims, jobs=1)
    db = sqlite3.connect(cache.path_for(claims))
    db.execute("UPDATE docs SET fingerprint = 'old' WHERE name = 'doc2.md'")
    db.commit()
    db.close()
    (sources / "doc0.md").write_text("deepseek-v3 total_params 1\n", encoding="utf-8")
    report = kb.extract_all(sources, claims, jobs=1)
    assert report.parsed == 2 and any("another parser version" in n for n in report.notes)


def test_a_cache_that_cannot_be_written_is_no_error(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    (claims.parent / cache.CACHE_DIR).write_text("not a folder", encoding="utf-8")
    report = kb.extract_all(sources, claims, jobs=1)
    assert report.parsed == 6 and claims.exists()
    assert kb.extract_all(sources, claims, jobs=1).parsed == 6


def test_jobs_defaults_to_the_number_of_cores(corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    sources, claims = corpus
    seen: list[int] = []
    real = kb._parse_many

    def spy(paths, jobs):  # type: ignore[no-untyped-def]
        seen.append(jobs)
        return real(paths, 1)

    monkeypatch.setattr(kb, "_parse_many", spy)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    kb.extract_all(sources, claims)
    assert seen == [3]


def test_extract_writes_the_read_index(corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from dsfacts import index

    sources, claims = corpus
    kb.extract_all(sources, claims, jobs=1)
    found = index.open_fresh(claims, sources)
    assert found is not None and {f["attribute"] for f in found.entity_facts("deepseek-v3")} == {"total_params"}
    found.close()
    index.path_for(claims).unlink()
    kb.extract_all(sources, claims, jobs=1)  # unchanged sources, missing index: rebuilt
    assert index.open_fresh(claims, sources) is not None


lines_st = st.lists(st.text(alphabet="ab 约\u3000xyz", max_size=12), min_size=1, max_size=8)


@given(lines_st, st.data())
def test_a_quote_taken_from_its_line_is_anchored(lines: list[str], data: st.DataObject) -> None:
    text = "\n".join(lines)
    number = data.draw(st.integers(1, len(lines)))
    line = lines[number - 1]
    start = data.draw(st.integers(0, len(line)))
    quote = line[start : data.draw(st.integers(start, len(line)))]
    claim = json.dumps({"quote": quote, "line": number})
    assert cache.anchored(text, claim + "\n")
    wrong = json.dumps({"quote": quote + "\u2603", "line": number})
    assert not cache.anchored(text, wrong + "\n")


def test_anchoring_refuses_malformed_rows() -> None:
    assert not cache.anchored("a\nb\n", '{"quote": "a", "line": 9}\n')
    assert not cache.anchored("a\nb\n", "not json\n")
    assert not cache.anchored("a\nb\n", '{"line": 1}\n')
    assert cache.anchored("a\nb c\n", '{"quote": "b c", "line": 2}\n')
