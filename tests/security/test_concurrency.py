"""Item 1: one writer at a time. Concurrent `add`s keep every document; `remove` is all-or-nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsfacts import ingest, kb, lock, store
from dsfacts.cli import app

FAKE_CLI = str(Path(__file__).with_name("_fake_dsfacts.py"))


def _env() -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", DSFACTS_LOCK_TIMEOUT="120")
    env.pop("DSFACTS_HOME", None)
    return env


def test_twenty_concurrent_adds_of_same_titled_documents_keep_twenty(kbdir: Path) -> None:
    incoming = kbdir / "incoming"
    incoming.mkdir()
    docs = []
    for i in range(20):  # same title, different content: ids collide unless the lock orders them
        d = incoming / f"doc{i}.md"
        d.write_text(f"# Same Title\n\ndeepseek-v{i}-x total_params {1000 + i}\n", encoding="utf-8")
        docs.append(d)
    procs = [
        subprocess.Popen(
            [sys.executable, FAKE_CLI, "add", str(d)],
            cwd=kbdir, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for d in docs
    ]
    outcomes = [(p.wait(timeout=180), p.stderr.read() if p.stderr else "") for p in procs]
    assert all(code == 0 for code, _ in outcomes), outcomes
    stored = sorted(p.name for p in (kbdir / "sources").glob("same-title*.md"))
    assert len(stored) == 20, stored
    claims = store.read_claims(kbdir / "claims.jsonl")
    assert {c.value for c in claims if c.source.startswith("same-title")} == set(range(1000, 1020))
    meta = ingest.src.load_metadata(kbdir / "sources")
    assert set(stored) <= set(meta)


def test_a_second_writer_says_it_waits_then_times_out_with_exit_2(kbdir: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from dsfacts import lock\n"
         "with lock.writing(sys.argv[1]):\n    print('held', flush=True); time.sleep(30)", str(kbdir)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, FAKE_CLI, "extract"], cwd=kbdir, env={**_env(), "DSFACTS_LOCK_TIMEOUT": "1"},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert time.perf_counter() - t0 < 30
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 2
    assert "another dsfacts is writing" in done.stderr and "waiting" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (kbdir / "claims.jsonl").exists()  # it never wrote


def test_the_lock_waits_for_the_holder_and_is_reentrant(tmp_path: Path) -> None:
    order: list[str] = []
    with lock.writing(tmp_path):
        with lock.writing(tmp_path):  # `add` runs `extract` while holding it
            order.append("inner")

        def second() -> None:
            # another holder in this process is a different thread: use a child process's view
            subprocess.run(
                [sys.executable, "-c", "import sys; from dsfacts import lock\n"
                 "with lock.writing(sys.argv[1], timeout=30): pass", str(tmp_path)],
                check=True, capture_output=True,
            )  # fmt: skip
            order.append("second")

        t = threading.Thread(target=second)
        t.start()
        time.sleep(1.0)
        order.append("first done")
    t.join(timeout=60)
    assert order == ["inner", "first done", "second"]


def test_remove_is_all_or_nothing_when_extraction_fails(
    kbdir: Path, fake_engine: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources, claims = kbdir / "sources", kbdir / "claims.jsonl"
    (sources / "sources.yaml").write_text("# mine\na.md:\n  title: A  # kept\nb.txt:\n  title: B\n")
    kb.extract_all(sources, claims)
    before = {p.name: p.read_bytes() for p in sources.iterdir()}
    claims_before = claims.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the user presses Ctrl-C in the middle

    monkeypatch.setattr(kb, "extract_all", boom)
    with pytest.raises(KeyboardInterrupt):
        ingest.remove(["a", "b"], sources, claims)
    assert {p.name: p.read_bytes() for p in sources.iterdir()} == before
    assert claims.read_bytes() == claims_before


def test_remove_with_one_unknown_id_removes_nothing(kbdir: Path, fake_engine: object) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["extract"]).exit_code == 0
    result = runner.invoke(app, ["remove", "a", "no-such-doc"])
    assert result.exit_code == 2
    assert "no-such-doc" in result.output and "Traceback" not in result.output
    assert (kbdir / "sources" / "a.md").exists()
