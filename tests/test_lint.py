"""`check` as a linter (many drafts, formats, ignores, unchecked sentences) and the CLI conventions
(finding the knowledge base, empty base, --version, NO_COLOR, widths, stale warnings, export, add).

The knowledge base is a hand-written claims list and the draft engine a tiny stand-in, so these
tests depend on the code under test, not on what the real extraction engine finds."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsfacts import store
from dsfacts.cli import app
from dsfacts.drafts import expand, ignore_comments, visible_document
from dsfacts.models import Claim
from dsfacts.sources import Document, read_text_document

ANSI = re.compile(r"\x1b")
_DRAFT_CLAIM = re.compile(r"DeepSeek-(V3|V2) has (\d+)B parameters")


def kc(entity: str, attribute: str, value, kind: str = "number", source: str = "a.txt", line: int = 1, **kw) -> Claim:
    return Claim(entity=entity, attribute=attribute, value=value, kind=kind, source=source, line=line,  # type: ignore[arg-type]
                 quote=kw.pop("quote", f"{entity} {attribute} {value}"), **kw)


KB = [
    kc("deepseek-v3", "total_params", 671_000_000_000, source="a.txt", line=4, raw="671B"),
    kc("deepseek-v3", "total_params", 671_000_000_000, source="b.txt", line=9, raw="6710亿"),
    kc("deepseek-v3", "training_gpu_hours", 2_788_000, source="a.txt", line=5, raw="2.788M"),
    kc("deepseek-v3", "release_date", "2024-12-26", "date", source="a.txt", line=6),
    kc("deepseek-v2", "total_params", 236_000_000_000, source="a.txt", line=7, raw="236B"),
    kc("deepseek-v2", "total_params", 300_000_000_000, source="b.txt", line=7, raw="300B"),
]


def fake_extract(doc: Document) -> list[Claim]:
    """'DeepSeek-V3 has 671B parameters' -> a total_params claim at the number's line and column."""
    out = []
    for m in _DRAFT_CLAIM.finditer(doc.text):
        line, column = doc.line_col(m.start(2))
        out.append(Claim(entity=f"deepseek-{m[1].lower()}", attribute="total_params", value=int(m[2]) * 10**9,
                         kind="number", source=doc.source, line=line, column=column, quote=m[0], raw=f"{m[2]}B"))
    return out


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("x\n", encoding="utf-8")
    store.write_claims(tmp_path / "claims.jsonl", KB)
    monkeypatch.setattr("dsfacts.check._extract", fake_extract)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DSFACTS_HOME", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def cli(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), input=input, env=env)


# ---- many drafts, file on every finding -------------------------------------------------------


def test_two_drafts_name_their_file_on_each_finding(world: Path) -> None:
    a = write(world / "a.md", "# A\n\nDeepSeek-V3 has 671B parameters.\n")
    b = write(world / "b.md", "Intro.\nDeepSeek-V3 has 685B parameters.\n")
    r = cli("check", a, b, "--json")
    assert r.exit_code == 1, r.output  # 685B contradicts
    data = json.loads(r.stdout)
    assert [(f["file"], f["line"], f["verdict"]) for f in data["findings"]] == [
        ("a.md", 3, "supported"), ("b.md", 2, "contradicted")]


def test_globs_folders_and_stdin(world: Path) -> None:
    write(world / "drafts" / "one.md", "DeepSeek-V3 has 671B parameters.\n")
    write(world / "drafts" / "sub" / "two.txt", "DeepSeek-V3 has 671B parameters.\n")
    assert expand(["drafts/**/*.*"]) == ["drafts/one.md", "drafts/sub/two.txt"]
    assert expand(["drafts"]) == ["drafts/one.md", "drafts/sub/two.txt"]
    r = cli("check", "drafts/*.md", "-", "--json", input="DeepSeek-V3 has 671B parameters.\n")
    assert [f["file"] for f in json.loads(r.stdout)["findings"]] == ["drafts/one.md", "<stdin>"]
    bad = cli("check", "nothing/*.md")
    assert bad.exit_code == 2 and "no draft matches" in bad.stderr


# ---- inline ignores ---------------------------------------------------------------------------


def test_ignore_comments_silence_their_line_and_unused_ones_are_reported(world: Path) -> None:
    draft = write(world / "d.md", "\n".join([
        "DeepSeek-V3 has 600B parameters. <!-- dsfacts-ignore -->",
        "<!-- dsfacts-ignore-next-line -->",
        "DeepSeek-V3 has 500B parameters.",
        "DeepSeek-V3 has 400B parameters.",
        "Nothing here. <!-- dsfacts-ignore -->",
    ]) + "\n")
    r = cli("check", draft, "--json", "--report-unused-ignores")
    data = json.loads(r.stdout)
    assert [f["line"] for f in data["findings"]] == [4]  # lines 1 and 3 are silenced
    assert data["unused_ignores"] == [{"file": "d.md", "line": 5, "comment": "dsfacts-ignore"}]
    assert "unused_ignores" not in json.loads(cli("check", draft, "--json").stdout)
    line = cli("check", draft, "--format", "line", "--report-unused-ignores").stdout
    assert "d.md:5:1: unused-ignore:" in line


def test_ignore_comment_parsing() -> None:
    text = "a <!-- dsfacts-ignore -->\n  <!--dsfacts-ignore-next-line-->\nb\nc <!-- dsfacts-ignore --> d\n"
    assert ignore_comments(text) == {1: (1, "dsfacts-ignore"), 3: (2, "dsfacts-ignore-next-line")}


# ---- unchecked sentences ----------------------------------------------------------------------


def test_a_benchmark_score_is_listed_as_unchecked(world: Path) -> None:
    draft = write(world / "d.md", "\n".join([
        "# DeepSeek-V3",
        "",
        "DeepSeek-V3 has 671B parameters. DeepSeek-V3 scored 88.5 on MMLU.",
        "It was trained on 14.8T tokens.",
        "Llama 3 has 70B parameters.",
        "The weather was nice in 2024.",
        "DeepSeek-R1-Distill-Qwen-7B is a small model.",
    ]) + "\n")
    data = json.loads(cli("check", draft, "--json").stdout)
    texts = [u["text"] for u in data["unchecked"]]
    assert "DeepSeek-V3 scored 88.5 on MMLU." in texts
    assert "It was trained on 14.8T tokens." in texts  # a pronoun refers to the model
    assert "The weather was nice in 2024." in texts  # under a heading naming the model
    assert not any("671B" in t or "Llama" in t or "Distill" in t for t in texts)
    assert all(u["file"] == "d.md" and u["line"] >= 3 for u in data["unchecked"])
    text = cli("check", draft).stdout
    assert "3 sentences with numbers were not checked" in text and "-v lists them" in text
    assert "scored 88.5" not in text
    verbose = cli("check", draft, "-v").stdout
    assert "unchecked" in verbose and "scored 88.5 on MMLU" in verbose


# ---- formats and --fail-on ----------------------------------------------------------------------


def test_sarif_has_the_required_fields_of_2_1_0(world: Path) -> None:
    draft = write(world / "d.md", "DeepSeek-V3 has 685B parameters.\nDeepSeek-V3 has 671B parameters.\n")
    log = json.loads(cli("check", draft, "--format", "sarif").stdout)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "dsfacts" and driver["version"]
    assert {r["id"] for r in driver["rules"]} == {"supported", "contradicted", "disputed", "unverified"}
    assert all(r["shortDescription"]["text"] for r in driver["rules"])
    [result] = run["results"]  # supported claims are not results
    assert result["ruleId"] == "contradicted" and result["level"] == "error"
    assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert "a.txt:4" in result["message"]["text"] and "b.txt:9" in result["message"]["text"]  # the sources
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "d.md"
    assert loc["region"]["startLine"] == 1 and loc["region"]["startColumn"] >= 1


def test_github_annotations_name_each_file(world: Path) -> None:
    a = write(world / "a b.md", "DeepSeek-V3 has 685B parameters.\n")
    out = cli("check", a, "--format", "github").stdout
    assert out.startswith("::error file=a b.md,line=1,col=17,title=dsfacts%3A contradicted")


@pytest.mark.parametrize(("fail_on", "code"), [("contradicted", 0), ("disputed", 0), ("unverified", 1), ("never", 0)])
def test_fail_on_unverified(world: Path, fail_on: str, code: int) -> None:
    draft = write(world / "d.md", "DeepSeek-V2 has 16B parameters.\nDeepSeek-V3 has 671B parameters.\n")
    draft2 = write(world / "e.md", "x\n")
    store.write_claims(world / "claims.jsonl", [c for c in KB if c.entity == "deepseek-v3"])
    assert cli("check", draft, draft2, "--fail-on", fail_on, "--json").exit_code == code


def test_text_reads_like_writers_write(world: Path) -> None:
    draft = write(world / "d.md", "DeepSeek-V3 has 685B parameters.\n")
    out = cli("check", draft).stdout
    assert "685B" in out and "(expected 671B)" in out and "685000000000" not in out
    assert out.strip().splitlines()[-1] == "1 problem in 1 file (1 contradicted); 0 claims supported"
    assert cli("check", draft, "--quiet").stdout.strip().splitlines()[-1].startswith("  ")  # no summary


def test_html_draft_is_read_as_a_reader_sees_it(world: Path) -> None:
    html = (
        "<html><head><script>var s = 'DeepSeek-V3 has 700B parameters';</script>\n"
        "<style>p::after { content: 'DeepSeek-V3 has 800B parameters' }</style></head>\n"
        '<body><p title="DeepSeek-V3 has 900B parameters">DeepSeek-V3 has 685B parameters.</p></body></html>\n'
    )
    draft = write(world / "d.html", html)
    data = json.loads(cli("check", draft, "--json").stdout)
    [f] = data["findings"]
    assert (f["line"], f["value"]) == (3, 685_000_000_000)
    assert html.splitlines()[2][f["column"] - 1:].startswith("685B")  # the file's own column
    doc = visible_document(read_text_document(html.encode(), "d.html"))
    assert len(doc.text) == len(html) and doc.text.count("\n") == html.count("\n")


# ---- the knowledge base: where, empty, stale ------------------------------------------------------


@pytest.mark.parametrize("args", [["check", "DRAFT"], ["show", "deepseek-v3"], ["conflicts"], ["timeline"]])
def test_an_empty_knowledge_base_is_exit_2(world: Path, args: list[str]) -> None:
    draft = write(world / "d.md", "DeepSeek-V3 has 671B parameters.\n")
    args = [draft if a == "DRAFT" else a for a in args]
    (world / "claims.jsonl").write_text("", encoding="utf-8")
    r = cli(*args)
    assert r.exit_code == 2 and "run `dsfacts extract`" in r.stderr and "Traceback" not in r.output
    (world / "claims.jsonl").unlink()
    r = cli(*args)
    assert r.exit_code == 2 and "run `dsfacts extract`" in r.stderr


def test_the_knowledge_base_is_found_from_a_subfolder_and_from_dsfacts_home(
    world: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    deep = world / "drafts" / "2025"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    r = cli("show", "deepseek-v3", "--json")
    assert r.exit_code == 0, r.output
    assert {f["attribute"] for f in json.loads(r.stdout)["facts"]} >= {"total_params"}
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    assert cli("show", "deepseek-v3").exit_code == 2  # nothing above this folder
    monkeypatch.setenv("DSFACTS_HOME", str(world))
    assert cli("show", "deepseek-v3", "--json").exit_code == 0
    # an explicit option still wins over $DSFACTS_HOME
    assert cli("show", "deepseek-v3", "--claims", str(elsewhere / "none.jsonl")).exit_code == 2


def test_read_commands_warn_when_a_source_changed(kbdir: Path, fake_engine: object) -> None:
    assert cli("extract").exit_code == 0
    assert "changed" not in cli("show", "deepseek-v3").stderr
    (kbdir / "sources" / "a.md").write_text("# A\n\ndeepseek-v3 total_params 685\n", encoding="utf-8")
    for args in (["show", "deepseek-v3"], ["conflicts"], ["timeline"]):
        r = cli(*args)
        assert "warning: 1 source changed since claims.jsonl was written (a.md)" in r.stderr, args


# ---- conventions: version, colour, widths, export, add ----------------------------------------------


def test_version() -> None:
    r = cli("--version")
    assert r.exit_code == 0 and re.fullmatch(r"dsfacts \d+\.\d+\S*\n", r.stdout)


def test_completion_is_offered() -> None:
    assert "--install-completion" in cli("--help").stdout


READ_COMMANDS = [["show", "deepseek-v3"], ["conflicts", "--status", "all"], ["timeline"], ["entities"], ["sources"],
                 ["check", "DRAFT", "-v"]]


@pytest.mark.parametrize("args", READ_COMMANDS)
def test_no_color_removes_every_escape_sequence_on_a_terminal(world: Path, args: list[str]) -> None:
    draft = write(world / "d.md", "DeepSeek-V3 has 685B parameters. DeepSeek-V3 scored 88.5 on MMLU.\n")
    args = [draft if a == "DRAFT" else a for a in args]
    forced = cli(*args, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert ANSI.search(forced.stdout), "a terminal gets styles, or this test proves nothing"
    for env, extra in (({"FORCE_COLOR": "1", "NO_COLOR": "1"}, []), ({"FORCE_COLOR": "1", "NO_COLOR": ""}, ["--color", "never"])):
        r = cli(*extra, *args, env=env)
        assert r.exit_code in (0, 1), r.output
        assert not ANSI.search(r.output), (args, r.output[:200])


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("args", READ_COMMANDS)
def test_text_fits_the_terminal(world: Path, args: list[str], width: int) -> None:
    long = "DeepSeek-V3 has 685B parameters, " + "which is a rather long sentence for a draft " * 3 + "."
    draft = write(world / "d.md", long + "\n")
    args = [draft if a == "DRAFT" else a for a in args]
    r = cli(*args, env={"COLUMNS": str(width)})
    assert r.exit_code in (0, 1), r.output
    lines = r.stdout.splitlines()
    assert lines and all(len(line) <= width for line in lines), max(lines, key=len)
    letters = [bool(re.fullmatch(r"\s+\S\s*", line)) for line in lines]
    assert not any(a and b for a, b in zip(letters, letters[1:], strict=False)), r.stdout  # no column squeezed to one letter


def test_export_csv_and_jsonl(world: Path) -> None:
    assert cli("export", "facts.csv").exit_code == 0
    rows = (world / "facts.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "entity,attribute,status,preferred,preferred_text,sources,values,split"
    assert "deepseek-v3,total_params,agreed,671000000000,671B,2,1," in rows
    assert cli("export", "facts.jsonl").exit_code == 0
    facts = [json.loads(line) for line in (world / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    v2 = next(f for f in facts if (f["entity"], f["attribute"]) == ("deepseek-v2", "total_params"))
    assert v2["status"] == "contradiction" and v2["sources"] == 2 and v2["values"] == 2
    bad = cli("export", "facts.xlsx")
    assert bad.exit_code == 2 and ".csv" in bad.stderr


def test_add_refuses_a_near_copy(kbdir: Path, fake_engine: object) -> None:
    base = "# Notes on DeepSeek-V3\n\n" + "".join(f"Paragraph {i}: deepseek-v3 total_params 671 and more words.\n" for i in range(30))
    first = kbdir / "first.md"
    first.write_text("---\nurl: https://example.com/post/\n---\n" + base, encoding="utf-8")
    assert cli("add", str(first)).exit_code == 0
    edited = kbdir / "edited.md"
    edited.write_text(base.replace("Paragraph 3:", "Paragraph three:"), encoding="utf-8")
    r = cli("add", str(edited))
    assert "near-copy" in r.stdout and "the same text as notes-on-deepseek-v3.md" in r.stdout
    moved = kbdir / "moved.md"
    moved.write_text("---\nurl: http://www.example.com/post\n---\nSomething else entirely.\n", encoding="utf-8")
    r = cli("add", str(moved))
    assert "same URL as notes-on-deepseek-v3.md" in r.stdout
    other = kbdir / "other.md"
    other.write_text("# Other\n\ndeepseek-r1 context_length 128\n", encoding="utf-8")
    assert "added other.md" in cli("add", str(other)).stdout


def test_help_and_usage_errors_have_no_escape_sequences_under_no_color() -> None:
    import subprocess
    import sys

    env = {**os.environ, "FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "80"}
    for args in (["--help"], ["check"], ["show", "--help"]):
        r = subprocess.run([sys.executable, "-m", "dsfacts", *args], capture_output=True, text=True, env=env, timeout=60)
        assert r.stdout + r.stderr and not ANSI.search(r.stdout + r.stderr), args
    styled = subprocess.run([sys.executable, "-m", "dsfacts", "--help"], capture_output=True, text=True, timeout=60,
                            env={**env, "NO_COLOR": ""})
    assert ANSI.search(styled.stdout)  # a forced terminal does get styles: the test can fail


def test_export_parquet_needs_pyarrow(world: Path) -> None:
    r = cli("export", "facts.parquet")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        assert r.exit_code == 2 and "pyarrow" in r.stderr and not (world / "facts.parquet").exists()
    else:
        assert r.exit_code == 0 and (world / "facts.parquet").stat().st_size > 0


html_text = st.text(alphabet=st.sampled_from(list("ab 1\n<>/=\"'&;!-pscript")), max_size=200)


@given(html_text)
@settings(max_examples=150, deadline=None)
def test_visible_html_keeps_every_line_and_column(text: str) -> None:
    doc = visible_document(Document(source="d.html", text=text))
    assert len(doc.text) == len(text)
    assert [i for i, ch in enumerate(doc.text) if ch == "\n"] == [i for i, ch in enumerate(text) if ch == "\n"]
    # each character is the file's own, a blank, or an entity's text at the entity's "&"
    assert all(v in (" ", t) or t == "&" for v, t in zip(doc.text, text, strict=True))


@given(st.lists(st.sampled_from(["text", "x <!-- dsfacts-ignore -->", "<!-- dsfacts-ignore-next-line -->", ""]),
                max_size=12))
def test_ignore_comments_only_silence_marked_lines(lines: list[str]) -> None:
    silenced = ignore_comments("\n".join(lines))
    for line, (at, kind) in silenced.items():
        assert kind in ("dsfacts-ignore", "dsfacts-ignore-next-line")
        assert lines[at - 1].strip().endswith("-->")
        assert line == at or line == at + 1


def test_html_script_numbers_never_reach_the_real_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the real engine: whatever it finds in the paragraph, nothing comes from script, style or attributes."""
    monkeypatch.chdir(tmp_path)
    store.write_claims(tmp_path / "claims.jsonl", KB)
    (tmp_path / "d.html").write_text(
        "<html><head><script>var claim = 'DeepSeek-V3 has 700B parameters';</script>\n"
        "<style>.x::after { content: 'DeepSeek-V3 has 800B parameters' }</style></head>\n"
        '<body><p data-note="DeepSeek-V3 has 900B parameters">DeepSeek-V3 has 671B parameters.</p></body></html>\n',
        encoding="utf-8",
    )
    r = cli("check", "d.html", "--json")
    assert r.exit_code in (0, 1), r.output
    data = json.loads(r.stdout)
    assert all(f["line"] == 3 and f["value"] not in (700e9, 800e9, 900e9) for f in data["findings"])
    assert all("700B" not in u["text"] and "800B" not in u["text"] for u in data["unchecked"])
