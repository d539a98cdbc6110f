"""Item 8: a folder of pathological documents, with the real extraction engine.

`extract` must finish in seconds, crash on none, and still publish the good document's claims.
The per-document budget (budget.py) guarantees "never hangs"; the xfail test below records the
extraction-stage pattern that still needs it (the lead owns extract/*; see the reason).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsfacts import budget, store
from dsfacts.cli import app
from dsfacts.sources import read_document

ALIAS_BOMB = (
    "---\n"
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]\n" for i in range(8)
    )
    + "title: *i\n---\n# Bomb\n"
)
HOSTILE = {
    "heading-spaces.md": "#" + " " * 5000 + "\n",
    "glued-v3.md": "DeepSeek" + "-V3" * 3000 + "\n",
    "size-list.md": "DeepSeek-R1 distilled sizes: " + "1.5B, " * 4000 + "\n",
    "unclosed-bold.md": "**" + ("DeepSeek-V3 671B " * 1200)[:20000] + "\n",
    "long-url.md": "See https://example.com/" + "a" * 20000 + " for DeepSeek-V3.\n",
    "alias-bomb.md": ALIAS_BOMB,
    "deep-front-matter.md": "---\ntitle: " + "[" * 30000 + "\n---\n# Deep\n",
    # nesting a tree parser recurses through (freeing a 50,000-level tree overflows the stack)
    "deep-quotes.md": ">" * 60000 + " DeepSeek-V3 has 671B parameters.\n",
    "deep-lists.md": "".join("  " * i + "- DeepSeek-V3\n" for i in range(600)),
}
GOOD = (
    "# DeepSeek-V3\n\nDeepSeek-V3 has 671B total parameters, with 37B activated for each token.\n\n"
    "DeepSeek-V3 supports a context length of 128K tokens.\n"
)
# Documents the real engine cannot parse within the budget yet (extraction-stage patterns).
STILL_SLOW: set[str] = set()  # documents the time budget may skip: none since the size-list pass was bounded


@pytest.fixture
def hostile_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name, text in {**HOSTILE, "good.md": GOOD}.items():
        (sources / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_extract_of_a_hostile_folder_finishes_and_keeps_the_good_claims(
    hostile_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DSFACTS_DOC_TIMEOUT", raising=False)  # the default budget: ~5 s for a small file
    t0 = time.perf_counter()
    result = CliRunner().invoke(app, ["extract", "--no-cache"])
    elapsed = time.perf_counter() - t0
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert elapsed < 30, f"extract took {elapsed:.1f} s"
    skipped = {
        line.split("skipped: ", 1)[1].split(":", 1)[0]
        for line in result.output.splitlines()
        if "skipped: " in line
    }
    assert skipped <= STILL_SLOW, result.output  # every other hostile document parses in time
    claims = store.read_claims(hostile_kb / "claims.jsonl")
    good = {(c.entity, c.attribute, c.value) for c in claims if c.source == "good.md"}
    assert ("deepseek-v3", "total_params", 671_000_000_000) in good
    assert ("deepseek-v3", "active_params", 37_000_000_000) in good


# More lines the extraction stage is slow on (not in the list; found while profiling).
EXTRA = {
    "dates.md": "DeepSeek-V3 released " + "2024-12-26, " * 3000 + "\n",
    "sizes-zh.md": "参数 " + "6710亿、" * 4000 + "\n",
    "digits.md": "DeepSeek-V3 " + "1" * 20000 + "B\n",
    "long-list.md": "DeepSeek-V3 and " * 2000 + "R1 were released on 2025-01-20.\n",
    "licence-switches.md": "DeepSeek-V3 license: from " + "MIT to Apache 2.0, " * 3000 + "\n",
    "bare-dates-zh.md": "# DeepSeek-V3\n\nDeepSeek-V3 发布于 2024年12月26日。" + "12月26日发布，" * 3000 + "\n",
}
SIZE_LIST = (
    "extract/values/amounts.py: the anchored size-list pass (`NUM MAG (SEP NUM MAG)+`, run by "
    "_run_anchored) matches from every number start to the end of the list; _size_list rejects "
    "the match (all sizes equal) and the scan does not skip past it, so 4,000 '1.5B, ' cost O(n^2): "
    "33-47 s. Fix: advance past a rejected list match, or cap the repetition (e.g. {1,63})."
)
SLOW = {
    "long-list.md": "extract/linking.py is_object walked a list of names glued by 'and' by recursion: 2,000 "
    "names raised RecursionError. Fixed: walked back by index, at most LIST_REACH (16) names.",
    "bare-dates-zh.md": "extract/dates.py _dated_nearby: the values of the paragraph before each bare date were "
    "found again for every date, O(n^2): 3,000 '12月26日' on one line took 34 s. Fixed: found once per block.",
    "size-list.md": SIZE_LIST,
    "sizes-zh.md": "same size-list pass with 亿 and 、: " + SIZE_LIST,
    "dates.md": "extract/engine.py _clause_bounds: max over _CLAUSE_END.finditer(text, 0, start) for "
    "every claim is O(n) per claim, O(n^2) per line: 3,000 dates on one line take 22 s. Fix: "
    "search backwards from start (or precompute clause ends once per unit).",
    "digits.md": "extract/engine.py _dedupe: repr() of a 20,000-digit int raises ValueError (Python's "
    "4,300-digit limit); kb.py reports the file as failed, but the engine should refuse such numbers.",
}


# the first alarm may land in hypothesis's gc callback, where Python ignores it; the budget
# re-arms and the next one stops the parse (test_budget.py), so the "ignored" note is expected
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(
    "name",
    list(SLOW),  # each was quadratic once (the reason beside it); each now parses in time
)
def test_still_slow_documents_parse_within_two_seconds(tmp_path: Path, name: str) -> None:
    from dsfacts.extract import engine

    path = tmp_path / name
    path.write_text({**HOSTILE, **EXTRA}[name], encoding="utf-8")
    doc = read_document(path)
    try:
        with budget.deadline(2):
            engine.extract_document(doc)
    except budget.DocumentTimeout:
        pytest.fail(f"{name}: not parsed within 2 s")
