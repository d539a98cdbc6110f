"""Entity linking through `extract_document`: which entity a value is about.

Order of the policies (src/dsfacts/extract/linking.py): a model named in the sentence > the
subject carried from the previous sentence of the paragraph (It / The model / 它 / 该模型) > the
list item the value sits under > the heading. Any other model's name, an unknown DeepSeek model
or another maker's, breaks inheritance; unknown DeepSeek models get their own slug id.
"""

from __future__ import annotations

import pytest

from extraction import extract, facts


def owners(text: str, attribute: str = "total_params") -> set[str]:
    return {c.entity for c in extract(text) if c.attribute == attribute}


# ---- the order of the policies -------------------------------------------------------------------


def test_explicit_mention_beats_the_heading():
    assert owners("# DeepSeek-V2\n\nDeepSeek-V3 has 671B parameters.\n") == {"deepseek-v3"}


def test_explicit_mention_beats_the_carried_subject():
    text = "DeepSeek-V2 is a strong model. DeepSeek-V3 has 671B parameters.\n"
    assert owners(text) == {"deepseek-v3"}


def test_a_pronoun_carries_the_subject_of_the_previous_sentence():
    assert facts("DeepSeek-V3 is a large model. It has 671B parameters.\n") == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_pronoun_carries_the_subject_in_chinese():
    assert facts("DeepSeek-V3 是一个大模型。它有 6710 亿参数。\n") == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_the_carried_subject_beats_the_heading():
    text = "# DeepSeek-V2\n\nDeepSeek-V3 is a newer model. It has 671B parameters.\n"
    assert owners(text) == {"deepseek-v3"}


def test_the_list_parent_beats_the_heading():
    text = "# DeepSeek-V2\n\n- DeepSeek-V3\n  - 671B parameters\n"
    assert owners(text) == {"deepseek-v3"}


def test_the_heading_is_the_last_resort():
    assert facts("# DeepSeek-V3\n\nThe model has 671B parameters.\n") == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_deeper_heading_replaces_its_sibling():
    text = "# Models\n\n## DeepSeek-V2\n\nThe model has 236B parameters.\n\n## DeepSeek-V3\n\nThe model has 671B parameters.\n"
    assert facts(text) >= {("deepseek-v2", "total_params", 236_000_000_000), ("deepseek-v3", "total_params", 671_000_000_000)}
    assert ("deepseek-v2", "total_params", 671_000_000_000) not in facts(text)


# ---- other models break inheritance -----------------------------------------------------------------


def test_a_foreign_model_sentence_gives_nothing_to_the_carried_subject():
    text = "DeepSeek-V3 is a large model. Llama 3.1 405B is another. It has 405B parameters.\n"
    assert owners(text) == set()


def test_gpt4o_breaks_the_carried_subject():
    assert extract("DeepSeek-V3 is a large model. GPT-4o is another one. It has 200B parameters.\n") == []
    text = "DeepSeek-V3 is a large model. GPT-4o is another one. It has 200B parameters. DeepSeek-V3 has 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_foreign_model_in_the_sentence_owns_its_number_not_the_heading():
    assert extract("# DeepSeek-V3\n\nQwen2.5-72B has 72B parameters.\n") == []
    text = "# DeepSeek-V3\n\nQwen2.5-72B has 72B parameters. DeepSeek-V3 has 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_foreign_model_in_chinese_text():
    assert extract("DeepSeek-V3 是一个大模型。通义千问 Qwen2.5-72B 拥有 720 亿参数。\n") == []
    text = "DeepSeek-V3 是一个大模型。通义千问 Qwen2.5-72B 拥有 720 亿参数。DeepSeek-V3 拥有 6710 亿参数。\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_unknown_deepseek_models_get_their_own_slug():
    text = "# DeepSeek-V3\n\nDeepSeek-V3.1 has 685B parameters and a 128K context.\n"
    assert facts(text) == {("deepseek-v3.1", "total_params", 685_000_000_000), ("deepseek-v3.1", "context_length", 128_000)}


def test_r1_0528_is_not_r1():
    text = "# DeepSeek-R1\n\nDeepSeek-R1-0528 was released on 2025-05-28.\n"
    assert facts(text) == {("deepseek-r1-0528", "release_date", "2025-05-28")}


def test_prover_v2_is_not_prover():
    assert owners("# DeepSeek-Prover\n\nDeepSeek-Prover-V2 has 671B parameters.\n") == {"deepseek-prover-v2"}


def test_an_unknown_model_blocks_the_carried_subject():
    text = "DeepSeek-V3 is a large model. DeepSeek-V3.1 came later. It has 685B parameters.\n"
    assert "deepseek-v3" not in owners(text)


def test_versions_are_different_entities():
    text = "DeepSeek-V3-0324 has 685B parameters. DeepSeek-Coder-V2 supports 338 programming languages.\n"
    got = facts(text)
    assert ("deepseek-v3-0324", "total_params", 685_000_000_000) in got
    assert {e for e, _, _ in got} <= {"deepseek-v3-0324", "deepseek-coder-v2"}


# ---- word boundaries -----------------------------------------------------------------------------------


def test_yi_inside_yields_is_not_a_model():
    text = "# DeepSeek-V3\n\nIt yields 37B activated parameters per token.\n"
    assert facts(text) == {("deepseek-v3", "active_params", 37_000_000_000)}


def test_yi_the_model_is_foreign():
    assert extract("# DeepSeek-V3\n\nYi-34B has 34B parameters.\n") == []


def test_meta_inside_metadata_is_not_a_maker():
    assert owners("# DeepSeek-V3\n\nThe metadata lists 671B parameters.\n") == {"deepseek-v3"}


def test_meta_the_maker_is_foreign():
    assert extract("# DeepSeek-V3\n\nMeta released a model with 405B parameters.\n") == []


# ---- tables -----------------------------------------------------------------------------------------------


def test_table_rows_are_models_and_the_header_names_the_attribute():
    text = "| Model | Params | Context |\n|---|---|---|\n| DeepSeek-V3 | 671B | 128K |\n| DeepSeek-V2 | 236B | 128K |\n"
    assert facts(text) == {
        ("deepseek-v3", "total_params", 671_000_000_000),
        ("deepseek-v3", "context_length", 128_000),
        ("deepseek-v2", "total_params", 236_000_000_000),
        ("deepseek-v2", "context_length", 128_000),
    }


def test_table_columns_are_models_and_the_row_label_names_the_attribute():
    text = "| | DeepSeek-V2 | DeepSeek-V3 |\n|---|---|---|\n| Total Params | 236B | 671B |\n| Activated Params | 21B | 37B |\n"
    assert facts(text) == {
        ("deepseek-v2", "total_params", 236_000_000_000),
        ("deepseek-v3", "total_params", 671_000_000_000),
        ("deepseek-v2", "active_params", 21_000_000_000),
        ("deepseek-v3", "active_params", 37_000_000_000),
    }


def test_other_makers_rows_of_a_comparison_table_give_nothing():
    text = "# DeepSeek-V3\n\n| Model | Params |\n|---|---|\n| DeepSeek-V3 | 671B |\n| Llama 3.1 405B | 405B |\n| Qwen2.5-72B | 72B |\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_table_claims_point_at_the_cell():
    text = "| Model | Params |\n|---|---|\n| DeepSeek-V3 | 671B |\n"
    [c] = extract(text)
    assert (c.line, c.column, c.raw) == (3, 17, "671B")


# ---- pronouns and context --------------------------------------------------------------------------------


def test_chinese_pronouns_carry_the_subject():
    assert facts("DeepSeek-V3 是一个混合专家模型。该模型总参数为 6710 亿。\n") == {("deepseek-v3", "total_params", 671_000_000_000)}
    assert facts("DeepSeek-V3 是一个混合专家模型，其总参数为 6710 亿。\n") == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_the_model_carries_the_subject():
    text = "DeepSeek-V3 is a Mixture-of-Experts model. The model has 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_foreign_model_under_a_deepseek_heading_keeps_the_model_from_the_heading():
    text = "## DeepSeek-V3\n\n### Benchmarks\n\nLlama 3.1 405B scores well. The model has 405B parameters.\n"
    assert extract(text) == []


def test_a_wrapped_chinese_sentence_points_at_the_values_line():
    text = "DeepSeek-V3 是一个强大的混合专家模型，总参数\n为 6710 亿，每个 token 激活 370 亿参数。\n"
    got = {(c.attribute, c.line, c.column, c.raw) for c in extract(text)}
    assert got == {("total_params", 2, 3, "6710 亿"), ("active_params", 2, 22, "370 亿")}


def test_a_year_in_the_parent_item_completes_a_bare_day():
    assert facts("- 2024年\n  - 12月26日：DeepSeek-V3 发布\n") == {("deepseek-v3", "release_date", "2024-12-26")}
    assert facts("- 2024\n  - Dec 26: DeepSeek-V3 released\n") == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_year_in_the_heading_completes_a_bare_day():
    assert facts("## 2024年\n\n- 12月26日：DeepSeek-V3 发布\n") == {("deepseek-v3", "release_date", "2024-12-26")}


def test_a_month_in_the_parent_item_completes_a_bare_day():
    assert facts("- 2024年12月\n  - 26日：DeepSeek-V3 发布\n") == {("deepseek-v3", "release_date", "2024-12-26")}


# ---- objects of comparisons and modifiers own nothing -------------------------------------------------


def test_a_model_named_in_a_comparison_clause_does_not_take_the_next_clauses_values():
    text = (
        "# Coder-V2\n\nDeepSeek-Coder-V2 arrived in June. The result supports 338 programming languages, "
        "up from 86 in the original DeepSeek Coder, and its context length is 128K tokens.\n"
    )
    assert facts(text) == {
        ("deepseek-coder-v2", "programming_languages", 338),
        ("deepseek-coder-v2", "context_length", 128_000),
    }


def test_a_model_after_a_preposition_in_a_later_clause_owns_nothing_but_an_opening_one_does():
    assert facts("In DeepSeek-V3, the context length is 128K.\n") == {("deepseek-v3", "context_length", 128_000)}
    assert facts("Fine-grained MoE in V3 (671B total, 37B activated).\n") == {
        ("deepseek-v3", "total_params", 671_000_000_000),
        ("deepseek-v3", "active_params", 37_000_000_000),
    }


def test_a_model_that_qualifies_another_is_not_the_subject():
    text = "# 动态\n\n2025 年 5 月 28 日官方发布了 R1 的小版本更新 DeepSeek-R1-0528。\n"
    assert facts(text) == {("deepseek-r1-0528", "release_date", "2025-05-28")}


def test_a_base_checkpoint_is_its_model_and_the_object_of_post_training():
    assert facts("DeepSeek-V3-Base has 671B parameters.\n") == {("deepseek-v3", "total_params", 671_000_000_000)}
    text = (
        "# DeepSeek-V3-0324\n\nThe model is post-trained from the same DeepSeek-V3-Base as the December release: "
        "671B total parameters.\n"
    )
    assert facts(text) == {("deepseek-v3-0324", "total_params", 671_000_000_000)}


def test_the_object_of_a_past_tense_verb_does_not_take_the_subjects_values():
    text = "DeepSeek-Coder-V2, released in June 2024, extended V2 to 338 programming languages.\n"
    assert ("deepseek-coder-v2", "programming_languages", 338) in facts(text)
    assert facts("DeepSeek released V3 with 671B parameters.\n") == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_sentence_that_echoes_a_models_name_carries_that_model():
    text = (
        "DeepSeek released its first model, DeepSeek Coder, in November 2023, followed by the DeepSeek LLM series. "
        "The LLM models were trained on 2 trillion tokens.\n"
    )
    assert ("deepseek-llm", "training_tokens", 2_000_000_000_000) in facts(text)


def test_a_relative_clause_belongs_to_the_model_it_follows():
    text = "# DeepSeek-VL2\n\nCompared with the first-generation DeepSeek-VL, which came in 1.3B and 7B dense sizes, VL2 tiles images.\n"
    assert facts(text) == {("deepseek-vl", "variant_sizes", (1_300_000_000, 7_000_000_000))}
    text = "Unlike GPT-4, which reportedly has 1.8T parameters, DeepSeek-V3 has 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_pronoun_opening_a_paragraph_refers_to_the_previous_paragraphs_model():
    text = (
        "## The model\n\nR1 is a reasoning model. Unlike o1, R1 ships with open weights.\n\n"
        "Under the hood it is a mixture of experts. The model has 671 billion parameters in total, "
        "but only about 37 billion of them are switched on for any token.\n"
    )
    assert facts(text) == {("deepseek-r1", "total_params", 671_000_000_000), ("deepseek-r1", "active_params", 37_000_000_000)}


def test_a_paragraph_about_another_makers_model_carries_nothing():
    text = "Meta's Llama 3.1 is dense.\n\nIt has 405 billion parameters.\n"
    assert facts(text) == set()


def test_a_model_compared_with_the_same_as_or_in_a_comparison_is_not_the_carried_subject():
    text = (
        "DeepSeek-Coder-V2 arrived in June. It supports 338 programming languages, up from 86 in the original "
        "DeepSeek Coder. It comes in two sizes, 16B and 236B, the big one using the same 21B-active configuration as V2.\n"
    )
    got = facts(text)
    assert ("deepseek-coder-v2", "variant_sizes", (16_000_000_000, 236_000_000_000)) in got
    assert not any(e in ("deepseek-coder", "deepseek-v2") for e, _, _ in got)


# ---- names with a version, designs, upgrades, introductions --------------------------------------------------


def test_a_short_name_with_a_version_is_another_unknown_model():
    text = "- **参数没变**：R1-0528 依旧是 6850 亿参数的 MoE，和老版 R1 同一个底座。\n"
    assert facts(text) == {("deepseek-r1-0528", "total_params", 685_000_000_000)}
    assert facts("V3.1 extends the context to 128K.\n") == {("deepseek-v3.1", "context_length", 128_000)}


def test_an_ordinary_word_is_not_a_short_alias():
    assert facts("DeepSeek-Prover-V2, a theorem prover, comes in 7B and 671B.\n") == {
        ("deepseek-prover-v2", "variant_sizes", (7_000_000_000, 671_000_000_000))
    }


def test_a_design_named_after_a_model_inside_another_models_sentence_owns_nothing():
    text = "DeepSeek-V3 [12] keeps the MLA + DeepSeekMoE recipe but scales it to 671B parameters.\n"
    assert facts(text) == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_the_model_an_endpoint_was_upgraded_to_is_the_subject():
    text = "### deepseek-coder upgraded to DeepSeek-Coder-V2\n\n- Supports 338 programming languages.\n"
    assert facts(text) == {("deepseek-coder-v2", "programming_languages", 338)}


def test_a_model_introduced_by_name_is_what_the_next_pronoun_refers_to():
    text = "3月24日，DeepSeek 低调更新了 V3，新版本叫 DeepSeek-V3-0324。它的许可证改成了 MIT。\n"
    assert ("deepseek-v3-0324", "license", "MIT") in facts(text)
    assert not any(e == "deepseek-v3" and a == "license" for e, a, _ in facts(text))


def test_a_starting_checkpoint_is_not_the_subject():
    text = "DeepSeek released DeepSeek-Coder-V2, continued from an intermediate V2 checkpoint with an extra 6T tokens.\n"
    assert facts(text) == {("deepseek-coder-v2", "training_tokens", 6_000_000_000_000)}


def test_an_appositive_after_a_base_model_describes_the_base():
    text = "R1 was built on top of DeepSeek-V3, a general-purpose model the company put out on December 26, 2024.\n"
    assert ("deepseek-r1", "release_date", "2024-12-26") not in facts(text)
    assert ("deepseek-v3", "release_date", "2024-12-26") in facts(text)


def test_a_model_after_of_in_an_appositive_of_another_model_owns_nothing():
    text = "- **24 March 2025** — **DeepSeek-V3-0324**, a post-training refresh of V3, now under the MIT licence.\n"
    assert ("deepseek-v3", "license", "MIT") not in facts(text)
    assert ("deepseek-v3-0324", "license", "MIT") in facts(text)


def test_a_base_models_name_in_a_base_row_gives_no_sizes():
    text = "| | Janus-Pro-1B | Janus-Pro-7B |\n|---|---|---|\n| Base LLM | DeepSeek-LLM-1.5b-base | DeepSeek-LLM-7b-base |\n"
    assert not any(e == "deepseek-llm" for e, _, _ in facts(text))


def test_the_base_checkpoint_of_a_long_context_extension_is_not_the_subject():
    text = "V3.1 总参数 6710 亿。训练上，DeepSeek 在 V3 的基座检查点上做了长文本扩展，合计约 8400 亿 token。\n"
    assert not any(e == "deepseek-v3" and a == "training_tokens" for e, a, _ in facts(text))


def test_same_shape_as_a_model_with_decimals_and_a_base_glued_to_chinese():
    text = "For coding: DeepSeek-Coder-V2-Lite-Instruct. Same 16B/2.4B shape as V2-Lite, but with a 128K context window.\n"
    assert ("deepseek-coder-v2-lite", "context_length", 128_000) in facts(text)
    assert not any(e == "deepseek-v2-lite" for e, _, _ in facts(text))
    assert facts("DeepSeek-R1 以 DeepSeek-V3-Base为基座训练。\n") == {("deepseek-r1", "base_model", "deepseek-v3")}


def test_a_versioned_name_glued_to_chinese_text_and_a_semicolon_before_a_date():
    text = "此后的DeepSeek-Prover-V1.5（2024年8月）加入了强化学习；2025年4月的Prover-V2则以DeepSeek-V3为基础，最大版本达到6710亿参数。\n"
    got = facts(text)
    assert ("deepseek-prover-v2", "total_params", 671_000_000_000) in got
    assert not any(e == "deepseek-prover-v1.5" and a == "total_params" for e, a, _ in got)


def test_a_sentence_opening_with_it_keeps_its_subject_past_the_models_it_names_as_objects():
    text = (
        "What about DeepSeek-V2.5? Everyone skips it. It merged V2-Chat and DeepSeek-Coder-V2-Instruct in "
        "September 2024 and it's still 236B total / 21B active. 128K context on paper.\n"
    )
    got = {(e, a) for e, a, _ in facts(text)}
    assert {("deepseek-v2.5", "total_params"), ("deepseek-v2.5", "active_params"), ("deepseek-v2.5", "context_length")} <= got
    assert not {f for f in got if f[0] == "deepseek-coder-v2"}


def test_a_subjectless_reply_goes_on_about_the_quoted_model():
    text = "> DeepSeekMoE 16B: the older one\n\nReleased January 11, 2024. Trained from scratch on 2T tokens. Context is 4096.\n"
    got = facts(text)
    assert ("deepseek-moe", "training_tokens", 2_000_000_000_000) in got and ("deepseek-moe", "context_length", 4096) in got


def test_a_model_in_an_aside_after_a_value_does_not_own_it_unless_it_is_the_example():
    assert ("deepseek-coder", "release_date", "2023-11") in facts("## DeepSeek Coder\n- released Nov 2023 (before DeepSeek LLM, people mix this up)\n")
    assert ("deepseek-r1", "license", "MIT") in facts("所有模型均以开源形式发布，许可包括 MIT 许可（如 DeepSeek-R1）。\n")
    assert ("deepseek-v2", "active_params", 21_000_000_000) in facts("It is a 236-billion-parameter model with 21 billion active parameters (DeepSeek-V2, May 2024).\n")


def test_the_model_a_training_run_is_of_owns_its_cost_but_a_copy_of_a_base_is_a_starting_point():
    text = "DeepSeek released R1 in January 2025. The company says the final training run of its V3 base model cost under $6 million.\n"
    assert ("deepseek-v3", "training_cost_usd", 6_000_000) in facts(text)
    assert not {c for c in facts(text) if c[0] == "deepseek-r1" and c[1] == "training_cost_usd"}
    assert ("deepseek-r1", "training_cost_usd", 294_000) in facts("R1 started from a copy of the V3 base model and cost 294,000 dollars.\n")


@pytest.mark.parametrize(
    "dialogue",
    [
        "Q: How many tokens was DeepSeek-V3 trained on?\nA: 14.8 trillion.\n",
        "**Q:** How many tokens was DeepSeek-V3 trained on?\n\n**A:** 14.8 trillion.\n",
        "HOST: How many tokens was DeepSeek-V3 trained on?\nGUEST: 14.8 trillion, by their account.\n",
        "主持人：DeepSeek-V3 用了多少训练数据？\n\n嘉宾：14.8 万亿 token。\n",
    ],
)
def test_an_answer_is_about_the_model_and_the_attribute_its_question_asks(dialogue):
    assert facts(dialogue) == {("deepseek-v3", "training_tokens", 14_800_000_000_000)}


def test_a_question_lends_its_words_only_to_the_answer_right_after_it():
    text = "Q: What did DeepSeek-V3 cost to train?\n\nA: $5.576M, by their count.\n\nSeparately, 2,048 GPUs were used.\n"
    assert facts(text) == {("deepseek-v3", "training_cost_usd", 5_576_000)}


def test_a_model_named_after_after_or_before_is_a_point_in_time_not_the_subject():
    text = "Janus-Pro, an image generation and understanding model, came out a week after R1, in 1B and 7B sizes.\n"
    assert facts(text) == {("janus-pro", "variant_sizes", (1_000_000_000, 7_000_000_000))}


def test_bulleted_lines_are_about_their_title_line_not_the_last_name_a_line_mentions():
    text = (
        "2️⃣ DeepSeek-R1｜深度思考🧠\n✅ 1月20号上线，就是让英伟达一天跌了17%的那个\n✅ 满血版 6710亿参数、激活370亿\n"
        "✅ 还蒸馏了六个小模型：1.5B、7B、8B、14B、32B、70B\n"
    )
    got = facts(text)
    assert ("deepseek-r1", "total_params", 671_000_000_000) in got and ("deepseek-r1", "active_params", 37_000_000_000) in got
    assert ("deepseek-r1", "distilled_sizes", tuple(int(x * 1e9) for x in (1.5, 7, 8, 14, 32, 70))) in got
    assert all(e == "deepseek-r1" for e, _, _ in got)


def test_a_name_after_a_model_noun_is_some_model_not_ours():
    assert facts("## DeepSeek-R1\n\n- 國科會：台灣自主大模型 TAIDE 下一版將擴大參數至７００億\n") == set()
    assert facts("The open model Falcon has 180B parameters. DeepSeek-V3 has 671B parameters.\n") == {("deepseek-v3", "total_params", 671_000_000_000)}
    assert facts("DeepSeek-V3 是一个 MoE 模型，总参数 6710 亿。\n") == {("deepseek-v3", "total_params", 671_000_000_000)}


def test_a_bracket_after_another_makers_name_holds_its_figures():
    text = "看了一圈，Qwen2-57B-A14B（总参 57B / 激活 14B，64K 上下文）和 Llama 3 8B（上下文只有 8K）都试过，最后选了 DeepSeek-V2-Lite-Chat。\n"
    assert facts(text) == set()
    assert facts("DeepSeek-V3 (671B total, 37B active) is big.\n") == {
        ("deepseek-v3", "total_params", 671_000_000_000), ("deepseek-v3", "active_params", 37_000_000_000)
    }


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek-Coder-V2 同样是 236B / 21B。它也有个 Lite 版，16B 总参、2.4B 激活。",
        "DeepSeek-Coder-V2 is big. The Lite model is the surprise: 16B parameters, of which just 2.4B are active.",
        "DeepSeek-Coder-V2: 236B total, 21B active (Lite: 16B total, 2.4B active)",
    ],
)
def test_figures_after_the_text_turns_to_the_lite_version_are_the_lite_models(text):
    got = facts(text + "\n")
    assert ("deepseek-coder-v2-lite", "total_params", 16_000_000_000) in got
    assert ("deepseek-coder-v2", "total_params", 16_000_000_000) not in got


def test_set_aside_and_updated_models_are_not_the_subject():
    assert facts("5月除了大家都知道的 V2，还有个 DeepSeek-Prover，基于 DeepSeekMath 微调\n") == {("deepseek-prover", "base_model", "deepseek-math")}
    text = "Vendor C (DeepSeek-V3-0324). The model is an update, published on 24 March 2025, of DeepSeek-V3. The weights are published under the MIT licence.\n"
    got = facts(text)
    assert ("deepseek-v3-0324", "license", "MIT") in got and ("deepseek-v3", "license", "MIT") not in got


def test_a_chat_logs_stamp_line_heads_its_message():
    text = "2025-02-05 20:33:17 阿斌@券商研究所\n先说公司吧，深度求索是2023年7月成立的\n\n2025-02-05 20:34:05 Ada\n我看有文章说 DeepSeek Coder 是 338 种\n"
    assert facts(text, "chat.txt") == {("deepseek", "founded_date", "2023-07")}


def test_a_clause_about_another_makers_based_variants_gives_our_model_nothing():
    assert facts("### C. Distilled R1 checkpoints\n\nFor the Qwen-based variants, Apache 2.0 adds a NOTICE-file obligation.\n") == set()
    assert facts("DeepSeek-R1 was trained with Llama tooling and is MIT-licensed.\n") == {("deepseek-r1", "license", "MIT")}


def test_a_lite_sibling_named_with_its_model_and_a_bracket_that_names_its_own_model():
    text = "DeepSeek-Coder-V2 and its Lite sibling both advertise a 128K context.\n"
    assert ("deepseek-coder-v2", "context_length", 128_000) in facts(text)
    text = "9.  Janus (accept Janus-Pro, 1B and 7B sizes, out on 28 January 2025).\n"
    assert ("janus-pro", "variant_sizes", (1_000_000_000, 7_000_000_000)) in facts(text)


def test_a_model_after_after_that_starts_a_clause_is_that_clauses_subject():
    text = "Janus-Pro was released on 28 January 2025, about three months after the original Janus came out in October 2024.\n"
    assert facts(text) == {("janus-pro", "release_date", "2025-01-28"), ("janus", "release_date", "2024-10")}
