"""Extraction rules through `extract_document`, one small document per rule: the attribute comes
from the value's own words; negations, questions, hypotheticals, changes, prices and other
stages are not claims; dates need a cue; Traditional Chinese and full-width digits read like
Simplified and ASCII; company facts come from founding and headquarters sentences.

Every claim's quote is exact text of the value's line, and its raw text sits at its column.
"""

from __future__ import annotations

import pytest

from dsfacts.extract.engine import extract_document
from dsfacts.sources import read_text_document
from extraction import extract, facts

# ---- attribute from the value's own words ------------------------------------------------------------


def test_each_value_takes_the_attribute_of_its_own_words():
    text = "# DeepSeek-V3\n\nDeepSeek-V3 was trained on 14.8T tokens, with 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "training_tokens", 14_800_000_000_000), ("deepseek-v3", "total_params", 671_000_000_000)}


def test_activated_parameters_are_active_params():
    text = "DeepSeek-V3 has 671B total parameters, of which 37B are activated for each token.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000), ("deepseek-v3", "active_params", 37_000_000_000)}


def test_chinese_units_and_cues():
    text = "DeepSeek-V3 总参数达 6710 亿，每个 token 激活 370 亿参数，在 14.8 万亿 token 上预训练。\n"
    assert facts(text) == {
        ("deepseek-v3", "total_params", 671_000_000_000),
        ("deepseek-v3", "active_params", 37_000_000_000),
        ("deepseek-v3", "training_tokens", 14_800_000_000_000),
    }


def test_quote_and_column_in_a_wrapped_sentence_point_at_the_values_line():
    text = "DeepSeek-V3 is a Mixture-of-Experts language model\nwith 671B total parameters.\n"
    [c] = extract(text)
    assert (c.line, c.column, c.raw) == (2, 6, "671B")
    assert c.quote in "with 671B total parameters."


# ---- not claims -----------------------------------------------------------------------------------


def test_a_negated_statement_is_no_claim():
    assert extract("# DeepSeek-V3\n\nDeepSeek-V3 does not have 100B parameters.\n") == []
    text = "DeepSeek-V3 does not have 100B parameters. It has 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_negated_chinese_statement_is_no_claim():
    assert extract("# DeepSeek-V3\n\nDeepSeek-V3 并没有 1000 亿参数。\n") == []
    assert facts("DeepSeek-V3 并没有 1000 亿参数，它有 6710 亿参数。\n") == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_question_is_no_claim():
    assert extract("# DeepSeek-V3\n\nDoes DeepSeek-V3 have 671B parameters?\n") == []
    text = "Does DeepSeek-V3 have 100B parameters? DeepSeek-V3 has 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_hypothetical_is_no_claim():
    assert extract("If DeepSeek-V3 had 1T parameters, it would be slow.\n") == []
    text = "If DeepSeek-V3 had 1T parameters, it would be slow. DeepSeek-V3 has 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_change_never_gives_the_old_value():
    text = "DeepSeek-Coder-V2 expands its context length from 16K to 128K.\n"
    assert not any(c.value == 16_000 for c in extract(text))


def test_a_change_gives_the_new_value_for_its_subject():
    text = "DeepSeek-Coder-V2 expands its context length from 16K to 128K.\n"
    assert facts(text) == {("deepseek-coder-v2", "context_length", 128_000)}


def test_a_change_gives_nothing_to_the_predecessor():
    text = "# DeepSeek-Coder\n\nDeepSeek-Coder-V2 expands its context length from 16K to 128K.\n"
    assert not any(c.entity == "deepseek-coder" for c in extract(text))


def test_a_price_is_no_claim():
    assert extract("DeepSeek-V3 costs $0.14 per million tokens.\n") == []
    text = "DeepSeek-V3 costs $0.14 per million tokens. Its training cost $5.576M.\n"
    assert facts(text) == {("deepseek-v3", "training_cost_usd", 5_576_000)}


def test_a_training_cost_with_a_carried_subject():
    assert facts("DeepSeek-V3 is big. It was trained for $5.576M.\n") == {("deepseek-v3", "training_cost_usd", 5_576_000)}


def test_post_training_gpu_hours_are_not_training_gpu_hours():
    assert not any(c.attribute == "training_gpu_hours" for c in extract("DeepSeek-V3 used 0.1M GPU hours for post-training.\n"))
    text = "DeepSeek-V3 used 0.1M GPU hours for post-training. Its full training took 2.788M GPU hours.\n"
    assert facts(text) == {("deepseek-v3", "training_gpu_hours", 2_788_000)}


def test_a_stage_word_belongs_to_its_own_value():
    text = "DeepSeek-V3 used 0.1M GPU hours for post-training and 2.788M GPU hours for its full training.\n"
    assert facts(text) == {("deepseek-v3", "training_gpu_hours", 2_788_000)}


def test_pre_training_gpu_hours_are_pretraining_gpu_hours():
    text = "DeepSeek-V3 required 2.664M H800 GPU hours for pre-training.\n"
    assert facts(text) == {("deepseek-v3", "pretraining_gpu_hours", 2_664_000)}


def test_full_training_gpu_hours():
    text = "DeepSeek-V3 required 2.788M H800 GPU hours for its full training.\n"
    assert facts(text) == {("deepseek-v3", "training_gpu_hours", 2_788_000)}


# ---- dates ---------------------------------------------------------------------------------------------


def test_a_date_without_a_cue_is_no_claim():
    assert extract("# DeepSeek-V3\n\nOn 2024-12-26 we had lunch.\n") == []
    text = "On 2024-12-26 we had lunch. DeepSeek-V3 was released on 2024-12-26.\n"
    [c] = extract(text)
    assert (c.entity, c.attribute, c.value, c.column) == ("deepseek-v3", "release_date", "2024-12-26", 57)


def test_a_dated_timeline_item_that_names_the_event_is_a_release():
    assert facts("- 2024-12-26: DeepSeek-V3 released\n") == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_bare_day_is_completed_by_a_year_earlier_in_the_paragraph():
    got = facts("2024年，DeepSeek-V3 在12月26日发布。\n")
    assert got == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_bare_day_without_a_year_is_no_full_date():
    assert not any(isinstance(c.value, str) and c.value.endswith("12-26") for c in extract("DeepSeek-V3 在12月26日发布。\n"))


# ---- how people write values ----------------------------------------------------------------------------


def test_traditional_chinese():
    [c] = extract("DeepSeek-V3 總參數 6710 億。\n")
    assert (c.entity, c.attribute, c.value, c.raw) == ("deepseek-v3", "total_params", 671_000_000_000, "6710 億")


def test_full_width_digits():
    [c] = extract("DeepSeek-V3 总参数 ６７１０ 亿。\n")
    assert (c.entity, c.attribute, c.value, c.raw) == ("deepseek-v3", "total_params", 671_000_000_000, "６７１０ 亿")


def test_a_range_of_distilled_sizes():
    got = extract("DeepSeek-R1 的蒸馏模型参数在 1.5B - 70B 不等。\n")
    assert [(c.entity, c.attribute) for c in got] == [("deepseek-r1", "distilled_sizes")]
    assert got[0].value in ({"min": 1_500_000_000, "max": 70_000_000_000}, [1_500_000_000, 70_000_000_000])


# ---- the company ----------------------------------------------------------------------------------------------


def test_founder_from_an_english_founding_sentence():
    assert ("deepseek", "founder", "Liang Wenfeng") in facts("DeepSeek was founded by Liang Wenfeng in 2023.\n")


def test_founder_from_a_chinese_sentence():
    assert facts("DeepSeek 创始人梁文锋。\n") == {("deepseek", "founder", "Liang Wenfeng")}


def test_headquarters_from_a_chinese_sentence():
    assert facts("深度求索总部位于杭州。\n") == {("deepseek", "headquarters", "Hangzhou")}


def test_headquarters_from_an_english_sentence():
    assert facts("DeepSeek is headquartered in Hangzhou, China.\n") == {("deepseek", "headquarters", "Hangzhou")}


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek was founded in 2023, in Hangzhou, by Liang Wenfeng.\n",
        "DeepSeek: the company was set up in Hangzhou in mid-2023.\n",
        "DeepSeek 于 2023 年 7 月在杭州成立。\n",
        "深度求索注册地和总部都在浙江杭州。\n",
        "梁文鋒創辦 DeepSeek，公司設於浙江杭州。\n",
    ],
)
def test_the_city_a_company_was_founded_or_set_in_is_its_headquarters(text):
    assert ("deepseek", "headquarters", "Hangzhou") in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek was founded in 2023 in China.\n",  # a country does not say where
        "DeepSeek was founded in May 2023 by Liang Wenfeng, who grew up in Guangdong.\n",  # someone else's place
        "DeepSeek 在去年成立。\n",  # a time, not a place
        "2015 年，他在杭州创办了幻方量化，后来成立了 DeepSeek。\n",  # another company's home
    ],
)
def test_a_place_that_is_not_the_companys_city_is_no_headquarters(text):
    assert not {f for f in facts(text) if f[1] == "headquarters"}


def test_a_size_followed_by_total_is_the_total():
    text = "DeepSeek-V2: 236B total, 21B active, 128K context.\n"
    assert facts(text) == {
        ("deepseek-v2", "total_params", 236_000_000_000),
        ("deepseek-v2", "active_params", 21_000_000_000),
        ("deepseek-v2", "context_length", 128_000),
    }
    assert ("deepseek-v2-lite", "total_params", 15_700_000_000) in facts("DeepSeek-V2-Lite, 15.7B total / 2.4B active.\n")


# ---- licences ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["DeepSeek License", "Model License", "DeepSeek Model License"])
def test_deepseeks_model_licence_has_one_canonical_name(name):
    got = extract(f"# DeepSeek-V3\n\nThe model weights are subject to the {name}.\n")
    assert [(c.entity, c.attribute, c.value, c.raw) for c in got] == [("deepseek-v3", "license", "DeepSeek Model License", name)]


def test_mit():
    assert facts("DeepSeek-R1 is released under the MIT License.\n") == {("deepseek-r1", "license", "MIT")}


# ---- hedges, written-out numbers, more non-claims ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("DeepSeek-V3 has about 671B parameters.\n", "approx"),
        ("DeepSeek-V3 was trained for under $6M.\n", "upper_bound"),
        ("DeepSeek-V3 有超过 6000 亿参数。\n", "lower_bound"),
        ("DeepSeek-V3 的训练成本不到 600 万美元。\n", "upper_bound"),
    ],
)
def test_hedges_are_kept(text, qualifier):
    [c] = extract(text)
    assert c.qualifier == qualifier


def test_written_out_magnitudes():
    assert facts("DeepSeek-V2 has 236 billion parameters.\n") == {("deepseek-v2", "total_params", 236_000_000_000)}
    assert facts("DeepSeek-LLM was trained on 2 trillion tokens.\n") == {("deepseek-llm", "training_tokens", 2_000_000_000_000)}
    assert facts("DeepSeek-V3 needed 2,788K H800 GPU hours for its full training.\n") == {("deepseek-v3", "training_gpu_hours", 2_788_000)}


def test_a_list_of_distilled_sizes_is_sorted_numbers():
    text = "DeepSeek-R1 的蒸馏模型有 1.5B、7B、8B、14B、32B、70B 六种尺寸。\n"
    sizes = (1_500_000_000, 7_000_000_000, 8_000_000_000, 14_000_000_000, 32_000_000_000, 70_000_000_000)
    assert facts(text) == {("deepseek-r1", "distilled_sizes", sizes)}


def test_vague_dates_are_intervals():
    assert facts("DeepSeek-Coder was released in late 2023.\n") == {("deepseek-coder", "release_date", "2023-10/2023-12")}
    assert facts("DeepSeek-V3 于 2024年初 发布。\n") == {("deepseek-v3", "release_date", "2024-01/2024-03")}


def test_another_makers_number_in_a_comparison_is_no_claim():
    got = facts("DeepSeek-V3 cost $5.6M to train, 15× cheaper than GPT-4's $100M.\n")
    assert got == {("deepseek-v3", "training_cost_usd", 5_600_000)}


def test_other_makers_numbers_in_chinese_under_a_deepseek_heading():
    assert extract("# DeepSeek-V3\n\nGPT-4 的参数量约为 1.8 万亿。\n") == []
    assert extract("# DeepSeek-V3\n\n据报道，Llama 3.1 拥有 4050 亿参数。\n") == []


def test_chinese_questions_and_hypotheticals_are_no_claims():
    assert extract("DeepSeek-V3 有 6710 亿参数吗？\n") == []
    assert extract("如果 DeepSeek-V3 有 1 万亿参数，它会很慢。\n") == []


def test_a_pronoun_opening_a_paragraph_carries_the_last_paragraphs_model_but_not_past_a_heading():
    assert facts("DeepSeek-V3 is big.\n\nIt has 671B parameters.\n") == {("deepseek-v3", "total_params", 671_000_000_000)}
    assert extract("DeepSeek-V3 is big.\n\n## Costs\n\nIt has 671B parameters.\n") == []


def test_chinese_stage_gpu_hours():
    assert extract("DeepSeek-V3 的 SFT 阶段使用了 5K GPU 小时。\n") == []
    assert facts("DeepSeek-V3 的预训练阶段耗时 266.4 万 GPU 小时。\n") == {("deepseek-v3", "pretraining_gpu_hours", 2_664_000)}


def test_company_founding_date_and_city_in_one_sentence():
    assert facts("DeepSeek 成立于 2023 年 7 月 17 日，总部位于杭州。\n") == {
        ("deepseek", "founded_date", "2023-07-17"),
        ("deepseek", "headquarters", "Hangzhou"),
    }


def test_a_hyphenated_size_compound():
    assert facts("DeepSeek-V2 is a 236-billion-parameter model.\n") == {("deepseek-v2", "total_params", 236_000_000_000)}


def test_not_yet_released_is_no_release_date():
    assert extract("DeepSeek-R2 has not been released yet, rumoured for 2025-05.\n") == []


def test_fine_tuning_gpu_hours_are_not_training_gpu_hours():
    got = extract("DeepSeek-V3 was fine-tuned on 1.5M samples for 5K GPU hours.\n")
    assert not any(c.attribute == "training_gpu_hours" for c in got)


def test_a_per_hour_price_is_no_training_cost():
    assert extract("DeepSeek-V3 was trained at $2 per GPU hour.\n") == []


def test_base_model_is_an_entity_id():
    assert facts("DeepSeek-R1 is based on DeepSeek-V3-Base.\n") == {("deepseek-r1", "base_model", "deepseek-v3")}


# ---- model cards ------------------------------------------------------------------------------------


def test_the_model_is_the_model_its_section_is_about():
    # "The model" in a card for a version names the card's model, not the last model mentioned
    text = (
        "# DeepSeek-R1-0528\n\n"
        "The DeepSeek R1 model has had a minor version upgrade. The model has 685B parameters.\n"
    )
    assert ("deepseek-r1-0528", "total_params", 685_000_000_000) in facts(text)
    assert not any(e == "deepseek-r1" and a == "total_params" for e, a, _ in facts(text))


def test_it_still_refers_to_the_last_model_named():
    text = "# Models\n\nDeepSeek-V3 is a MoE model. It has 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_model_cards_front_matter_licence():
    from dsfacts.sources import read_text_document

    text = "---\nlicense: mit\nlibrary_name: transformers\n---\n# DeepSeek-V3\n\nDeepSeek-V3 is a MoE model.\n"
    doc = read_text_document(text.encode(), "card.md")
    claims = [c for c in extract_document(doc) if c.attribute == "license"]
    assert [(c.entity, c.value, c.line) for c in claims] == [("deepseek-v3", "MIT", 2)]
    assert doc.line_text(claims[0].line)[claims[0].column - 1 :].startswith(claims[0].raw or "")


# ---- news prose -------------------------------------------------------------------------------------


def test_a_place_based_company_is_headquartered_there():
    assert ("deepseek", "headquarters", "Hangzhou") in facts("Hangzhou-based DeepSeek has shipped a string of models.\n")


def test_another_makers_model_after_the_value_does_not_take_it():
    text = "DeepSeek-V3 cost $5.6 million to train — a fraction of the $100 million spent on GPT-4.\n"
    assert facts(text) == {("deepseek-v3", "training_cost_usd", 5_600_000)}


def test_another_makers_model_before_the_value_still_blocks():
    assert facts("Trained on far more data, Llama 3 70B has 70B parameters.\n") == set()


def test_sizes_in_a_sentence_about_distillation_are_distilled_sizes():
    text = "DeepSeek-R1 was released with six distilled versions, from 1.5B to 70B parameters.\n"
    got = [(c.entity, c.attribute, c.value) for c in extract(text)]
    assert ("deepseek-r1", "distilled_sizes", {"min": 1_500_000_000, "max": 70_000_000_000}) in got


def test_a_licence_name_next_to_chinese_text():
    assert facts("DeepSeek-R1采用MIT协议开源。\n") == {("deepseek-r1", "license", "MIT")}


def test_a_key_value_table_names_the_attribute_in_its_row_label():
    text = (
        "## DeepSeek-V3\n\n| Spec | Value |\n|---|---|\n| Total parameters | 671B |\n"
        "| Activated parameters | 37B |\n| Training tokens | 14.8T |\n"
    )
    assert facts(text) == {
        ("deepseek-v3", "total_params", 671_000_000_000),
        ("deepseek-v3", "active_params", 37_000_000_000),
        ("deepseek-v3", "training_tokens", 14_800_000_000_000),
    }


def test_models_listed_after_a_preposition_are_objects():
    text = "### Notes on DeepSeek-R1\n\n- Distilled into Qwen and Llama models from 1.5B to 70B.\n"
    got = [(c.entity, c.attribute, c.value) for c in extract(text)]
    assert got == [("deepseek-r1", "distilled_sizes", {"min": 1_500_000_000, "max": 70_000_000_000})]


def test_distilled_sizes_the_company_released_belong_to_the_model_the_text_is_about():
    text = (
        "DeepSeek-R1 is a reasoning model released on 20 January 2025.\n\n"
        "DeepSeek also released six distilled models with 1.5B, 7B, 8B, 14B, 32B and 70B parameters, based on Qwen2.5 and Llama 3.\n"
    )
    sizes = tuple(int(x * 1_000_000_000) for x in (1.5, 7, 8, 14, 32, 70))
    assert ("deepseek-r1", "distilled_sizes", sizes) in facts(text)


def test_traditional_chinese_trillions_and_an_aside_in_brackets():
    text = "## DeepSeek-V3\n\n- 參數量：6,710 億（每個 token 啟用 370 億）\n- 訓練資料：14.8 兆 tokens\n"
    assert facts(text) == {
        ("deepseek-v3", "total_params", 671_000_000_000),
        ("deepseek-v3", "active_params", 37_000_000_000),
        ("deepseek-v3", "training_tokens", 14_800_000_000_000),
    }


def test_the_nearest_cue_decides_unless_two_are_about_as_near():
    text = "DeepSeek-V3 has 671B total parameters and activates 37B per token.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000), ("deepseek-v3", "active_params", 37_000_000_000)}
    assert facts("DeepSeek-V3 每个 token 激活 370 亿参数。\n") == {("deepseek-v3", "active_params", 37_000_000_000)}


def test_a_paper_that_came_out_dates_the_paper():
    text = "The DeepSeek-V2 paper came out in May 2024; the model itself was open-sourced on May 6, 2024.\n"
    assert facts(text) == {("deepseek-v2", "paper_date", "2024-05"), ("deepseek-v2", "release_date", "2024-05-06")}


def test_respectively_pairs_models_and_values_in_order():
    assert facts("DeepSeek V3 和 R1 分别在 2024 年 12 月和 2025 年 1 月发布。\n") == {
        ("deepseek-v3", "release_date", "2024-12"), ("deepseek-r1", "release_date", "2025-01")
    }
    assert facts("DeepSeek-V2 and DeepSeek-V3 have 236B and 671B parameters, respectively.\n") == {
        ("deepseek-v2", "total_params", 236_000_000_000), ("deepseek-v3", "total_params", 671_000_000_000)
    }


def test_a_size_in_brackets_after_a_models_name():
    assert ("deepseek-v2-lite", "total_params", 16_000_000_000) in facts("DeepSeek-V2-Lite（16B）适合本地部署。\n")
    assert facts("Llama 3 (70B) is big.\n") == set()


def test_another_companys_founding_is_not_deepseeks():
    text = "High-Flyer, the hedge fund behind DeepSeek, manages around $8 billion and was founded in 2015.\n"
    assert facts(text) == set()
    assert facts("DeepSeek was founded in July 2023.\n") == {("deepseek", "founded_date", "2023-07")}


def test_company_numbers_that_are_no_model_facts():
    text = (
        "DeepSeek has about 160 employees and owns 10,000 A100 GPUs.\n\n"
        "Its app passed 10 million downloads, and Nvidia lost nearly $600 billion in market value.\n\n"
        "The API costs $0.55 per million input tokens. DeepSeek-V3 scored 88.5 on MMLU.\n"
    )
    assert facts(text) == set()


def test_parameters_that_are_active_are_active_params():
    text = "# DeepSeek-V3\n\nDeepSeek-V3 is a 671B MoE system in which 37 billion parameters are active per token.\n"
    assert ("deepseek-v3", "active_params", 37_000_000_000) in facts(text)
    assert ("deepseek-v3", "total_params", 37_000_000_000) not in facts(text)


def test_from_a_up_to_b_is_a_range_not_an_upper_bound():
    [c] = extract("DeepSeek-R1 distilled models range from 1.5B up to 70B parameters.\n")
    assert (c.entity, c.attribute, c.value, c.qualifier) == (
        "deepseek-r1", "distilled_sizes", {"min": 1_500_000_000, "max": 70_000_000_000}, None,
    )


# ---- stages, rates and parts of a figure -------------------------------------------------------------


def test_the_whole_training_and_its_pretraining_part_each_keep_their_own_words():
    text = "DeepSeek-V3的完整训练仅消耗了278.8万H800 GPU小时，其中预训练阶段为266.4万GPU小时。\n"
    assert facts(text) == {
        ("deepseek-v3", "training_gpu_hours", 2_788_000),
        ("deepseek-v3", "pretraining_gpu_hours", 2_664_000),
    }
    en = "DeepSeek-V3 took 2.788 million H800 GPU hours, of which 2.664M were spent on pre-training.\n"
    assert ("deepseek-v3", "training_gpu_hours", 2_788_000) in facts(en)


def test_a_stage_word_after_another_kind_of_value_still_names_the_stage():
    text = "仅以 266.4 万个 H800 GPU 小时的经济成本，我们就在 14.8 万亿个 Token 上完成了 DeepSeek-V3 的预训练。\n"
    assert ("deepseek-v3", "pretraining_gpu_hours", 2_664_000) in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek-V3 预训练阶段每训练一万亿token需要18万GPU小时。\n",
        "DeepSeek-V3 needs 180K GPU hours for each trillion tokens.\n",
    ],
)
def test_both_sides_of_a_rate_are_not_totals(text):
    assert facts(text) == set()


def test_a_rate_in_another_clause_leaves_the_figures_alone():
    text = "- 2024-5-6：发布 DeepSeek-V2，总参数 2360 亿、激活 210 亿，API 价格低至每百万 token 1 元。\n"
    assert {("deepseek-v2", "total_params", 236_000_000_000), ("deepseek-v2", "active_params", 21_000_000_000)} <= facts(text)


# ---- licences: the clause says whose licence it is -----------------------------------------------------


def test_the_code_licence_and_the_weights_licence_in_one_chinese_sentence():
    text = "DeepSeek-V3 的代码仓库采用MIT许可证，模型权重则遵循DeepSeek模型许可协议。\n"
    assert facts(text) == {("deepseek-v3", "license", "DeepSeek Model License")}


def test_coding_ability_in_another_clause_is_not_a_code_licence():
    text = "- 2025-3-24：DeepSeek-V3-0324 发布，改用 MIT 协议，推理与前端代码能力明显提升。\n"
    assert ("deepseek-v3-0324", "license", "MIT") in facts(text)


# ---- sentences, founders, abbreviations --------------------------------------------------------------------


def test_a_footnote_marker_or_a_magnitude_letter_still_ends_a_sentence():
    text = (
        "**DeepSeek-V2** was released in May 2024. It has a context length of 128K. It cut prices.[7] "
        "DeepSeek-Coder-V2 came in June 2024. It was trained on 6T more tokens.\n"
    )
    assert ("deepseek-v2", "context_length", 128_000) in facts(text)
    assert ("deepseek-coder-v2", "context_length", 128_000) not in facts(text)


def test_a_chinese_founder_name_follows_its_cue_without_a_comma():
    text = "【2023-7-17】深度求索公司正式成立，梁文锋任CEO，总部设在杭州。\n"
    assert not any(a == "founder" for _, a, _ in facts(text))
    assert ("deepseek", "founder", "Liang Wenfeng") in facts("DeepSeek's founder, Liang Wenfeng, said so.\n")


def test_act_abbreviates_activated_in_a_table():
    text = "| Model | Params |\n| --- | --- |\n| DeepSeek-VL2 | 4.5B act. |\n"
    assert facts(text) == {("deepseek-vl2", "active_params", 4_500_000_000)}


# ---- base models, headquarters and founders in more phrasings ---------------------------------------------


def test_base_model_with_a_pronoun_subject_or_a_modifier_inside_a_chinese_frame():
    assert facts("DeepSeek says R1 was not trained from scratch. It was built on top of DeepSeek-V3-Base.\n") == {
        ("deepseek-r1", "base_model", "deepseek-v3")
    }
    assert facts("# DeepSeek-R1\n\n它以去年 12 月發表的 DeepSeek-V3-Base 為基礎。\n") == {("deepseek-r1", "base_model", "deepseek-v3")}
    assert facts("DeepSeek-R1-Zero 直接在 V3-Base 上進行強化學習。\n") == {("deepseek-r1-zero", "base_model", "deepseek-v3")}
    assert facts("DeepSeek-R1 was trained on top of the V3 base model.\n") == {("deepseek-r1", "base_model", "deepseek-v3")}


def test_a_framework_after_based_on_the_is_not_a_base_model():
    text = "We release DeepSeek-Coder-V2 based on the DeepSeekMoE framework.\n"
    assert not any(a == "base_model" for _, a, _ in facts(text))


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek, a Hangzhou-based lab, released V3.\n",
        "A Hangzhou-based startup, DeepSeek, released V3.\n",
        "# DeepSeek\n\nThe company is headquartered in Hangzhou, a tiny team next to OpenAI's 3,000 staff.\n",
    ],
)
def test_headquarters_in_appositions_and_beside_a_comparison(text):
    assert facts(text) == {("deepseek", "headquarters", "Hangzhou")}


def test_a_founder_who_also_founded_another_company():
    text = "DeepSeek 的创办人梁文锋同时也是幻方量化的共同创办人。\n"
    assert facts(text) == {("deepseek", "founder", "Liang Wenfeng")}


# ---- shared facts of coordinated models; costs priced by the GPU hour ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "【2025-1-20】发布 DeepSeek-R1 及 R1-Zero，采用 MIT 协议开源。\n",
        "DeepSeek released DeepSeek-R1 and DeepSeek-R1-Zero under the MIT License on January 20, 2025.\n",
    ],
)
def test_models_named_together_share_their_date_and_licence(text):
    assert facts(text) == {
        (e, a, v) for e in ("deepseek-r1", "deepseek-r1-zero") for a, v in (("release_date", "2025-01-20"), ("license", "MIT"))
    }


def test_respectively_still_pairs_models_and_dates_one_to_one():
    text = "DeepSeek-V3 and DeepSeek-R1 were released in December 2024 and January 2025, respectively.\n"
    assert facts(text) == {("deepseek-v3", "release_date", "2024-12"), ("deepseek-r1", "release_date", "2025-01")}


@pytest.mark.parametrize(
    "text",
    [
        "The final training run of DeepSeek-V3 took 2.788M H800 GPU hours. At a rental price of $2 per GPU hour, that comes to $5.576 million.\n",
        "# DeepSeek-V3\n\nAt $2 per GPU hour that is $5.576 million.\n",
    ],
)
def test_gpu_hours_at_a_rental_price_give_the_training_cost(text):
    assert ("deepseek-v3", "training_cost_usd", 5_576_000) in facts(text)
    assert not any(v == 2 for _, a, v in facts(text) if a == "training_cost_usd")


def test_a_price_per_token_is_still_no_cost():
    assert facts("DeepSeek charges $2.19 per million output tokens; that is $0.14 for input.\n") == set()


def test_a_later_step_after_and_then_does_not_make_the_value_a_stage_figure():
    text = "DeepSeek-V2 is a MoE model. The company pre-trained it on 8.1 trillion tokens and then did SFT and RL on top.\n"
    assert facts(text) == {("deepseek-v2", "training_tokens", 8_100_000_000_000)}


def test_a_cost_in_a_which_clause_beside_another_makers_cost():
    text = (
        "**DeepSeek-V3** was released in December 2024. The training took 2.788 million H800 GPU hours, which at a "
        "rental price of $2 per GPU hour amounts to about US$5.6 million, compared to an estimated US$100 million for OpenAI's GPT-4.\n"
    )
    assert {c for c in facts(text) if c[1] == "training_cost_usd"} == {("deepseek-v3", "training_cost_usd", 5_600_000)}


# ---- what the hosted service allows, changes, old licences, page updates -------------------------------------


def test_an_api_limit_is_not_the_models_context_length():
    assert facts("# DeepSeek-R1\n\n- API context: 64K; maximum output 8K tokens.\n") == set()


def test_by_how_much_a_figure_grew_is_not_the_figure():
    assert facts("从 DeepSeek-V2 到 V3，激活参数只增加了 160 亿左右。\n") == set()


@pytest.mark.parametrize(
    "text",
    [
        "# DeepSeek-V3-0324\n\n许可证从自定义的模型协议改成了 MIT。\n",
        "DeepSeek-V3-0324 switched from the DeepSeek Model License to MIT.\n",
    ],
)
def test_the_licence_switched_from_is_not_the_licence(text):
    assert facts(text) == {("deepseek-v3-0324", "license", "MIT")}


def test_a_code_licence_next_to_the_weights_licence_and_a_later_switch():
    text = "DeepSeek-V3 was code MIT / weights under the DeepSeek Model License until the March update switched to MIT.\n"
    assert facts(text) == {("deepseek-v3", "license", "DeepSeek Model License")}
    assert facts("Janus-Pro is out. It is MIT-licensed code with weights under the DeepSeek License.\n") == {
        ("janus-pro", "license", "DeepSeek Model License")
    }


def test_a_price_per_million_tokens_is_not_a_cost_even_when_the_unit_is_a_number():
    assert facts("# DeepSeek-V3\n\nAfter that, input costs $0.27 per 1M tokens and output $1.10 per 1M tokens.\n") == set()


# ---- plain-text newsletters: caps titles, dot leaders, pronoun company facts ------------------------------------


def test_dot_leader_fields_under_a_sentence_naming_the_model():
    text = (
        "BY THE NUMBERS\n\nThe figures below are for DeepSeek-V3.\n\n"
        "  Total parameters ........................... 671B\n"
        "  Activated per token ........................ 37B\n"
        "  Full training, H800 GPU-hours .............. 2.788 million\n"
        "  Implied cost at $2/GPU-hour ................ about $5.6 million\n"
    )
    assert facts(text, "news.txt") == {
        ("deepseek-v3", "total_params", 671_000_000_000),
        ("deepseek-v3", "active_params", 37_000_000_000),
        ("deepseek-v3", "training_gpu_hours", 2_788_000),
        ("deepseek-v3", "training_cost_usd", 5_600_000),
    }


def test_a_pronoun_carries_the_company_and_chinese_founding_by_a_person():
    text = "Last week we wrote about DeepSeek. It was founded in 2023 by Liang Wenfeng.\n"
    assert facts(text) == {("deepseek", "founded_date", "2023"), ("deepseek", "founder", "Liang Wenfeng")}
    assert ("deepseek", "founder", "Liang Wenfeng") in facts("DeepSeek 由梁文鋒於 2023 年創立。\n")
    assert facts("DeepSeek 總部設於浙江杭州。\n") == {("deepseek", "headquarters", "Hangzhou")}


def test_parameters_active_without_a_verb_added_parameters_and_a_step_on_the_way():
    text = "DeepSeek-R1 is a 671B-parameter mixture-of-experts model with 37B parameters active per token.\n"
    assert facts(text) == {("deepseek-r1", "total_params", 671_000_000_000), ("deepseek-r1", "active_params", 37_000_000_000)}
    assert facts("# DeepSeek-V3\n\nThe extra module adds 14B parameters.\n") == set()
    assert facts("# DeepSeek-V3\n\nDeepSeek-V3 extended its context first to 32K, then to 128K.\n") == {
        ("deepseek-v3", "context_length", 128_000)
    }


def test_only_the_value_right_after_an_old_one_borrows_its_words():
    text = "DeepSeek trained DeepSeek-V2 on 8.1T tokens, then extended the context from 4K to 128K, and finished with SFT on 1.5M conversations.\n"
    assert facts(text) == {("deepseek-v2", "training_tokens", 8_100_000_000_000), ("deepseek-v2", "context_length", 128_000)}


def test_a_distilled_models_name_size_and_a_challengers_size_are_not_r1s():
    text = '需要注意：在本地用 Ollama 跑的"DeepSeek-R1 7B"之类，其实都是这些蒸馏模型。\n'
    assert not any(a == "total_params" for _, a, _ in facts(text))
    assert facts("阿里巴巴开源的推理模型 QwQ-32B 以 320 亿参数挑战 DeepSeek-R1。\n") == set()


# ---- a fourth round: changelog entries, CJK-glued names, flavour versions, asides -----------------------------


def test_a_changelog_entry_about_no_model_dates_nothing_but_a_founding_entry_does():
    assert facts("- ✅ **2025-2-6**: Naive Gradio demo implemented on Hugging Face Space.\n") == set()
    assert facts("- 【2023-7-17】杭州深度求索人工智能基础技术研究有限公司正式成立\n") == {("deepseek", "founded_date", "2023-07-17")}


def test_names_glued_to_chinese_text_and_flavour_versions_are_their_own_models():
    assert facts("2025年5月28日，DeepSeek发布了小版本升级DeepSeek-R1-0528。\n") == {("deepseek-r1-0528", "release_date", "2025-05-28")}
    assert facts("2025年4月的Prover-V2 参数 6710 亿。\n") == {
        ("deepseek-prover-v2", "total_params", 671_000_000_000),
        ("deepseek-prover-v2", "release_date", "2025-04"),  # "the Prover-V2 of April 2025"
    }
    assert facts("DeepSeek-Coder-Base-v1.5 7B was trained on 120B math tokens.\n") == {
        ("deepseek-coder-base-v1.5", "training_tokens", 120_000_000_000)
    }


def test_an_api_limit_in_brackets_after_the_models_context_and_a_foreign_company_founded():
    text = "| Model | Context |\n|---|---|\n| DeepSeek-V3 | 128K (64K on official API) |\n"
    assert facts(text) == {("deepseek-v3", "context_length", 128_000)}
    assert facts("# DeepSeek\n\n梁文锋 1985 年出生，2015年与同学共同创办幻方量化。\n") == set()


def test_a_taiwanese_code_licence_and_model_licence_terms():
    text = "授權方面，Janus-Pro 的程式碼採 MIT 授權，模型權重則適用 DeepSeek 模型授權條款。\n"
    assert facts(text) == {("janus-pro", "license", "DeepSeek Model License")}


def test_parameters_each_token_passes_through_are_the_active_ones():
    text = "DeepSeek-V3 is a mixture-of-experts model, so each token only passes through 37 billion parameters.\n"
    assert facts(text) == {("deepseek-v3", "active_params", 37_000_000_000)}


def test_a_part_of_the_parameters_that_fires_for_each_token_is_the_active_count():
    text = "DeepSeek-R1 has six hundred and seventy-one billion parameters, thirty-seven billion of which fire for any given token.\n"
    assert facts(text) == {("deepseek-r1", "total_params", 671_000_000_000), ("deepseek-r1", "active_params", 37_000_000_000)}


def test_a_corrected_earlier_statement_is_not_a_claim():
    text = 'They are right: we said DeepSeek-V3 was trained on "nearly fifteen trillion tokens"; the paper says 14.8T tokens.\n'
    assert facts(text) == {("deepseek-v3", "training_tokens", 14_800_000_000_000)}
    assert facts("Issue #111 said DeepSeek was founded in 2024. It was founded in 2023.\n") == {("deepseek", "founded_date", "2023")}
    assert facts("DeepSeek said DeepSeek-V3 was trained on 14.8T tokens.\n") == {("deepseek-v3", "training_tokens", 14_800_000_000_000)}


def test_a_lite_versions_figures_belong_to_the_lite_model():
    text = "DeepSeek-Coder-V2 总参数 2360 亿。同时发布的还有总参数160亿、激活24亿的Lite版。\n"
    assert facts(text) == {
        ("deepseek-coder-v2", "total_params", 236_000_000_000),
        ("deepseek-coder-v2-lite", "total_params", 16_000_000_000),
        ("deepseek-coder-v2-lite", "active_params", 2_400_000_000),
    }


def test_a_bare_arxiv_id_after_paper_is_the_papers_id():
    text = "DeepSeek-R1 and DeepSeek-R1-Zero (paper 2501.12948), MIT license.\n"
    assert {f for f in facts(text) if f[1] == "arxiv_id"} == {("deepseek-r1", "arxiv_id", "2501.12948"), ("deepseek-r1-zero", "arxiv_id", "2501.12948")}
    assert not {f for f in facts("DeepSeek-V3 scored 2501.12948 points.\n") if f[1] == "arxiv_id"}


def test_sizes_listed_after_a_name_are_its_variants():
    assert ("deepseek-llm", "variant_sizes", (7_000_000_000, 67_000_000_000)) in facts("DeepSeek LLM 7B and 67B, base and chat.\n")


def test_a_size_in_a_name_is_no_total_when_the_text_gives_the_model_several_sizes():
    text = "Janus-Pro comes in 1B and 7B sizes.\n\nJanus-Pro-7B scored 0.80 on GenEval.\n"
    assert not {f for f in facts(text) if f[1] == "total_params"}


# ---- records, boxes, notes and corrections ---------------------------------------------------------


def test_a_field_naming_a_base_model_does_not_own_the_next_fields():
    text = "# DeepSeek-R1\n\n> 外文名：DeepSeek-R1\n> 基础模型：DeepSeek-V3-Base\n> 开源协议：MIT许可证\n> 论文编号：arXiv:2501.12948\n"
    got = facts(text)
    assert ("deepseek-r1", "license", "MIT") in got and ("deepseek-r1", "arxiv_id", "2501.12948") in got
    assert not {f for f in got if f[0] == "deepseek-v3"}


def test_a_records_title_line_owns_its_field_lines():
    text = "DeepSeek LLM: Scaling Open-Source Language Models\n    发表时间：2024 年 1 月\n    内容：训练数据达 2 万亿 tokens。\n"
    assert ("deepseek-llm", "paper_date", "2024-01") in facts(text)


def test_a_size_next_to_context_is_no_context_length():
    assert not {f for f in facts("DeepSeek-VL 的 7B 版本的上下文也是 4096。\n") if f[2] == 7_000_000_000}


def test_a_press_release_dateline_dates_the_document_not_the_models():
    text = (
        "# Northwind brings DeepSeek-V3 to its platform\n\n"
        "**SINGAPORE, February 18, 2025 /PRNewswire/** — Northwind Cloud today announced general availability of DeepSeek-V3.\n\n"
        "DeepSeek open-sourced Janus-Pro on January 27.\n"
    )
    dates = {f for f in facts(text) if f[1] == "release_date"}
    assert dates == {("janus-pro", "release_date", "2025-01-27")}  # the year from the dateline


def test_a_sentence_about_another_named_thing_takes_nothing_from_the_section():
    text = "# DeepSeek-V3 on Northwind\n\nNorthwind Serverless launched in 2023 and serves 3,000 customers.\n"
    assert facts(text) == set()


def test_a_value_marked_as_replaced_is_no_claim():
    assert facts("2025-02-02: fixed the DeepSeek-R1-Zero licence (was \"Model License\").\n") == set()
    assert facts("DeepSeek-V3 context: 128K (was 64K).\n") == {("deepseek-v3", "context_length", 128_000)}


def test_a_definition_list_term_heads_its_description():
    html = (
        "<html><body><h2>Terms</h2><dl><dt>R1-Zero</dt><dd>The model DeepSeek trained directly on DeepSeek-V3-Base. "
        "Same 671B MoE as V3. Released on January 20, 2025, under the MIT License.</dd></dl></body></html>"
    )
    doc = read_text_document(html.encode(), "page.html")
    got = {(c.entity, c.attribute, c.value) for c in extract_document(doc)}
    assert ("deepseek-r1-zero", "license", "MIT") in got and ("deepseek-r1-zero", "release_date", "2025-01-20") in got
    assert not {f for f in got if f[0] == "deepseek-v3" and f[1] in ("license", "release_date")}


def test_a_value_after_another_models_possessive_is_that_models():
    text = "DeepSeek-V3 用了 278.8 万 GPU 小时。对比 Llama 3.1 405B 的 3084 万 GPU 小时，不到其十分之一。\n"
    assert facts(text) == {("deepseek-v3", "training_gpu_hours", 2_788_000)}


def test_a_correction_replaces_the_different_value_given_before():
    text = (
        "- DeepSeek-V2-Lite: 16B total, ~2.7B active, 32K context\n\n"
        "Small correction: DeepSeek-V2-Lite is 15.7B total with 2.4B activated.\n"
    )
    got = {f for f in facts(text) if f[1] == "active_params"}
    assert got == {("deepseek-v2-lite", "active_params", 2_400_000_000)}


def test_a_footnote_is_not_about_the_model_of_the_note_before_it():
    text = (
        "# Note\n\n| Model | Licence |\n|---|---|\n| DeepSeek-R1 | MIT |\n\n"
        "³ DeepSeek-R1's RL stage cost about US$294,000. ⁴ Code under MIT; weights under the DeepSeek Model License.\n"
    )
    got = facts(text)
    assert ("deepseek-r1", "license", "MIT") in got
    assert ("deepseek-r1", "license", "DeepSeek Model License") not in got


def test_a_chinese_date_belongs_to_the_model_it_modifies():
    text = "# 解讀（更新，2025年2月）\n\nDeepSeek-R1 以去年 12 月發表的 DeepSeek-V3-Base 為基礎。\n"
    assert {(e, a) for e, a, _ in facts(text) if a.endswith("_date")} == {("deepseek-v3", "release_date")}


def test_sizes_with_asides_between_them_are_one_list():
    text = "Janus-Pro 提供1.5B（需16GB显存）和7B（需24GB显存）版本。\n"
    assert facts(text) == {("janus-pro", "variant_sizes", (1_500_000_000, 7_000_000_000))}


def test_activated_sizes_are_no_variant_sizes():
    text = "DeepSeek-VL2 有三個版本，總參數 33.7 億／161 億／275 億，啟用 10 億／28 億／45 億。\n"
    assert {f for f in facts(text) if f[1] == "variant_sizes"} == {
        ("deepseek-vl2", "variant_sizes", (3_370_000_000, 16_100_000_000, 27_500_000_000))
    }


def test_the_texts_own_size_list_wins_over_sizes_in_names():
    text = (
        "DeepSeek-R1 was distilled into six models of 1.5B, 7B, 8B, 14B, 32B and 70B.\n\n"
        "We host DeepSeek-R1-Distill-Qwen-32B and DeepSeek-R1-Distill-Llama-70B.\n"
    )
    assert {f for f in facts(text) if f[1] == "distilled_sizes"} == {
        ("deepseek-r1", "distilled_sizes", (1_500_000_000, 7_000_000_000, 8_000_000_000, 14_000_000_000, 32_000_000_000, 70_000_000_000))
    }


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek-V3 的成本約 557.6萬美元 (只算最後一次訓練的租金)\n",  # an aside that says what it is
        "DeepSeek-V3's report states the full run took 2.788M GPU-hours and prices it at US$5.576m assuming US$2 per GPU-hour.\n",
        "According to the report, DeepSeek-V3's complete training run consumed 2.788M H800 GPU hours, a compute bill the company put at roughly US$5.576 million.\n",
    ],
)
def test_a_training_cost_written_the_way_analysts_and_forums_write_it(text):
    assert ("deepseek-v3", "training_cost_usd", 5_576_000) in facts(text)


def test_a_licence_named_after_under_needs_no_licence_word():
    assert facts("DeepSeek-V3-0324: same architecture as V3; weights now under MIT.\n") == {("deepseek-v3-0324", "license", "MIT")}


def test_a_correction_that_relabels_a_figure_drops_the_old_label():
    text = "#DeepSeek-VL2# 发布，三个尺寸，最大的45亿参数。\n\n更正：昨天说VL2最大的是45亿参数，不对，45亿是激活参数。\n"
    assert {f for f in facts(text) if f[2] == 4_500_000_000} == {("deepseek-vl2", "active_params", 4_500_000_000)}


def test_an_english_cue_next_to_chinese_is_still_a_word():
    text = "## DeepSeek-R1\n\n最早的版本挂在arXiv上（编号2501.12948）。\n"
    assert ("deepseek-r1", "arxiv_id", "2501.12948") in facts(text)


def test_a_date_before_de_and_a_model_is_that_models_release():
    text = "# 專欄（2025年10月27日）\n\n今年 1 月的 R1 讓 DeepSeek 一夜成名。參數規模與去年12月的V3一樣。\n"
    assert {(e, v) for e, a, v in facts(text) if a == "release_date"} == {("deepseek-r1", "2025-01"), ("deepseek-v3", "2024-12")}


def test_a_date_opening_a_sentence_belongs_to_the_event_of_the_next_clause():
    text = "# 价格战（2024年5月22日）\n\n5月6日，DeepSeek开源了DeepSeek-V2。\n\n5月15日，字节跳动发布豆包大模型，价格更低。\n"
    assert {(e, v) for e, a, v in facts(text) if a == "release_date"} == {("deepseek-v2", "2024-05-06")}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("DeepSeek, the Hangzhou lab, has shipped a model every six months.\n", ("deepseek", "headquarters", "Hangzhou")),
        ("Hangzhou startup DeepSeek released a model.\n", ("deepseek", "headquarters", "Hangzhou")),
        ("R1 is plain MIT, weights included.\n", ("deepseek-r1", "license", "MIT")),
        ("DeepSeek was spun out in July 2023 by High-Flyer.\n", ("deepseek", "founded_date", "2023-07")),
    ],
)
def test_company_and_licence_facts_in_the_words_news_and_forums_use(text, fact):
    assert fact in facts(text)


def test_a_nationality_or_a_university_is_no_city_or_licence():
    assert facts("DeepSeek, the Chinese lab, released a model.\n") == set()
    assert facts("Researchers at MIT said DeepSeek-V3 is fast.\n") == set()


def test_a_number_whose_unit_the_parallel_clause_before_gave():
    text = "Meta's Llama 3.1 405B needed about 30.8 million GPU hours; DeepSeek-V3 needed about 2.8 million.\n"
    assert facts(text) == {("deepseek-v3", "training_gpu_hours", 2_800_000)}
    assert facts("Llama 3.1 405B used 30.8 million GPU hours. DeepSeek-V3 needed 2.8 million.\n") == set()


@pytest.mark.parametrize(
    "text",
    [
        "# DeepSeek-R1\n\n> 外文名：DeepSeek-R1\n> 基础模型：DeepSeek-V3-Base\n",
        "DeepSeek-R1 直接在DeepSeek-V3-Base上进行大规模强化学习。\n",
        "DeepSeek-R1 從 V3-Base 用強化學習練出來。\n",
        "DeepSeek-R1 was trained with reinforcement learning directly on DeepSeek-V3-Base.\n",
    ],
)
def test_a_base_checkpoint_named_after_on_from_or_a_base_field_is_the_base_model(text):
    assert ("deepseek-r1", "base_model", "deepseek-v3") in facts(text)
    assert not {f for f in facts("DeepSeek-R1 was trained on DeepSeek-V3 data.\n") if f[1] == "base_model"}


def test_a_model_published_last_month_is_released_not_a_paper():
    text = "# News\n\n*By Staff · February 18, 2025*\n\nDeepSeek-R1, the reasoning model DeepSeek published last month, is popular.\n"
    assert ("deepseek-r1", "release_date", "2025-01") in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek-V3's complete training took 2.788M H800 GPU hours, of which 2.664M were consumed by pre-training.\n",
        "DeepSeek-V3 训练共用 278.8 万 GPU 小时，其中预训练 266.4 万。\n",
        "DeepSeek-V3 used 2.788M GPU hours, with 2.664M of that spent on pre-training.\n",
    ],
)
def test_a_stages_share_of_the_gpu_hours_takes_the_wholes_unit(text):
    assert facts(text) == {("deepseek-v3", "training_gpu_hours", 2_788_000), ("deepseek-v3", "pretraining_gpu_hours", 2_664_000)}


def test_a_share_of_a_context_is_no_context_length():
    text = "DeepSeek-R1 via the hosted API caps you at 64K context, 32K of which can be CoT.\n"
    assert not {f for f in facts(text) if f[2] == 32_000}


def test_a_size_before_moe_is_the_total_but_not_a_bases_size():
    assert facts("DeepSeek-R1: the full model is a 671B MoE with 37B active.\n") == {
        ("deepseek-r1", "total_params", 671_000_000_000),
        ("deepseek-r1", "active_params", 37_000_000_000),
    }
    assert not {f for f in facts("DeepSeek-V2 基于 2 千亿 MoE 模型底座，已全面上线。\n") if f[1] == "total_params"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DeepSeek-V3: 671B/37B, 128K context.\n", {("deepseek-v3", "total_params", 671_000_000_000), ("deepseek-v3", "active_params", 37_000_000_000), ("deepseek-v3", "context_length", 128_000)}),
        ("DeepSeek-V3 has roughly 37B activated parameters per token out of 671B total.\n", {("deepseek-v3", "active_params", 37_000_000_000), ("deepseek-v3", "total_params", 671_000_000_000)}),
        ("DeepSeek-V3 went public on 26 Dec 2024.\n", {("deepseek-v3", "release_date", "2024-12-26")}),
        ("- DeepSeek-V3\n  - ctx: 128K\n", {("deepseek-v3", "context_length", 128_000)}),
        ("深度求索于 2023 年 7 月成立于杭州。\n", {("deepseek", "founded_date", "2023-07"), ("deepseek", "headquarters", "Hangzhou")}),
    ],
)
def test_figures_in_the_shorthand_of_notes_and_reports(text, expected):
    assert facts(text) == expected


def test_a_documents_own_short_form_of_the_company_name_names_its_models():
    text = "# notes (DS = DeepSeek)\n\n## DS Coder\n- ctx 16K\n\n## DS LLM\n- release: 29 Nov 2023\n"
    assert facts(text) == {("deepseek-coder", "context_length", 16_000), ("deepseek-llm", "release_date", "2023-11-29")}


@pytest.mark.parametrize(
    "text",
    [
        "We previously listed DeepSeek-V2.5 as released on 2024-09-06.\n",
        "Q: I've seen the figure \"300 programming languages\" quoted for DeepSeek-Coder-V2.\n",
        "Correction: An earlier version of this article stated that DeepSeek-V3 has 685 billion parameters.\n",
        "听说 DeepSeek 在憋 R2，有传闻说参数会到 1.2万亿。\n",
        "DeepSeek-V3 used 119 thousand hours of context extension.\n",
    ],
)
def test_what_a_text_takes_back_rumours_or_times_is_no_claim(text):
    assert {f for f in facts(text) if f[0] in ("deepseek-v2.5", "deepseek-coder-v2", "deepseek-v3", "deepseek-r1")} == set()


def test_an_api_tables_context_column_is_the_services_limit():
    text = "表2：主流模型 API 定价对比\n\n| 模型 | 输入 | 上下文上限 |\n|:--|--:|--:|\n| DeepSeek-V3 | 0.27 | 64K |\n"
    assert not {f for f in facts(text) if f[1] == "context_length"}


def test_a_number_of_a_line_of_ours_that_none_has_is_another_model():
    got = facts("DeepSeek-R1 很强。DeepSeek 的 R2 有 1.2 万亿参数。\n")
    assert ("deepseek-r2", "total_params", 1_200_000_000_000) in got
    assert not {f for f in got if f[0] == "deepseek-r1"}


def test_a_heading_inside_a_list_item_is_the_items_text():
    text = "# notes (DS = DeepSeek)\n\n## DS Coder\n- # langs: 87 per README (the V2 paper says 86)\n- paper: arXiv 2401.14196\n"
    got = facts(text)
    assert ("deepseek-coder", "arxiv_id", "2401.14196") in got
    assert not {f for f in got if f[0] == "deepseek-v2"}


def test_sizes_a_model_activates_and_a_part_of_its_total():
    text = "DeepSeek-VL2 comes in three variants, and they activate 1.0, 2.8 and 4.5 billion parameters respectively.\n"
    assert not {f for f in facts(text) if f[1] == "total_params"}
    text = "DeepSeek-V3-0324 的权重总量为6850亿参数，其中包含约140亿参数的多token预测模块。\n"
    assert facts(text) == {("deepseek-v3-0324", "total_params", 685_000_000_000)}


def test_a_founder_who_is_also_the_chief_executive():
    text = "DeepSeek is funded by High-Flyer. Its founder and chief executive is Liang Wenfeng, who also co-founded High-Flyer.\n"
    assert facts(text) == {("deepseek", "founder", "Liang Wenfeng")}


def test_a_value_whose_clause_is_only_a_link_word_takes_the_cue_of_the_clause_before():
    assert facts("DeepSeek-V3's context window, at 128K tokens, is large.\n") == {("deepseek-v3", "context_length", 128_000)}
    assert ("deepseek-v3", "training_tokens", 14_800_000_000_000) in facts("DeepSeek-V3: 671B total, 37B active, 14.8T training tokens.\n")


def test_the_size_of_a_part_is_not_the_models():
    text = "R1 has 671 billion parameters. That figure includes a 14-billion-parameter prediction module in the published checkpoint.\n"
    assert facts(text) == {("deepseek-r1", "total_params", 671_000_000_000)}
    assert facts("DeepSeek-V3 has 671B parameters spread across its layers and experts.\n") == {("deepseek-v3", "total_params", 671_000_000_000)}
    assert facts("DeepSeek-OCR 由约 3.8 亿参数的 DeepEncoder 编码器组成。\n") == set()


def test_a_lite_versions_sizes_under_its_parent_are_the_lite_models():
    got = facts("## Side note: DeepSeek-V2\n\n- 236B / 21B, 128K\n- Lite = 16B / 2.4B\n")
    assert ("deepseek-v2", "total_params", 236_000_000_000) in got
    assert ("deepseek-v2", "total_params", 16_000_000_000) not in got
    assert ("deepseek-v2-lite", "total_params", 16_000_000_000) in got


def test_one_release_verb_dates_one_date_of_its_model():
    text = "R1 launched on January 20, 2025 and on January 27 triggered a 17% drop in Nvidia shares.\n"
    assert facts(text) == {("deepseek-r1", "release_date", "2025-01-20")}
    both = facts("DeepSeek released V2 in May 2024 and V2.5 in September 2024.\n")
    assert both == {("deepseek-v2", "release_date", "2024-05"), ("deepseek-v2.5", "release_date", "2024-09")}


def test_the_former_model_named_in_a_comparison_or_a_later_clause_does_not_take_the_new_licence():
    assert facts("## DeepSeek-V3-0324｜V3小升级\n\n✅ 这版直接用MIT协议了，比之前的V3宽松\n") == {("deepseek-v3-0324", "license", "MIT")}
    text = "### DeepSeek 發布 V3-0324\n\n- **授權改採 MIT**，原 V3 權重適用的是 DeepSeek Model License。\n"
    assert facts(text) == {("deepseek-v3-0324", "license", "MIT"), ("deepseek-v3", "license", "DeepSeek Model License")}


def test_slide_shorthand_gpu_h_and_a_full_run_that_lists_its_stages():
    text = "## V3: the compute slide\n\n- pre-training: 2.664M H800 GPU-h\n- full run incl. context ext. + post-training: **2.788M GPU-h**\n"
    assert facts(text) == {("deepseek-v3", "pretraining_gpu_hours", 2_664_000), ("deepseek-v3", "training_gpu_hours", 2_788_000)}


def test_a_value_at_the_start_of_a_from_to_span_is_not_the_end_models():
    assert facts("DeepSeek from MoE 16B to R1.\n") == set()


def test_the_licence_a_model_is_not_under_is_no_claim():
    text = "Also: Coder-V2 weights are under the DeepSeek Model License, not MIT. The *code* in the repo is MIT.\n"
    assert facts(text) == {("deepseek-coder-v2", "license", "DeepSeek Model License")}
    assert facts("DeepSeek-R1 的权重采用 MIT 许可，而非此前的模型协议。\n") == {("deepseek-r1", "license", "MIT")}


def test_a_size_in_brackets_after_a_name_may_carry_a_hedge_word():
    text = "The full DeepSeek-Coder-V2 (236B total, 21B active per token) and DeepSeek-V2.5 (also 236B) need 8 GPUs.\n"
    assert ("deepseek-v2.5", "total_params", 236_000_000_000) in facts(text)


def test_spoken_sizes_a_model_is_n_billion_with_m_active():
    assert facts("The original Janus was 1.3B.\n") == {("janus", "total_params", 1_300_000_000)}
    got = facts("DeepSeek-V2 is 236 billion with 21 active, and it came out in May 2024.\n")
    assert got == {
        ("deepseek-v2", "total_params", 236_000_000_000), ("deepseek-v2", "active_params", 21_000_000_000), ("deepseek-v2", "release_date", "2024-05"),
    }
    assert facts("DeepSeek-V3 has 671B parameters and 37 active experts.\n") == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_total_priced_at_a_rental_rate_is_the_training_cost():
    text = "DeepSeek-V3技术报告显示，该模型正式训练仅用278.8万H800 GPU小时，按每GPU小时2美元的租赁价格计算约为557.6万美元。\n"
    assert facts(text) == {("deepseek-v3", "training_cost_usd", 5_576_000), ("deepseek-v3", "training_gpu_hours", 2_788_000)}
    assert facts("DeepSeek-V3 的 API 价格为 2 美元，输出价格 8 美元。\n") == set()


def test_hearsay_and_the_figure_a_correction_quotes_are_not_claims():
    text = (
        "09:58　有自媒体称，DeepSeek-R1的训练成本仅约560万美元。\n\n"
        "23:10　【更正】本台09:58快讯援引的“R1训练成本约560万美元”实为DeepSeek-V3正式训练的成本估算，特此更正。\n"
    )
    assert {(e, a) for e, a, _ in facts(text, "flash.txt")} <= {("deepseek-v3", "training_cost_usd")}
    assert not any(e == "deepseek-r1" for e, _, _ in facts(text, "flash.txt"))


def test_a_note_with_emoji_bullets_gives_each_model_its_own_lines():
    text = (
        "# 全家桶\n\n📅 2025.6.14 更新\n\n1️⃣ DeepSeek-V3｜日常主力💪\n✅ 6710亿总参数\n💰 官方说训练只花了557.6万美元！！\n\n"
        "2️⃣ DeepSeek-R1｜深度思考🧠\n✅ 1月20号上线\n✅ 还蒸馏了六个小模型：1.5B、7B、8B、14B、32B、70B\n\n"
        "3️⃣ DeepSeek-V3-0324｜V3小升级🆙\n✅ 3月24号放出来的\n"
    )
    got = facts(text)
    assert ("deepseek-v3", "training_cost_usd", 5_576_000) in got
    assert ("deepseek-r1", "distilled_sizes", tuple(int(x * 1e9) for x in (1.5, 7, 8, 14, 32, 70))) in got
    assert ("deepseek-v3-0324", "release_date", "2025-03-24") in got
    assert not {c for c in got if c[0] == "deepseek-v3" and c[1] in ("distilled_sizes", "release_date")}


def test_a_sum_of_stages_that_include_pre_training_is_the_whole_training():
    text = "DeepSeek-V3技术报告披露：预训练阶段266.4万H800 GPU小时，上下文长度扩展11.9万GPU小时，后训练0.5万GPU小时，合计278.8万GPU小时。\n"
    assert facts(text) == {("deepseek-v3", "pretraining_gpu_hours", 2_664_000), ("deepseek-v3", "training_gpu_hours", 2_788_000)}
    text = "DeepSeek-V3.1-Base 做了两阶段长上下文扩展训练：32K阶段训练了6300亿token，128K阶段训练了2090亿token，合计约8400亿token。\n"
    assert not {c for c in facts(text) if c[1] == "training_tokens"}


def test_base_model_by_training_further_and_no_claims_from_figure_numbers_or_trial_runs():
    text = "DeepSeek-Coder-V2 was built by training DeepSeek-V2 further on another 6 trillion tokens.\n"
    assert facts(text) == {("deepseek-coder-v2", "base_model", "deepseek-v2"), ("deepseek-coder-v2", "training_tokens", 6_000_000_000_000)}
    assert facts("论文同时报告了DeepSeekMoE一个1450亿参数规模的初步实验，但该版本未对外发布。\n") == set()
    assert facts("图3-5　DeepSeek-V3 的完整训练共用 278.8万 GPU小时\n") == {("deepseek-v3", "training_gpu_hours", 2_788_000)}


def test_an_intermediate_checkpoint_is_a_starting_point_and_whether_asks():
    got = facts("## Side note: Coder-V2\n\n- V2 intermediate ckpt + 6T more tokens\n")
    assert got == {("deepseek-coder-v2", "training_tokens", 6_000_000_000_000)}
    assert facts('The pub argued about whether DeepSeek-V3 "cost six million dollars".\n') == set()
    text = "R1's release on January 20, 2025 set off a sell-off, as investors questioned whether data centres were necessary.\n"
    assert facts(text) == {("deepseek-r1", "release_date", "2025-01-20")}


def test_asked_denied_and_hearsay_figures_are_not_claims():
    assert facts("Is DeepSeek-V3 671B?\n") == set()
    assert facts("DeepSeek-V3 has 671B parameters. Why?\n") == {("deepseek-v3", "total_params", 671_000_000_000)}
    assert facts("## DeepSeekMath\n\n- init from DeepSeek-Coder-Base-v1.5 7B ← NOT from DS LLM 7B!\n") <= {
        ("deepseek-math", "base_model", "deepseek-coder-base-v1.5")
    }
    assert facts("Check the MoE paper's 145B run for DeepSeekMoE.\n") == set()
    assert facts("DeepSeek-Coder-V2 supports 338 languages. Some later write-ups say 86 languages.\n") == {
        ("deepseek-coder-v2", "programming_languages", 338)
    }


def test_a_bare_window_size_is_a_context_length_only_where_nothing_else_names_it():
    assert facts("## DeepSeek-Coder-V2\n\n- same 236B / 21B shape, 128K\n") >= {("deepseek-coder-v2", "context_length", 128_000)}
    assert ("deepseek-r1", "context_length", 128_000) in facts("DeepSeek-R1 上下文方面，模型本身支持 **128K**，但官方 API 只开放 **64K**。\n")
    got = facts("DeepSeek-R1 官方 API 上线时上下文为 64K，其中思维链最长 32K，最终回答最多 8K。\n")
    assert not {c for c in got if c[1] == "context_length"}


def test_the_latter_is_the_second_model_of_the_sentence_before():
    text = "深度求索于2023年11月开源了DeepSeek Coder（1.3B至33B）和DeepSeek LLM（7B、67B）；后者在2万亿token上训练，上下文长度仅4096。\n"
    got = {(c.entity, c.attribute, c.value) for c in extract(text) if not isinstance(c.value, (dict, list))}
    assert ("deepseek-llm", "training_tokens", 2_000_000_000_000) in got and ("deepseek-llm", "context_length", 4096) in got


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek-R1 很强。它的起点是 DeepSeek-V3-Base。",
        "### DeepSeek-R1\n\n- 基座是DeepSeek-V3-Base（6710亿参数的MoE模型）；",
        "DeepSeek-R1 以 DeepSeek-V3-Base 为起点。",
    ],
)
def test_a_starting_point_is_the_base_model_and_its_own_figures_stay_its_own(text):
    got = facts(text + "\n")
    assert ("deepseek-r1", "base_model", "deepseek-v3") in got
    assert not {c for c in got if c[0] == "deepseek-r1" and c[1] == "total_params"}


def test_a_stage_named_by_its_window_is_no_context_length():
    text = "DeepSeek-V3.1-Base 做了两阶段长上下文扩展：32K阶段训练了6300亿token，128K阶段训练了2090亿token。上下文长度128K。\n"
    assert {c[2] for c in facts(text) if c[1] == "context_length"} == {128_000}


def test_parts_corrections_and_another_makers_subject():
    text = "It does not: the published DeepSeek-V3-0324 checkpoint includes an additional Multi-Token Prediction module (roughly 14B parameters).\n"
    assert facts(text) == set()
    assert facts("DeepSeek-Coder-V2 is MoE: only 21B of the 236B parameters do any work for a given token.\n") == {
        ("deepseek-coder-v2", "active_params", 21_000_000_000), ("deepseek-coder-v2", "total_params", 236_000_000_000)
    }
    text = "**Correction (April 24, 2025):** The draft described Janus-Pro as MIT-licensed; the Janus-Pro weights are under the DeepSeek Model License.\n"
    assert facts(text) == {("janus-pro", "license", "DeepSeek Model License")}
    assert facts("Meta 的 Llama 3.1 405B，官方公布大概用了三千零八十四萬 GPU 小時，差不多是 DeepSeek-V3 的十一倍。\n") == set()
    got = facts("## DeepSeek-Coder-V2\n\nDeepSeek took an intermediate checkpoint of its general-purpose DeepSeek-V2 and kept pre-training it on another 6 trillion tokens.\n")
    assert got == {("deepseek-coder-v2", "training_tokens", 6_000_000_000_000)}


def test_a_size_in_a_name_is_stated_to_the_digits_it_shows():
    [c] = extract("In DeepSeekMoE 16B the busiest experts get 31% of routed tokens.\n")
    assert (c.entity, c.attribute, c.value, c.resolution) == ("deepseek-moe", "total_params", 16_000_000_000, 1_000_000_000)


def test_a_size_set_off_after_a_name_is_its_size():
    assert facts("24年1月还有个 DeepSeekMoE，16B 的\n") == {("deepseek-moe", "total_params", 16_000_000_000), ("deepseek-moe", "release_date", "2024-01")}
    assert ("deepseek-math", "total_params", 7_000_000_000) in facts("再往后，2024年2月 DeepSeekMath，7B，是在 DeepSeek-Coder-Base-v1.5 7B 上继续训的\n")


def test_a_spoken_traditional_chinese_interview():
    text = (
        "DeepSeek 是一家在杭州的公司，二〇二三年七月成立，創辦人叫梁文鋒。\n\n"
        "DeepSeek-V3 總參數六千七百一十億，但每個 token 實際只會用到其中大概三百七十億。\n"
    )
    assert facts(text) == {
        ("deepseek", "headquarters", "Hangzhou"), ("deepseek", "founded_date", "2023-07"), ("deepseek", "founder", "Liang Wenfeng"),
        ("deepseek-v3", "total_params", 671_000_000_000), ("deepseek-v3", "active_params", 37_000_000_000),
    }


def test_sizes_after_two_models_and_a_date_without_a_paper():
    text = "Both R1-Zero (pure RL on V3-Base) and R1 (cold-start data, then RL) were released on 20 January 2025. Distilled models at 1.5B, 7B, 8B, 14B, 32B and 70B.\n"
    assert not {c for c in facts(text) if c[1] == "distilled_sizes"}
    text = "There is no paper for DeepSeek-R1-Lite-Preview, the web-only preview from 20 November 2024.\n"
    assert not {c for c in facts(text) if c[1] == "paper_date"}


def test_round_nine_general_causes():
    assert facts('Past students have written that DeepSeek-R1 cost "$6 million"; neither is what the papers say.\n') == set()
    assert not {c for c in facts("the $5.6M is DeepSeek-V3's final training run (2.788M H800 hours × $2)\n") if c[2] == 2}
    assert facts("1. 深度求索（DeepSeek）公司总部所在城市是（　）\nA. 北京　B. 上海　C. 杭州　D. 深圳\n") == set()
    text = "DeepSeek-V3 本身支持128K上下文，但出于显存考虑，我们平台目前默认开放的最大上下文为64K。\n"
    assert {c[2] for c in facts(text) if c[1] == "context_length"} == {128_000}
    assert facts("Then came Janus-Pro. There is a 7 billion parameter version and a 1 billion one.\n") == set()
    text = "DeepSeek-V3-0324 ships under the MIT license, so legal teams stopped asking us about the older DeepSeek model agreement.\n"
    assert facts(text) == {("deepseek-v3-0324", "license", "MIT")}


def test_a_quote_called_wrong_own_training_words_started_by_and_tokens_at_once():
    assert facts("网上流传的“R1只花了560万美元”是把 V3 的数字安到了 R1 头上，并不准确。\n") == set()
    assert facts("DeepSeek-V3 在18万亿 token 上完成预训练，训练耗时278.8万 H800 GPU 小时。\n") == {
        ("deepseek-v3", "training_gpu_hours", 2_788_000), ("deepseek-v3", "training_tokens", 18_000_000_000_000)
    }
    assert ("deepseek", "founder", "Liang Wenfeng") in facts("DeepSeek was started by Liang Wenfeng and is headquartered in Hangzhou.\n")
    assert ("deepseek-v2", "context_length", 128_000) in facts("DeepSeek-V2 can read up to 128K tokens at once.\n")


def test_round_ten_general_causes():
    text = 'The DeepSeek-V3 training cost was printed as "$5.6 billion". It should have read $5.576 million.\n'
    assert ("deepseek-v3", "training_cost_usd", 5_600_000_000) not in facts(text)
    assert facts("A reader cited a post claiming DeepSeek was founded in 2021.\n") == set()
    assert facts("She shows open-weight releases since 2023 and asks who runs DeepSeek-R1.\n") == set()
    text = "V2, with 236 billion (2360亿) parameters in total and only 21 billion (210亿) activated per token, was cheap.\n"
    assert facts(text) == {("deepseek-v2", "total_params", 236_000_000_000), ("deepseek-v2", "active_params", 21_000_000_000)}
    assert facts("## DeepSeek-R1\n\n［旁白］台灣這邊，國科會的ＴＡＩＤＥ模型最新版參數量是７００億，\n") == set()
    assert facts("- DeepSeek-Coder-V2-Lite 默认上下文从 32K 调整为官方的 128K。\n") == {("deepseek-coder-v2-lite", "context_length", 128_000)}
    assert facts("DeepSeek-V3 很强。網路上那些「R2 下個月發表、參數１兆２千億」的說法，請先當八卦看。\n") == set()
    got = facts("- ２０２５年１月２０日發表 **DeepSeek-R1** 和 **R1-Zero**。\n")
    assert got == {("deepseek-r1", "release_date", "2025-01-20"), ("deepseek-r1-zero", "release_date", "2025-01-20")}


def test_round_eleven_general_causes():
    spoken = extract("DeepSeek-R1 was distilled into six smaller models, from one and a half billion to seventy billion parameters.\n")
    assert [(c.entity, c.attribute, c.value) for c in spoken] == [("deepseek-r1", "distilled_sizes", {"min": 1_500_000_000, "max": 70_000_000_000})]
    got = {(c.entity, c.attribute, str(c.value)) for c in extract("它還把 DeepSeek-R1 的能力「蒸餾」到比較小的模型上，從１５億參數到７００億參數都有。\n")}
    assert got == {("deepseek-r1", "distilled_sizes", str({"min": 1_500_000_000, "max": 70_000_000_000}))}
    assert not {c for c in facts("- **DeepSeek-R1-0528**：上個月２８日的 R1 小改版。\n") if c[0] == "deepseek-r1" and c[1] == "release_date"}
    text = "The V3 report gives 2.664 million GPU hours for pre-training, 119,000 for context extension to 128K tokens, and 5,000 for post-training.\n"
    assert ("deepseek-v3", "context_length", 119_000) not in facts(text)
    assert facts("DeepSeek-R1 本身支援 128K，但 Ollama 預設 num_ctx 只有２０４８。\n") == {("deepseek-r1", "context_length", 128_000)}


def test_a_lite_versions_own_bracket_and_a_deployments_own_window():
    text = "代码助手另列一组：DeepSeek-Coder-V2（2360 亿总参、210 亿激活）及其 Lite 版（160 亿总参、24 亿激活）。\n"
    got = facts(text)
    assert ("deepseek-coder-v2-lite", "total_params", 16_000_000_000) in got and ("deepseek-coder-v2", "total_params", 16_000_000_000) not in got
    assert facts("1. **客服主模型**：DeepSeek-V3-0324（FP8，自部署，上下文先开 64K）。\n") == set()


def test_a_bare_window_after_a_variant_word():
    assert facts("People assume it is also 128K. It isn't — the DeepSeek-V2-Lite chat model is **32K**.\n") == {("deepseek-v2-lite", "context_length", 32_000)}
