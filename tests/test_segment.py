"""Stage 2, the reader: `segment(Document)` -> Blocks (src/dsfacts/segment/).

A block is one text (a wrapped paragraph is one block), every character of it knows where it
is in the file, and the document's structure is kept: headings with levels, list nesting,
tables by header and row, citation entries, HTML text without scripts, figure labels.
"""

from __future__ import annotations

import html
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsfacts.segment import Block, fold, segment
from dsfacts.sources import Document


def blocks(text: str, name: str = "doc.md") -> list[Block]:
    return segment(Document(source=name, text=text))


def texts(text: str, name: str = "doc.md") -> list[str]:
    return [b.text for b in blocks(text, name)]


def sentences(block: Block) -> list[str]:
    return [block.text[a:b].strip() for a, b in block.sentences]


def assert_origins_exact(text: str, bs: list[Block]) -> None:
    """Every visible character of every block is the character at its origin in the file (folded)."""
    for b in bs:
        for i, ch in enumerate(b.text):
            if ch.isspace():
                continue  # a space that joins two wrapped lines stands for the line break
            o = b.origin(i)
            assert 0 <= o < len(text), (b.text, i)
            assert fold(text[o]) == ch, (b.text, i, ch, text[o])


# ---- paragraphs ------------------------------------------------------------------------------


def test_a_wrapped_english_paragraph_is_one_block_joined_with_a_space():
    text = "# Model\n\nDeepSeek-V3 is a Mixture-of-Experts model with\n671B total parameters.\n"
    bs = blocks(text)
    assert [b.kind for b in bs] == ["heading", "paragraph"]
    assert bs[1].text == "DeepSeek-V3 is a Mixture-of-Experts model with 671B total parameters."
    assert bs[1].line == 3
    assert_origins_exact(text, bs)


def test_a_wrapped_chinese_paragraph_joins_without_a_space():
    text = "DeepSeek-V3 是一个强大的\n混合专家模型，总参数为\n6710 亿。\n"
    [b] = blocks(text)
    assert b.text == fold("DeepSeek-V3 是一个强大的混合专家模型，总参数为6710 亿。")  # full-width comma folded
    assert_origins_exact(text, [b])


def test_lines_a_writer_broke_without_punctuation_are_statements_of_their_own():
    text = "DeepSeek-V3：去年12月底發布\n總參數 6,710億，每個token啟用 370億\n預訓練資料 14.8兆 token\n"
    [b] = blocks(text)
    assert len(sentences(b)) == 3
    assert_origins_exact(text, [b])


def test_a_column_wrap_and_one_sentence_over_uneven_lines_stay_one_text():
    wrapped = "深度求索发布的第三代混合专家模型在十二月二十六日正式\n开源权重并公布技术报告全文内容以及训练所用的全部算力\n成本。\n"
    assert len(sentences(blocks(wrapped)[0])) == 1
    uneven = "DeepSeek，是一家在2023年\n7月17日成立的公司\n深度求索\n所开发的大模型名称。\n"
    assert len(sentences(blocks(uneven)[0])) == 1
    linked = "The weights are subject to [DeepSeek Model\nLicense](https://example.com/a-very-long-link-that-fills-the-line/LICENSE-MODEL).\n"
    assert blocks(linked)[0].text.startswith("The weights are subject to [DeepSeek Model License]")
    assert len(sentences(blocks(linked)[0])) == 1


def test_origin_points_at_the_value_on_its_own_line():
    text = "Intro line.\n\nDeepSeek-V3 has a context window\nof 128K tokens and 671B parameters.\n"
    b = blocks(text)[1]
    i = b.text.index("671B")
    o = b.origin(i)
    assert text[o : o + 4] == "671B"
    assert text.count("\n", 0, o) + 1 == 4  # file line 4


def test_blank_lines_separate_blocks():
    assert texts("First paragraph.\n\nSecond paragraph.\n") == ["First paragraph.", "Second paragraph."]


def test_crlf_files_read_like_lf_files():
    text = "DeepSeek-V3 has\r\n671B parameters.\r\n"
    [b] = blocks(text)
    assert b.text == "DeepSeek-V3 has 671B parameters."
    assert_origins_exact(text, [b])


# ---- normalisation without moving characters ----------------------------------------------------


def test_fold_maps_full_width_and_traditional_one_to_one():
    assert fold("３７B") == "37B"
    assert fold("參數") == "参数"
    assert fold("總參數 6710 億") == "总参数 6710 亿"
    for s in ("３７B", "參數", "ＤｅｅｐＳｅｅｋ－Ｖ３"):
        assert len(fold(s)) == len(s)


def test_full_width_and_traditional_text_is_folded_and_keeps_its_origins():
    text = "DeepSeek-V3 總參數 ６７１B，啟用 ３７B。\n"
    [b] = blocks(text)
    assert "总参数 671B" in b.text and "37B" in b.text
    assert_origins_exact(text, [b])


def test_zero_width_spaces_inside_a_number_are_dropped():
    text = "DeepSeek-V3 has 67\u200b1B parameters.\n"
    [b] = blocks(text)
    assert "671B" in b.text and "\u200b" not in b.text
    i = b.text.index("671B")
    assert text[b.origin(i + 2)] == "1"  # the character after the dropped space
    assert_origins_exact(text, [b])


def test_soft_hyphen_and_bom_are_not_text():
    [b] = blocks("\ufeffDeep\u00adSeek-V3 has 671B parameters.\n")
    assert b.text.startswith("DeepSeek-V3")


# ---- structure -----------------------------------------------------------------------------------


def test_headings_keep_their_levels():
    bs = blocks("# One\n\n## Two\n\n### Three\n\ntext\n")
    assert [(b.kind, b.level, b.text) for b in bs[:3]] == [("heading", 1, "One"), ("heading", 2, "Two"), ("heading", 3, "Three")]


def test_bold_lines_and_chinese_ordinal_titles_are_headings_below_markdown_ones():
    bs = blocks("# A\n\n**Model specs**\n\n三、模型规格\n")
    assert [b.kind for b in bs] == ["heading"] * 3
    assert bs[1].level > 6 and bs[2].level > 6


def test_list_nesting_is_kept_through_parent():
    bs = blocks("- DeepSeek-V3\n  - 671B parameters\n    - deep detail\n  - 37B active\n- DeepSeek-R1\n")
    by_text = {b.text: (i, b) for i, b in enumerate(bs)}
    top, v3 = by_text["DeepSeek-V3"]
    assert v3.kind == "item" and v3.parent is None
    assert by_text["671B parameters"][1].parent == top
    assert by_text["37B active"][1].parent == top
    assert by_text["deep detail"][1].parent == by_text["671B parameters"][0]
    assert by_text["DeepSeek-R1"][1].parent is None
    assert by_text["deep detail"][1].level > by_text["671B parameters"][1].level > v3.level


def test_a_paragraph_inside_a_list_item_has_that_item_as_parent():
    bs = blocks("1. DeepSeek-V3\n\n   It has 671B parameters.\n")
    assert bs[0].kind == "item"
    assert bs[1].text == "It has 671B parameters." and bs[1].parent == 0


def test_a_wrapped_list_item_is_one_block():
    text = "- DeepSeek-V3 is a Mixture-of-Experts model with\n  671B total parameters.\n"
    [b] = blocks(text)
    assert b.kind == "item" and b.text == "DeepSeek-V3 is a Mixture-of-Experts model with 671B total parameters."
    assert_origins_exact(text, [b])


def test_markdown_table_cells_know_header_row_and_column():
    text = "| Model | Params | Context |\n|---|---|---|\n| DeepSeek-V3 | 671B | 128K |\n| DeepSeek-V2 | 236B | 128K |\n"
    bs = blocks(text)
    cells = [b for b in bs if b.kind == "cell"]
    assert len(cells) == 6
    c = next(b for b in cells if b.text == "236B")
    assert c.table is not None
    assert c.table.header == ["Model", "Params", "Context"]
    assert c.table.row == ["DeepSeek-V2", "236B", "128K"]
    assert c.table.column == 1 and c.line == 4
    assert cells[0].table.table == cells[-1].table.table
    assert_origins_exact(text, bs)


def test_tab_separated_lines_in_plain_text_are_a_table():
    text = "Models\nModel\tParams\tContext\nDeepSeek-V3\t671B\t128K\nDeepSeek-V2\t236B\t128K\n"
    bs = blocks(text, "notes.txt")
    cells = [b for b in bs if b.kind == "cell"]
    assert [b.text for b in bs if b.kind != "cell"] == ["Models"]
    c = next(b for b in cells if b.text == "671B")
    assert c.table.header == ["Model", "Params", "Context"]
    assert c.table.row == ["DeepSeek-V3", "671B", "128K"] and c.table.column == 1
    assert c.line == 3
    assert_origins_exact(text, bs)


def test_bibtex_fence_gives_one_block_per_entry():
    text = (
        "```bibtex\n@misc{a,\n  title={DeepSeek-V3 Technical Report},\n  year={2024},\n  eprint={2412.19437}\n}\n"
        "@misc{b,\n  title={DeepSeek-R1},\n  year={2025}\n}\n```\n"
    )
    bs = blocks(text)
    assert [b.kind for b in bs] == ["code", "code"]
    assert "2412.19437" in bs[0].text and "DeepSeek-R1" not in bs[0].text
    assert "DeepSeek-R1" in bs[1].text and bs[1].line == 7
    assert_origins_exact(text, bs)


def test_other_code_is_not_text():
    assert texts("```python\nparams = '671B'\n```\n\nText.\n") == ["Text."]


def test_html_fragment_text_without_script_and_style():
    text = "<div>\n<p>DeepSeek-V3 has <b>671B</b> parameters &amp; more.</p>\n<script>var x = '999B';</script>\n<style>.a{color:red}</style>\n</div>\n"
    bs = blocks(text)
    joined = " ".join(b.text for b in bs)
    assert "DeepSeek-V3 has 671B parameters & more." in joined
    assert "999B" not in joined and "color" not in joined


def test_an_html_page_keeps_headings_and_drops_scripts():
    page = (
        "<html><head><title>t</title><script>var a = '999B';</script><style>p{}</style></head>"
        "<body><h2>DeepSeek-V3</h2><p>It has 671B parameters.</p></body></html>"
    )
    bs = blocks(page, "page.html")
    assert ("heading", 2, "DeepSeek-V3") in [(b.kind, b.level, b.text) for b in bs]
    assert any(b.text == "It has 671B parameters." for b in bs)
    assert not any("999B" in b.text for b in bs)
    assert_origins_exact(page, bs)


def test_drawio_labels_are_label_blocks_with_their_boxes():
    xml = (
        '<mxGraphModel><root><mxCell id="0"/>'
        '<mxCell id="2" value="DeepSeek-V3" vertex="1"><mxGeometry x="10" y="20" width="100" height="40" as="geometry"/></mxCell>'
        '<mxCell id="3" value="671B params" vertex="1"><mxGeometry x="10" y="70" width="100" height="40" as="geometry"/></mxCell>'
        "</root></mxGraphModel>"
    )
    attr = html.escape(json.dumps({"xml": xml}), quote=True)
    text = f'# Figure\n\n<div class="mxgraph" data-mxgraph="{attr}"></div>\n'
    bs = blocks(text)
    labels = [b for b in bs if b.kind == "label"]
    assert [b.text for b in labels] == ["DeepSeek-V3", "671B params"]
    assert labels[0].box == (10.0, 20.0, 100.0, 40.0) and labels[1].box == (10.0, 70.0, 100.0, 40.0)
    assert labels[0].figure == labels[1].figure is not None
    for b in labels:  # escaped XML: each character still comes from the right place
        assert text[b.origin(0)] == b.text[0]


def test_svg_text_elements_are_labels():
    text = 'Intro.\n\n<svg width="10">\n<text x="1" y="2">DeepSeek-V3</text>\n<text x="1" y="9">671B</text>\n</svg>\n'
    labels = [b for b in blocks(text) if b.kind == "label"]
    assert [b.text for b in labels] == ["DeepSeek-V3", "671B"]


# ---- sentences -----------------------------------------------------------------------------------


def test_sentences_split_english_and_chinese():
    [b] = blocks("DeepSeek-V3 is big. It has 671B parameters! Is it? 中文句子。第二句。\n")
    assert sentences(b) == ["DeepSeek-V3 is big.", "It has 671B parameters!", "Is it?", "中文句子。", "第二句。"]


def test_sentences_do_not_end_at_decimals_or_abbreviations():
    [b] = blocks("DeepSeek-V3 was trained on 14.8T tokens, e.g. web text. It costs $5.576M.\n")
    assert sentences(b) == ["DeepSeek-V3 was trained on 14.8T tokens, e.g. web text.", "It costs $5.576M."]


def test_sentences_cover_the_block():
    [b] = blocks("One. Two! Three? 四。五\n")
    spans = b.sentences
    assert spans[0][0] == 0 and spans[-1][1] == len(b.text)
    assert all(a1 == b0 for (_, a1), (b0, _) in zip(spans, spans[1:], strict=False))


def test_indented_outline_lines_are_separate_sentences():
    text = "DeepSeek-V3\n    发布时间：2024年12月26日\n    参数量：671B\n"
    [b] = blocks(text)
    got = sentences(b)
    assert len(got) == 3
    assert got[1].startswith("发布时间") and "671B" not in got[1]
    assert got[2].startswith("参数量")


def test_label_value_lines_are_separate_sentences():
    [b] = blocks("发布时间：2024年12月26日\n参数量：671B\n")
    got = sentences(b)
    assert len(got) == 2 and "671B" not in got[0]
    [b] = blocks("Release date: 2024-12-26\nParameters: 671B\n")
    got = sentences(b)
    assert len(got) == 2 and "671B" not in got[0]


# ---- properties ------------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcXYZ 0123456789.,;:!?-*#|>`<>/\\[]()\n\n\t\r_~&\"'=")
    + ["参", "數", "億", "，", "。", "：", "３", "\u200b", "\u00ad", "\ufeff", "**", "- ", "1. ", "| a | b |\n|---|---|\n", "```\n", "<div>", "</div>", "<script>", "&amp;", "    "]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.sampled_from(["doc.md", "doc.txt", "doc.html"]))
def test_segment_never_raises_and_origins_stay_in_the_text(text, name):
    bs = segment(Document(source=name, text=text))
    for b in bs:
        assert b.text
        for i in range(len(b.text)):
            assert 0 <= b.origin(i) < max(len(text), 1)
        for a, e in b.sentences:
            assert 0 <= a <= e <= len(b.text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["DeepSeek-V3", "671B", "参数", "總參數", "６７１", "有", "has", " ", "，", "\n"]), min_size=1, max_size=40).map("".join))
def test_paragraph_characters_come_from_the_file(text):
    assert_origins_exact(text, blocks(text))


def test_svg_on_one_line_keeps_its_labels_apart():
    bs = blocks('<svg><text x="1" y="2">DeepSeek-V3</text><text x="1" y="9">671B</text></svg>\n')
    assert not any("DeepSeek-V3671B" in b.text for b in bs)
    assert [b.text for b in bs if b.kind == "label"] == ["DeepSeek-V3", "671B"]


def test_a_table_aligned_with_spaces_is_read_as_cells_with_their_header():
    text = (
        "The terms as of the date of issue.\n\n"
        "     Model                 Released        Weights licence\n"
        "     --------------------  --------------  -------------------------------\n"
        "     DeepSeek LLM 67B      29 Nov 2023     DeepSeek Model License\n"
        "     DeepSeek-R1           20 Jan 2025     MIT\n\n"
        "After the table.\n"
    )
    bs = blocks(text, "brief.txt")
    cells = [b for b in bs if b.kind == "cell"]
    assert [b.text for b in cells] == ["DeepSeek LLM 67B", "29 Nov 2023", "DeepSeek Model License", "DeepSeek-R1", "20 Jan 2025", "MIT"]
    assert cells[1].table is not None and cells[1].table.header == ["Model", "Released", "Weights licence"]
    assert [b.text for b in bs if b.kind == "paragraph"] == ["The terms as of the date of issue.", "After the table."]
    assert_origins_exact(text, bs)


def test_lines_led_by_emoji_bullets_are_statements_of_their_own():
    text = "3️⃣ DeepSeek-V3-0324｜V3小升级🆙\n✅ 3月24号放出来的\n"
    [block] = segment(Document(source="note.md", text=text))
    assert len([s for s in block.sentences if block.text[slice(*s)].strip()]) == 2
