"""The shortcuts that make stages 2 and 3a fast must never change what they find.

Each shortcut skips work when a cheap look says the work would find nothing; each test below
states that "would find nothing" as a property over arbitrary text, so a grammar or a markup
rule changed later cannot silently slip past its shortcut.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dsfacts.extract.values import scan
from dsfacts.extract.values.lexicon import MONTH_ANY
from dsfacts.segment import aligned, sentences
from dsfacts.segment.offsets import TextBuilder, fold

# characters the shortcuts look at, mixed with ordinary text
_PIECES = st.sampled_from(
    [
        "2024", "1999", "20", "19", "671", "12", "5", "B", "3.5", ".", "。", "!", "?", ";", "；", "！", "？", "*", "**", "_", "`",
        "\\", "<b>", "</b>", "![x](y)", "<!-- c -->", "-A", "-", "/", ",", "、", "和", "or", "and", "to", "x", "×", "%",
        "万", "亿", "年", "月", "日", "$", "美元", "arXiv", "eprint", "http://", ":", "Q1", "H2", "Jan", "December",
        "million", "Thousand", "three", " ", "\t", "\u3000", "\u00a0", "Ｆ", "參", "a", "DeepSeek", "e.g.", "\n",
    ]
)
_TEXT = st.one_of(st.lists(_PIECES, max_size=30).map("".join), st.text(max_size=60))


def _reference_plan(text: str) -> list[scan.Pass]:
    """The passes that run on text, decided pass by pass as the scan once did."""
    chars = set(text)
    has_month = MONTH_ANY.search(text) is not None
    has_year = scan._YEAR.search(text) is not None
    return [
        p
        for p in scan._PASSES
        if not (p.gate and p.gate.isdisjoint(chars))
        and not (p.month and not has_month)
        and not (p.year and not has_year)
        and not (p.words and not any(w in text for w in p.words))
    ]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_a_plan_holds_the_passes_each_check_allows(text: str) -> None:
    assert list(scan._plan(text)) == _reference_plan(text)
    assert list(scan._plan(text)) == _reference_plan(text)  # the second time from the plan cache


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("12月5日发布，26日上线，671B 参数，128K 上下文，3.5%，Q1 的 1/2")
@example("Dec 5, 25 at 10:30; 5-12-31; 7/67B; 16B-A3B; 1.5B to 70B; 236B/21B, 7B 和 67B; $5.6M; 2 万亿")
@example("arXiv:2405.04434, eprint={2401.02954}, (2405.04434); 25年1月; 5 December; last December; 600万美元; 三万亿元; 3x4; 五千万; two million")
def test_a_year_pass_finds_nothing_without_a_year(text: str) -> None:
    if scan._YEAR.search(text) is None:
        for p in scan._PASSES:
            if p.year:
                assert p.regex.search(text) is None, (p.build.__name__, text)


def test_the_year_passes_are_the_ones_led_by_a_year() -> None:
    names = {p.build.__name__ for p in scan._PASSES if p.year}
    assert {"_iso_date", "_year_range", "_en_part", "_bare_year"} <= names


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_a_text_without_a_sentence_mark_has_no_sentence_end(text: str) -> None:
    if sentences._END_CHAR.search(text) is None:
        assert list(sentences._END.finditer(text)) == []
        assert sentences.sentence_spans(text) == [(0, len(text))]


def test_every_sentence_mark_alone_ends_a_sentence() -> None:
    for mark in "。！？；!?;.":
        text = f"参数 671B{mark} 上下文 128K"
        assert sentences._END_CHAR.search(text) is not None
        assert len(sentences.sentence_spans(text)) == 2, mark


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_a_line_without_markup_characters_has_no_markup(text: str) -> None:
    if aligned._MARKUP_CHAR.search(text) is None:
        assert aligned._DROP.search(text) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["add", "join", "build"]), _TEXT), max_size=12))
def test_a_builder_text_is_always_its_pieces_folded(steps: list[tuple[str, str]]) -> None:
    builder = TextBuilder()
    for k, (step, piece) in enumerate(steps):
        if step == "add":
            builder.add(piece, 100 * k)
        elif step == "join":
            builder.join(piece[:1], 100 * k)
        text, _ = builder.build()
        assert text == fold("".join(builder.parts))
        assert len(text) == builder.length
