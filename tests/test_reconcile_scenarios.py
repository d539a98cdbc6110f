"""Issue 11's "Done when", end to end: tiny English and Chinese documents in a temp folder go through
the real `dsfacts extract`, then `conflicts`, `show --explain` and `check`, all via CliRunner.

Each document is one plain sentence the engine reads simply; where a test needs many sources it
builds the claims directly instead (6,000 sources through `conflicts --json`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsfacts import store
from dsfacts.cli import app
from dsfacts.models import Claim


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def make_kb(root: Path, docs: dict[str, str], meta: str | None = None) -> tuple[Path, Path]:
    sources = root / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (sources / name).write_text(text + "\n", encoding="utf-8")
    if meta:
        (sources / "sources.yaml").write_text(meta, encoding="utf-8")
    claims = root / "claims.jsonl"
    result = run("extract", "--sources", str(sources), "--claims", str(claims))
    assert result.exit_code == 0, result.output
    return sources, claims


def fact(root: Path, docs: dict[str, str], entity: str, attribute: str, meta: str | None = None) -> dict:
    sources, claims = make_kb(root, docs, meta)
    result = run("conflicts", "--sources", str(sources), "--claims", str(claims), "--status", "all",
                 "--entity", entity, "--attribute", attribute, "--json")
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)["facts"]
    assert len(facts) == 1, facts
    return facts[0]


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")


# ---- conflicts --------------------------------------------------------------------------------

TWO_T = "DeepSeek-V2 was trained on 2T tokens."
THREE_T = "DeepSeek-V2 was trained on 3T tokens."


def test_2t_vs_3t_is_a_contradiction_with_no_winner(tmp_path: Path) -> None:
    f = fact(tmp_path, {"a.md": TWO_T, "b.md": THREE_T}, "deepseek-v2", "training_tokens")
    assert (f["status"], f["preferred"], f["split"]) == ("contradiction", None, "even")
    assert all(v["independent"] == 1 for v in f["values"])


def test_21b_vs_chinese_2_1b_activated_is_a_contradiction(tmp_path: Path) -> None:
    docs = {"en.md": "DeepSeek-V2 has 21B activated parameters.", "zh.md": "DeepSeek-V2 每个 token 激活 2.1B 参数。"}
    f = fact(tmp_path, docs, "deepseek-v2", "active_params")
    assert f["status"] == "contradiction"
    assert sorted(v["value"] for v in f["values"]) == [2_100_000_000, 21_000_000_000]


def test_three_against_one_prefers_the_majority(tmp_path: Path) -> None:
    docs = {
        "a.md": TWO_T,
        "b.md": "According to its paper, DeepSeek-V2 was trained on 2T tokens.",
        "c.md": "DeepSeek-V2 在 2T tokens 上训练。",
        "d.md": THREE_T,
    }
    f = fact(tmp_path, docs, "deepseek-v2", "training_tokens")
    assert (f["status"], f["preferred"], f["split"]) == ("contradiction", 2 * 10**12, "outlier")
    assert [v["independent"] for v in f["values"]] == [3, 1]


def test_three_copies_of_one_text_count_once(tmp_path: Path) -> None:
    article = (
        "DeepSeek-V2 was trained on 2T tokens.\n\nThe model uses a mixture of experts and multi-head latent "
        "attention. The team describes its data pipeline, its tokenizer and its evaluation in detail, and "
        "compares the model with dense models of the same cost on reasoning, code and Chinese benchmarks."
    )
    docs = {"a.md": article, "mirror1.md": article, "mirror2.md": "Reposted.\n\n" + article, "d.md": THREE_T}
    f = fact(tmp_path, docs, "deepseek-v2", "training_tokens")
    assert [v["independent"] for v in f["values"]] == [1, 1]
    assert (f["preferred"], f["split"]) == (None, "even")
    two = next(v for v in f["values"] if v["value"] == 2 * 10**12)
    assert len(two["claims"]) == 3 and len(two["explain"]["copies_folded"]) == 2


def test_both_licence_names_agree(tmp_path: Path) -> None:
    docs = {
        "en.md": "The DeepSeek-V3 weights are released under the DeepSeek Model License.",
        "zh.md": "DeepSeek-V3 的权重采用 DeepSeek License。",
    }
    f = fact(tmp_path, docs, "deepseek-v3", "license")
    assert (f["status"], f["preferred"]) == ("agreed", "DeepSeek Model License")


def test_conflicts_lists_even_splits_first_and_filters_by_split(tmp_path: Path) -> None:
    docs = {
        "a.md": TWO_T, "b.md": THREE_T,
        "c.md": "DeepSeek-V3 has 671B total parameters.", "d.md": "DeepSeek-V3 总参数 6710 亿。",
        "e.md": "DeepSeek-V3 has 685B total parameters.", "f.md": "DeepSeek-V3 has 671 billion total parameters.",
    }
    sources, claims = make_kb(tmp_path, docs)
    data = json.loads(run("conflicts", "--sources", str(sources), "--claims", str(claims), "--json").stdout)
    assert [f["split"] for f in data["facts"]] == ["even", "outlier"]
    even = run("conflicts", "--sources", str(sources), "--claims", str(claims), "--split", "even", "--json")
    assert [f["attribute"] for f in json.loads(even.stdout)["facts"]] == ["training_tokens"]
    text = run("conflicts", "--sources", str(sources), "--claims", str(claims)).stdout
    assert "even split" in text and "no preferred value" in text and "(3 independent)" not in text


def test_show_explain_says_why(tmp_path: Path) -> None:
    docs = {"a.md": "DeepSeek-V3 has 671B total parameters.", "b.md": "DeepSeek-V3 has about 670 billion total parameters."}
    sources, claims = make_kb(tmp_path, docs)
    result = run("show", "v3", "--sources", str(sources), "--claims", str(claims), "--explain")
    assert result.exit_code == 0, result.output
    assert "670.5B–671.5B" in result.stdout and "independent" in result.stdout and "agrees (" in result.stdout
    data = json.loads(run("show", "v3", "--sources", str(sources), "--claims", str(claims), "--json").stdout)
    (total,) = [f for f in data["facts"] if f["attribute"] == "total_params"]
    assert total["preferred"] == 671 * 10**9 and total["why_preferred"]
    ex = total["values"][0]["explain"]
    assert {"interval", "independent", "copies_folded", "agrees_with", "differs_from"} <= set(ex)
    assert ex["agrees_with"][0]["reason"] in ("rounding", "hedge")


# ---- check ------------------------------------------------------------------------------------


def verdict(tmp_path: Path, source: str, draft: str) -> str:
    sources, claims = make_kb(tmp_path, {"source.md": source})
    path = tmp_path / "draft.md"
    path.write_text(draft + "\n", encoding="utf-8")
    result = run("check", str(path), "--sources", str(sources), "--claims", str(claims), "--json")
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == 1, findings
    return str(findings[0]["verdict"])


@pytest.mark.parametrize(
    ("source", "draft", "expected"),
    [
        ("DeepSeek-V2 was trained on 2T tokens.", "DeepSeek-V2 was trained on 3T tokens.", "contradicted"),
        ("DeepSeek-V2 was trained on 2T tokens.", "DeepSeek-V2 was trained on about 2 trillion tokens.", "supported"),
        ("DeepSeek-V3 has 671B total parameters.", "DeepSeek-V3 has 660B total parameters.", "contradicted"),
        ("DeepSeek-V3 has 671B total parameters.", "DeepSeek-V3 has about 670 billion total parameters.", "supported"),
        ("DeepSeek-V3 was trained for 2.788M H800 GPU hours.", "DeepSeek-V3 was trained for 2.8M H800 GPU hours.", "supported"),
        ("DeepSeek-V3 was trained for 2.788M H800 GPU hours.", "DeepSeek-V3 was trained for 2.7M H800 GPU hours.", "contradicted"),
    ],
)
def test_check_follows_stated_precision(tmp_path: Path, source: str, draft: str, expected: str) -> None:
    assert verdict(tmp_path, source, draft) == expected


def test_a_draft_siding_with_an_even_split_is_disputed(tmp_path: Path) -> None:
    sources, claims = make_kb(tmp_path, {"a.md": TWO_T, "b.md": THREE_T})
    path = tmp_path / "draft.md"
    path.write_text(TWO_T + "\n", encoding="utf-8")
    result = run("check", str(path), "--sources", str(sources), "--claims", str(claims), "--json")
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["verdict"] == "disputed" and finding["expected"] is None


# ---- scale ------------------------------------------------------------------------------------


def test_six_thousand_sources_through_conflicts_json(tmp_path: Path) -> None:
    claims = []
    for k in range(6000):
        src = f"doc{k:04d}.md"
        value, raw = (671 * 10**9, "671B") if k % 50 else (685 * 10**9, "685B")
        claims.append(Claim(entity="deepseek-v3", attribute="total_params", value=value, kind="number", source=src,
                            line=1, quote=f"Source {k} says DeepSeek-V3 has {raw} parameters.", raw=raw, resolution=1e9))
        claims.append(Claim(entity="deepseek-v3", attribute="training_tokens", value=14.8e12 + (k % 7) * 1e11,
                            kind="number", source=src, line=2, quote=f"trained on tokens ({k})", resolution=1e11))
        claims.append(Claim(entity="deepseek-v3", attribute="release_date", value="2024-12-26" if k % 3 else "2024-12",
                            kind="date", source=src, line=3, quote=f"released ({k})"))
    path = tmp_path / "claims.jsonl"
    store.write_claims(path, claims)
    (tmp_path / "sources").mkdir()
    start = time.perf_counter()
    result = run("conflicts", "--sources", str(tmp_path / "sources"), "--claims", str(path), "--status", "all", "--json")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.output[-2000:]
    facts = {f["attribute"]: f for f in json.loads(result.stdout)["facts"]}
    total = facts["total_params"]
    assert (total["status"], total["preferred"], total["split"]) == ("contradiction", 671 * 10**9, "outlier")
    assert [v["independent"] for v in total["values"]] == [5880, 120]
    assert facts["release_date"]["status"] == "agreed" and facts["release_date"]["preferred"] == "2024-12-26"
    assert elapsed < 30, elapsed
