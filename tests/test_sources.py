"""Stage 1, the reader: encodings, exact line/column, front matter, HTML visible text, metadata."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsfacts.decoding import decode
from dsfacts.errors import SourceError
from dsfacts.sources import (
    Document,
    describe,
    discover,
    ignored_files,
    load_metadata,
    read_text_document,
    split_front_matter,
    visible_text,
)

ZH = "DeepSeek-V3 总参数达6710亿，激活参数370亿。\r\n2024年12月26日发布。\n深度求索公司位于杭州。\n"
ZH_TRAD = "深度求索發佈了DeepSeek-V3模型。\n總參數為6710億，總部位於杭州。\n"


def brute_line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize(
    "data, expected, encoding",
    [
        (ZH.encode("utf-8"), ZH, "utf-8"),
        (b"\xef\xbb\xbf" + ZH.encode("utf-8"), ZH, "utf-8-sig"),
        (b"\xff\xfe" + ZH.encode("utf-16-le"), ZH, "utf-16"),
        (b"\xfe\xff" + ZH.encode("utf-16-be"), ZH, "utf-16"),
        (ZH.encode("gbk"), ZH, "gb18030"),
        (ZH.encode("gb18030"), ZH, "gb18030"),
        ("总参数6710亿".encode("gbk"), "总参数6710亿", "gb18030"),  # short: detectors say Korean
        (ZH_TRAD.encode("big5"), ZH_TRAD, "big5"),
        (
            "DeepSeek-V3 has 671B parameters.\n".encode("utf-16-le"),
            "DeepSeek-V3 has 671B parameters.\n",
            "utf-16-le",
        ),
    ],
)
def test_every_encoding_is_read_exactly(data: bytes, expected: str, encoding: str) -> None:
    doc = read_text_document(data, "x.txt")
    assert doc.text == expected
    assert doc.encoding == encoding
    hz = expected.find("杭州")
    if hz >= 0:  # line numbers are those of the file on disk
        assert doc.line_col(hz) == brute_line_col(expected, hz)
        assert "杭州" in doc.line_text(doc.line_col(hz)[0])


def test_line_col_is_exact_for_every_character_of_a_crlf_file() -> None:
    text = "---\r\ntitle: T\r\n---\r\n第一行\r\n\r\nline three\nlast"
    doc = read_text_document(text.encode(), "crlf.md")
    for offset in range(len(text) + 1):
        assert doc.line_col(offset) == brute_line_col(text, offset)
    assert doc.line_text(4) == "第一行"  # no trailing \r
    assert doc.meta == {"title": "T"}
    assert text[doc.body_start :].startswith("第一行")


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_files_are_named(data: bytes, what: str) -> None:
    with pytest.raises(SourceError, match=f"logo.txt.*{what}.*not a text document"):
        decode(data, "logo.txt")


def test_empty_file_is_an_empty_document() -> None:
    doc = read_text_document(b"", "empty.md")
    assert doc.text == "" and doc.meta == {} and doc.line_col(0) == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: [unclosed\n---\nbody 671B\n",  # bad YAML
        "---\ndate: 2024-13-45\n---\nbody 671B\n",  # a date YAML cannot build
        "---\n- a list\n---\nbody 671B\n",  # not a mapping
        "---\ntitle: never closed\nbody 671B\n",
    ],
)
def test_broken_front_matter_keeps_the_text(text: str) -> None:
    meta, body = split_front_matter(text)
    assert meta == {} and body == 0
    doc = read_text_document(text.encode(), "d.md")
    assert "body 671B" in doc.body


def test_front_matter_offsets_are_as_on_disk() -> None:
    text = "---\ntitle: 标题\ndate: 2025-02-07\n---\n\n正文第一行\n"
    doc = read_text_document(text.encode(), "d.md")
    assert doc.meta["title"] == "标题"
    assert doc.text == text
    assert doc.line_col(text.index("正文")) == (6, 1)


def test_visible_text_maps_every_character_back() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>V3 &amp; R1</title><style>p{color:red}</style>"
        "<script>var x = '<p>671B</p>';</script></head>\n<body><!-- hidden 999B -->"
        "<p>DeepSeek-V3 has <b>671</b>B parameters &mdash; 总参数<span>6710</span>亿</p>"
        "<p>a &lt; b &unknown; &#20159; &#x4EBF;</p></body></html>"
    )
    doc = Document(source="page.html", text=page)
    text, offsets = visible_text(doc)
    assert "671B parameters — 总参数6710亿" in text
    assert "999B" not in text and "color" not in text and "var x" not in text
    assert "a < b &unknown; 亿 亿" in text
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(page)
    for i, ch in enumerate(text):
        src_char = page[offsets[i]]
        assert src_char == ch or src_char in "&<", (i, ch, src_char)  # entities map to their '&'
    i = text.index("6710亿")
    assert page[offsets[i] : offsets[i] + 4] == "6710"
    assert list(offsets) == sorted(offsets)


def test_visible_text_survives_broken_html() -> None:
    for page in [
        "<p class='x>unclosed 671B",
        "<p>open <b>bold",
        "<!-- never closed",
        "<script>x",
        "a < b > c &",
    ]:
        text, offsets = visible_text(Document(source="b.html", text=page))
        assert len(offsets) == len(text) + 1


def test_plain_documents_have_an_identity_map() -> None:
    doc = Document(source="a.md", text="<b>not html</b>")
    text, offsets = visible_text(doc)
    assert text == doc.text and offsets[5] == 5


def test_big_document_is_linear() -> None:
    line = "DeepSeek-V3 总参数达6710亿，激活参数370亿。 <p>x</p>\r\n"
    data = (line * (5_000_000 // len(line.encode()))).encode("utf-8")
    t0 = time.perf_counter()
    doc = read_text_document(data, "big.txt")
    last = len(doc.text) - 1
    assert doc.line_col(last)[0] == doc.text.count("\n")
    assert time.perf_counter() - t0 < 5


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_reader_round_trips_any_utf8_text(text: str) -> None:
    doc = read_text_document(text.encode("utf-8"), "r.md")
    # exact, except that a lone CR (old Mac line end) reads as a line break of the same length
    assert doc.text == re.sub(r"\r(?!\n)", "\n", text.removeprefix("\ufeff"))
    for offset in {0, len(doc.text) // 2, len(doc.text)}:
        assert doc.line_col(offset) == brute_line_col(doc.text, offset)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_reader_never_fails_badly_on_bytes(data: bytes) -> None:
    try:
        doc = read_text_document(data, "r.md")
    except SourceError as e:
        assert "r.md" in str(e)
    else:
        assert isinstance(doc.text, str)


def test_seed_metadata_is_complete() -> None:
    root = Path(__file__).resolve().parents[1] / "sources"
    meta = load_metadata(root)
    names = {p.name for p in discover(root)}
    assert set(meta) == names
    assert meta["000_9b20d8084a9bdfc6.txt"].author == "vxiaozhi"
    assert meta["002_81a8176beca22a22.txt"].date == "2026-02-16"
    assert meta["001_de9810a6dcb2636b.txt"].url and "csdn" in meta["001_de9810a6dcb2636b.txt"].url
    assert all(m.title and m.kind and m.language == "zh" for m in meta.values())


def test_hand_written_metadata_wins_over_front_matter() -> None:
    doc = read_text_document(b"---\ntitle: From file\ndate: 2025-01-01\n---\ntext", "a.md")
    merged = describe(doc, load_metadata_entry(title="By hand"))
    assert merged.title == "By hand" and merged.date == "2025-01-01"


def load_metadata_entry(**fields: str):  # type: ignore[no-untyped-def]
    from dsfacts.models import Source

    return Source(id="a.md", **fields)


def test_discover_skips_housekeeping_and_reports_other_files(tmp_path: Path) -> None:
    for name in ["a.md", "b.txt", "c.html", "sources.yaml", "README.md", ".hidden.md", "logo.png"]:
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in discover(tmp_path)] == ["a.md", "b.txt", "c.html"]
    assert ignored_files(tmp_path) == ["logo.png: not a document (only .md, .txt and .html files are read)."]


def test_bad_metadata_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("a.md: [unclosed\n")
    with pytest.raises(SourceError, match=r"sources.yaml:\d+: not valid YAML"):
        load_metadata(tmp_path)


def test_the_light_listing_finds_what_sources_finds(tmp_path: Path) -> None:
    """freshness.py lists documents with folder.py (cheap to import); sources.py must agree."""
    from dsfacts import folder, sources

    for name in ("a.md", "B.TXT", "c.html", "d.htm", "e.markdown", "README.md", "sources.yaml", ".hidden.md",
                 "x.pdf", "notes.Md", "readme"):  # fmt: skip
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.md").mkdir()
    assert folder.discover(tmp_path) == sources.discover(tmp_path)
    assert list(folder.stats(tmp_path)) == [p.name for p in sources.discover(tmp_path)]
    listed, others = folder.listing(tmp_path)  # extract's one scan: documents with their stat, and the rest
    assert list(listed) == [p.name for p in sources.discover(tmp_path)] and listed == folder.stats(tmp_path)
    assert [sources.not_a_document(n) for n in others] == sources.ignored_files(tmp_path) != []
    assert folder.DOCUMENT_SUFFIXES == sources.DOCUMENT_SUFFIXES and folder.METADATA_FILE == sources.METADATA_FILE
    assert all(folder.is_document_name(n) == sources.is_document_name(n) for n in (*folder.HOUSEKEEPING, "x.md", ".x.md"))
