"""Readings found general by the twelfth unseen round (tests/fixtures/probe12), each stated
on text of its own: numerals spoken out loud, a document's date in its title or its note,
hanging indents, brackets, prices and rates, corrections, tables of records side by side,
numbered sections, time anchors and picks from a range."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dsfacts.extract.values import find_values
from dsfacts.reconcile.text import normalize_text
from extraction import extract, facts


@pytest.mark.parametrize(
    ("text", "amount"),
    [("总参数6千7百亿", Decimal("670000000000")), ("只启用3百7十亿", Decimal("37000000000")), ("上下文12万8千个 token", Decimal("128000"))],
)
def test_digits_with_chinese_units_read_as_the_numeral_they_spell(text, amount):
    assert [v.value.amount for v in find_values(text)] == [amount]


def test_digits_with_chinese_units_before_a_currency_are_money():
    [v] = find_values("约1千2百万美元")
    assert v.kind == "money" and v.value.amount == Decimal("12000000") and v.qualifier == "approx"


def test_a_date_set_off_in_the_title_dates_the_document():
    text = "# 《夜间新闻评论》文字稿｜2025年3月26日（三）第二节\n\n黄：去年圣诞节当天，12月25日发布的 DeepSeek-V3。另有资料记为 DeepSeek-V3 于12月26日发布。\n"
    found = {v for e, a, v in facts(text) if a == "release_date"}
    assert found == {"2024-12-25", "2024-12-26"}  # not December of the document's own year, after its date


def test_a_recorded_date_in_a_long_note_under_the_title_dates_the_document():
    text = (
        "# Town hall transcript\n\n*Office of the Provost. Recorded Wednesday, 19 February 2025, 4:00-5:10 p.m., in the main"
        " auditorium and on Zoom. Lightly edited for readability; audience members identified by role only.*\n\n"
        "The fund itself goes back to 2015. What got everyone's attention was DeepSeek-R1, released January 20th.\n"
    )
    assert ("deepseek-r1", "release_date", "2025-01-20") in facts(text)


def test_a_paragraph_opened_by_a_pronoun_is_about_the_model_the_previous_one_named():
    text = (
        "主持人：这礼拜一又放了一个新版本，叫 DeepSeek-V3-0324。您觉得怎么样？\n\n"
        "分析师：它是小改版。参数规模跟原本的 V3 一样是6710亿。值得注意的是授权：这一版直接改成 MIT 授权，原本的 V3 是 DeepSeek 模型授权协议。\n"
    )
    found = facts(text)
    assert ("deepseek-v3-0324", "total_params", 671_000_000_000) in found
    assert ("deepseek-v3-0324", "license", "MIT") in found and ("deepseek-v3", "license", "MIT") not in found


def test_a_hanging_indent_is_a_wrap_not_an_outline():
    text = (
        "【通信｜首席 赵】光模块：不认同“算力需求见顶”，维持行业推荐的观点。Llama 3.1 405B\n"
        "  训练用了3084万 GPU 小时，是 DeepSeek-V3 的十倍以上；训练效率提升会带来\n"
        "  更多参与者。\n"
    )
    assert not any(e == "deepseek-v3" for e, _, _ in facts(text))


def test_a_short_line_that_ends_its_sentence_does_not_make_a_wrapped_paragraph_an_outline():
    text = (
        "- 模型：DeepSeek-R1 是上周一开源的推理模型，总参数671B，激活37B，上下文128K，权重\n"
        "  MIT 协议，可商用、可蒸馏，蒸馏出的小模型也可以商用，同时放出\n"
        "  R1-Zero（纯RL，不做SFT），两者都基于 V3-Base。\n"
        "  蒸馏小模型六个：Qwen 1.5B/7B/14B/32B，Llama 8B/70B，均可商用。\n"
    )
    assert ("deepseek-r1-zero", "base_model", "deepseek-v3") in facts(text)


def test_a_founding_year_in_brackets_after_another_company_is_that_company_s():
    text = "深度求索成立于2023年7月，注册地杭州，创始人梁文锋，同时是幻方量化（2015年成立）的创始人。\n"
    assert {v for e, a, v in facts(text) if a == "founded_date"} == {"2023-07"}


def test_a_semicolon_inside_brackets_does_not_end_the_sentence():
    text = "DeepSeekMoE 16B (January 2024; 16.4B total, about 2.8B active) predates the DeepSeek-V2 generation.\n"
    found = facts(text)
    assert ("deepseek-moe", "total_params", 16_400_000_000) in found
    assert not any(e == "deepseek-v2" for e, _, _ in found)


def test_rates_and_running_costs_are_not_training_costs():
    assert not any(a == "training_cost_usd" and v == 2 for _, a, v in facts("DeepSeek-V3 报告中的 557.6 万美元是按每 GPU 小时2美元折算的租用成本。\n"))
    table = "| Scenario | Est. annual cost |\n|---|---|\n| DeepSeek-V3 self-hosted | $1.45M |\n"
    assert not any(a == "training_cost_usd" for _, a, _ in facts(table))
    spoken = "The DeepSeek-V3 report says about 2.8 million GPU hours, which at two dollars an hour is roughly $5.6 million.\n"
    assert ("deepseek-v3", "training_cost_usd", 5_600_000) in facts(spoken)
    rate = "V3 技术报告写的是 278.8万 H800 GPU小时、按2美元/小时算 557.6万美元。\n"
    assert ("deepseek-v3", "training_cost_usd", 5_576_000) in facts(rate)


def test_what_a_correction_states_after_its_quote_stands():
    text = (
        "答：第一期问答中称“DeepSeek 全部模型均采用 MIT 许可证”，表述不准确，现更正如下：\n\n"
        "| 模型 | 许可证（权重） |\n|---|---|\n| DeepSeek-R1 | MIT |\n| DeepSeek-V3-0324 | MIT |\n"
    )
    found = facts(text)
    assert ("deepseek-r1", "license", "MIT") in found and ("deepseek-v3-0324", "license", "MIT") in found


def test_a_name_row_says_whose_each_column_is():
    text = (
        "| Field | Approved model | Model actually served |\n|---|---|---|\n"
        "| Name | DeepSeek-R1 | Qwen2.5-32B |\n| Released | 20 January 2025 | 19 September 2024 |\n"
        "| Context | 128K | 32K |\n| Weights licence | MIT | Apache 2.0 |\n"
    )
    found = facts(text)
    assert {("deepseek-r1", "release_date", "2025-01-20"), ("deepseek-r1", "context_length", 128_000), ("deepseek-r1", "license", "MIT")} <= found
    assert {v for e, a, v in found if a == "context_length"} == {128_000}


def test_a_numbered_section_goes_on_about_the_model_its_previous_paragraph_named():
    text = (
        "3.1  For DeepSeek-V3 the developer reports 2.788 million H800 GPU hours for\n     the full training run.\n\n"
        "3.2  At an assumed rental price of USD 2 per GPU hour, the developer\n     states a cost of USD 5.576 million.\n\n"
        "3.3  The model has 671 billion parameters in total.\n"
    )
    found = facts(text)
    assert ("deepseek-v3", "training_cost_usd", 5_576_000) in found and ("deepseek-v3", "total_params", 671_000_000_000) in found


def test_a_model_whose_release_dates_the_next_event_is_not_its_subject():
    found = facts("DeepSeek-R1 发布一周后，2025年1月27日，他们又放出了 Janus-Pro。\n")
    assert ("janus-pro", "release_date", "2025-01-27") in found and not any(e == "deepseek-r1" for e, _, _ in found)


def test_same_architecture_as_another_model_does_not_make_it_the_subject():
    found = facts("答：DeepSeek-R1 满血版与 V3 同架构，总参数6710亿、每 token 激活约370亿参数。\n")
    assert ("deepseek-r1", "total_params", 671_000_000_000) in found and not any(e == "deepseek-v3" for e, _, _ in found)


def test_a_pick_of_sizes_inside_a_stated_range_is_not_the_list_of_sizes():
    claims = extract("DeepSeek-R1 distilled models range from 1.5 billion to 70 billion parameters, and the 32B and 70B ones are good.\n")
    assert [c.value for c in claims if c.attribute == "distilled_sizes"] == [{"min": 1_500_000_000, "max": 70_000_000_000}]


def test_a_base_checkpoint_is_the_checkpoint_another_writer_names_without_base():
    assert normalize_text("DeepSeek-Coder-Base-v1.5", "base_model") == normalize_text("DeepSeek-Coder-v1.5", "base_model")


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        ("DeepSeek-V3 launched on Christmas Day 2024.", "Christmas Day 2024", "2024-12-25"),
        ("which came out the day after Christmas", "the day after Christmas", "--12-26"),
        ("the company put out on Boxing Day", "Boxing Day", "--12-26"),
        ("然后就是圣诞节后一天的 V3", "圣诞节后一天", "--12-26"),
        ("V3 是去年圣诞节隔天出的", "圣诞节隔天", "--12-26"),
    ],
)
def test_a_named_day_of_the_calendar_is_a_date(text, raw, value):
    [v] = [v for v in find_values(text) if v.kind in ("date", "monthday")]
    assert v.raw == raw and v.value.to_json() == value


@pytest.mark.parametrize("text", ["2024年12月26日，圣诞节刚过，深度求索发布了 V3", "released after Christmas", "over the Christmas holidays"])
def test_a_time_around_a_named_day_is_not_that_day(text):
    assert not [v for v in find_values(text) if v.kind == "monthday"]


def test_a_date_counted_after_its_value_takes_the_year_it_names():
    text = "# Keynote live blog\n\n*Live coverage from the hall. Tuesday, September 9, 2025. All times Pacific.*\n\nWhen DeepSeek-V3 dropped the day after Christmas last year, we noticed.\n"
    assert ("deepseek-v3", "release_date", "2024-12-26") in facts(text)


def test_a_script_header_line_in_capitals_dates_the_document():
    text = (
        "WRVN NEWS -- 18:00 BULLETIN -- MONDAY 27 JANUARY 2025\nREADER: Tom Haskell   PRODUCER: A. Ostrowska   RUNNING TIME: 4'40\"\n"
        "SCRIPT VERSION 3 (updated 17:41 -- Janus item added, item 1 tightened)\n\n"
        "DeepSeek's reasoning model, R1, came out a week ago today.\n"
    )
    assert ("deepseek-r1", "release_date", "2025-01-20") in facts(text)


def test_of_two_words_counted_from_now_the_one_by_the_release_dates_it():
    text = "**Date:** Thursday, May 29, 2025, 5:00 p.m. ET\n\nAnd as of this morning we're serving yesterday's release, DeepSeek-R1-0528, to customers.\n"
    assert {v for e, a, v in facts(text) if a == "release_date"} == {"2025-05-28"}


def test_a_dateline_word_in_the_title_or_a_top_line_naming_a_model_later_dates_the_document():
    title = "XX证券研究所 晨会纪要（速记稿）\n日期：2025年1月28日（周二，线上）  记录：综合组\n--------------------\n\nV3 回顾：DeepSeek-V3 去年12月26日发布。\n"
    assert ("deepseek-v3", "release_date", "2024-12-26") in facts(title, "notes.txt")
    note = "# 作业三说明\n\n张贴者：助教 ｜ 张贴时间：2025年3月12日 下午4:05 ｜ 最后修改：3月14日（更正 VL2 参数）\n\nJanus-Pro 於今年１月２７日發布。\n"
    assert ("janus-pro", "release_date", "2025-01-27") in facts(note)


def test_a_condition_ends_at_the_colon_that_starts_a_statement():
    text = "# FAQ\n\n发布日期：2025年3月18日\n\n如果预算有限，建议选用官方蒸馏的小模型：DeepSeek-R1 于今年1月20日发布时同步开源了六个版本，参数从1.5B到70B不等。\n"
    claims = extract(text)
    assert any((c.entity, c.attribute, c.value) == ("deepseek-r1", "release_date", "2025-01-20") for c in claims)
    assert not facts("如果 DeepSeek-V4 有1万亿参数，价格会更高。\n")


def test_a_paragraph_that_tells_months_in_order_dates_each_with_its_year():
    text = "我记得2024年5月的 DeepSeek-V2，2360亿参数。6月又出了写程序的 Coder-V2，9月把聊天跟写程序合成 V2.5，11月先放出推理的 R1-Lite 预览版。\n"
    found = facts(text)
    assert {("deepseek-coder-v2", "release_date", "2024-06"), ("deepseek-r1-lite", "release_date", "2024-11")} <= found


def test_a_chat_stamp_does_not_date_a_bare_month():
    text = "2025-02-05 20:33:17 阿斌\n3月是 DeepSeek-VL，1.3B 和 7B 两个版本\n"
    assert not any(a == "release_date" and str(v).startswith("2025") for _, a, v in facts(text))


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("The original DeepSeek Coder family (November 2023) comes in 1.3B and 33B sizes.", "deepseek-coder", "2023-11"),
        ("数学方向的 DeepSeekMath（arXiv:2402.03300，2024年2月）以 7B 模型初始化。", "deepseek-math", "2024-02"),
        ("The older DeepSeek-VL from March 2024 comes in 1.3B and 7B.", "deepseek-vl", "2024-03"),
        ("And the original Janus, from October 2024, is a 1.3B model.", "janus", "2024-10"),
    ],
)
def test_a_date_in_brackets_after_a_model_or_from_a_date_is_its_release(text, entity, value):
    assert (entity, "release_date", value) in facts(text + "\n")


def test_came_out_in_a_chronology_is_a_release_but_proposed_is_not():
    assert ("deepseek-coder-v2", "release_date", "2024-06") in facts("2024年6月又出了 DeepSeek-Coder-V2。\n")
    assert not any(a == "release_date" for _, a, _ in facts("2024年1月，该团队还提出了 DeepSeekMoE 架构（arXiv:2401.06066）。\n"))
