"""Reviewers' decisions (issue 12), end to end: tiny documents, the real `extract`, the CLI.

Every test builds its own knowledge base in a temp folder, so the outcome depends on the
review code, not on which claims the engine finds in the bundled sources. The attribute the
engine gives "21B activated parameters" is looked up, not assumed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsfacts import reviews as rv
from dsfacts import store
from dsfacts.cli import app

REASON_V2 = "The DeepSeek-V2 paper (arXiv 2405.04434), abstract: 21B activated per token."
REASON_CODER = "The DeepSeek-Coder README and the paper (arXiv 2401.14196) date it to November 2023."
DOCS = {
    "a.md": "# V2\n\nDeepSeek-V2 has 21B activated parameters.\n",
    "b.md": "DeepSeek-V2 has 2.1B activated parameters.\n",
    "c.md": "DeepSeek-Coder was released in November 2023.\n",
    "d.md": "Notes\n\nDeepSeek-Coder was released in July 2023.\n",
}


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(app, list(args))


def run_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sources").mkdir()
    for name, text in DOCS.items():
        (tmp_path / "sources" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    extract()
    return tmp_path


def extract() -> None:
    result = run("extract")
    assert result.exit_code == 0, result.output


def attr_of(entity: str, value: object) -> str:
    """The attribute the engine gave this value (setup check: the documents must yield it)."""
    found = {c.attribute for c in store.read_claims(Path("claims.jsonl")) if c.entity == entity and c.value == value}
    assert len(found) == 1, f"setup: the engine no longer reads {value} of {entity} from the test documents"
    return found.pop()


def v2() -> str:
    return attr_of("deepseek-v2", 21_000_000_000)


def fact(data: dict, entity: str, attribute: str) -> dict | None:
    return next((f for f in data["facts"] if (f["entity"], f["attribute"]) == (entity, attribute)), None)


def prefer_v2() -> None:
    result = run("review", "deepseek-v2", v2(), "--prefer", "21B", "--reason", REASON_V2, "--by", "ana")
    assert result.exit_code == 0, result.output


def reject_coder() -> None:
    result = run("review", "deepseek-coder", "release_date", "--reject", "d.md:3", "--reason", REASON_CODER)
    assert result.exit_code == 0, result.output


# ---- Done when, bullet 1: prefer -------------------------------------------------------------


def test_a_review_without_a_reason_exits_2_and_writes_nothing(world: Path) -> None:
    assert run("review", "deepseek-v2", v2(), "--prefer", "21B").exit_code == 2
    assert run("review", "deepseek-v2", v2(), "--prefer", "21B", "--reason", "  ").exit_code == 2
    assert not (world / "reviews.yaml").exists()


def test_prefer_settles_the_contradiction(world: Path) -> None:
    attribute = v2()
    assert fact(run_json("conflicts", "--status", "contradiction"), "deepseek-v2", attribute)
    prefer_v2()
    text = (world / "reviews.yaml").read_text(encoding="utf-8")
    assert REASON_V2 in text and "prefer" in text and "ana" in text
    assert fact(run_json("conflicts", "--status", "contradiction"), "deepseek-v2", attribute) is None
    shown = fact(run_json("conflicts", "--all", "--status", "contradiction"), "deepseek-v2", attribute)
    assert shown is not None
    review = shown["review"]
    assert {k: review[k] for k in ("decision", "reason", "by", "state")} == {
        "decision": "prefer", "reason": REASON_V2, "by": "ana", "state": "active"}  # fmt: skip
    assert review["date"]
    card = fact(run_json("show", "V2"), "deepseek-v2", attribute)
    assert card is not None and card["preferred"] == 21_000_000_000 and card["review"]["decision"] == "prefer"


def test_conflicts_says_how_many_a_review_settled(world: Path) -> None:
    prefer_v2()
    result = run("conflicts")
    assert result.exit_code == 0
    assert "1 settled by review, --all to show" in result.stdout
    assert "deepseek-v2" not in result.stdout
    shown = run("conflicts", "--all")
    assert "deepseek-v2" in shown.stdout and "reviewed: prefer 21B" in shown.stdout and REASON_V2 in shown.stdout


def test_a_fact_without_a_review_has_no_review_key(world: Path) -> None:
    data = run_json("conflicts", "--all")
    assert data["facts"] and all("review" not in f for f in data["facts"])


def test_the_reviewers_value_can_be_one_no_source_states(world: Path) -> None:
    attribute = v2()
    assert run("review", "v2", attribute, "--prefer", "21 billion", "--reason", REASON_V2).exit_code == 0
    assert fact(run_json("show", "deepseek-v2"), "deepseek-v2", attribute)["preferred"] == 21_000_000_000  # type: ignore[index]


# ---- Done when, bullet 2: reject -------------------------------------------------------------


def test_reject_by_file_and_line_settles_the_contradiction(world: Path) -> None:
    assert fact(run_json("conflicts", "--status", "contradiction"), "deepseek-coder", "release_date")
    reject_coder()
    assert fact(run_json("conflicts", "--status", "contradiction"), "deepseek-coder", "release_date") is None
    settled = fact(run_json("conflicts", "--all", "--status", "contradiction"), "deepseek-coder", "release_date")
    assert settled is not None and settled["review"]["decision"] == "reject"
    card = run_json("show", "deepseek-coder")
    coder = fact(card, "deepseek-coder", "release_date")
    assert coder is not None and coder["preferred"] == "2023-11"
    assert all(c["source"] != "d.md" for v in coder["values"] for c in v["claims"])  # out of reconciliation
    assert [(r["source"], r["line"], r["reason"]) for r in card["rejected"]] == [("d.md", 3, REASON_CODER)]
    text = run("show", "deepseek-coder").stdout
    assert "rejected" in text and "d.md:3" in text and "July 2023" in text  # still shown, marked


def test_reject_by_claim_id(world: Path) -> None:
    claim = next(c for c in store.read_claims(Path("claims.jsonl")) if c.source == "d.md")
    result = run("review", "coder", "release_date", "--reject", rv.claim_id(claim)[:8], "--reason", REASON_CODER)
    assert result.exit_code == 0, result.output
    assert fact(run_json("conflicts"), "deepseek-coder", "release_date") is None


def test_reject_of_a_line_without_a_claim_lists_the_claims(world: Path) -> None:
    result = run("review", "deepseek-coder", "release_date", "--reject", "d.md:1", "--reason", "x")
    assert result.exit_code == 2
    assert "d.md:3" in result.output and "c.md:1" in result.output


# ---- Done when, bullet 3: lines move, decisions hold -------------------------------------------


def test_three_blank_lines_on_top_of_every_source_keep_decisions_active(world: Path) -> None:
    prefer_v2()
    reject_coder()
    before = (world / "reviews.yaml").read_text(encoding="utf-8")
    for p in (world / "sources").iterdir():
        p.write_text("\n\n\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
    extract()
    assert {c.line for c in store.read_claims(Path("claims.jsonl")) if c.source == "d.md"} == {6}
    result = run("reviews", "--check")
    assert result.exit_code == 0, result.output
    listed = run_json("reviews")["reviews"]
    assert [r["state"] for r in listed] == ["active", "active"]
    assert listed[1]["claims"][0]["at"] == "d.md:3" and listed[1]["claims"][0]["now"] == "d.md:6"
    assert "rejects d.md:6" in run("reviews").stdout
    open_facts = run_json("conflicts", "--status", "contradiction")
    assert fact(open_facts, "deepseek-v2", v2()) is None
    assert fact(open_facts, "deepseek-coder", "release_date") is None
    assert (world / "reviews.yaml").read_text(encoding="utf-8") == before  # reading never rewrites


# ---- Done when, bullet 4: reopened, stale, prune -----------------------------------------------


def test_a_new_value_reopens_and_removed_evidence_goes_stale(world: Path) -> None:
    prefer_v2()
    reject_coder()
    (world / "sources" / "e.md").write_text("DeepSeek-V2 has 16B activated parameters.\n", encoding="utf-8")
    extract()
    result = run("reviews", "--check")
    assert result.exit_code == 1
    assert "reopened" in result.stdout and "deepseek-v2" in result.stdout and "16B" in result.stdout
    listed = fact(run_json("conflicts"), "deepseek-v2", v2())
    assert listed is not None and listed["review"]["state"] == "reopened"
    assert listed["review"]["new_values"] == [16_000_000_000]

    (world / "sources" / "e.md").unlink()
    (world / "sources" / "d.md").unlink()
    extract()
    states = {(r["entity"], r["decision"]): r["state"] for r in run_json("reviews")["reviews"]}
    assert states == {("deepseek-v2", "prefer"): "active", ("deepseek-coder", "reject"): "stale"}
    result = run("reviews", "--check")
    assert result.exit_code == 1 and "stale" in result.stdout
    pruned = run("reviews", "--prune")
    assert pruned.exit_code == 0, pruned.output
    left = run_json("reviews")["reviews"]
    assert [(r["entity"], r["decision"], r["state"]) for r in left] == [("deepseek-v2", "prefer", "active")]
    assert run("reviews", "--check").exit_code == 0


def test_a_new_review_after_a_reopen_pins_the_new_values(world: Path) -> None:
    prefer_v2()
    (world / "sources" / "e.md").write_text("DeepSeek-V2 has 16B activated parameters.\n", encoding="utf-8")
    extract()
    assert run("reviews", "--check").exit_code == 1
    prefer_v2()  # looked again: the same value, now having seen 16B too
    assert run("reviews", "--check").exit_code == 0
    assert len(run_json("reviews")["reviews"]) == 1


# ---- check uses the reviewed value -------------------------------------------------------------


def test_check_uses_the_reviewed_value_and_says_so(world: Path) -> None:
    prefer_v2()
    (world / "draft.md").write_text("DeepSeek-V2 has 2.1B activated parameters.\n", encoding="utf-8")
    data = json.loads(run("check", "draft.md", "--json").stdout)
    finding = next(f for f in data["findings"] if f["entity"] == "deepseek-v2")
    assert finding["verdict"] == "contradicted"
    assert finding["expected"] == 21_000_000_000
    assert "review" in finding["message"] and "21B" in finding["message"]
    (world / "draft.md").write_text("DeepSeek-V2 has 21B activated parameters.\n", encoding="utf-8")
    data = json.loads(run("check", "draft.md", "--json").stdout)
    assert next(f for f in data["findings"] if f["entity"] == "deepseek-v2")["verdict"] == "supported"


def test_check_without_reviews_still_calls_the_fact_disputed(world: Path) -> None:
    (world / "draft.md").write_text("DeepSeek-V2 has 21B activated parameters.\n", encoding="utf-8")
    data = json.loads(run("check", "draft.md", "--json").stdout)
    assert next(f for f in data["findings"] if f["entity"] == "deepseek-v2")["verdict"] == "disputed"


def test_accept_settles_and_check_supports_either_value(world: Path) -> None:
    result = run("review", "deepseek-v2", v2(), "--accept", "--reason", "two real variants (doc X, table 2)")
    assert result.exit_code == 0, result.output
    assert fact(run_json("conflicts"), "deepseek-v2", v2()) is None
    (world / "draft.md").write_text("DeepSeek-V2 has 2.1B activated parameters.\n", encoding="utf-8")
    data = json.loads(run("check", "draft.md", "--json").stdout)
    finding = next(f for f in data["findings"] if f["entity"] == "deepseek-v2")
    assert finding["verdict"] == "supported" and "accepted" in finding["message"]


# ---- the file: readable, hand-editable, never clobbered ----------------------------------------


def test_the_file_keeps_comments_and_hand_edits(world: Path) -> None:
    prefer_v2()
    path = world / "reviews.yaml"
    text = path.read_text(encoding="utf-8").replace("reviews:\n", "# checked by the team on Friday\nreviews:\n")
    text = text.replace("decision: prefer", "decision: prefer   # see the paper, table 1")
    path.write_text(text, encoding="utf-8")
    reject_coder()
    after = path.read_text(encoding="utf-8")
    assert "# checked by the team on Friday" in after and "# see the paper, table 1" in after
    assert after.count("decision:") == 2 and REASON_CODER in after


def test_hand_written_decision_with_an_unquoted_date_loads(world: Path) -> None:
    reject_coder()
    path = world / "reviews.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("'20", "20").replace("-29'", "-29"), encoding="utf-8")
    assert run("reviews", "--check").exit_code == 0


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("reviews:\n  - entity: deepseek-v2\n    attribute: [unclosed\n", 3),
        ("reviews:\n  - entity: deepseek-v2\n    attribute: total_params\n    decision: prefer\n    value: 21B\n", 2),
        ("reviews:\n  - entity: deepseek-v2\n    attribute: x\n    decision: maybe\n    reason: r\n", 2),
        ("- just a list\n", 1),
    ],
)
def test_a_malformed_file_is_an_error_with_its_line_and_is_never_overwritten(world: Path, text: str, line: int) -> None:
    path = world / "reviews.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (("reviews",), ("conflicts",), ("show", "v2"), ("review", "v2", v2(), "--accept", "--reason", "r")):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert f"reviews.yaml:{line}:" in result.output and "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == text


def test_reviews_option_names_another_file(world: Path) -> None:
    other = world / "team-reviews.yaml"
    result = run("review", "v2", v2(), "--prefer", "21B", "--reason", REASON_V2, "--reviews", str(other))
    assert result.exit_code == 0, result.output
    assert other.exists() and not (world / "reviews.yaml").exists()
    assert fact(run_json("conflicts"), "deepseek-v2", v2()) is not None  # default file: no decision
    assert fact(run_json("conflicts", "--reviews", str(other)), "deepseek-v2", v2()) is None


# ---- usage mistakes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("review", "deepseek-v9", "release_date", "--accept", "--reason", "r"),  # unknown entity
        ("review", "v2", "relase_dat", "--accept", "--reason", "r"),  # unknown attribute
        ("review", "v2", "context_length", "--accept", "--reason", "r"),  # nothing stated
        ("review", "coder", "release_date", "--reason", "r"),  # no decision
        ("review", "coder", "release_date", "--accept", "--prefer", "2023-11", "--reason", "r"),  # two
        ("review", "coder", "release_date", "--prefer", "soon", "--reason", "r"),  # not a date
    ],
)
def test_review_mistakes_exit_2_with_a_message(world: Path, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "error" in result.output.lower() and "Traceback" not in result.output
    assert not (world / "reviews.yaml").exists()


def test_unknown_entity_suggests_the_closest(world: Path) -> None:
    result = run("review", "deepseek-codr", "release_date", "--accept", "--reason", "r")
    assert result.exit_code == 2 and "deepseek-coder" in result.output


def test_review_resolves_names_forgivingly(world: Path) -> None:
    result = run("review", "DeepSeek Coder", "release-date", "--reject", "sources/d.md:3", "--reason", REASON_CODER)
    assert result.exit_code == 0, result.output
    assert run_json("reviews")["reviews"][0]["entity"] == "deepseek-coder"


def test_timeline_places_an_event_at_the_reviewed_date(world: Path) -> None:
    result = run("review", "coder", "release_date", "--prefer", "2023-11-02", "--reason", "README: 2023.11.02")
    assert result.exit_code == 0, result.output
    events = run_json("timeline")["timeline"]
    coder = next(e for e in events if e["entity"] == "deepseek-coder")
    assert coder["preferred"] == "2023-11-02" and coder["review"]["decision"] == "prefer"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.sampled_from(list("reviews: -[]{}'\"#\n\tentity attribute decision reason prefer 21B &*!|>%@`")), max_size=120))
def test_any_broken_file_is_a_clean_error_and_stays_as_it_was(world: Path, text: str) -> None:
    path = world / "reviews.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (("reviews", "--prune"), ("review", "v2", v2(), "--accept", "--reason", "r")):
        result = run(*args)
        assert result.exit_code in (0, 2), (args, text, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (text, result.exception)
        if result.exit_code == 2:
            assert path.read_text(encoding="utf-8") == text
            assert "reviews.yaml" in result.output


def test_a_reopened_rejection_brings_the_fact_back_until_reviewed_again(world: Path) -> None:
    reject_coder()
    (world / "sources" / "e.md").write_text("DeepSeek-Coder was released on November 2, 2023.\n", encoding="utf-8")
    extract()
    listed = fact(run_json("conflicts"), "deepseek-coder", "release_date")
    assert listed is not None and listed["review"]["state"] == "reopened"
    assert listed["review"]["new_values"] == ["2023-11-02"]
    assert run("reviews", "--check").exit_code == 1
    reject_coder()  # looked again: the rejection stands, the new date is seen
    assert run("reviews", "--check").exit_code == 0
    assert fact(run_json("conflicts"), "deepseek-coder", "release_date") is None
    assert len(run_json("reviews")["reviews"]) == 1


def test_check_uses_a_preference_beside_a_rejection_on_the_same_fact(world: Path) -> None:
    (world / "sources" / "e.md").write_text("DeepSeek-V2 has 16B activated parameters.\n", encoding="utf-8")
    extract()
    prefer_v2()
    result = run("review", "v2", v2(), "--reject", "e.md:1", "--reason", "16B is DeepSeek-V2-Lite's total size")
    assert result.exit_code == 0, result.output
    (world / "draft.md").write_text("DeepSeek-V2 has 2.1B activated parameters.\n", encoding="utf-8")
    finding = json.loads(run("check", "draft.md", "--json").stdout)["findings"][0]
    assert finding["verdict"] == "contradicted" and finding["expected"] == 21_000_000_000  # not "disputed"
    assert "reviewed" in finding["message"] and "1 claim rejected by review" in finding["message"]


def test_a_hand_edited_value_is_read_again_and_a_stale_normalized_is_caught(world: Path) -> None:
    prefer_v2()
    path = world / "reviews.yaml"
    text = path.read_text(encoding="utf-8")
    assert "normalized: 21000000000" in text
    path.write_text(text.replace("value: 21B", "value: 2.1B"), encoding="utf-8")
    result = run("reviews")
    assert result.exit_code == 2 and "normalized" in result.output and "reviews.yaml:" in result.output
    path.write_text(text.replace("value: 21B", "value: 2.1B").replace("    normalized: 21000000000\n", ""), encoding="utf-8")
    assert run("reviews", "--check").exit_code == 0
    assert fact(run_json("show", "v2"), "deepseek-v2", v2())["preferred"] == 2_100_000_000  # type: ignore[index]


def test_a_fact_whose_only_claim_is_rejected_is_still_shown_marked(world: Path) -> None:
    (world / "sources" / "e.md").write_text("DeepSeek-V3 was released on December 26, 2024.\n", encoding="utf-8")
    extract()
    result = run("review", "v3", "release_date", "--reject", "e.md:1", "--reason", "a test of a lone claim")
    assert result.exit_code == 0, result.output
    card = run_json("show", "deepseek-v3")
    assert fact(card, "deepseek-v3", "release_date") is None  # nothing left to reconcile
    assert [(r["attribute"], r["source"], r["value"]) for r in card["rejected"]] == [("release_date", "e.md", "2024-12-26")]
    text = run("show", "deepseek-v3").stdout
    assert "every claim rejected by review" in text and "e.md:1" in text and "a test of a lone claim" in text


def test_the_read_index_answers_like_the_overlay(world: Path) -> None:
    """Decisions live in the read index too: the default commands (index) and the same commands
    forced the slow way (--reviews naming the same file) print the same bytes, reopened included."""
    assert run("review", "deepseek-coder", "release_date", "--reject", "d.md:3", "--reason", REASON_CODER).exit_code == 0
    attr = attr_of("deepseek-v2", 21_000_000_000)
    assert run("review", "deepseek-v2", attr, "--prefer", "21B", "--reason", REASON_V2).exit_code == 0
    (world / "sources" / "e.md").write_text("DeepSeek-V2 has 16B activated parameters.\n", encoding="utf-8")
    extract()  # V2 reopens
    for args in (["conflicts", "--json"], ["conflicts"], ["show", "deepseek-coder", "--json"], ["show", "deepseek-v2"],
                 ["timeline", "--json"]):  # fmt: skip
        fast, slow = run(*args), run(*args, "--reviews", "reviews.yaml")
        assert fast.exit_code == slow.exit_code == 0, fast.output
        assert fast.stdout == slow.stdout, args
        assert fast.stderr == slow.stderr, args
    assert "settled by review" in run("conflicts").output or "reopened" in run("conflicts").stdout
