"""The report commands (conflicts, show, timeline, entities, sources) on a small claims file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsfacts import store
from dsfacts.cli import app
from dsfacts.models import Claim

REPO = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[")


def c(entity: str, attribute: str, value, kind: str, source: str, line: int, quote: str, **kw) -> Claim:
    return Claim(entity=entity, attribute=attribute, value=value, kind=kind, source=source, line=line,  # type: ignore[arg-type]
                 quote=quote, **kw)


CLAIMS = [
    c("deepseek-v3", "release_date", "2024-12-26", "date", "timeline.md", 3, "2024年12月26日 DeepSeek-V3 发布"),
    c("deepseek-v3", "release_date", "2024-12", "date", "report.txt", 5, "2024年12月，DeepSeek-V3"),
    c("deepseek-v3", "release_date", "2024-12-25", "date", "blog.txt", 2, "12月25日 V3"),
    c("deepseek-v3", "total_params", 671000000000, "number", "timeline.md", 4, "总参数6710亿", raw="6710亿",
      resolution=100000000),
    c("deepseek-v3", "total_params", 671000000000, "number", "report.txt", 6, "671B 参数", raw="671B",
      resolution=1000000000),
    c("deepseek-v3", "training_cost_usd", 5576000, "money", "report.txt", 7, "557.6万美元", raw="557.6万美元",
      unit="USD", resolution=1000),
    c("deepseek-v3", "training_cost_usd", 5500000, "money", "blog.txt", 3, "550万美元", raw="550万美元",
      unit="USD", resolution=100000),
    c("deepseek-coder", "release_date", "2023-11", "date", "timeline.md", 2, "2023年11月 DeepSeek Coder"),
    c("deepseek-coder", "release_date", "2023-07", "date", "blog.txt", 1, "2023年7月 DeepSeek Coder"),
    c("deepseek-coder", "paper_date", "2024-01", "date", "report.txt", 2, "2024年1月论文"),
    c("deepseek-r1", "distilled_sizes", [1500000000, 7000000000, 14000000000, 32000000000], "sizes", "blog.txt", 5,
      "Qwen 1.5B/7B/14B/32B"),
    c("deepseek-r1", "distilled_sizes", [8000000000, 70000000000], "sizes", "blog.txt", 6, "Llama 8B/70B"),
    c("deepseek-r1", "distilled_sizes", {"min": 1500000000, "max": 70000000000}, "range", "report.txt", 9,
      "1.5B–70B"),
    c("deepseek-v3-0324", "total_params", 685000000000, "number", "blog.txt", 8, "685B", raw="685B",
      resolution=1000000000),
]


@pytest.fixture
def kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("timeline.md", "report.txt", "blog.txt"):
        (sources / name).write_text("# doc\n" * 10, encoding="utf-8")
    (sources / "sources.yaml").write_text(
        "report.txt:\n  title: A yearly report\n  date: '2025-02-01'\n  language: zh\n", encoding="utf-8"
    )
    store.write_claims(tmp_path / "claims.jsonl", CLAIMS)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    return tmp_path


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def run_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---- conflicts --------------------------------------------------------------------------------


def test_conflicts_lists_contradictions_then_minor(kb: Path) -> None:
    result = run("conflicts")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert not ANSI.search(out)
    assert out.index("deepseek-coder · release_date") < out.index("deepseek-v3 · release_date")
    assert out.index("deepseek-v3 · release_date") < out.index("training_cost_usd")
    assert "2023-07 and 2023-11 are different months" in out or "2023-11 and 2023-07 are different months" in out
    assert "blog.txt:2" in out and "12月25日 V3" in out
    assert "paper_date" not in out  # single-source facts are not conflicts
    assert "total_params" not in out  # 6710亿 = 671B: agreed
    last = out.strip().splitlines()[-1]
    assert last.startswith("7 facts: 2 agreed, 2 single-source") and "3 disputed" in last
    assert all(len(line) <= 80 for line in out.splitlines())


def test_conflicts_json_follows_the_contract(kb: Path) -> None:
    data = run_json("conflicts")
    assert set(data) == {"facts"}
    facts = {(f["entity"], f["attribute"]): f for f in data["facts"]}
    assert set(facts) == {
        ("deepseek-coder", "release_date"),
        ("deepseek-v3", "release_date"),
        ("deepseek-v3", "training_cost_usd"),
    }
    v3 = facts[("deepseek-v3", "release_date")]
    # one bare source says 12-26, one 12-25 (2024-12 allows both): nothing separates them
    assert v3["status"] == "contradiction" and v3["preferred"] is None and v3["split"] == "even"
    for f in data["facts"]:
        assert {"entity", "attribute", "status", "preferred", "values"} <= set(f)
        assert ("split" in f) == (f["status"] == "contradiction")
        for group in f["values"]:
            assert {"value", "claims", "independent"} <= set(group)
            for ref in group["claims"]:
                assert {"source", "line", "quote"} <= set(ref)
    # 550万 vs 557.6万 dollars are 1.4 % apart: beyond the 1 % of a minor discrepancy (issue 11)
    assert facts[("deepseek-v3", "training_cost_usd")]["status"] == "contradiction"


def test_priors_from_sources_yaml_separate_an_even_split(kb: Path) -> None:
    (kb / "sources" / "sources.yaml").write_text(
        "timeline.md:\n  kind: readme\nblog.txt:\n  kind: blog\n", encoding="utf-8"
    )
    (v3,) = run_json("conflicts", "--entity", "v3", "--attribute", "release_date")["facts"]
    assert v3["split"] == "even" and v3["preferred"] == "2024-12-26"  # official readme over a blog
    (kb / "sources" / "sources.yaml").write_text(
        "timeline.md:\n  kind: readme\nblog.txt:\n  kind: blog\n  prior: 0.9\n", encoding="utf-8"
    )
    (v3,) = run_json("conflicts", "--entity", "v3", "--attribute", "release_date")["facts"]
    assert v3["preferred"] is None  # the per-source override puts the blog level with the readme


def test_conflicts_split_filter_and_even_first(kb: Path) -> None:
    even = run_json("conflicts", "--split", "even")["facts"]
    assert even and all(f["split"] == "even" for f in even)
    assert run_json("conflicts", "--split", "outlier")["facts"] == []
    bad = run("conflicts", "--split", "odd")
    assert bad.exit_code == 2 and "even or outlier" in bad.stderr


def test_conflicts_filters(kb: Path) -> None:
    only_v3 = run_json("conflicts", "--entity", "DeepSeek V3")["facts"]
    assert {f["entity"] for f in only_v3} == {"deepseek-v3"}
    dates = run_json("conflicts", "--attribute", "release_date")["facts"]
    assert {f["attribute"] for f in dates} == {"release_date"}
    agreed = run_json("conflicts", "--status", "agreed")["facts"]
    assert [(f["entity"], f["attribute"]) for f in agreed] == [
        ("deepseek-r1", "distilled_sizes"),
        ("deepseek-v3", "total_params"),
    ]
    single = run_json("conflicts", "--status", "single-source", "--entity", "deepseek-coder")["facts"]
    assert [f["attribute"] for f in single] == ["paper_date"]


def test_conflicts_bad_filters_exit_2(kb: Path) -> None:
    bad_entity = run("conflicts", "--entity", "deepsek-v3")
    assert bad_entity.exit_code == 2
    assert "deepseek-v3" in bad_entity.stderr
    bad_status = run("conflicts", "--status", "wrong")
    assert bad_status.exit_code == 2 and "Unknown status" in bad_status.stderr
    bad_attr = run("conflicts", "--attribute", "relese_date")
    assert bad_attr.exit_code == 2 and "release_date" in bad_attr.stderr


# ---- show -------------------------------------------------------------------------------------


def test_show_same_card_for_every_alias(kb: Path) -> None:
    cards = [run("show", name) for name in ("deepseek-v3", "DeepSeek V3", "v3")]
    assert all(r.exit_code == 0 for r in cards), cards[0].output
    assert cards[0].stdout == cards[1].stdout == cards[2].stdout
    out = cards[0].stdout
    assert "(deepseek-v3)" in out
    assert "671B" in out and "685B" not in out  # 685B is V3-0324's
    assert "$5.576M" in out and "2024-12-26" in out
    assert "contradiction" in out and "blog.txt:2" in out
    assert not ANSI.search(out)


def test_show_json_has_every_fact_of_the_entity(kb: Path) -> None:
    data = run_json("show", "v3")
    assert data["entity"] == "deepseek-v3" and data["name"]
    assert [f["attribute"] for f in data["facts"]] == ["release_date", "total_params", "training_cost_usd"]
    assert data["facts"][1]["preferred"] == 671000000000 and data["facts"][1]["status"] == "agreed"


def test_show_unknown_entity_suggests(kb: Path) -> None:
    result = run("show", "deepsek-v3")
    assert result.exit_code == 2
    assert "Did you mean" in result.stderr and "deepseek-v3" in result.stderr
    assert result.stdout == ""


def test_show_r1_merges_one_sources_lists(kb: Path) -> None:
    (fact,) = run_json("show", "deepseek-r1")["facts"]
    assert fact["status"] == "agreed"
    assert fact["preferred"] == [1500000000, 7000000000, 8000000000, 14000000000, 32000000000, 70000000000]


# ---- timeline, entities, sources --------------------------------------------------------------


def test_timeline(kb: Path) -> None:
    result = run("timeline")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if re.match(r"^\d{4}", line)]
    # even splits have no preferred date: the leading one is shown with a "?"
    assert [line.split()[0][:7] for line in lines] in (["2023-07", "2024-01", "2024-12"], ["2023-11", "2024-01", "2024-12"])
    assert lines[0].split()[0].endswith("?") and not lines[1].split()[0].endswith("?")
    assert "contradiction" in lines[0]
    assert "2024-01-01" not in result.stdout
    data = run_json("timeline")
    assert [(f["entity"], f["attribute"]) for f in data["timeline"]] == [
        ("deepseek-coder", "release_date"),
        ("deepseek-coder", "paper_date"),
        ("deepseek-v3", "release_date"),
    ]


def test_entities(kb: Path) -> None:
    rows = {r["id"]: r for r in run_json("entities")["entities"]}
    assert rows["deepseek-v3"]["claims"] == 7
    assert rows["deepseek-v3-0324"]["claims"] == 1
    assert rows["janus"]["claims"] == 0
    out = run("entities").stdout
    assert "deepseek-v3" in out and not ANSI.search(out)


def test_sources(kb: Path) -> None:
    rows = {r["id"]: r for r in run_json("sources")["sources"]}
    assert set(rows) == {"timeline.md", "report.txt", "blog.txt"}
    assert rows["report.txt"]["title"] == "A yearly report" and rows["report.txt"]["language"] == "zh"
    assert rows["blog.txt"]["claims"] == 6
    assert rows["report.txt"]["trust"] > rows["blog.txt"]["trust"]  # blog.txt is the odd one out
    out = run("sources").stdout
    assert "A yearly report" in out and not ANSI.search(out)


# ---- broken input -----------------------------------------------------------------------------


def test_corrupt_claims_line_exits_2_naming_the_line(kb: Path) -> None:
    path = kb / "claims.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = '{"entity": "deepseek-v3", broken'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for command in (["conflicts"], ["show", "v3"], ["timeline"], ["entities"], ["sources"]):
        result = run(*command)
        assert result.exit_code == 2, command
        assert "claims.jsonl:3" in result.stderr


def test_missing_claims_file_exits_2(kb: Path) -> None:
    result = run("conflicts", "--claims", "nope.jsonl")
    assert result.exit_code == 2 and "dsfacts extract" in result.stderr


# ---- the real knowledge base (once the engine has written it) ---------------------------------


@pytest.mark.skipif(not (REPO / "claims.jsonl").exists(), reason="no claims.jsonl at the repo root yet")
def test_reports_run_on_the_real_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("NO_COLOR", "1")
    for command in (["conflicts"], ["show", "deepseek-v3"], ["timeline"], ["entities"], ["sources"]):
        result = run(*command, "--json")
        assert result.exit_code == 0, (command, result.output)
        json.loads(result.stdout)
    card = run_json("show", "deepseek-v3")
    assert all(f["preferred"] != 685000000000 for f in card["facts"])


def _real_fact(entity: str, attribute: str) -> dict | None:
    facts = run_json("conflicts", "--entity", entity, "--attribute", attribute, "--status", "all")["facts"]
    return facts[0] if facts else None


@pytest.mark.skipif(not (REPO / "claims.jsonl").exists(), reason="no claims.jsonl at the repo root yet")
def test_the_seed_acceptance_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    v3 = _real_fact("deepseek-v3", "release_date")
    assert v3 is not None and v3["preferred"] == "2024-12-26"
    relations = {g["value"]: g.get("relation") for g in v3["values"]}
    assert relations.get("2024-12") in ("same", "compatible")
    if "2024-12-25" in relations:  # the diagram's day is reported, not folded in
        assert relations["2024-12-25"] == "conflict" and v3["status"] == "contradiction"
    coder = _real_fact("deepseek-coder", "release_date")
    assert coder is not None and coder["status"] == "contradiction"
    months = {str(g["value"])[:7] for g in coder["values"]}
    assert {"2023-07", "2023-11"} <= months
    paper = _real_fact("deepseek-coder", "paper_date")
    assert paper is not None and str(paper["preferred"]).startswith("2024-01")
    r1 = _real_fact("deepseek-r1", "distilled_sizes")
    if r1 is not None and any(isinstance(g["value"], list) for g in r1["values"]):
        assert r1["status"] in ("agreed", "single-source")  # the list lies inside 1.5B–70B
