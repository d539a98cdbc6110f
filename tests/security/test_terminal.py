"""Item 5: text from documents reaches the terminal shown, never obeyed; JSON keeps it exact."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsfacts.cli import app
from dsfacts.render_safe import clean, safe

OSC8 = "\x1b]8;;https://evil.example/\x07click me\x1b]8;;\x07"
HOSTILE_QUOTE = f"DeepSeek-V3 [link=https://evil.example/]671B[/link] [bold red]total[/] {OSC8} \u202e\x1b[2J"


def _claim(value: int, source: str, quote: str) -> dict:
    return {"entity": "deepseek-v3", "attribute": "total_params", "value": value, "kind": "number",
            "source": source, "line": 1, "quote": quote}  # fmt: skip


@pytest.fixture
def hostile_kb(kbdir: Path) -> Path:
    rows = [_claim(671_000_000_000, "evil.md", HOSTILE_QUOTE), _claim(685_000_000_000, "b.md", "685B [/] x")]
    (kbdir / "sources" / "evil.md").write_text(HOSTILE_QUOTE + "\n", encoding="utf-8")
    (kbdir / "claims.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return kbdir


@pytest.mark.parametrize("command", [["show", "deepseek-v3"], ["conflicts"]])
def test_markup_and_escapes_are_printed_literally(hostile_kb: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, command, env={"COLUMNS": "400", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "[link=https://evil.example/]671B[/link]" in out  # literal, not a hyperlink
    assert "[bold red]total[/]" in out and "685B [/] x" in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "␛]8;;https://evil.example/␇click me␛]8;;␇" in out  # the OSC 8 sequence, made visible
    assert "<U+202E>" in out and "␛[2J" in out


def test_json_keeps_the_exact_text(hostile_kb: Path) -> None:
    result = CliRunner().invoke(app, ["conflicts", "--json"])
    quotes = {c["quote"] for f in json.loads(result.stdout)["facts"] for v in f["values"] for c in v["claims"]}
    assert HOSTILE_QUOTE in quotes


def test_file_names_in_messages_are_cleaned(kbdir: Path, fake_engine: object) -> None:
    (kbdir / "sources" / "x\x1b]8;;e\x07.md").write_bytes(b"\x89PNG\r\n\x1a\nbinary")
    result = CliRunner().invoke(app, ["extract"])
    assert "\x1b" not in result.output and "x␛]8;;e␇.md" in result.output


_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_clean_leaves_no_control_or_bidi_character(text: str) -> None:
    out = clean(text)
    assert not any(unicodedata.category(ch) == "Cc" or ch in _BIDI for ch in out)
    if not any(unicodedata.category(ch) == "Cc" or ch in _BIDI for ch in text):
        assert out == text  # ordinary text, Chinese included, is left alone
    assert safe(text).plain == out  # a rich Text: never parsed as markup


def test_check_prints_draft_text_literally(kbdir: Path, fake_engine: object) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["extract"]).exit_code == 0
    draft = kbdir / "[bold red]draft[-].md"
    draft.write_text(f"[link=https://evil.example/]x[/link] {OSC8} deepseek-v3 total_params 685\n")
    result = runner.invoke(app, ["check", str(draft), "--fail-on", "never"], env={"COLUMNS": "400"})
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "[bold red]draft[-].md" in result.output, result.output
