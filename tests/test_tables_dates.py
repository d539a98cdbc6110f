"""Tables and dates, one small document per rule: HTML tables read like Markdown tables, a unit in
a column header scales its cells, an infobox states the company's facts through its row labels;
a date without a year takes it from its context or the document's date, and datelines, deadlines
and undated changelog items are not release dates.
"""

from __future__ import annotations

import pytest

from dsfacts import budget
from dsfacts.extract.engine import extract_document
from dsfacts.segment import segment
from dsfacts.segment.markup import MAX_COLUMNS
from dsfacts.sources import Document, read_text_document
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


def test_a_row_wider_than_any_data_table_is_read_no_further():
    page = "<h1>DeepSeek-V3</h1><table><tr><th>Model</th></tr><tr>" + "<td>DeepSeek-V3 1B</td>" * 3000 + "</tr></table>"
    cells = [b for b in segment(Document(source="wide.html", text=page)) if b.kind == "cell"]
    assert len(cells) == MAX_COLUMNS and cells[-1].text == "DeepSeek-V3 1B"  # each cell is read with its whole row
    with budget.deadline(2):
        extract_document(Document(source="wide.html", text=page))


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


def test_a_unit_in_the_row_label_scales_the_cells_of_model_columns():
    text = "| | DeepSeek-V2 | DeepSeek-V3 |\n|---|---|---|\n| Total params (B) | 236 | 671 |\n| Context (K) | 128 | 128 |\n"
    assert facts(text) == {
        ("deepseek-v2", "total_params", 236 * B),
        ("deepseek-v3", "total_params", 671 * B),
        ("deepseek-v2", "context_length", 128_000),
        ("deepseek-v3", "context_length", 128_000),
    }


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


@pytest.mark.parametrize(
    "caption",
    ["表 3-1：国内主要开源大模型参数规模（单位：亿）", "Table 2. Model sizes (billions of parameters)", "Table 2. Sizes (unit: billion)"],
)
def test_a_captions_unit_scales_the_bare_numbers_of_its_table(caption):
    text = caption + "\n\n| Model | 总参数 / Total | 激活参数 / Active |\n|---|---|---|\n| DeepSeek-V3 | 671 | 37 |\n| Qwen2.5-72B | 72.7 | 72.7 |\n"
    if "亿" in caption:
        text = text.replace("671", "6710").replace("| 37 |", "| 370 |")
    assert facts(text) == {("deepseek-v3", "total_params", 671 * B), ("deepseek-v3", "active_params", 37 * B)}


@pytest.mark.parametrize(
    "top",
    ["| DeepSeek-V2 | |\n|---|---|\n", "| Field | Value |\n|---|---|\n| Name | DeepSeek-V2 |\n", "| 字段 | 内容 |\n|---|---|\n| 模型名称 | DeepSeek-V2 |\n"],
)
def test_a_model_infobox_is_about_the_model_its_header_or_name_row_names(top):
    text = top + "| Developer | DeepSeek |\n| Release date | May 6, 2024 |\n| Parameters | 236B (21B active) |\n| Context length | 128K tokens |\n"
    assert facts(text) == {
        ("deepseek-v2", "release_date", "2024-05-06"),
        ("deepseek-v2", "total_params", 236 * B),
        ("deepseek-v2", "active_params", 21 * B),
        ("deepseek-v2", "context_length", 128_000),
    }


def test_a_two_column_comparison_is_not_an_infobox():
    text = "| Model | Parameters |\n|---|---|\n| DeepSeek-V2 | 236B |\n| Llama 3 70B | 70B |\n| Qwen2.5-72B | 72.7B |\n"
    assert facts(text) == {("deepseek-v2", "total_params", 236 * B)}


def test_a_licence_column_names_the_licence_of_each_row():
    text = "| Model | License |\n|---|---|\n| DeepSeek-R1 | MIT |\n| Llama 3.1 405B | Llama 3.1 Community |\n"
    assert facts(text) == {("deepseek-r1", "license", "MIT")}


# ---- the year of a date written without one --------------------------------------------------------------


def dated(text: str, name: str = "doc.md") -> set[tuple[str, str, object]]:
    """Claims of a document read as from disk (front matter included)."""
    doc = read_text_document(text.encode("utf-8"), name)
    return {(c.entity, c.attribute, c.value) for c in extract_document(doc)}


def test_a_date_without_a_year_takes_the_year_of_the_byline_and_the_byline_dates_nothing():
    text = "# R1 rattled Silicon Valley\n\n*By Staff Writer · January 28, 2025 · 9 min read*\n\nDeepSeek released DeepSeek-R1 on January 20.\n"
    assert facts(text) == {("deepseek-r1", "release_date", "2025-01-20")}


def test_a_date_without_a_year_takes_the_year_stated_earlier_in_its_section():
    text = "# Notes\n\nDeepSeek-V2 came out on May 6, 2024.\n\nTen days later, on May 16, they shipped DeepSeek-V2-Lite.\n"
    assert ("deepseek-v2-lite", "release_date", "2024-05-16") in facts(text)


def test_a_year_stated_after_the_date_is_never_used():
    assert facts("DeepSeek-V3 was released on December 26. In 2025 R1 followed.\n") == set()


def test_the_documents_date_gives_the_year_and_no_date_falls_after_it():
    text = "---\ndate: 2025-01-05\n---\n# News\n\nDeepSeek-V3 was released on December 26.\n"
    assert dated(text) == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_year_from_the_text_that_puts_a_date_after_the_documents_date_gives_nothing():
    text = "---\ndate: 2024-10-02\n---\n# 2024\n\nDeepSeek-V3 was released on December 26.\n"
    assert dated(text) == set()


def test_a_pages_time_element_gives_the_year():
    page = '<h1>News</h1><p>Posted <time datetime="2025-01-28">Tuesday</time></p><p>DeepSeek released DeepSeek-R1 on January 20.</p>'
    assert facts(page, "news.html") == {("deepseek-r1", "release_date", "2025-01-20")}


def test_a_date_in_brackets_after_a_models_name_is_its_release():
    text = "Its models include DeepSeek-V3 (December 26, 2024) and the earlier flagship (DeepSeek-V2, May 2024).\n"
    assert facts(text) == {("deepseek-v3", "release_date", "2024-12-26"), ("deepseek-v2", "release_date", "2024-05")}


def test_a_period_in_brackets_after_models_is_no_release():
    assert facts("### V3 and R1 (2024–2025)\n\nText.\n") == set()


def test_a_dated_news_title_that_leads_with_a_model_is_its_release():
    page = (
        "<h3>Related news</h3><ul>\n"
        '<li><a href="/n1">DeepSeek-V2.5: A New Open-Source Model Combining General and Coding Capabilities</a> '
        '<span class="date">2024/09/05</span></li>\n'
        '<li><a href="/n2">DeepSeek V2.5-1210: The Final Version of the V2.5 Series</a> <span class="date">2024/12/10</span></li>\n'
        '<li><a href="/n3">DeepSeek API prices cut for all models</a> <span class="date">2024/09/10</span></li>\n</ul>\n'
    )
    assert facts(page, "news.html") == {
        ("deepseek-v2.5", "release_date", "2024-09-05"),
        ("deepseek-v2.5-1210", "release_date", "2024-12-10"),
    }


def test_a_dated_title_that_names_a_paper_dates_the_paper():
    assert facts("- DeepSeek-V2: the technical report of an efficient MoE model, 2024-05-07\n") == {
        ("deepseek-v2", "paper_date", "2024-05-07")
    }


# ---- dates that are not release dates --------------------------------------------------------------------


def test_a_dateline_dates_the_article_not_the_model():
    text = "# 国产大模型DeepSeek-V3发布\n\n**本报记者 发自杭州**　2024年12月27日\n\n2024年12月26日，深度求索正式上线DeepSeek-V3。\n"
    assert facts(text) == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_wire_dateline_dates_the_article_not_the_model():
    text = (
        "# DeepSeek shakes markets in 2025\n\nHANGZHOU, Jan 28 (Reuters) - Chinese startup DeepSeek released "
        "DeepSeek-R1, which it had released on January 20 to little notice.\n"
    )
    assert facts(text) == {("deepseek-r1", "release_date", "2025-01-20")}
    text = "# 深度求索发布新模型\n\n新华社杭州1月28日电 深度求索发布的 DeepSeek-R1 于2025年1月20日发布。\n"
    assert facts(text) == {("deepseek-r1", "release_date", "2025-01-20")}


def test_a_pages_time_element_is_its_publish_date_not_a_release():
    page = (
        '<h1>DeepSeek-V3-0324 Release</h1>\n<p class="meta"><time datetime="2025-03-25">2025/03/25</time> · Press Office</p>\n'
        "<p>DeepSeek-V3-0324 was made available on March 24, 2025.</p>\n"
    )
    assert facts(page, "page.html") == {("deepseek-v3-0324", "release_date", "2025-03-24")}


def test_a_published_line_under_the_title_is_no_paper_date():
    text = "# DeepSeek-V3: the numbers\n\n**Published: 12 May 2025**\n\nDeepSeek-V3 was released on 26 December 2024.\n"
    assert facts(text) == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_fact_with_its_date_under_the_title_is_no_byline():
    assert facts("# DeepSeek\n\nA company founded in May 2023 by Liang Wenfeng.\n") >= {("deepseek", "founded_date", "2023-05")}


def test_a_deadline_or_a_bound_is_no_release_date():
    assert facts("DeepSeek-V3 发布后，公司在2025年2月8日之前提供优惠价格。\n") == set()
    assert facts("DeepSeek-V3 was released with discounted prices until Feb 8, 2025.\n") == set()
    assert facts("DeepSeek-V3 在 2024 年 12 月 26 日发布。\n") == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_date_alone_under_a_release_heading_is_the_sections_value_not_a_byline():
    text = "# DeepSeek-V3\n\n## Release date\n\n2024-12-26\n\n## Release notes\n\n- 2025-01-05: Fixed a tokenizer bug.\n"
    assert facts(text) == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_changelog_entry_that_names_no_model_is_no_release():
    text = (
        "# DeepSeek-VL2\n\n## Release\n\n- **2024-12-25**: Gradio demo and VLMEvalKit support.\n"
        "- **2024-12-13**: DeepSeek-VL2 family released.\n"
    )
    assert facts(text) == {("deepseek-vl2", "release_date", "2024-12-13")}


def test_timeline_lines_without_list_markers_do_not_inherit_their_neighbours_model():
    text = "### 2025年\n\n【2025-1-27】发布 Janus-Pro。\n【2025-2-24】“开源周”启动，连续五天开源 FlashMLA 等基础设施代码。\n"
    assert facts(text) == {("janus-pro", "release_date", "2025-01-27")}


def test_timeline_lines_without_list_markers_are_items():
    bs = segment(Document(source="t.md", text="Intro line.\n【2025-1-27】发布 Janus-Pro。\n【2025-2-24】开源周启动。\n"))
    assert [(b.kind, b.text, b.line) for b in bs] == [
        ("paragraph", "Intro line.", 1),
        ("item", "【2025-1-27】发布 Janus-Pro。", 2),
        ("item", "【2025-2-24】开源周启动。", 3),
    ]


def test_until_that_tells_when_something_happened_is_no_bound():
    assert facts("直到2024年12月26日才推出 DeepSeek-V3。\n") == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_page_update_note_dates_no_release():
    from dsfacts.extract.engine import extract_document
    from dsfacts.sources import read_text_document

    text = (
        "# DeepSeek-V2, explained\n\n*By R. Okafor · May 21, 2024*\n\n"
        "Update (June 18): DeepSeek has since released DeepSeek-Coder-V2.\n"
    )
    claims = extract_document(read_text_document(text.encode(), "post.md"))
    assert not any(c.attribute == "release_date" for c in claims)


def test_a_related_post_title_announces_nothing_but_a_news_title_does():
    assert facts("- DeepSeek-Coder-V2: first look June 24, 2024\n") == set()
    assert facts("- DeepSeek-V2.5: A New Open-Source Model Combining General and Coding Capabilities 2024/09/05\n") == {
        ("deepseek-v2.5", "release_date", "2024-09-05")
    }


def test_a_news_storys_bare_date_is_of_its_own_year_not_of_an_earlier_year_in_the_paragraph():
    from dsfacts.extract.engine import extract_document
    from dsfacts.sources import read_text_document

    text = "---\ndate: 2025-01-28\n---\n# R1\n\nDeepSeek was founded in 2023. Li Qiang met Liang on Jan. 20, the day R1 was unveiled.\n"
    claims = extract_document(read_text_document(text.encode(), "news.md"))
    assert [(c.entity, c.value) for c in claims if c.attribute == "release_date"] == [("deepseek-r1", "2025-01-20")]
    text = "---\ndate: 2025-03-01\n---\n# R1\n\n今年1月20日推出的推理模型 DeepSeek-R1 引发关注。\n"
    claims = extract_document(read_text_document(text.encode(), "news.md"))
    assert [(c.entity, c.value) for c in claims if c.attribute == "release_date"] == [("deepseek-r1", "2025-01-20")]


def test_a_bare_date_near_a_full_date_of_the_same_months_takes_its_year():
    text = "# V2\n\nDeepSeek-V2 came out on 6 May 2024. The V2 paper appeared on arXiv on 7 May.\n"
    claims = extract_document(read_text_document(text.encode(), "v2.md"))
    assert {(c.attribute, c.value) for c in claims} == {("release_date", "2024-05-06"), ("paper_date", "2024-05-07")}
    # what unnamed others give is at a distance: "Some outlets give 7 May for V2" is no claim of the document's
    hearsay = "# V2\n\nDeepSeek-V2 came out on 6 May 2024. Some outlets give 7 May for V2 because that is when the paper appeared.\n"
    assert {(c.attribute, c.value) for c in extract_document(read_text_document(hearsay.encode(), "v2.md"))} == {("release_date", "2024-05-06")}


def test_this_year_without_a_document_date_is_no_year():
    claims = extract_document(read_text_document("# R1\n\n今年1月20日发布的 DeepSeek-R1 引发关注。\n".encode(), "r1.md"))
    assert not any(c.attribute == "release_date" for c in claims)


def test_a_wire_dateline_with_two_cities_dates_the_story():
    text = "**BEIJING/SINGAPORE, Sept 18, 2025** — DeepSeek said its R1 paper was published in Nature.\n"
    claims = extract_document(read_text_document(text.encode(), "wire.md"))
    assert not any(c.value == "2025-09-18" for c in claims)


def test_context_in_an_api_price_table_is_the_services_limit():
    text = "## API prices (February 2025)\n\n| Model | Context | Input |\n|---|---|---|\n| DeepSeek-V3 | 64K | $0.27 |\n"
    assert facts(text) == set()


def test_a_chinese_byline_with_a_publish_date_dates_the_document():
    text = "# 深度求索\n\n*作者：林晓舟 ｜ 发布于 2025-02-16 ｜ 阅读约 8 分钟*\n\n## 模型\n\n今年1月20日发布的 DeepSeek-R1 引发关注。\n"
    claims = extract_document(read_text_document(text.encode(), "zh.md"))
    assert [(c.entity, c.attribute, c.value) for c in claims] == [("deepseek-r1", "release_date", "2025-01-20")]


def test_a_plain_text_release_timeline_with_year_lines_and_spaced_dates():
    text = (
        "DEEPSEEK -- RELEASE TIMELINE (analyst notes)\n\n"
        "2024\n"
        "  06 May   DeepSeek-V2 (paper 2405.04434): 236B total / 21B active, 128K context.\n"
        "  16 May   DeepSeek-V2-Lite: 15.7B total / 2.4B active, 32K context.\n"
    )
    claims = extract_document(read_text_document(text.encode(), "timeline.txt"))
    dates = {(c.entity, c.value) for c in claims if c.attribute == "release_date"}
    assert dates == {("deepseek-v2", "2024-05-06"), ("deepseek-v2-lite", "2024-05-16")}
    assert ("deepseek-v2", "active_params", 21_000_000_000) in {(c.entity, c.attribute, c.value) for c in claims}


def test_a_registered_date_is_the_founding_and_the_legal_name_is_no_model():
    text = "COMPANY\n  Legal name   Hangzhou DeepSeek Artificial Intelligence Co., Ltd.\n  Registered   17 July 2023, Hangzhou\n"
    claims = extract_document(read_text_document(text.encode(), "notes.txt"))
    assert {(c.entity, c.attribute, c.value) for c in claims} >= {("deepseek", "founded_date", "2023-07-17")}
    assert not any(c.entity == "deepseek-artificial" for c in claims)


def test_once_a_sentence_answers_the_headings_date_question_other_dates_are_not_answers():
    text = (
        "**Q4：DeepSeek-R1是什么时候发布的？**\n\n"
        "2025年1月20日，DeepSeek正式发布推理模型DeepSeek-R1。真正的爆发在一周后：1月27日，DeepSeek应用登顶美国App Store免费榜。\n"
    )
    assert {v for e, a, v in facts(text) if a == "release_date"} == {"2025-01-20"}


def test_an_entry_headed_by_a_model_in_a_timeline_dates_its_release():
    text = (
        "# Every DeepSeek model, in order: a running timeline\n\n## 2024\n\n"
        "- **11 January** — **DeepSeekMoE 16B**, the first mixture-of-experts model.\n"
        "- **13 November** — **JanusFlow**, Janus with a rectified-flow image generator.\n"
        "- **20 November** — **DeepSeek-R1-Lite-Preview** and **DeepSeek-V2.5**, chat-only.\n"
        "- **26 November** — DeepSeek-V2.5 模型现已作为 NIM 微服务提供。\n"
    )
    dates = {(e, v) for e, a, v in facts(text) if a == "release_date"}
    assert dates == {
        ("deepseek-moe", "2024-01-11"),
        ("janusflow", "2024-11-13"),  # not Janus, which only describes it
        ("deepseek-r1-lite", "2024-11-20"),
        ("deepseek-v2.5", "2024-11-20"),
    }  # the 26 November entry is an event of its own sentence, not a model's entry


def test_an_entry_headed_by_a_model_outside_a_timeline_is_no_release():
    text = "# Notes\n\n## 2024\n\n- **11 January** — **DeepSeekMoE 16B**, the first mixture-of-experts model.\n"
    assert not {f for f in facts(text) if f[1] == "release_date"}


def test_a_header_unit_before_its_noun_scales_the_column_and_a_plus_is_no_total():
    text = (
        "| 模型 | 训练数据(万亿token) |\n|---|---|\n| DeepSeek-V2 | 8.1 |\n| DeepSeek-V3 | 14.8 |\n| DeepSeek-V3-0324 | +0.84 |\n"
    )
    assert {f for f in facts(text) if f[1] == "training_tokens"} == {
        ("deepseek-v2", "training_tokens", 8_100_000_000_000),
        ("deepseek-v3", "training_tokens", 14_800_000_000_000),
    }


def test_a_key_value_box_is_about_the_model_its_caption_names():
    html = (
        "<html><body><h1>Notes on mixture-of-experts models</h1><p>Some words.</p>"
        "<table><caption>DeepSeek-V2 at a glance</caption>"
        "<tr><th>Architecture</th><td>MoE (MLA + DeepSeekMoE)</td></tr>"
        "<tr><th>Total parameters</th><td>236B</td></tr>"
        "<tr><th>License</th><td>Code: MIT; weights: DeepSeek Model License</td></tr>"
        "</table></body></html>"
    )
    doc = read_text_document(html.encode(), "page.html")
    got = {(c.entity, c.attribute, c.value) for c in extract_document(doc)}
    assert got == {("deepseek-v2", "total_params", 236_000_000_000), ("deepseek-v2", "license", "DeepSeek Model License")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Fact box (draft, 10 March 2025)\n\nDeepSeek-R1 came out in January this year.\n", "2025-01"),
        ("# Fact box (draft, 10 March 2025)\n\nDeepSeek-V3 was released last December.\n", "2024-12"),
        ("# 深度求索两年（初稿，2025年4月）\n\n去年 6 月发布的 DeepSeek-Coder-V2 很强。\n", "2024-06"),
        ("# 深度求索两年（初稿，2025年4月）\n\n今年 3 月发布的 DeepSeek-V3-0324 参数量不变。\n", "2025-03"),
    ],
)
def test_a_month_with_a_relative_year_takes_the_documents_year(text, expected):
    assert {v for _, a, v in facts(text) if a == "release_date"} == {expected}


def test_a_bare_month_without_a_year_nearby_is_no_date():
    assert not {f for f in facts("# 模型\n\nDeepSeek-Coder-V2 于 6 月发布。\n") if f[1] == "release_date"}


def test_a_planned_release_is_no_release_but_a_clause_after_the_plan_is():
    assert not facts("# 新闻（2025年8月）\n\nDeepSeek 原定今年 5 月推出的 DeepSeek-R2 模型延后了。\n")
    text = "# News (March 2025)\n\nNorthwind plans to add Janus-Pro, which DeepSeek open-sourced on January 27, 2025.\n"
    assert ("janus-pro", "release_date", "2025-01-27") in facts(text)


def test_a_date_restated_in_a_correction_replaces_the_slip():
    text = "# 视频字幕（2025年3月）\n\nV2是去年6月发布的……\n\n哦，弹幕说是5月，对对对，是去年5月，我口误了。\n"
    assert {(e, v) for e, a, v in facts(text) if a == "release_date"} == {("deepseek-v2", "2024-05")}


def test_a_release_counted_from_a_posts_date():
    text = (
        "# 微博合集\n\n**2024-5-7 09:12 来自 iPhone客户端**\n\n#DeepSeek-V2# 凌晨开源了！总参数2360亿。\n\n"
        "**2025-3-25 08:01**\n\n昨晚DeepSeek-V3悄悄更新成了DeepSeek-V3-0324。\n"
    )
    dates = {(e, v) for e, a, v in facts(text) if a == "release_date"}
    assert dates == {("deepseek-v2", "2024-05-07"), ("deepseek-v3-0324", "2025-03-24")}


def test_a_date_the_document_states_beats_one_counted_from_its_date():
    text = (
        "# DeepSeek announces DeepSeek-V3-0324\n\n*By Staff · March 25, 2025*\n\n"
        "DeepSeek today announced DeepSeek-V3-0324. The weights were released on March 24, 2025.\n"
    )
    assert {v for e, a, v in facts(text) if a == "release_date"} == {"2025-03-24"}
    alone = "# DeepSeek announces DeepSeek-V3-0324\n\n*By Staff · March 25, 2025*\n\nDeepSeek today released DeepSeek-V3-0324.\n"
    assert {v for e, a, v in facts(alone) if a == "release_date"} == {"2025-03-25"}


def test_a_day_of_this_month_takes_the_month_from_now():
    text = "# 视频字幕（2025年1月28日）\n\n这个月20号刚发布的 DeepSeek-R1 很火。\n"
    assert ("deepseek-r1", "release_date", "2025-01-20") in facts(text)


def test_a_references_year_after_an_arxiv_id_is_the_papers_year():
    text = "### References\n\n[12] DeepSeek-AI. DeepSeek-V3 technical report. arXiv:2412.19437, 2024.\n"
    assert ("deepseek-v3", "paper_date", "2024") in facts(text)


def test_a_changelog_date_heading_dates_the_model_its_entry_releases():
    text = (
        "# Change Log\n\n## Date: 2025-03-24\n\n### deepseek-chat upgraded to DeepSeek-V3-0324\n\n- Better reasoning.\n\n"
        "## Date: 2025-04-01\n\n### Pricing changes for DeepSeek-V3-0324\n\n- Night discounts.\n"
    )
    assert {(e, v) for e, a, v in facts(text) if a == "release_date"} == {("deepseek-v3-0324", "2025-03-24")}


@pytest.mark.parametrize(
    "flash",
    [
        "2025年1月20日\n09:31 DeepSeek 正式发布推理模型 DeepSeek-R1，并同步开源模型权重。\n14:20 英伟达盘前下跌 3%。\n",
        "**January 20, 2025**\n\n- 09:31 DeepSeek releases its reasoning model DeepSeek-R1.\n- 14:20 Nvidia falls 3% before the bell.\n",
    ],
)
def test_a_news_flash_date_line_dates_the_release_its_next_item_announces(flash):
    text = "# 快讯 / Flash\n\nIntro.\n\n## Today\n\n" + flash
    assert {(e, v) for e, a, v in facts(text) if a == "release_date"} == {("deepseek-r1", "2025-01-20")}


def test_a_date_line_over_an_item_about_something_else_dates_nothing():
    text = "# Flash\n\nIntro.\n\n## Today\n\n2025-01-27\n\n- Nvidia falls 17% as DeepSeek-R1 tops the App Store.\n"
    assert not {a for _, a, _ in facts(text) if a.endswith("_date")}


def test_a_table_of_papers_dates_its_papers_whatever_its_date_column_says():
    text = "| # | 論文 | arXiv | 上架日期 |\n|---|---|---|---|\n| 1 | DeepSeekMoE | 2401.06066 | 2024-01-11 |\n"
    assert {(a, v) for _, a, v in facts(text) if a.endswith("_date")} == {("paper_date", "2024-01-11")}


def test_a_bold_byline_under_the_title_dates_the_document():
    text = "# DeepSeek-V2 引爆价格战\n\n**本报记者 陈思远 杭州报道**\n\n2024年5月22日\n\n5月16日，DeepSeek又开源了DeepSeek-V2-Lite。\n"
    assert ("deepseek-v2-lite", "release_date", "2024-05-16") in facts(text)


def test_a_date_set_off_by_commas_after_a_name_dates_its_release():
    text = "# Talk\n\nYou skipped one. DeepSeekMoE, January 2024. The 16B model. And Janus, October 2024, a 1.3B model.\n"
    got = {(e, v) for e, a, v in facts(text) if a == "release_date"}
    assert got == {("deepseek-moe", "2024-01"), ("janus", "2024-10")}
    assert not {f for f in facts("In DeepSeek-V3, December 2024 numbers rose.\n") if f[1] == "release_date"}


def test_a_cited_year_before_a_title_is_that_papers_year():
    text = '## References\n\n1. DeepSeek-AI (2024). "DeepSeek-V3 Technical Report". arXiv.\n'
    assert ("deepseek-v3", "paper_date", "2024") in facts(text)


def test_sizes_of_models_distilled_from_a_named_model_are_its_distilled_sizes():
    text = "Alongside R1 DeepSeek released smaller models from 1.5B to 70B distilled from R1.\n"
    got = {(c.entity, c.attribute) for c in extract_document(Document(source="x.md", text=text))}
    assert got == {("deepseek-r1", "distilled_sizes")}


def test_a_model_that_followed_on_a_date_was_released_then():
    text = "DeepSeek-V3 came out in December 2024. DeepSeek-R1 followed on January 27, 2025, under the MIT license.\n"
    assert ("deepseek-r1", "release_date", "2025-01-27") in facts(text)


def test_an_aligned_plain_text_table_dates_its_rows_by_its_header():
    text = (
        "     Model                 Released        Weights licence\n"
        "     --------------------  --------------  ----------------------\n"
        "     DeepSeek-V3           26 Dec 2024     DeepSeek Model License\n"
        "     DeepSeek-R1           20 Jan 2025     MIT\n"
    )
    got = facts(text, "brief.txt")
    assert {("deepseek-v3", "release_date", "2024-12-26"), ("deepseek-r1", "release_date", "2025-01-20"), ("deepseek-r1", "license", "MIT")} <= got


def test_a_heading_of_the_documents_own_year_does_not_put_a_bare_date_after_the_document():
    text = (
        "# Letter to Limited Partners, First Quarter 2025\n\n*April 14, 2025 · Confidential*\n\nDear Partners,\n\n## The week\n\n"
        "DeepSeek's report for its V3 base model, released on December 26th, said the run used 2.788 million GPU hours.\n"
    )
    assert ("deepseek-v3", "release_date", "2024-12-26") in facts(text)


def test_a_company_infobox_is_about_the_company_its_name_row_names():
    text = (
        "### 公司小檔案\n\n| 項目 | 內容 |\n|---|---|\n| 公司全名 | 杭州深度求索人工智能基礎技術研究有限公司 |\n"
        "| 成立時間 | ２０２３年５月 |\n| 總部 | 浙江杭州 |\n| 創辦人 | 梁文鋒（幻方量化創辦人） |\n"
    )
    assert facts(text) == {
        ("deepseek", "founded_date", "2023-05"), ("deepseek", "headquarters", "Hangzhou"), ("deepseek", "founder", "Liang Wenfeng"),
    }


def test_a_bold_subtitle_under_the_title_does_not_hide_the_byline_below_it():
    text = (
        "# 【科技產業週報】２０２５年第１３週\n\n**本週主題：DeepSeek-V3 小改版**\n\n研究部　科技產業組｜發布日期：２０２５年３月２９日\n\n"
        "## 一、本週焦點\n\nV3 於去年底（１２月２６日）發布。\n"
    )
    assert {(e, a, v) for e, a, v in facts(text) if a.endswith("_date")} == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_date_line_between_rules_dates_the_news_flashes_below_it():
    text = (
        "【财经快讯】DeepSeek冲击波\n\n========================================\n2025年1月27日　星期一\n"
        "========================================\n\n07:45　【开源】DeepSeek今日凌晨开源多模态模型Janus-Pro。\n\n"
        "13:05　DeepSeek-V3发布于去年12月26日。\n"
    )
    assert {(e, v) for e, a, v in facts(text, "flash.txt") if a == "release_date"} == {("janus-pro", "2025-01-27"), ("deepseek-v3", "2024-12-26")}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The lab published DeepSeek-R1 on January 20.", {("deepseek-r1", "release_date", "2025-01-20")}),
        ("DeepSeek-R1 is out. It went out on January 20 with a paper.", {("deepseek-r1", "release_date", "2025-01-20")}),
        ("The DeepSeek-R1 paper came out on January 22.", {("deepseek-r1", "paper_date", "2025-01-22")}),
        ("Bigger than R1 (released 20 January), V3 is old.", {("deepseek-r1", "release_date", "2025-01-20")}),
        ("Coder-V2 是去年6月出的。", {("deepseek-coder-v2", "release_date", "2024-06")}),
        ("V3 是去年聖誕節隔天（12月26日）出的。", {("deepseek-v3", "release_date", "2024-12-26")}),
    ],
)
def test_release_dates_as_people_write_them(text, want):
    doc = "# Notes\n\n*By Staff · February 3, 2025*\n\n## One\n\n" + text + "\n"
    assert {f for f in facts(doc) if f[1].endswith("_date")} == want


def test_a_forum_headers_ctime_stamp_dates_the_post():
    text = "作者 neko (貓)  看板 Tech_Job\n標題 [心得] DeepSeek\n時間 Sun Feb  9 01:37:52 2025\n\n1. 公司\n   2023年7月成立\n\n2. 模型\n   Janus-Pro 1B/7B 多模態，1月27號出的\n"
    assert ("janus-pro", "release_date", "2025-01-27") in facts(text, "post.txt")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("杭州人工智能公司深度求索（DeepSeek）今日发布新模型。", {("deepseek", "headquarters", "Hangzhou")}),
        ("深度求索总部位于浙江省杭州市。", {("deepseek", "headquarters", "Hangzhou")}),
        ("知名公司深度求索今日发布新模型。", set()),
        ("最好的公司深度求索。", set()),
    ],
)
def test_a_city_before_the_company_noun_and_a_province_before_the_city(text, want):
    assert {f for f in facts(text + "\n") if f[1] == "headquarters"} == want


def test_a_fact_box_whose_heading_names_another_company_is_not_ours():
    other = "# 專訪：DeepSeek 讓算力生意變了\n\n**雲峰運算小檔案**\n\n| 項目 | 內容 |\n|---|---|\n| 成立 | ２０１６年 |\n| 總部 | 新竹 |\n"
    assert facts(other) == set()
    ours = "# 深度求索\n\n### ３．公司小檔案\n\n| 項目 | 內容 |\n|---|---|\n| 成立時間 | ２０２３年５月 |\n| 總部 | 浙江杭州 |\n"
    assert facts(ours) == {("deepseek", "headquarters", "Hangzhou"), ("deepseek", "founded_date", "2023-05")}


def test_a_pages_byline_below_its_menu_and_title_dates_the_page_as_of_its_update():
    page = (
        "<html><body><nav><p>DevGear</p><p>IDEs AI tools</p><p>Hardware</p><p>AI tools › Code models</p></nav>"
        "<h1>DeepSeek-Coder-V2 review</h1><p class='byline'>By M. O. · Published July 30, 2024 · Updated September 9, 2024</p>"
        "<p>Update: DeepSeek merged its lines into DeepSeek-V2.5, released on September 5.</p></body></html>"
    )
    assert {f for f in facts(page, "review.html") if f[1].endswith("_date")} == {("deepseek-v2.5", "release_date", "2024-09-05")}


def test_a_question_headings_cue_dates_only_its_answer_and_a_page_meta_line_is_a_byline():
    notice = (
        "# 通知\n\n正文。\n\n### 四、问答\n\n**问4：DeepSeek 是否发布过 V3 的“精简版”？**\n\n答：截至目前，深度求索未发布 V3 的小尺寸版本。\n\n"
        "特此提示。\n\n钱塘人工智能产业协会秘书处\n2025年4月8日\n"
    )
    assert not {f for f in facts(notice) if f[1].endswith("_date")}
    page = "<h1>EP.142 DeepSeek 到底便宜在哪</h1><p class='meta'>上架日期：2025年2月5日 ・ 長度 58:14 ・ 主持人：阿凱</p><p>V3 是去年十二月二十六號發布的。</p>"
    assert {f for f in facts(page, "ep.html") if f[1].endswith("_date")} == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_date_that_modifies_a_model_inside_a_bracket_is_that_models():
    text = "# 心得\n\n科技業板 · 匿名 · 2025年2月9日\n\n## 一\n\n順便玩了 Janus-Pro（去年 10 月那個 Janus 的加強版）。\n"
    assert {f for f in facts(text) if f[1].endswith("_date")} == {("janus", "release_date", "2024-10")}


def test_the_date_a_host_listed_a_model_is_not_its_release():
    page = "<h2>DeepSeek-V3-0324</h2><ul><li>本平台上架：2025 年 3 月 31 日</li><li>官方發布：2025 年 3 月 24 日</li></ul>"
    assert facts(page, "p.html") == {("deepseek-v3-0324", "release_date", "2025-03-24")}


def test_a_list_items_title_and_its_gloss_after_a_br_are_one_item():
    page = (
        "<ul><li>Guo et al. (2024). <cite>DeepSeek-Coder: When the LLM Meets Programming</cite>. arXiv:2401.14196."
        "<br><span>Sizes 1.3B, 6.7B and 33B; 2T tokens, 87% code; a 16K context window.</span></li></ul>"
    )
    assert facts(page, "s.html") == {
        ("deepseek-coder", "arxiv_id", "2401.14196"), ("deepseek-coder", "paper_date", "2024"),
        ("deepseek-coder", "variant_sizes", (1_300_000_000, 6_700_000_000, 33_000_000_000)),
        ("deepseek-coder", "training_tokens", 2_000_000_000_000), ("deepseek-coder", "context_length", 16_000),
    }


def test_a_cell_that_speaks_of_one_of_its_rows_two_models_by_its_last_word():
    text = "| 时间 | 模型 | 说明 |\n|---|---|---|\n| 2023年11月 | DeepSeek Coder、DeepSeek LLM | 第一批开源模型，LLM 有７０亿、６７０亿两个版本 |\n"
    got = facts(text)
    assert ("deepseek-llm", "variant_sizes", (7_000_000_000, 67_000_000_000)) in got
    assert not {c for c in got if c[0] == "deepseek-coder" and c[1] == "variant_sizes"}


def test_a_chronology_entry_said_in_chat_dates_its_model():
    text = "# 聊天记录\n\n2025-02-05 20:40:01 老周\n24年1月还有个 DeepSeekMoE，16B 的\n"
    assert ("deepseek-moe", "release_date", "2024-01") in facts(text, "chat.txt")
    assert facts("2024年是 DeepSeek 爆发的一年。\n") == set()
