"""`dsfacts check`: verdicts from constructed claims, the CLI's formats and exit codes, and one
end-to-end run over the real seeds when the extraction engine finds claims."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsfacts import store
from dsfacts.check import check_draft, judge_claims, verdict_of
from dsfacts.cli import app
from dsfacts.models import Claim
from dsfacts.sources import Document, read_text_document

FIXTURES = Path(__file__).parent / "fixtures" / "drafts"
REPO = Path(__file__).resolve().parents[1]
LINE_RE = re.compile(r"^.+:\d+:\d+: (supported|contradicted|disputed|unverified): ")


def kc(entity: str, attribute: str, value, kind: str = "number", source: str = "a.txt", line: int = 1, **kw) -> Claim:
    """A claim as a source (or a draft) would state it."""
    return Claim(
        entity=entity,
        attribute=attribute,
        value=value,
        kind=kind,  # type: ignore[arg-type]
        source=source,
        line=line,
        quote=kw.pop("quote", f"{entity} {attribute} {value}"),
        **kw,
    )


def dc(entity: str, attribute: str, value, kind: str = "number", line: int = 3, **kw) -> Claim:
    return kc(entity, attribute, value, kind, source="draft.md", line=line, **kw)


# The knowledge base of these tests: written by hand, so no test depends on the engine's output.
KB = [
    kc("deepseek-v3", "total_params", 671_000_000_000, source="a.txt", line=4, raw="6710亿"),
    kc("deepseek-v3", "total_params", 671_000_000_000, source="b.txt", line=9, raw="671B"),
    kc("deepseek-v3-0324", "total_params", 685_000_000_000, source="c.txt", line=2, raw="685B"),
    kc("deepseek-v3", "training_tokens", 14_800_000_000_000, source="a.txt", line=5, raw="14.8T"),
    kc("deepseek-v3", "release_date", "2024-12-26", "date", source="a.txt", line=6),
    kc("deepseek-v3", "release_date", "2024-12", "date", source="b.txt", line=3),
    kc("deepseek-v3", "paper_date", "2024-12-27", "date", source="b.txt", line=1),
    kc("deepseek-v3", "training_cost_usd", 5_576_000, "money", source="a.txt", line=7, unit="USD", raw="557.6万美元"),
    kc("deepseek-v3", "context_length", 128_000, source="b.txt", line=12, raw="128K"),
    kc("deepseek-v2", "active_params", 21_000_000_000, source="a.txt", line=8, raw="210亿"),
    kc("deepseek-v2", "active_params", 21_000_000_000, source="b.txt", line=8, raw="21B"),
    kc("deepseek-v2", "active_params", 16_000_000_000, source="c.txt", line=8, raw="16B"),
    kc("deepseek-r1", "license", "MIT", "text", source="c.txt", line=5),
]


def one(draft: Claim, kb: list[Claim] = KB):
    [finding] = judge_claims([draft], kb)
    return finding


# ---- verdict policy --------------------------------------------------------------------------


def test_verdict_policy_table():
    assert verdict_of([], None) == "unverified"
    assert verdict_of(["same", "compatible", "minor"], "agreed") == "supported"
    assert verdict_of(["conflict", "conflict"], "agreed") == "contradicted"
    assert verdict_of(["same", "conflict"], "contradiction") == "disputed"
    # agreeing sources, one more precise than the draft allows: the draft is wrong, not disputed
    assert verdict_of(["compatible", "conflict"], "agreed") == "contradicted"
    # one source states two clashing values (status single-source): the draft siding with one is disputed
    assert verdict_of(["same", "conflict"], "single-source", split=True) == "disputed"


def test_one_source_clashing_with_itself_is_no_contradiction_alarm():
    kb = [kc("janus", "context_length", 4096, line=1), kc("janus", "context_length", 16384, line=2)]
    assert one(dc("janus", "context_length", 4096), kb).verdict == "disputed"
    assert one(dc("janus", "context_length", 8192), kb).verdict == "contradicted"


def test_vague_source_does_not_rescue_a_draft_the_precise_sources_rule_out():
    kb = [kc("janus", "release_date", "2024", "date", source="a.txt"),
          kc("janus", "release_date", "2024-10", "date", source="b.txt")]
    assert one(dc("janus", "release_date", "2024-03", "date"), kb).verdict == "contradicted"


def test_supported_same_number():
    f = one(dc("deepseek-v3", "total_params", 671_000_000_000, raw="671 billion"))
    assert f.verdict == "supported"
    assert f.expected == 671_000_000_000
    assert {s.source for s in f.sources} == {"a.txt", "b.txt"}


def test_contradicted_number_shows_arithmetic_and_expected_sources():
    f = one(dc("deepseek-v3", "training_tokens", 12_000_000_000_000, raw="12 trillion"))
    assert f.verdict == "contradicted"
    assert f.expected == 14_800_000_000_000
    assert [(s.source, s.line) for s in f.sources] == [("a.txt", 5)]
    assert "14.8T" in f.message and "14,800,000,000,000" in f.message
    assert "2,800,000,000,000" in f.message and "18.9%" in f.message  # the arithmetic


def test_sibling_entity_named_in_message_but_never_compared():
    f = one(dc("deepseek-v3", "total_params", 685_000_000_000, raw="685B"))
    assert f.verdict == "contradicted"
    assert f.expected == 671_000_000_000
    assert all(s.source != "c.txt" for s in f.sources)  # V3-0324's claim is not evidence about V3
    assert "2 sources say 671B (671,000,000,000)" in f.message
    assert "685B is what c.txt states for DeepSeek-V3-0324" in f.message


def test_sibling_value_alone_does_not_verify():
    # the knowledge base knows deepseek-v3-0324 only by its total_params: other attributes are unknown
    f = one(dc("deepseek-v3-0324", "active_params", 37_000_000_000))
    assert f.verdict == "unverified"


def test_release_and_paper_dates_are_separate_facts():
    # 2024-12-27 is V3's paper date; as a release date it contradicts 2024-12-26
    f = one(dc("deepseek-v3", "release_date", "2024-12-27", "date"))
    assert f.verdict == "contradicted"
    assert f.expected is not None and str(f.expected).startswith("2024-12")
    assert all(s.source != "b.txt" or s.line != 1 for s in f.sources)
    paper = one(dc("deepseek-v3", "paper_date", "2024-12", "date"))
    assert paper.verdict == "supported"
    assert [(s.source, s.line) for s in paper.sources] == [("b.txt", 1)]


def test_date_contradiction_states_precision():
    f = one(dc("deepseek-v3", "release_date", "2024-03", "date", raw="March 2024"))
    assert f.verdict == "contradicted"
    assert "2024-03 (month)" in f.message
    assert "2024-12-26 (day)" in f.message
    assert re.search(r"\[.*2024-03.*\]", f.message)  # reconcile's explanation of the clash, in brackets


def test_less_precise_date_is_supported():
    assert one(dc("deepseek-v3", "release_date", "2024", "date")).verdict == "supported"


def test_approx_money_supported():
    f = one(dc("deepseek-v3", "training_cost_usd", 5_600_000, "money", unit="USD", qualifier="approx",
               raw="about $5.6 million"))
    assert f.verdict == "supported"
    assert f.sources and f.sources[0].quote.endswith("5576000")


def test_disputed_when_sources_disagree_and_draft_takes_a_side():
    f = one(dc("deepseek-v2", "active_params", 21_000_000_000))
    assert f.verdict == "disputed"
    assert {s.source for s in f.sources} == {"a.txt", "b.txt", "c.txt"}  # all sides
    assert "disagree" in f.message


def test_contradicted_when_matching_no_side_of_a_dispute():
    assert one(dc("deepseek-v2", "active_params", 50_000_000_000)).verdict == "contradicted"


def test_unverified_for_unknown_attribute_and_entity():
    f = one(dc("deepseek-v3", "founder", "Someone", "text"))
    assert f.verdict == "unverified"
    assert f.expected is None and f.sources == []
    assert one(dc("deepseek-math", "release_date", "2023-06", "date")).verdict == "unverified"


def test_text_values():
    assert one(dc("deepseek-r1", "license", "MIT", "text")).verdict == "supported"
    assert one(dc("deepseek-r1", "license", "Apache-2.0", "text")).verdict == "contradicted"


def test_findings_keep_draft_position_and_dedupe():
    d = dc("deepseek-v3", "total_params", 671_000_000_000, line=7, column=15, quote="671 billion parameters")
    findings = judge_claims([d, d.model_copy()], KB)
    assert len(findings) == 1
    assert (findings[0].line, findings[0].column, findings[0].text) == (7, 15, "671 billion parameters")


def test_check_draft_calls_the_engine(monkeypatch):
    seen: list[Document] = []

    def fake(doc: Document) -> list[Claim]:
        seen.append(doc)
        return [dc("deepseek-v3", "context_length", 64_000)]

    monkeypatch.setattr("dsfacts.check._extract", fake)
    doc = read_text_document((FIXTURES / "gbk_zh.md").read_bytes(), "gbk_zh.md")
    [f] = check_draft(doc, KB)
    assert "上下文长度" in seen[0].text  # GBK decoded by the shared reader
    assert f.verdict == "contradicted" and f.expected == 128_000


# ---- CLI -------------------------------------------------------------------------------------

# What the engine is expected to find in the fixture drafts: the CLI tests use these so they test
# check's formats and exit codes, not the engine's progress.
DRAFT_CLAIMS = {
    "sample_en.md": [
        dc("deepseek-v3", "total_params", 671_000_000_000, line=3, quote="671 billion parameters"),
        dc("deepseek-v3", "training_tokens", 12_000_000_000_000, line=5, quote="12 trillion tokens"),
        dc("deepseek-math", "release_date", "2023-06", "date", line=11, quote="June 2023"),
    ],
    "sample_zh.md": [
        dc("deepseek-v2", "active_params", 21_000_000_000, line=3, quote="激活 210 亿参数"),
        dc("deepseek-v3", "training_cost_usd", 5_576_000, "money", line=5, unit="USD", qualifier="approx",
           quote="约为 557.6 万美元"),
    ],
    "stdin": [dc("deepseek-r1", "license", "MIT", "text", line=1, quote="MIT license")],
}


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A sources folder and claims.jsonl in tmp_path, and an engine that reads the fixture drafts."""
    (tmp_path / "sources").mkdir()
    store.write_claims(tmp_path / "claims.jsonl", KB)

    def fake(doc: Document) -> list[Claim]:
        name = Path(doc.source).name if doc.source != "<stdin>" else ("stdin" if "MIT" in doc.text else "")
        return [c.model_copy(update={"source": doc.source}) for c in DRAFT_CLAIMS.get(name, [])]

    monkeypatch.setattr("dsfacts.check._extract", fake)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, ["check", *args], input=input)


def test_cli_json(world):
    r = run(str(FIXTURES / "sample_en.md"), "--json")
    assert r.exit_code == 1  # 12T tokens is contradicted
    data = json.loads(r.stdout)
    assert set(data) == {"findings", "unchecked"}
    keys = {"file", "line", "column", "text", "entity", "attribute", "value", "verdict", "expected", "sources"}
    assert all(keys <= set(f) for f in data["findings"])
    assert [(f["line"], f["verdict"]) for f in data["findings"]] == [
        (3, "supported"), (5, "contradicted"), (11, "unverified")]
    assert all({"source", "line", "quote"} <= set(s) for f in data["findings"] for s in f["sources"])
    assert data["findings"][1]["expected"] == 14_800_000_000_000
    r2 = run(str(FIXTURES / "sample_en.md"), "--format", "json")
    assert json.loads(r2.stdout) == data


def test_cli_text_report(world):
    r = run(str(FIXTURES / "sample_zh.md"))
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "3:1" in out and "disputed" in out and "supported" in out
    assert "a.txt:8" in out and "“deepseek-v2 active_params 16000000000”" in out  # evidence for the dispute
    assert out.strip().splitlines()[-1].startswith("1 problem in 1 file (1 disputed); 1 claim supported")


def test_cli_line_format(world):
    r = run(str(FIXTURES / "sample_en.md"), "--format", "line")
    lines = r.stdout.splitlines()
    assert len(lines) == 3
    assert all(LINE_RE.match(line) for line in lines), lines
    assert lines[1].startswith(f"{FIXTURES / 'sample_en.md'}:5:1: contradicted: ")


def test_cli_github_format(world):
    r = run(str(FIXTURES / "sample_en.md"), "--format", "github")
    lines = r.stdout.splitlines()
    assert all(line.startswith("::") for line in lines)
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::notice"]  # supported: no annotation
    assert ",line=5,col=1," in lines[0]


@pytest.mark.parametrize(
    ("draft", "fail_on", "code"),
    [
        ("sample_en.md", "contradicted", 1),
        ("sample_en.md", "disputed", 1),
        ("sample_en.md", "never", 0),
        ("sample_zh.md", "contradicted", 0),
        ("sample_zh.md", "disputed", 1),
        ("sample_zh.md", "never", 0),
    ],
)
def test_cli_fail_on(world, draft, fail_on, code):
    assert run(str(FIXTURES / draft), "--fail-on", fail_on, "--json").exit_code == code


def test_cli_stdin(world):
    r = run("-", "--format", "line", input="DeepSeek-R1 is released under the MIT license.\n")
    assert r.exit_code == 0
    assert r.stdout.startswith("<stdin>:1:1: supported: ")


def test_cli_no_claims(world):
    r = run(str(FIXTURES / "no_claims.md"))
    assert r.exit_code == 0
    assert "no factual claims were found" in r.stdout
    assert json.loads(run(str(FIXTURES / "no_claims.md"), "--json").stdout) == {"findings": [], "unchecked": []}


def test_cli_empty_stdin(world):
    r = run("-", "--json", input="")
    assert r.exit_code == 0 and json.loads(r.stdout) == {"findings": [], "unchecked": []}


def test_cli_gbk_and_utf16_drafts_read(world):
    gbk = run(str(FIXTURES / "gbk_zh.md"), "--json")
    assert gbk.exit_code == 0 and json.loads(gbk.stdout)["findings"] == []
    utf16 = world / "draft16.md"
    utf16.write_bytes((FIXTURES / "sample_zh.md").read_text(encoding="utf-8").encode("utf-16"))
    r = run(str(utf16), "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["findings"] == []
    assert "DeepSeek-V2.5 拥有 1000 亿参数。" in [u["text"] for u in json.loads(r.stdout)["unchecked"]]  # decoded


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["missing.md"], "no such draft"),
        (["BINARY"], "not a text"),
        (["DRAFT", "--format", "xml"], "--format"),
        (["DRAFT", "--fail-on", "sometimes"], "--fail-on"),
        (["DRAFT", "--claims", "CORRUPT"], "corrupt"),
        (["DRAFT", "--claims", "nowhere.jsonl"], "does not exist"),
    ],
)
def test_cli_user_errors_exit_2_without_traceback(world, args, needle):
    (world / "bin.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (world / "bad.jsonl").write_text('{"entity": "deepseek-v3"\n', encoding="utf-8")
    subst = {"BINARY": "bin.md", "DRAFT": str(FIXTURES / "sample_en.md"), "CORRUPT": "bad.jsonl"}
    r = run(*[subst.get(a, a) for a in args])
    assert r.exit_code == 2
    assert needle in r.stderr
    assert "Traceback" not in r.output
    assert isinstance(r.exception, SystemExit)  # a clean exit, not a crash


# ---- end to end over the real seeds ----------------------------------------------------------


def _engine_finds_claims() -> bool:
    try:
        from dsfacts.extract.engine import extract_document

        doc = read_text_document((FIXTURES / "sample_en.md").read_bytes(), "sample_en.md")
        return bool(extract_document(doc))
    except Exception:  # the engine is someone else's work in progress; this test waits for it
        return False


@pytest.mark.skipif(not _engine_finds_claims(), reason="the extraction engine finds no claims in drafts yet")
def test_real_seeds_and_sample_drafts(tmp_path, monkeypatch):
    shutil.copytree(REPO / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["extract"]).exit_code == 0
    wrong, extra = _judge_drafts(FIXTURES)
    assert not wrong, wrong
    assert not extra, extra
    # a draft nobody has seen, in mixed languages, gives findings and never a traceback
    mixed = run(str(FIXTURES / "mixed.md"), "--json")
    assert mixed.exit_code in (0, 1) and "findings" in json.loads(mixed.stdout)


def test_a_relative_draft_path_is_found_from_the_callers_directory(tmp_path, monkeypatch):
    # a script running dsfacts with another cwd still passes paths relative to its own $PWD
    from dsfacts.check import read_draft

    caller = tmp_path / "project"
    (caller / "drafts").mkdir(parents=True)
    (caller / "drafts" / "d.md").write_text("DeepSeek-V3 has 671B parameters.\n", encoding="utf-8")
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("PWD", str(caller))
    assert "671B" in read_draft("drafts/d.md").text


# the drafts of the fifth to fourteenth unseen rounds (tests/fixtures/probe5-14/drafts): each
# round's verdicts were measured once untouched (25 of 33, 29 of 30, 35 of 37, 33 of 37, 31 of 36, 32 of 34, 35 of 39, 35 of 36, 36 of 37, 32 of 33); the floor only rises
DRAFT_ROUNDS = {"probe5": 33, "probe6": 30, "probe7": 37, "probe8": 36, "probe9": 34, "probe10": 33, "probe11": 37, "probe12": 36, "probe13": 36, "probe14": 32}


@pytest.mark.skipif(not _engine_finds_claims(), reason="the extraction engine finds no claims in drafts yet")
@pytest.mark.parametrize(("round_name", "floor"), list(DRAFT_ROUNDS.items()))
def test_unseen_rounds_drafts_keep_their_verdicts(tmp_path, monkeypatch, round_name, floor):
    folder = Path(__file__).parent / "fixtures" / round_name / "drafts"
    shutil.copytree(REPO / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["extract"]).exit_code == 0
    wrong, extra = _judge_drafts(folder)
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    right = sum(len(items) for items in expected.values()) - len(wrong)
    assert right >= floor, f"{round_name}: {right} draft verdicts right, the floor is {floor}: {wrong}"
    assert not extra, extra


def _judge_drafts(folder: Path) -> tuple[list, list]:
    """Check every draft its expected.json lists: the expected verdicts missed (draft, gold line,
    verdicts found), and the 'contradicted' findings no expected line accounts for."""
    wrong, extra = [], []
    for draft, items in json.loads((folder / "expected.json").read_text(encoding="utf-8")).items():
        r = run(str(folder / draft), "--json")
        assert r.exit_code in (0, 1), r.stderr
        findings = json.loads(r.stdout)["findings"]
        for g in items:
            got = [f["verdict"] for f in findings if (f["line"], f["entity"], f["attribute"]) == (g["line"], g["entity"], g["attribute"])]
            if not (got and all(v in g["ok"] for v in got)):
                wrong.append((draft, g, got))
        gold = {(g["line"], g["entity"], g["attribute"]) for g in items}
        extra += [f for f in findings if f["verdict"] == "contradicted" and (f["line"], f["entity"], f["attribute"]) not in gold]
    return wrong, extra
