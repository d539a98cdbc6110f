"""Item 3b: a per-document time and size budget; a document over it is skipped with a warning
naming it, and every other document's claims are still written."""

from __future__ import annotations

import contextlib
import re
import sys
import time
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import fake_extract_document  # tests/conftest.py: the stand-in engine
from dsfacts import budget, kb, store
from dsfacts.cli import app


@pytest.fixture
def slow_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-in engine, plus a catastrophic regex on documents that ask for it."""
    import dsfacts.extract

    def extract_document(doc):  # type: ignore[no-untyped-def]
        if "EVIL" in doc.text:
            re.match(r"(a+)+$", "a" * 40 + "b")  # exponential backtracking: minutes
        return fake_extract_document(doc)

    module = types.ModuleType("dsfacts.extract.engine")
    module.extract_document = extract_document  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dsfacts.extract.engine", module)
    monkeypatch.setattr(dsfacts.extract, "engine", module, raising=False)


def test_a_document_that_hangs_the_parser_is_skipped_in_time(
    kbdir: Path, slow_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DSFACTS_DOC_TIMEOUT", "1")
    (kbdir / "sources" / "evil.md").write_text("EVIL\ndeepseek-v3 total_params 999\n")
    t0 = time.perf_counter()
    result = CliRunner().invoke(app, ["extract"])
    assert time.perf_counter() - t0 < 10
    assert result.exit_code == 0, result.output
    assert "evil.md: not parsed within 1 s, skipped" in result.output
    sources = {c.source for c in store.read_claims(kbdir / "claims.jsonl")}
    assert sources == {"a.md", "b.txt"}


def test_the_budget_applies_in_worker_processes_too(
    kbdir: Path, slow_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DSFACTS_DOC_TIMEOUT", "1")
    (kbdir / "sources" / "evil.md").write_text("EVIL\n")
    report = kb.extract_all(kbdir / "sources", kbdir / "claims.jsonl", jobs=2)
    assert any(p.startswith("evil.md: not parsed within") for p in report.problems)
    assert report.parsed == 2


def test_an_oversized_document_is_skipped_by_name(
    kbdir: Path, fake_engine: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DSFACTS_DOC_MAX_BYTES", "1000")
    (kbdir / "sources" / "huge.md").write_text("deepseek-v3 total_params 1\n" * 100)
    report = kb.extract_all(kbdir / "sources", kbdir / "claims.jsonl")
    assert any(p.startswith("huge.md: 2,700 bytes is more than the 1,000") for p in report.problems)
    assert {c.source for c in store.read_claims(kbdir / "claims.jsonl")} == {"a.md", "b.txt"}


def test_the_deadline_restores_an_outer_timer() -> None:
    import signal

    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with budget.deadline(5):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 90 < left <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_a_hostile_draft_does_not_hang_check(
    kbdir: Path, slow_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["extract"]).exit_code == 0
    monkeypatch.setenv("DSFACTS_DOC_TIMEOUT", "1")
    (kbdir / "draft.md").write_text("EVIL deepseek-v3 total_params 671\n")
    t0 = time.perf_counter()
    result = runner.invoke(app, ["check", "draft.md"])
    assert time.perf_counter() - t0 < 10
    assert result.exit_code == 2 and "draft.md: not checked within 1 s" in result.output


def test_a_timeout_swallowed_once_fires_again() -> None:
    """An alarm landing in a gc callback or __del__ is ignored by Python; the next one must stop the parse."""

    class Swallow:
        def __del__(self) -> None:
            with contextlib.suppress(BaseException):  # as Python does with what __del__ raises
                time.sleep(0.3)  # the first alarm lands here

    t0 = time.perf_counter()
    with pytest.raises(budget.DocumentTimeout), budget.deadline(0.1):
        Swallow()  # collected at once: __del__ runs while the first alarm fires
        re.match(r"(a+)+$", "a" * 28 + "b")  # ~7 s of backtracking if nothing stops it
    assert time.perf_counter() - t0 < 3
