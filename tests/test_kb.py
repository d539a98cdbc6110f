"""Incremental extraction: cache by content, parallel = serial, staleness, consistency, crashes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dsfacts import cache, kb, store


@pytest.fixture
def corpus(tmp_path: Path, fake_engine: object) -> tuple[Path, Path]:
    sources = tmp_path / "sources"
    sources.mkdir()
    for i in range(8):
        (sources / f"doc{i}.md").write_text(
            f"# {i}\n\ndeepseek-v3 total_params {670 + i}\n", encoding="utf-8"
        )
    return sources, tmp_path / "claims.jsonl"


def test_second_run_reuses_everything(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    first = kb.extract_all(sources, claims)
    content = claims.read_bytes()
    assert (first.parsed, first.cached, first.claims) == (8, 0, 8)
    again = kb.extract_all(sources, claims)
    assert (again.parsed, again.cached) == (0, 8)
    assert claims.read_bytes() == content


def test_only_the_changed_source_is_parsed(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims)
    (sources / "doc3.md").write_text("deepseek-r1 total_params 1\n", encoding="utf-8")
    (sources / "doc5.md").unlink()
    report = kb.extract_all(sources, claims)
    assert (report.parsed, report.cached, report.documents) == (1, 6, 7)
    lines = claims.read_text(encoding="utf-8")
    assert "deepseek-r1" in lines and "doc5.md" not in lines


def test_renamed_source_is_parsed_again_so_provenance_follows(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims)
    (sources / "doc1.md").rename(sources / "renamed.md")
    kb.extract_all(sources, claims)
    assert {c.source for c in store.read_claims(claims)} >= {"renamed.md"}
    assert "doc1.md" not in {c.source for c in store.read_claims(claims)}


def test_parser_change_invalidates_the_cache(
    corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims)
    monkeypatch.setattr(cache, "parser_fingerprint", lambda: "another parser")
    assert kb.extract_all(sources, claims).parsed == 8


def test_fingerprint_covers_data_files_and_engine() -> None:
    cache.parser_fingerprint.cache_clear()
    package = Path(cache.__file__).parent
    assert (package / "data" / "entities.yaml").exists()
    assert len(cache.parser_fingerprint()) == 64


def test_parallel_output_equals_serial(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims, use_cache=False)
    serial = claims.read_bytes()
    parallel_claims = tmp_path / "p.jsonl"
    seen: list[tuple[int, int]] = []
    report = kb.extract_all(
        sources, parallel_claims, jobs=2, use_cache=False, progress=lambda d, t, n: seen.append((d, t))
    )
    assert parallel_claims.read_bytes() == serial and report.parsed == 8
    assert seen[-1] == (8, 8) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_engine_crash_on_one_file_is_reported_not_fatal(
    corpus: tuple[Path, Path], fake_engine: object
) -> None:
    sources, claims = corpus
    original = fake_engine.extract_document  # type: ignore[attr-defined]

    def flaky(doc):  # type: ignore[no-untyped-def]
        if doc.source == "doc2.md":
            raise ValueError("boom")
        return original(doc)

    fake_engine.extract_document = flaky  # type: ignore[attr-defined]
    report = kb.extract_all(sources, claims)
    assert report.claims == 7
    assert any("doc2.md: the extractor failed" in p and "boom" in p for p in report.problems)


def test_staleness(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims)
    assert kb.staleness(sources, claims) is None
    doc = sources / "doc0.md"
    os.utime(doc, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))  # touched, same content
    assert kb.staleness(sources, claims) is None
    doc.write_text("deepseek-v3 total_params 1\n", encoding="utf-8")
    (sources / "new.md").write_text("x", encoding="utf-8")
    (sources / "doc7.md").unlink()
    message = kb.staleness(sources, claims)
    assert message is not None
    assert message.startswith("3 sources changed since claims.jsonl was written")
    assert "doc0.md" in message and "run `dsfacts extract`" in message
    kb.extract_all(sources, claims)
    assert kb.staleness(sources, claims) is None


def test_staleness_without_a_cache_falls_back_to_mtimes(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims, use_cache=False)
    assert kb.staleness(sources, claims) is None
    future = time.time_ns() + 60_000_000_000
    os.utime(sources / "doc4.md", ns=(future, future))
    assert (
        kb.staleness(sources, claims)
        == "1 source is newer than claims.jsonl (doc4.md); run `dsfacts extract`."
    )


def test_staleness_distrusts_the_index_once_claims_are_replaced(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims)
    claims.write_text(
        claims.read_text() + "\n"
    )  # replaced by hand / by git: the index no longer describes it
    (sources / "doc0.md").write_text("changed", encoding="utf-8")
    future = time.time_ns() + 60_000_000_000
    os.utime(sources / "doc0.md", ns=(future, future))
    message = kb.staleness(sources, claims)
    assert message is not None and message.startswith("1 source is newer than claims.jsonl")


def test_check_consistency_names_claims_from_missing_sources(corpus: tuple[Path, Path]) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims)
    (sources / "doc6.md").unlink()
    warnings = kb.check_consistency(kb.load(sources, claims))
    assert warnings == [
        f"claims.jsonl has 1 claim from doc6.md, which is no longer in {sources}; run `dsfacts extract`."
    ]
    missing = kb.check_consistency(kb.load(sources.parent / "nowhere", claims))
    assert "does not exist" in missing[0]


CRASH_SCRIPT = textwrap.dedent(
    """
    import sys, time, types
    from pathlib import Path
    import dsfacts.extract
    from dsfacts import kb

    def slow(doc):
        Path(sys.argv[3]).write_text("parsing")
        time.sleep(60)
        return []

    module = types.ModuleType("dsfacts.extract.engine")
    module.extract_document = slow
    sys.modules["dsfacts.extract.engine"] = module
    dsfacts.extract.engine = module
    kb.extract_all(Path(sys.argv[1]), Path(sys.argv[2]), use_cache=False)
    """
)


def test_a_crash_mid_extract_leaves_the_old_claims_intact(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    sources, claims = corpus
    kb.extract_all(sources, claims)
    before = claims.read_bytes()
    marker = tmp_path / "started"
    proc = subprocess.Popen([sys.executable, "-c", CRASH_SCRIPT, str(sources), str(claims), str(marker)])
    try:
        deadline = time.time() + 30
        while not marker.exists() and time.time() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the extract subprocess never started parsing"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert claims.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
