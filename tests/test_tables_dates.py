"""Tables and dates, one small document per rule: HTML tables read like Markdown tables, a unit in
a column header scales its cells, an infobox states the company's facts through its row labels;
a date without a year takes it from its context or the document's date, and datelines, deadlines
and undated changelog items are not release dates.
"""

from __future__ import annotations

from dsfacts.segment import segment
from dsfacts.sources import Document
from extraction import facts

B = 1_000_000_000

# ---- HTML tables --------------------------------------------------------------------------------------


def test_html_table_cells_know_header_row_and_column():
    page = (
        "<html><body><h2>Specs</h2><table><caption>Model specifications</caption>\n"
        "<thead><tr><th>Model</th><th>Total Params</th></tr></thead>\n"
        "<tbody><tr><td>DeepSeek-V3</td><td><b>671B</b></td></tr>\n<tr><td>DeepSeek-R1</td><td>671B</td></tr></tbody>\n"
        "</table></body></html>"
    )
    doc = Document(source="page.html", text=page)
    bs = segment(doc)
    cells = [b for b in bs if b.kind == "cell"]
    assert [b.text for b in cells] == ["DeepSeek-V3", "671B", "DeepSeek-R1", "671B"]
    assert cells[1].table is not None and cells[1].table.header == ["Model", "Total Params"]
    assert cells[1].table.row == ["DeepSeek-V3", "671B"] and cells[1].table.column == 1 and cells[1].line == 3
    assert any(b.kind == "paragraph" and b.text == "Model specifications" for b in bs)
    assert all(page[b.origin(i)] == ch for b in cells for i, ch in enumerate(b.text))


def test_an_html_table_is_read_like_a_markdown_table():
    page = (
        "<h1>Release</h1>\n<table>\n<tr><th>Model</th><th>Total Params</th><th>Context Length</th><th>License</th></tr>\n"
        "<tr><td>DeepSeek-V3-0324</td><td>671B</td><td>128K</td><td>MIT</td></tr>\n</table>\n"
    )
    assert facts(page, "page.html") == {
        ("deepseek-v3-0324", "total_params", 671 * B),
        ("deepseek-v3-0324", "context_length", 128_000),
        ("deepseek-v3-0324", "license", "MIT"),
    }


def test_an_html_table_inside_markdown_with_blank_lines_is_one_table():
    text = (
        "# Models\n\n<table>\n<tr><th>Model</th><th>Params</th></tr>\n\n<tr><td>DeepSeek-V3</td><td>671B</td></tr>\n\n"
        "<tr>\n<td>DeepSeek-V2</td>\n<td>236B</td>\n</tr>\n</table>\n\nDeepSeek-V2 has a context length of 128K.\n"
    )
    assert facts(text) == {
        ("deepseek-v3", "total_params", 671 * B),
        ("deepseek-v2", "total_params", 236 * B),
        ("deepseek-v2", "context_length", 128_000),
    }


# ---- a unit in the column header ----------------------------------------------------------------------


def test_a_unit_in_the_column_header_scales_bare_numbers_and_lists():
    text = (
        "| Model | Release date | Parameters (B) | Context |\n|---|---|---|---|\n"
        "| DeepSeek LLM | 29 Nov 2023 | 7, 67 | 4K |\n| DeepSeek-V2 | 6 May 2024 | 236 | 128K |\n"
    )
    got = facts(text)
    assert ("deepseek-llm", "variant_sizes", (7 * B, 67 * B)) in got
    assert ("deepseek-v2", "total_params", 236 * B) in got
    assert not any(v in (7, 67, 236) for _, _, v in got)


def test_a_chinese_header_unit_scales_a_context_length():
    text = "| 模型 | 上下文长度（K） |\n|---|---|\n| DeepSeek-V3 | 128 |\n"
    assert facts(text) == {("deepseek-v3", "context_length", 128_000)}


def test_a_cell_with_words_is_read_as_written_under_a_header_unit():
    text = "| Model | Params (B) |\n|---|---|\n| DeepSeek-V2 | 21B active |\n"
    assert facts(text) == {("deepseek-v2", "active_params", 21 * B)}


# ---- infobox: the row label says what the value is ------------------------------------------------------


def test_an_infobox_gives_the_company_facts_through_its_row_labels():
    text = (
        "# DeepSeek\n\n| Type | Private |\n|---|---|\n| Founded | 17 July 2023 |\n| Founder | Liang Wenfeng |\n"
        "| Headquarters | Hangzhou, Zhejiang, China |\n| Owner | High-Flyer |\n"
    )
    assert facts(text) == {
        ("deepseek", "founded_date", "2023-07-17"),
        ("deepseek", "founder", "Liang Wenfeng"),
        ("deepseek", "headquarters", "Hangzhou"),
    }


def test_an_infobox_without_a_header_row_keeps_its_first_pair():
    text = "# 深度求索\n\n| 成立 | 2023年7月 |\n|---|---|\n| 总部 | 浙江杭州 |\n"
    assert facts(text) == {("deepseek", "founded_date", "2023-07"), ("deepseek", "headquarters", "Hangzhou")}


def test_a_licence_column_names_the_licence_of_each_row():
    text = "| Model | License |\n|---|---|\n| DeepSeek-R1 | MIT |\n| Llama 3.1 405B | Llama 3.1 Community |\n"
    assert facts(text) == {("deepseek-r1", "license", "MIT")}
