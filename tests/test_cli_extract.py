"""The commands that write: extract, add, remove — and that read commands never write."""

from __future__ import annotations

import builtins
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsfacts.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.output


def test_extract_on_a_bare_folder_is_byte_identical_twice(kbdir: Path, fake_engine: object) -> None:
    code, out = run("extract")
    assert code == 0 and "2 documents" in out and "3 claims" in out
    first = (kbdir / "claims.jsonl").read_bytes()
    rows = [json.loads(line) for line in first.decode().splitlines()]
    assert {(r["source"], r["line"]) for r in rows} == {("a.md", 3), ("b.txt", 1), ("b.txt", 2)}
    code, out = run("extract")
    assert code == 0 and "0 parsed, 2 unchanged" in out
    assert (kbdir / "claims.jsonl").read_bytes() == first
    code, _ = run("extract", "--no-cache", "--jobs", "2")
    assert code == 0 and (kbdir / "claims.jsonl").read_bytes() == first


def test_extract_with_explicit_paths(kbdir: Path, fake_engine: object) -> None:
    (kbdir / "sources").rename(kbdir / "docs")
    (kbdir / "out").mkdir()
    code, _ = run("extract", "--sources", "docs", "--claims", "out/kb.jsonl")
    assert code == 0 and (kbdir / "out" / "kb.jsonl").exists()
    assert not (kbdir / "claims.jsonl").exists()


def test_missing_sources_folder_exits_2(kbdir: Path) -> None:
    code, out = run("extract", "--sources", "nowhere")
    assert code == 2 and "nowhere does not exist" in out


CORRUPT = '{"entity": "deepseek-v3", "attribute": "total_params", "value": 671, "source": "a.md", "line": 3, "quote": "q"}\n{"broken\n'


@pytest.mark.parametrize(
    "args",
    [["show", "deepseek-v3"], ["conflicts"], ["conflicts", "--json"], ["timeline"], ["check", "draft.md"]],
)
def test_read_commands_refuse_a_corrupt_file_and_never_write(kbdir: Path, args: list[str]) -> None:
    if args[0] not in {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}:
        pytest.skip(f"{args[0]} is not written yet")
    (kbdir / "draft.md").write_text("DeepSeek-V3 has 671B parameters.\n", encoding="utf-8")
    claims = kbdir / "claims.jsonl"
    claims.write_text(CORRUPT, encoding="utf-8")
    code, out = run(*args)
    assert code == 2, out
    assert "claims.jsonl:2" in out
    assert claims.read_text(encoding="utf-8") == CORRUPT


def test_extract_replaces_a_corrupt_file(kbdir: Path, fake_engine: object) -> None:
    (kbdir / "claims.jsonl").write_text(CORRUPT, encoding="utf-8")
    code, _ = run("extract")
    assert code == 0 and "broken" not in (kbdir / "claims.jsonl").read_text()


def test_add_and_remove_round_trip(kbdir: Path, fake_engine: object, tmp_path: Path) -> None:
    run("extract")
    before = (kbdir / "claims.jsonl").read_bytes()
    metadata_before = "# hand-written comment\nb.txt:\n  title: B\n"
    (kbdir / "sources" / "sources.yaml").write_text(metadata_before, encoding="utf-8")
    doc = tmp_path / "incoming" / "V3 Tech Report.md"
    doc.parent.mkdir()
    doc.write_text(
        "---\ntitle: DeepSeek-V3 Technical Report\ndate: 2024-12-27\nurl: https://arxiv.org/abs/2412.19437\n---\n"
        "deepseek-v3 total_params 671\ndeepseek-v3 context_length 128000\n",
        encoding="utf-8",
    )
    code, out = run("add", str(doc), "--language", "en")
    assert code == 0, out
    assert "added deepseek-v3-technical-report.md" in out and "2 new claims" in out
    stored = kbdir / "sources" / "deepseek-v3-technical-report.md"
    assert stored.read_bytes() == doc.read_bytes()
    import yaml

    meta = yaml.safe_load((kbdir / "sources" / "sources.yaml").read_text(encoding="utf-8"))
    entry = meta["deepseek-v3-technical-report.md"]
    assert entry["kind"] == "paper" and entry["language"] == "en" and entry["date"] == "2024-12-27"
    assert "# hand-written comment" in (kbdir / "sources" / "sources.yaml").read_text(encoding="utf-8")
    assert "deepseek-v3-technical-report.md" in (kbdir / "claims.jsonl").read_text(encoding="utf-8")

    code, out = run("add", str(doc))  # same content again
    assert code == 0 and "already in the knowledge base as deepseek-v3-technical-report.md" in out
    assert len(list((kbdir / "sources").iterdir())) == 4

    code, out = run("remove", "deepseek-v3-technical-report")
    assert code == 0 and "removed deepseek-v3-technical-report.md: 2 claims dropped" in out
    assert not stored.exists()
    assert (kbdir / "sources" / "sources.yaml").read_text(encoding="utf-8") == metadata_before
    assert (kbdir / "claims.jsonl").read_bytes() == before


def test_remove_unknown_id_suggests(kbdir: Path, fake_engine: object) -> None:
    code, out = run("remove", "a.mdx")
    assert code == 2 and "No document 'a.mdx'" in out and "a.md" in out


def test_add_names_are_unique_and_id_is_honoured(kbdir: Path, fake_engine: object, tmp_path: Path) -> None:
    for i in range(2):
        p = tmp_path / f"n{i}" / "notes.txt"
        p.parent.mkdir()
        p.write_text(f"# Plain notes\n\nversion {i}\n", encoding="utf-8")
        assert run("add", str(p))[0] == 0
    assert (kbdir / "sources" / "plain-notes.txt").exists() and (
        kbdir / "sources" / "plain-notes-2.txt"
    ).exists()
    p = tmp_path / "x.md"
    p.write_text("中文标题\n", encoding="utf-8")
    code, out = run("add", str(p), "--id", "my-doc")
    assert code == 0 and (kbdir / "sources" / "my-doc.md").exists()
    p.write_text("another\n", encoding="utf-8")
    code, out = run("add", str(p), "--id", "bad id!")
    assert code == 2 and "--id 'bad id!'" in out
    code, out = run("add", str(p), "--id", "my-doc")
    assert code == 2 and "my-doc.md already exists" in out


def test_add_html_is_stored_as_markdown(kbdir: Path, fake_engine: object, tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    page = tmp_path / "page.html"
    body = "".join(
        f"<p>Paragraph {i}: deepseek-v3 total_params 671 is a number the page states.</p>" for i in range(5)
    )
    page.write_text(
        f"<html><head><title>DeepSeek V3 launch</title></head><body><article><h1>DeepSeek V3 launch</h1>{body}"
        "</article></body></html>",
        encoding="utf-8",
    )
    code, out = run("add", str(page))
    assert code == 0, out
    stored = kbdir / "sources" / "deepseek-v3-launch.md"
    text = stored.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: DeepSeek V3 launch\n") and "deepseek-v3 total_params 671" in text
    code, out = run("add", str(page))
    assert "already in the knowledge base" in out


def test_add_html_without_trafilatura_says_how_to_install(
    kbdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_trafilatura(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "trafilatura" or name.startswith("trafilatura."):
            raise ImportError("No module named 'trafilatura'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    page = tmp_path / "p.html"
    page.write_text("<p>hi</p>", encoding="utf-8")
    code, out = run("add", str(page))
    assert code == 2 and 'pip install "dsfacts[html]"' in out
    assert sorted(p.name for p in (kbdir / "sources").iterdir()) == ["a.md", "b.txt"]
