"""The reviews overlay without the CLI: content ids, states, value parsing, the file's round trip,
and the property that no sequence of review / extract / prune loses a decision with evidence."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsfacts import reviewed, store
from dsfacts import reviews as rv
from dsfacts.cli import app
from dsfacts.models import Claim


def claim(value: object = 21_000_000_000, source: str = "a.md", line: int = 1, quote: str = "V2 activates 21B",
          raw: str | None = "21B", kind: str = "number", attribute: str = "active_params") -> Claim:  # fmt: skip
    return Claim(entity="deepseek-v2", attribute=attribute, value=value, kind=kind, source=source, line=line,  # type: ignore[arg-type]
                 quote=quote, raw=raw)  # fmt: skip


A = claim()
B = claim(2_100_000_000, "b.md", 7, "V2 activates 2.1B", "2.1B")
C = claim(16_000_000_000, "c.md", 2, "V2 activates 16B", "16B")


# ---- identity ---------------------------------------------------------------------------------


def test_claim_id_ignores_where_the_line_is_and_how_it_is_spaced() -> None:
    moved = A.model_copy(update={"line": 40, "column": 9})
    spaced = A.model_copy(update={"quote": "  V2   activates\n21B "})
    wide = A.model_copy(update={"quote": "V2 activates ２１B"})  # NFKC: full-width digits
    assert rv.claim_id(A) == rv.claim_id(moved) == rv.claim_id(spaced) == rv.claim_id(wide)


@pytest.mark.parametrize(
    "change",
    [{"source": "z.md"}, {"quote": "V2 activates 21B tokens"}, {"raw": "21 B"}, {"attribute": "total_params"},
     {"entity": "deepseek-v3"}],  # fmt: skip
)
def test_claim_id_changes_with_what_the_source_says(change: dict) -> None:
    assert rv.claim_id(A) != rv.claim_id(A.model_copy(update=change))


# ---- states -----------------------------------------------------------------------------------


def book_with(*decisions: rv.Decision) -> rv.Book:
    return rv.Book(Path("reviews.yaml"), list(decisions))


def decision(kind: str, claims: list[Claim], values: list[Claim] | None = None) -> rv.Decision:
    return rv.Decision(
        "deepseek-v2", "active_params", kind, "r", "2026-01-01", value="21B" if kind == "prefer" else None,
        values=[c.value for c in (values if values is not None else claims)], claims=[rv.seen(c) for c in claims],
    )  # fmt: skip


def test_states_follow_the_evidence() -> None:
    prefer = decision("prefer", [A, B])
    reject = decision("reject", [B], values=[A, B])
    book = book_with(prefer, reject)
    assert [s.state for s in rv.states(book, [A, B])] == ["active", "active"]
    assert [s.state for s in rv.states(book, [A, B, C])] == ["reopened", "reopened"]
    assert rv.states(book, [A, B, C])[0].new_values == [16_000_000_000]
    assert [s.state for s in rv.states(book, [A])] == ["active", "stale"]  # a preference keeps what is left
    assert [s.state for s in rv.states(book, [C])] == ["stale", "stale"]
    moved = [A.model_copy(update={"line": 99}), B.model_copy(update={"line": 3})]
    assert [s.state for s in rv.states(book, moved)] == ["active", "active"]


def test_a_rejected_claim_leaves_reconciliation_and_a_preference_sets_the_value() -> None:
    book = book_with(decision("reject", [B], values=[A, B]))
    overlay = reviewed.Overlay(claims=[A, B], book=book, states=rv.states(book, [A, B]))
    assert overlay.kept() == [A]
    (f,) = overlay.facts()
    assert f.status == "single-source" and f.review and f.review["settled"] and f.review["rejected"][0]["source"] == "b.md"
    pref = decision("prefer", [A, B])
    pref.value = "2.1B"
    pref.normalized = reviewed.value_claim(A, "2.1B").value
    book = book_with(pref)
    overlay = reviewed.Overlay(claims=[A, B], book=book, states=rv.states(book, [A, B]))
    (f,) = overlay.facts()
    assert f.preferred == 2_100_000_000 and f.status == "contradiction" and f.review["settled"]  # type: ignore[index]
    assert overlay.conflicts([f], ["contradiction"], include_settled=False) == ([], 1)
    reopened = reviewed.Overlay(claims=[A, B, C], book=book, states=rv.states(book, [A, B, C]))
    (f,) = reopened.facts()
    from dsfacts.reconcile import reconcile

    assert f.review["state"] == "reopened" and not f.review["settled"]  # type: ignore[index]
    assert f.preferred == reconcile([A, B, C])[0].preferred  # a reopened preference does not hold
    assert reopened.conflicts([f], ["contradiction"], include_settled=False) == ([f], 0)


# ---- the reviewer's value: the sources' own grammar ---------------------------------------------


@pytest.mark.parametrize(
    ("kind", "example_value", "text", "expected"),
    [
        ("number", 21_000_000_000, "21B", 21_000_000_000),
        ("number", 128_000, "128K", 128_000),
        ("number", 21_000_000_000, "210亿", 21_000_000_000),
        ("date", "2024-12", "2024-12-26", "2024-12-26"),
        ("date", "2024-12", "December 2024", "2024-12"),
        ("money", 5_576_000, "$5.576M", 5_576_000),
        ("sizes", [1, 2], "1.3B, 6.7B, 33B", [1_300_000_000, 6_700_000_000, 33_000_000_000]),
        ("sizes", [1, 2], "1B-33B", {"min": 1_000_000_000, "max": 33_000_000_000}),
        ("text", "MIT", "MIT", "MIT"),
    ],
)
def test_the_preferred_value_is_parsed_by_the_value_grammar(kind: str, example_value: object, text: str, expected: object) -> None:
    example = claim(example_value, kind=kind).model_copy(update={"unit": "USD" if kind == "money" else None})
    assert reviewed.value_claim(example, text).value == expected


@pytest.mark.parametrize(("kind", "value", "text"), [("number", 1, "soon"), ("date", "2024", "21B"), ("number", 1, "21B 7B")])
def test_a_value_the_grammar_cannot_read_is_a_clear_error(kind: str, value: object, text: str) -> None:
    with pytest.raises(rv.ReviewsError, match="cannot read"):
        reviewed.value_claim(claim(value, kind=kind), text)


# ---- the file -----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    reason=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip),
    by=st.none() | st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(str.strip),
)
def test_any_reason_and_name_survive_the_round_trip(reason: str, by: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reviews.yaml"
        book = rv.load(path)
        d = decision("reject", [B], values=[A, B])
        d.reason, d.by = " ".join(reason.split()), by and " ".join(by.split())
        rv.record(book, d)
        rv.save(book)
        (back,) = rv.load(path).decisions
        assert (back.reason, back.by, back.decision) == (d.reason, d.by, "reject")
        assert [s.id for s in back.claims] == [rv.claim_id(B)] and back.values == [21_000_000_000, 2_100_000_000]


# ---- the property: review / extract / prune never lose a decision that has its evidence --------

SENTENCES = [
    "DeepSeek-V2 has 21B activated parameters.",
    "DeepSeek-V2 has 2.1B activated parameters.",
    "DeepSeek-V2 has 16B activated parameters.",
    "DeepSeek-Coder was released in November 2023.",
    "DeepSeek-Coder was released in July 2023.",
]
OPS = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(["a.md", "b.md", "c.md"]), st.none() | st.integers(0, 4), st.integers(0, 3)),
    st.tuples(st.just("extract")),
    st.tuples(st.just("review"), st.sampled_from(["prefer", "accept", "reject"]), st.integers(0, 30)),
    st.tuples(st.just("prune")),
)


def _key(d: rv.Decision) -> tuple:
    if d.decision == "reject":
        return ("reject", d.entity, d.attribute, frozenset(s.id for s in d.claims))
    return ("settle", d.entity, d.attribute)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, min_size=1, max_size=8))
def test_no_sequence_of_review_extract_prune_loses_a_decision_with_evidence(ops: list[tuple]) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "sources").mkdir()
        kb = ["--sources", str(root / "sources"), "--claims", str(root / "claims.jsonl")]
        path = root / "reviews.yaml"
        (root / "sources" / "a.md").write_text(SENTENCES[0] + "\n", encoding="utf-8")
        (root / "sources" / "b.md").write_text(SENTENCES[1] + "\n", encoding="utf-8")
        assert runner.invoke(app, ["extract", *kb]).exit_code == 0
        expected: dict[tuple, set[str]] = {}  # decision -> the claim ids it names
        for op in ops:
            claims = store.read_claims(root / "claims.jsonl")
            if op[0] == "write":
                target = root / "sources" / op[1]
                if op[2] is None:
                    target.unlink(missing_ok=True)
                else:
                    target.write_text("\n" * op[3] + SENTENCES[op[2]] + "\n", encoding="utf-8")
            elif op[0] == "extract":
                assert runner.invoke(app, ["extract", *kb]).exit_code == 0
            elif op[0] == "review" and claims:
                pick = claims[op[2] % len(claims)]
                args = ["review", pick.entity, pick.attribute, "--reason", f"step {op[2]}", *kb]
                args += {"prefer": ["--prefer", pick.raw or str(pick.value)], "accept": ["--accept"],
                         "reject": ["--reject", f"{pick.source}:{pick.line}"]}[op[1]]  # fmt: skip
                result = runner.invoke(app, args)
                assert result.exit_code == 0, result.output
                d = rv.load(path).decisions
                made = next(x for x in d if x.key == (pick.entity, pick.attribute) and x.decision == op[1] and
                            (op[1] != "reject" or rv.claim_id(pick) in {s.id for s in x.claims}))  # fmt: skip
                expected[_key(made)] = {s.id for s in made.claims}
            elif op[0] == "prune":
                assert runner.invoke(app, ["reviews", "--prune", *kb]).exit_code == 0
                present = {rv.claim_id(c) for c in claims}
                expected = {k: ids for k, ids in expected.items() if ids & present}
            # the file is valid after every step, and holds every decision whose evidence remains
            claims = store.read_claims(root / "claims.jsonl")
            present = {rv.claim_id(c) for c in claims}
            book = rv.load(path)
            kept = {_key(d): {s.id for s in d.claims} for d in book.decisions}
            assert len(kept) == len(book.decisions)  # one decision per fact, one per rejected claim
            for k, ids in expected.items():
                if ids & present:
                    assert kept.get(k) == ids, (k, ops)
            assert set(kept) <= set(expected)
            states = json.loads(runner.invoke(app, ["reviews", "--json", *kb]).stdout)["reviews"]
            failing = runner.invoke(app, ["reviews", "--check", *kb]).exit_code
            assert failing == (1 if any(s["state"] != "active" for s in states) else 0)


SCALARS = st.none() | st.integers(-5, 10**12) | st.text(max_size=12) | st.sampled_from(
    ["deepseek-v2", "active_params", "prefer", "reject", "accept", "21B", "2.1B", "2024-12-26", rv.claim_id(A)]
)
FIELDS = st.dictionaries(
    st.sampled_from(["entity", "attribute", "decision", "reason", "value", "by", "date", "values", "claims"]),
    SCALARS | st.lists(SCALARS | st.fixed_dictionaries({"id": SCALARS}), max_size=3),
    max_size=9,
)


@settings(max_examples=150, deadline=None)
@given(entries=st.lists(FIELDS, max_size=3))
def test_a_hand_edited_file_either_loads_or_is_a_clear_error(entries: list[dict]) -> None:
    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reviews.yaml"
        path.write_text(yaml.safe_dump({"reviews": entries}, allow_unicode=True), encoding="utf-8")
        try:
            overlay = reviewed.Overlay.load([A, B, C], path)
        except rv.ReviewsError as e:
            assert str(e).startswith(str(path))
            return
        facts = overlay.facts()  # whatever loaded also applies without surprises
        assert [reviewed.fact_json(f) for f in facts]
        assert overlay.claims_for_check() is not None
        rv.save(overlay.book)
        assert len(rv.load(path).decisions) == len(overlay.book.decisions)
