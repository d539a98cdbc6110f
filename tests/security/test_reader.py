"""Item 6: line endings, mixed encodings and HTML as the reader sees them (not NFKC: the lead's)."""

from __future__ import annotations

import re
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsfacts import store
from dsfacts.cli import app
from dsfacts.sources import Document, read_text_document, visible_text


def _claims(kbdir: Path) -> list:
    return store.read_claims(kbdir / "claims.jsonl")


def test_cr_only_file_keeps_distinct_lines(kbdir: Path, fake_engine: object) -> None:
    text = "# Old Mac\r\rdeepseek-v3 total_params 671\rdeepseek-r1 context_length 128\r"
    (kbdir / "sources" / "mac.md").write_bytes(text.encode())
    assert CliRunner().invoke(app, ["extract"]).exit_code == 0
    found = {(c.entity, c.line) for c in _claims(kbdir) if c.source == "mac.md"}
    assert found == {("deepseek-v3", 3), ("deepseek-r1", 4)}


def test_crlf_and_mixed_line_ends_count_lines_like_an_editor() -> None:
    doc = read_text_document(b"a\r\nb\rc\nd", "x.md")
    assert [doc.line_text(i) for i in (1, 2, 3, 4)] == ["a", "b", "c", "d"]
    assert len(doc.text) == len("a\r\nb\rc\nd")  # same length: every offset is the file's


def test_mixed_encodings_skip_and_report_the_odd_lines(kbdir: Path, fake_engine: object) -> None:
    data = (
        "deepseek-v3 total_params 671 模型\n".encode()
        + "deepseek-v3 total_params 999 模型\n".encode("gbk")
        + "deepseek-r1 context_length 128 上下文\n".encode()
    )
    (kbdir / "sources" / "mixed.md").write_bytes(data)
    result = CliRunner().invoke(app, ["extract"])
    assert result.exit_code == 0
    assert "mixed.md: line 2 is not UTF-8" in result.output and "skipped, not guessed" in result.output
    found = {(c.value, c.line) for c in _claims(kbdir) if c.source == "mixed.md"}
    assert found == {(671, 1), (128, 3)}  # 999 is never read from the undecodable line


def test_a_wholly_gbk_file_is_still_read_as_gbk() -> None:
    doc = read_text_document("DeepSeek-V3 总参数 6710 亿\n发布于 2024 年 12 月\n".encode("gbk"), "g.md")
    assert doc.encoding == "gb18030" and not doc.problems and "总参数" in doc.text


def test_script_and_style_text_of_html_is_not_a_claim(kbdir: Path, fake_engine: object) -> None:
    page = (
        "<html><head><style>.x{content:'deepseek-v3 total_params 111'}</style>\n"
        "<script>var s = 'deepseek-v3 total_params 222';</script></head>\n"
        "<body><p>deepseek-v3 total_params 671</p>\n"
        "<SCRIPT type='x'>\ndeepseek-v3 total_params 333\n</SCRIPT>\n<p>end</p></body></html>\n"
    )
    (kbdir / "sources" / "page.html").write_text(page, encoding="utf-8")
    assert CliRunner().invoke(app, ["extract"]).exit_code == 0
    found = {(c.value, c.line) for c in _claims(kbdir) if c.source == "page.html"}
    assert found == {(671, 3)}


def test_html_visible_text_drops_scripts_and_keeps_offsets() -> None:
    page = "<p>a</p><script>if (a<b) { x = '</p>' }</script><p>b &amp; c</p>"
    doc = read_text_document(page.encode(), "p.html")
    assert len(doc.text) == len(page)
    text, offsets = visible_text(doc)
    assert "if" not in text and "a" in text and "b & c" in text
    assert page[offsets[text.index("c")]] == "c"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["<a", "<b>", "</p>", '"', "'", "<script>", "<!", "<", ">", "x", " "]), max_size=60))
def test_html_lexer_is_linear_on_unclosed_markup(parts: list[str]) -> None:
    page = "".join(parts) * 200
    t0 = time.perf_counter()
    text, offsets = visible_text(Document(source="p.html", text=page))
    assert time.perf_counter() - t0 < 2
    assert len(offsets) == len(text) + 1


def test_reader_regexes_on_hostile_lines_are_fast() -> None:
    hostile = [
        "<a " * 20000,
        "<a title=\"" + "x" * 20000,
        "<!" * 20000,
        "<script " * 10000,
        "&#" * 20000,
        "\r" * 20000 + "\n" * 3,
    ]
    for page in hostile:
        t0 = time.perf_counter()
        doc = read_text_document(page.encode(), "h.html")
        visible_text(doc)
        assert time.perf_counter() - t0 < 2, page[:20]


def test_add_and_id_helpers_are_linear() -> None:
    from dsfacts import incoming

    t0 = time.perf_counter()
    incoming.slug("1." * 50000 + "x")
    incoming._first_heading("#" + " " * 50000)
    incoming._MD_ESCAPE.sub(r"\1", "\\" * 50000)
    assert time.perf_counter() - t0 < 2
    assert re.fullmatch(r"[a-z0-9-]*", incoming.slug("DeepSeek-V3 Technical Report!"))
