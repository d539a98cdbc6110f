"""Readings found general by the thirteenth unseen round (tests/fixtures/probe13), each stated
on text of its own: tables with a host's or the code's column beside the model's own, parts of
a figure, stages, picks, slips, bases and asides."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dsfacts.extract.values import find_values
from extraction import extract, facts


def test_a_host_s_column_beside_the_model_s_own_is_not_the_model_s():
    table = (
        "| Model | Released | Model context | Context on Quillstack | Weights licence |\n|---|---|---|---|---|\n"
        "| DeepSeek-V3 | Dec 26, 2024 | 128K | 64K | DeepSeek Model License |\n"
    )
    assert {v for e, a, v in facts(table) if a == "context_length"} == {128_000}


def test_the_code_s_licence_column_beside_the_weights_is_not_the_model_s():
    table = "| 模型 | 代码许可证 | 权重许可证 |\n|---|---|---|\n| DeepSeek-V3 | MIT | DeepSeek 模型许可协议 |\n"
    assert {v for e, a, v in facts(table) if a == "license"} == {"DeepSeek Model License"}


def test_one_of_the_founders_is_not_a_name():
    found = facts("DeepSeek 的創辦人是梁文鋒，他同時也是量化基金幻方的創辦人之一。\n")
    assert {v for e, a, v in found if a == "founder"} == {"Liang Wenfeng"}


def test_unlike_another_model_does_not_make_it_the_subject():
    found = facts("Janus-Pro 有10亿跟70亿参数两个版本。权重的授权跟 R1 不一样，是 DeepSeek 模型授权。\n")
    assert ("janus-pro", "license", "DeepSeek Model License") in found and not any(e == "deepseek-r1" for e, _, _ in found)
    assert ("janus-pro", "variant_sizes", (1_000_000_000, 7_000_000_000)) in found


def test_a_version_picked_out_is_not_the_model_s_total():
    text = "DeepSeek-R1's distilled versions run on a laptop. The one on screen is the 8-billion-parameter version, based on Llama.\n"
    assert not any(a == "total_params" for _, a, _ in facts(text))


def test_what_someone_misspoke_is_not_a_claim():
    found = facts("DeepSeek-V2-Lite：总参15.7B、激活2.4B，上下文32K（我当时说成了128K，面完查了一下，Lite 是32K）。\n")
    assert {v for e, a, v in found if a == "context_length"} == {32_000}


def test_the_base_a_model_is_built_on_does_not_own_the_model_s_paper():
    found = facts("- DeepSeek-R1：冷启动数据 SFT + 多阶段 RL，基座同样是 V3-Base，论文 arXiv 2501.12948。\n")
    assert ("deepseek-r1", "arxiv_id", "2501.12948") in found and not any(e == "deepseek-v3" for e, _, _ in found)
    en = "R1's reasoning comes from reinforcement learning on top of the DeepSeek-V3 base (paper: arXiv 2501.12948, January 2025).\n"
    assert ("deepseek-r1", "arxiv_id", "2501.12948") in facts(en)


def test_a_stage_s_hours_are_not_a_context_length():
    found = facts("- DeepSeek-V3 完整训练2.788M H800 GPU hours（其中预训练 2664K，上下文扩展 119K，后训练 5K）。\n")
    assert not any(a == "context_length" for _, a, _ in found)


def test_training_on_from_another_model_s_base_is_not_that_model_s():
    text = "DeepSeek-V3.1 is a hybrid model. It was built by continuing to train the DeepSeek-V3 base on an extra 840B tokens.\n"
    assert not any(e == "deepseek-v3" for e, _, _ in facts(text))


def test_a_part_of_the_training_tokens_is_not_their_total():
    found = facts("DeepSeekMath 7B continued pre-training on 500B tokens, of which 120B were math tokens.\n")
    assert {v for e, a, v in found if a == "training_tokens"} == {500_000_000_000}


def test_a_spaced_slash_parts_a_total_from_an_active_count():
    table = "| 模型 | 参数规模 |\n|---|---|\n| DeepSeek-Coder-V2-Lite | 160 亿 / 激活 24 亿 |\n"
    found = facts(table)
    assert ("deepseek-coder-v2-lite", "total_params", 16_000_000_000) in found and ("deepseek-coder-v2-lite", "active_params", 2_400_000_000) in found


def test_a_timeline_s_year_then_month():
    [v] = [v for v in find_values("2023 · Jul — DeepSeek founded") if v.kind == "date"]
    assert v.value.to_json() == "2023-07"


def test_a_model_named_inside_a_closed_gloss_does_not_take_the_figures_after_it():
    found = facts("順便玩了 Janus-Pro（去年 10 月那個 Janus 的加強版），有 1.5B 跟 7B 兩個版本。\n")
    assert ("janus-pro", "variant_sizes", (1_500_000_000, 7_000_000_000)) in found and not any(e == "janus" for e, _, _ in found)


def test_a_model_named_in_a_long_remark_is_not_carried():
    text = (
        "> 3. DeepSeek Coder：原稿写支持 86 种程序语言。\n\n"
        "【编】官方 GitHub 写的是87种（你说的86种是 Coder-V2 论文里提到的旧数字，两个说法混在一起了）。上下文16K、训练数据2万亿 token 这两处没问题。\n"
    )
    assert not any(e == "deepseek-coder-v2" for e, _, _ in facts(text))


def test_amounts_with_a_chinese_list_word():
    assert [v.value.sizes for v in find_values("有10亿跟70亿参数两个版本") if v.kind == "sizes"] == [(Decimal(10**9), Decimal(7 * 10**9))]



def test_a_republic_of_china_date_dates_the_record():
    [v] = [v for v in find_values("時間：中华民国114年2月5日（星期三）上午9时") if v.kind == "date"]
    assert v.value.to_json() == "2025-02-05"
    text = "# 委員會議紀錄\n\n**时 间**：中华民国114年2月5日（星期三）上午9时2分\n\n部长：他们去年12月26日发布的 DeepSeek-V3 用了278.8万个 H800 GPU 小时。\n"
    assert ("deepseek-v3", "release_date", "2024-12-26") in facts(text)


def test_a_date_modifies_the_model_after_that_one():
    assert ("deepseek-r1", "release_date", "2025-01-20") in facts("2025年1月20日发布的那个 DeepSeek-R1 参数有6710亿。\n")


def test_a_model_released_with_another_takes_that_release_s_date():
    assert ("deepseek-r1-zero", "release_date", "2025-01-20") in facts("DeepSeek-R1 于2025年1月20日开源，总参数671B。同时放出 R1-Zero（纯RL）。\n")
    items = "- **DeepSeek-R1**：2025年1月20日发布。\n- **DeepSeek-R1-Zero**：与 R1 同日发布，同样以 V3-Base 出发。\n"
    found = facts(items)
    assert ("deepseek-r1-zero", "release_date", "2025-01-20") in found and not any(e == "deepseek-v3" for e, _, _ in found)


def test_a_co_release_borrows_no_date_from_an_object_or_another_paragraph():
    text = "DeepSeek-V3 于2024年12月26日发布。\n\nR1 的小版本更新，基座仍然是 DeepSeek-V3-Base。同时开源了蒸馏版 DeepSeek-R1-0528-Qwen3-8B。\n"
    assert not any(e == "deepseek-r1-0528-qwen3-8b" for e, _, _ in facts(text))


def test_a_company_s_founding_year_does_not_date_a_later_bare_day():
    text = "## DeepSeek 是谁？\n\n中国杭州的一家 AI 新创，2023年成立。\n\n## R1 是什么？\n\n1月20日发表的推理模型 DeepSeek-R1。\n"
    assert not any(a == "release_date" and str(v).startswith("2023") for _, a, v in facts(text))


def test_a_distilled_model_keeps_its_size_in_its_name():
    assert any(e == "deepseek-r1-0528-qwen3-8b" for e, _, _ in facts("同时还发布了一个80亿参数的蒸馏模型 DeepSeek-R1-0528-Qwen3-8B。\n"))


def test_a_correction_log_s_quote_of_the_earlier_text_is_not_the_document_s_word():
    text = (
        "It was set up in July 2023 by Liang Wenfeng, and DeepSeek is based in Hangzhou.\n\n"
        "CORRECTION LOG (for the 17:00 bulletin):\nThe 17:00 bulletin said DeepSeek was \"founded in 2015\". That is the\n"
        "founding year of the hedge fund High-Flyer, not of DeepSeek.\n"
    )
    assert {v for e, a, v in facts(text) if a == "founded_date"} == {"2023-07"}


def test_a_view_some_hold_is_not_the_document_s_figure():
    text = "市场曾有观点认为 DeepSeek-R1 的训练成本“不到 600 万美元”，该说法未区分 V3 基座的训练与 R1 的强化学习阶段。\n"
    assert not any(a == "training_cost_usd" for _, a, _ in facts(text))


def test_the_base_model_a_model_was_trained_on_does_not_take_its_licence():
    text = "- **DeepSeek-R1**：今年1月20日放出的推理模型，是在 V3 的基础模型上用强化学习练出来的，权重用 MIT 授权。\n"
    found = facts(text)
    assert ("deepseek-r1", "license", "MIT") in found and not any(e == "deepseek-v3" and a == "license" for e, a, _ in found)


def test_a_timeline_table_in_traditional_chinese_dates_every_model_its_row_lists():
    table = "<table>\n<tr><th>時間</th><th>模型</th><th>重點</th></tr>\n<tr><td>二〇二三年十一月</td><td>DeepSeek Coder、DeepSeek LLM</td><td>第一批開源模型</td></tr>\n</table>\n"
    found = facts(table, "talk.html")
    assert {("deepseek-coder", "release_date", "2023-11"), ("deepseek-llm", "release_date", "2023-11")} <= found


def test_company_facts_as_people_write_them():
    assert {("deepseek", "headquarters", "Hangzhou"), ("deepseek", "founder", "Liang Wenfeng")} <= facts(
        "DeepSeek is based in the eastern Chinese city of Hangzhou, and it was set up in July 2023 by Liang Wenfeng.\n"
    )
    assert {("deepseek", "headquarters", "Hangzhou"), ("deepseek", "founder", "Liang Wenfeng")} <= facts("深度求索注册地位于浙江省杭州市，创始人梁文锋出任法定代表人。\n")
    assert ("deepseek", "founder", "Liang Wenfeng") in facts("深度求索則是在二〇二三年五月正式成立，創辦人梁文鋒原本是量化基金「幻方」的老闆。\n")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("They range from one and a half billion to seventy billion parameters.", "range", (Decimal(1_500_000_000), Decimal(70_000_000_000))),
        ("It comes in two sizes, one billion and seven billion.", "sizes", (Decimal(1_000_000_000), Decimal(7_000_000_000))),
    ],
)
def test_sizes_in_words_make_ranges_and_lists(text, kind, value):
    [v] = [v for v in find_values(text) if v.kind == kind]
    assert (v.value.low, v.value.high) == value if kind == "range" else v.value.sizes == value


def test_a_table_of_models_by_size_column():
    table = (
        "| Model | Released | Parameters (total / active) | Context |\n|---|---|---|---|\n"
        "| DeepSeek LLM | 29 November 2023 | 7B, 67B (dense) | 4,096 |\n| DeepSeekMath | February 2024 | 7B | 4K |\n"
        "| DeepSeek-V3 | Dec 2024 | 671B / 37B | 128K |\n"
    )
    found = facts(table)
    assert ("deepseek-llm", "variant_sizes", (7_000_000_000, 67_000_000_000)) in found
    assert ("deepseek-math", "total_params", 7_000_000_000) in found and not any(e == "deepseek-math" and a == "active_params" for e, a, _ in found)
    sizes = "| Model | Sizes | Notes |\n|---|---|---|\n| Janus | 1.3B | |\n| DeepSeekMath | 7B | from DeepSeek-Coder-Base-v1.5 7B; 120B math tokens |\n"
    found = facts(sizes)
    assert ("janus", "total_params", 1_300_000_000) in found and not any(a == "variant_sizes" for _, a, _ in found)


def test_a_slash_with_an_aside_still_parts_total_from_active():
    found = facts("| 模型 | 参数（总/激活） |\n|---|---|\n| DeepSeek-V3-0324 | 685B（含MTP模块）/ 37B |\n")
    assert {("deepseek-v3-0324", "total_params", 685_000_000_000), ("deepseek-v3-0324", "active_params", 37_000_000_000)} <= found


def test_labelled_sizes_after_slashes_are_the_variants():
    [v] = find_values("Tiny 3B / Small 16B / 标准版 27B")
    assert v.kind == "sizes" and v.value.sizes == (Decimal(3 * 10**9), Decimal(16 * 10**9), Decimal(27 * 10**9))


def test_a_total_that_counts_a_module_does_not_contradict_the_main_model_s():
    from dsfacts.reconcile import reconcile

    with_module = extract("| 模型 | 参数 |\n|---|---|\n| DeepSeek-V3-0324 | 6850亿[^3] |\n\n[^3]: 权重总量为6850亿参数，其中包含约140亿参数的 MTP 模块。\n", "a.md")
    main = extract("DeepSeek-V3-0324 的总参数为6710亿。\n", "b.md")
    [total] = [c for c in with_module if c.attribute == "total_params" and c.line == 3]
    assert total.counts == "with_module"
    [fact] = [f for f in reconcile([total, *main]) if f.attribute == "total_params"]
    assert fact.status != "contradiction"


@pytest.mark.parametrize(
    ("text", "entity", "base"),
    [
        ("DeepSeek-Coder-V2 was continued from a V2 checkpoint with 6T more tokens.", "deepseek-coder-v2", "deepseek-v2"),
        ("DeepSeek-R1 就是拿 V3 的基礎模型再做強化學習。", "deepseek-r1", "deepseek-v3"),
        ("DeepSeek-R1 是在 V3 的基礎模型上用強化學習練出來的。", "deepseek-r1", "deepseek-v3"),
        ("DeepSeek-Prover fine-tuned DeepSeekMath 7B on about eight million formal statements.", "deepseek-prover", "deepseek-math"),
        ("DeepSeek-V3-0324 不是一个新架构，基座仍是 DeepSeek-V3。", "deepseek-v3-0324", "deepseek-v3"),
        ("For DeepSeek-Prover, there is a 7B version built from DeepSeekMath.", "deepseek-prover", "deepseek-math"),
        ("| Model | Base model | Size |\n|---|---|---|\n| DeepSeek-R1 | DeepSeek-V3-Base | 671B |", "deepseek-r1", "deepseek-v3"),
        ("| Field | Value |\n|---|---|\n| Name | DeepSeek-R1 |\n| Base | DeepSeek-V3-Base |", "deepseek-r1", "deepseek-v3"),
    ],
)
def test_a_base_model_as_people_write_it(text, entity, base):
    assert (entity, "base_model", base) in facts(text + "\n")


def test_the_base_model_itself_owns_its_own_cost():
    text = "DeepSeek-R1 的强化学习阶段花了约29.4万美元。注意，这并不包含基座模型V3本身约600万美元的成本。\n"
    assert not any(e == "deepseek-r1" and v == 6_000_000 for e, _, v in facts(text))


@pytest.mark.parametrize(
    ("text", "entity", "licence"),
    [
        ("The March refresh, DeepSeek-V3-0324, moved to MIT.", "deepseek-v3-0324", "MIT"),
        ("DeepSeek-V3 的代码是MIT，模型权重用的是DeepSeek自己的模型许可。", "deepseek-v3", "DeepSeek Model License"),
        ("Janus-Pro 的程式碼是 MIT，模型權重走 DeepSeek 自己的模型授權。", "janus-pro", "DeepSeek Model License"),
        ("## DeepSeek-V3-0324\n\n3月24日的 V3 改版，權重改成 MIT。", "deepseek-v3-0324", "MIT"),
    ],
)
def test_a_licence_as_people_write_it(text, entity, licence):
    found = facts(text + "\n")
    assert {(e, v) for e, a, v in found if a == "license"} == {(entity, licence)}


def test_a_record_s_header_table_dates_it_and_a_co_release_names_its_partner():
    text = (
        "| 项目 | 内容 |\n|---|---|\n| 时间 | 2025年2月12日 14:00—16:10 |\n\n"
        "DeepSeek-V3 于去年12月26日发布。今年1月20日发布的 DeepSeek-R1 是推理模型；R1 和同日发布的 R1-Zero 都以 DeepSeek-V3-Base 为基座。\n"
    )
    found = facts(text)
    assert {("deepseek-v3", "release_date", "2024-12-26"), ("deepseek-r1", "release_date", "2025-01-20"), ("deepseek-r1-zero", "release_date", "2025-01-20")} <= found


def test_both_after_a_pair_of_models_is_each_of_them():
    found = facts("The reasoning models DeepSeek-R1 and R1-Zero changed the field. Both were released on 20 January 2025.\n")
    assert {("deepseek-r1", "release_date", "2025-01-20"), ("deepseek-r1-zero", "release_date", "2025-01-20")} <= found


def test_a_continuation_line_s_indent_is_layout():
    text = (
        "1.1  Hangzhou DeepSeek Artificial Intelligence Basic Technology Research\n"
        "     Co., Ltd. was established on 17 July 2023. It is headquartered in\n"
        "     Hangzhou, Zhejiang Province.\n"
    )
    assert ("deepseek", "headquarters", "Hangzhou") in facts(text, "brief.txt")


def test_a_determiner_before_company_is_no_city():
    found = facts("The company DeepSeek is funded by High-Flyer. Its founder and chief executive is Liang Wenfeng.\n")
    assert not any(a == "headquarters" for _, a, _ in found)


def test_a_licence_with_the_code_s_in_brackets_is_the_weights():
    found = facts("- DeepSeek-V3 licence: DeepSeek Model License (code MIT)\n")
    assert {(e, v) for e, a, v in found if a == "license"} == {("deepseek-v3", "DeepSeek Model License")}


def test_sizes_joined_by_plus_small_to_large_are_variants_a_sum_is_not():
    assert [v.value.sizes for v in find_values("7B + 67B, base + chat") if v.kind == "sizes"] == [(Decimal(7 * 10**9), Decimal(67 * 10**9))]
    assert not [v for v in find_values("that's 671B + 14B MTP module") if v.kind == "sizes"]


def test_round_fourteen_readings():
    email = "From: Release Radar <radar@example.com>\nDate: Sun, 2 Feb 2025 07:00:00 +0000\nSubject: Radar #61\n\nJanus-Pro from DeepSeek. Released: Mon 27 Jan (a week after R1).\n"
    assert ("janus-pro", "release_date", "2025-01-27") in facts(email, "radar.txt")
    found = facts("DeepSeek-R1-0528 是 R1 的小版本更新，上个月28日开源，参数规模不变。\n")
    assert not any(e == "deepseek-r1" and a == "release_date" for e, a, _ in found)
    assert not facts("老K，前某大厂大模型算法专家，参与过 DeepSeek-R1 同级别的千亿参数模型预训练。\n")
    stages = "DeepSeek-V3's full training consumed 2.788 million H800 GPU hours, of which 2,664K GPU hours were pre-training, 119K context extension and 5K post-training.\n"
    assert not any(a == "context_length" for _, a, _ in facts(stages))


def test_a_model_hub_card_s_fields_are_its_title_s_model():
    card = (
        "Date: Sun, 2 Feb 2025 07:00:00 +0000\n\n"
        "---------------------------------------------------------------------\n"
        " 1. deepseek-ai/DeepSeek-R1                     (TRENDING #1, 2 weeks)\n"
        "---------------------------------------------------------------------\n"
        " Released:      Mon 20 Jan\n Params:        671B total / 37B active\n Context:       128K\n"
        " Base:          DeepSeek-V3-Base\n License:       MIT (weights and code)\n\n"
        "---------------------------------------------------------------------\n"
        " 2. deepseek-ai/Janus-Pro-7B  (and Janus-Pro-1B)\n"
        "---------------------------------------------------------------------\n"
        " Released:      Mon 27 Jan (a week after R1)\n Sizes:         1B, 7B\n License:       MIT\n"
    )
    found = facts(card, "radar.txt")
    assert {
        ("deepseek-r1", "release_date", "2025-01-20"), ("deepseek-r1", "total_params", 671_000_000_000), ("deepseek-r1", "context_length", 128_000),
        ("deepseek-r1", "base_model", "deepseek-v3"), ("deepseek-r1", "license", "MIT"),
        ("janus-pro", "release_date", "2025-01-27"), ("janus-pro", "variant_sizes", (1_000_000_000, 7_000_000_000)),
    } <= found


def test_a_syllabus_line_dates_its_label_s_model():
    assert ("deepseek-vl", "release_date", "2024-03") in facts("- 第6讲　DeepSeek-VL：2024年3月，1.3B / 7B，混合视觉编码器。\n")


def test_under_a_corrections_heading_a_quote_of_the_earlier_issue_is_not_a_claim():
    text = "CORRECTIONS\n-----------\n\nRadar #60 said DeepSeek-V3 (released 26 Dec 2024) has \"685B parameters\". The model itself is 671B total.\n"
    assert {v for e, a, v in facts(text) if a == "total_params"} == {671_000_000_000}
    column = "Corrections\n-----------\n\n\"DeepSeek-V2-Lite, a 2.4-billion-parameter model\" should have said that 2.4 billion is the active count.\n"
    assert ("deepseek-v2-lite", "active_params", 2_400_000_000) in facts(column)


def test_more_chinese_as_people_write_it():
    found = facts("- 第12讲　DeepSeek-V3（上）：6710 亿 / 370 亿，14.8 万亿 token。\n")
    assert {("deepseek-v3", "total_params", 671_000_000_000), ("deepseek-v3", "active_params", 37_000_000_000), ("deepseek-v3", "training_tokens", 14_800_000_000_000)} <= found
    assert ("deepseek-r1-zero", "release_date", "2025-01-20") in facts("2025年1月20日 DeepSeek-R1 开源，同一天还发了 R1-Zero。\n")
    assert ("deepseek", "founder", "Liang Wenfeng") in facts("DeepSeek 的创始人梁文锋据说偶尔也会来学校听报告。\n")
    [v] = [v for v in find_values("去年圣诞节后第二天，深度求索放出 V3") if v.kind == "monthday"]
    assert v.value.to_json() == "--12-26"


def test_a_model_that_shares_another_s_size_is_the_subject():
    found = facts("DeepSeek-R1 shares V3's architecture and size: 671B parameters, 37B active.\n")
    assert ("deepseek-r1", "total_params", 671_000_000_000) in found and not any(e == "deepseek-v3" for e, _, _ in found)


def test_a_record_s_dated_list_item_and_a_slip_the_note_calls_wrong():
    text = (
        "# 路演纪要\n\n- **日期**：2025 年 9 月 24 日（周三）14:00\n- **形式**：线下\n\n"
        "1. PPT 第 11 页：DeepSeek-V2（2024 年 6 月）。\n\n> 〔记录人注：第 11 页 V2 的时间有误，DeepSeek-V2 是 2024 年 5 月发布的。〕\n\n"
        "DeepSeek-R1 今年 1 月 20 日发布。\n"
    )
    found = facts(text)
    assert ("deepseek-r1", "release_date", "2025-01-20") in found
    assert {v for e, a, v in found if e == "deepseek-v2" and a == "release_date"} == {"2024-05"}


def test_what_we_wrote_about_a_base_is_not_the_base_and_a_quote_ends_its_sentence():
    text = 'We wrote that R1-Zero was "fine-tuned from DeepSeek-R1." It is the other way round: R1-Zero was trained directly on DeepSeek-V3-Base.\n'
    found = facts(text)
    assert ("deepseek-r1-zero", "base_model", "deepseek-v3") in found and ("deepseek-r1-zero", "base_model", "deepseek-r1") not in found


def test_earlier_is_no_comparison_and_a_draft_s_common_phrasings():
    assert ("deepseek-moe", "total_params", 16_400_000_000) in facts("较早的 DeepSeekMoE 总参数为 164 亿。\n")
    assert ("deepseek", "founder", "Liang Wenfeng") in facts("深度求索于 2023 年 7 月在杭州成立，创始人梁文锋此前执掌量化基金幻方。\n")
    assert ("deepseek-prover", "release_date", "2024-05") in facts("DeepSeek-Prover, a theorem-proving model, had come out in May 2024.\n")


def test_a_slash_month_day_with_a_release_verb_is_a_date_a_fraction_is_not():
    assert [v.value.to_json() for v in find_values("1/20 出的，6710亿参数") if v.kind == "monthday"] == ["--01-20"]
    assert not [v for v in find_values("只用了 1/3 的参数") if v.kind == "monthday"]
    assert not [v for v in find_values("下次（11/20）读 DeepSeek-V3 技术报告") if v.kind == "monthday"]


def test_a_preprint_and_its_journal_version_are_two_publications_not_a_contradiction():
    from dsfacts.reconcile import reconcile

    preprint = extract("DeepSeek-R1's paper (arXiv:2501.12948) appeared on 22 January 2025.\n", "a.md")
    journal = extract("The DeepSeek-R1 paper was published in Nature on 17 September 2025.\n", "b.md")
    dates = [c for c in preprint + journal if c.attribute == "paper_date"]
    assert {c.venue for c in dates} == {None, "journal"}
    [fact] = [f for f in reconcile(dates) if f.attribute == "paper_date"]
    assert fact.status != "contradiction"
