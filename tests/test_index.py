"""The read index: show/conflicts/timeline read it and say exactly what reconciling claims.jsonl says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsfacts import index, numfmt, reconcile, store
from dsfacts.cli import app
from dsfacts.models import Claim


def c(entity: str, attribute: str, value, kind: str, source: str, line: int, quote: str, **kw) -> Claim:
    return Claim(entity=entity, attribute=attribute, value=value, kind=kind, source=source, line=line,  # type: ignore[arg-type]
                 quote=quote, **kw)


CLAIMS = [
    c("deepseek-v3", "total_params", 671000000000, "number", "a.md", 4, "671B", resolution=1000000000),
    c("deepseek-v3", "total_params", 236000000000, "number", "b.md", 6, "236B", resolution=1000000000),
    c("deepseek-v3", "release_date", "2024-12-26", "date", "a.md", 3, "2024年12月26日"),
    c("deepseek-v3", "release_date", "2024-12", "date", "b.md", 5, "2024年12月"),
    c("deepseek-r1", "context_length", 128000, "number", "a.md", 9, "128K", resolution=1000),
    c("deepseek-r1", "release_date", "2025-01-20", "date", "b.md", 1, "2025年1月20日"),
]


@pytest.fixture
def kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sources").mkdir()
    for name in ("a.md", "b.md"):
        (tmp_path / "sources" / name).write_text("# doc\n" * 10, encoding="utf-8")
    store.write_claims(tmp_path / "claims.jsonl", CLAIMS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def test_show_and_conflicts_json_equal_reconciling_the_claims(kb: Path) -> None:
    facts = reconcile.reconcile(store.read_claims(kb / "claims.jsonl"))
    code, out = run("show", "deepseek-v3", "--json")
    assert code == 0
    assert json.loads(out)["facts"] == [reconcile.fact_json(f) for f in reconcile.entity_facts(facts, "deepseek-v3")]
    code, out = run("conflicts", "--json")
    assert code == 0
    assert json.loads(out)["facts"] == [reconcile.fact_json(f) for f in reconcile.select_facts(facts)]
    code, out = run("conflicts", "--json", "--status", "all", "--entity", "DeepSeek R1")
    chosen = reconcile.select_facts(facts, "deepseek-r1", None, reconcile.STATUS_ORDER)
    assert json.loads(out)["facts"] == [reconcile.fact_json(f) for f in chosen]
    code, out = run("timeline", "--json")
    assert json.loads(out)["timeline"] == [reconcile.fact_json(f) for f in reconcile.timeline(facts)]
    assert index.path_for(kb / "claims.jsonl").exists()


def test_text_output_is_the_same_with_and_without_the_index(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_index = [run(*cmd)[1] for cmd in (("show", "v3"), ("conflicts",), ("timeline",))]
    monkeypatch.setattr(index, "open_or_build", lambda *a: None)  # the fallback: reconcile in memory
    monkeypatch.setattr(index, "open_fresh", lambda *a: None)
    without = [run(*cmd)[1] for cmd in (("show", "v3"), ("conflicts",), ("timeline",))]
    assert with_index == without
    assert "contradiction" in with_index[1]


def test_a_newer_claims_file_rebuilds_the_index(kb: Path) -> None:
    run("show", "deepseek-v3")
    store.write_claims(kb / "claims.jsonl", CLAIMS[:1])
    st_ = os.stat(kb / "claims.jsonl")  # same second, new size: still noticed
    os.utime(kb / "claims.jsonl", ns=(st_.st_atime_ns, st_.st_mtime_ns + 1))
    code, out = run("show", "deepseek-v3", "--json")
    assert [f["attribute"] for f in json.loads(out)["facts"]] == ["total_params"]


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_corrupt_index_is_rebuilt_silently(kb: Path, garbage: bytes) -> None:
    run("show", "deepseek-v3")
    target = index.path_for(kb / "claims.jsonl")
    target.write_bytes(garbage)
    code, out = run("show", "deepseek-v3", "--json")
    assert code == 0 and len(json.loads(out)["facts"]) == 2


def test_an_index_that_cannot_be_written_falls_back(kb: Path) -> None:
    (kb / index.CACHE_DIR).write_text("a file where the cache folder would be", encoding="utf-8")
    code, out = run("show", "deepseek-v3", "--json")
    assert code == 0 and len(json.loads(out)["facts"]) == 2


def test_a_missing_claims_file_is_a_clean_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["show", "deepseek-v3", "--claims", "nope.jsonl"])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_index_answers_only_what_is_asked(kb: Path) -> None:
    found = index.open_or_build(kb / "claims.jsonl", kb / "sources")
    assert found is not None
    assert {f["attribute"] for f in found.entity_facts("deepseek-r1")} == {"context_length", "release_date"}
    assert [d["quote"] for d in found.claims([("deepseek-v3", "total_params")])] == ["671B", "236B"]
    assert found.counts()["facts"] == 4 and found.counts("deepseek-r1")["facts"] == 2
    found.close()


def test_reconcile_writes_numbers_with_the_read_paths_function() -> None:
    assert reconcile.short_number is numfmt.short_number  # one way to write a number, not two copies


# ---- start-up: what `dsfacts show` must not import ------------------------------------------

FORBIDDEN_ON_READ = (
    "markdown_it", "markdown_it_pyrs", "frontmatter", "cn2an", "charset_normalizer", "trafilatura", "rapidfuzz",
    "pydantic",  # typer <0.29 and the index keep it out; typer 0.29+ validates options with it
    "dsfacts.reconcile", "dsfacts.extract.engine", "dsfacts.check",
    "yaml", "dsfacts.sources",  # listing the folder for the staleness warning is folder.py's job
)  # fmt: skip
FORBIDDEN_ON_JSON = ("rich", "typer.rich_utils", "hashlib")  # JSON output renders nothing; an unchanged base hashes nothing


def imported_modules(kb: Path, *args: str, env: dict[str, str] | None = None) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dsfacts", *args],
        cwd=kb, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {
        line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")
    }


@pytest.mark.parametrize(
    "args",
    [("show", "deepseek-v3"), ("show", "deepseek-v3", "--json"), ("conflicts",), ("conflicts", "--json"),
     ("timeline", "--json")],
)  # fmt: skip
@pytest.mark.parametrize("no_color", ["", "1"])  # NO_COLOR once loaded all of rich for typer's help panels
def test_read_commands_import_only_what_they_need(kb: Path, args: tuple[str, ...], no_color: str) -> None:
    run("show", "deepseek-v3")  # the index exists, as after `extract`
    modules = imported_modules(kb, *args, env={"NO_COLOR": no_color})
    assert "dsfacts.index" in modules  # the measurement itself works
    forbidden = FORBIDDEN_ON_READ + (FORBIDDEN_ON_JSON if "--json" in args else ())
    bad = sorted(m for m in modules if any(m == f or m.startswith(f + ".") for f in forbidden))
    assert not bad, f"`dsfacts {' '.join(args)}` imports {bad}"


def test_checking_a_chinese_draft_does_not_import_pkg_resources(kb: Path) -> None:
    """Traditional characters are folded with zhconv's table read from its file: zhconv's own
    __init__ imports pkg_resources, ~50 ms of start-up for any Chinese text."""
    run("show", "deepseek-v3")
    (kb / "draft.md").write_text("DeepSeek-V3 總參數為 6710 億。\n", encoding="utf-8")
    proc_modules = imported_modules(kb, "check", "draft.md", "--fail-on", "never")
    assert "dsfacts.segment.hanzi" in proc_modules and "pkg_resources" not in proc_modules


def test_check_reads_the_index_and_judges_as_before(kb: Path, monkeypatch: pytest.MonkeyPatch, fake_engine: object) -> None:
    (kb / "draft.md").write_text(
        "deepseek-v3 total_params 671000000000\ndeepseek-v3 total_params 5\ndeepseek-r1 context_length 128000\n"
        "deepseek-r1 total_params 671\ndeepseek-v2 release_date 2024\n",
        encoding="utf-8",
    )
    with_index = CliRunner().invoke(app, ["check", "draft.md", "--json"])
    assert index.path_for(kb / "claims.jsonl").exists()
    monkeypatch.setattr(index, "open_or_build", lambda *a: None)
    without = CliRunner().invoke(app, ["check", "draft.md", "--json"])
    assert with_index.exit_code == without.exit_code
    assert json.loads(with_index.stdout) == json.loads(without.stdout)
    verdicts = [f["verdict"] for f in json.loads(with_index.stdout)["findings"]]
    assert {"disputed", "contradicted", "supported", "unverified"} <= set(verdicts)


def test_the_fast_claims_reader_still_names_a_bad_line(tmp_path: Path) -> None:
    from dsfacts.errors import StoreError

    path = tmp_path / "claims.jsonl"
    store.write_claims(path, CLAIMS)
    good = path.read_text(encoding="utf-8").splitlines()
    assert store.parse_claims("\n".join(good) + "\n", path) == store.read_claims(path)
    for bad, where in (([good[0] + "," + good[1], *good[2:]], ":1:"), ([*good[:3], '{"entity": 1}'], ":4:")):
        path.write_text("\n".join(bad) + "\n", encoding="utf-8")
        with pytest.raises(StoreError, match=where):
            store.read_claims(path)


@given(
    st.dictionaries(st.sampled_from(["entity", "name"]), st.text(max_size=5), max_size=2),
    st.lists(st.recursive(st.none() | st.integers() | st.text(max_size=6),
                          lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=4), kids, max_size=3),
                          max_leaves=8), max_size=4),
)  # fmt: skip
def test_json_document_is_json_dumps_byte_for_byte(head: dict, items: list) -> None:
    raws = [json.dumps(i, ensure_ascii=False, indent=2) for i in items]
    expected = json.dumps({**head, "facts": items}, ensure_ascii=False, indent=2) + "\n"
    assert index.json_document(head, "facts", raws) == expected


def test_a_screen_reads_cards_that_count_what_they_do_not_list(tmp_path: Path) -> None:
    """`show` and `conflicts` as text read each fact's card (a few claims per value); the counts on
    screen are those of the whole fact."""
    from dsfacts import render
    from dsfacts.index import build

    assert build.CARD_CLAIMS == render.CLAIMS_SHOWN
    claims = [c("deepseek-v3", "total_params", 671000000000, "number", f"s{i:02d}.md", 3, "671B", resolution=1000000000,
                **({"qualifier": "approx"} if i == 7 else {})) for i in range(25)]  # fmt: skip
    claims.append(c("deepseek-v3", "total_params", 236000000000, "number", "z.md", 4, "236B", resolution=1000000000))
    fact = reconcile.fact_json(reconcile.reconcile(claims)[0])
    card = build.card_of(fact)
    listed = {json.dumps(g["value"]) + str(g["qualifiers"]): (len(g["claims"]), g["claims_total"], g["sources_total"])
              for g in card["values"]}  # fmt: skip
    assert listed == {"671000000000[]": (10, 24, 24), "671000000000['approx']": (1, 1, 1), "236000000000[]": (1, 1, 1)}
    assert len(card["sources"]) == 26 and "explain" not in card["values"][0]
