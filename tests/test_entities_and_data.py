"""Entity mentions and the bundled vocabularies: versions stay distinct, data files validate."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsfacts.errors import DataFileError, UnknownEntityError
from dsfacts.extract.attributes import attribute_specs, specs_from_yaml, vocabulary
from dsfacts.extract.entities import registry, registry_from_yaml
from dsfacts.segment import fold, segment
from dsfacts.sources import Document

CONTRACT_ENTITIES = ["deepseek", "deepseek-llm", "deepseek-coder", "deepseek-math", "deepseek-vl", "deepseek-moe", "deepseek-v2", "deepseek-v2-lite", "deepseek-prover", "deepseek-coder-v2", "deepseek-v2.5", "deepseek-vl2", "deepseek-r1-lite", "deepseek-v3", "deepseek-v3-0324", "deepseek-r1", "deepseek-r1-zero", "janus", "janus-pro"]
CONTRACT_ATTRIBUTES = ["release_date", "paper_date", "total_params", "active_params", "variant_sizes", "distilled_sizes", "context_length", "training_tokens", "training_gpu_hours", "training_cost_usd", "programming_languages", "founded_date"]


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entity) for m in registry().find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DeepSeek-V3 有 671B", [("DeepSeek-V3", "deepseek-v3")]),
        ("DeepSeek V3 和 deepseek-v3", [("DeepSeek V3", "deepseek-v3"), ("deepseek-v3", "deepseek-v3")]),
        ("DeepSeek V3–0324 是", [("DeepSeek V3–0324", "deepseek-v3-0324")]),
        ("`Coder-V2`和`VL2`", [("Coder-V2", "deepseek-coder-v2"), ("VL2", "deepseek-vl2")]),
        ("DeepSeek-V2.5 与 DeepSeek-V2-Lite", [("DeepSeek-V2.5", "deepseek-v2.5"), ("DeepSeek-V2-Lite", "deepseek-v2-lite")]),
        ("DeepSeek-R1-Zero 与 DeepSeek-R1", [("DeepSeek-R1-Zero", "deepseek-r1-zero"), ("DeepSeek-R1", "deepseek-r1")]),
        ("Janus-Pro-7B 和 Janus", [("Janus-Pro", "janus-pro"), ("Janus", "janus")]),
        ("深度求索（DeepSeek）", [("深度求索", "deepseek"), ("DeepSeek", "deepseek")]),
        ("DeepSeek-R1-Lite 预览版", [("DeepSeek-R1-Lite", "deepseek-r1-lite")]),
    ],
)
def test_mentions_take_the_longest_alias(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", ["DeepSeek-V4 发布", "DeepSeek-V2.7", "DeepSeek-Coder-V9", "DeepSeek-R2"])
def test_unknown_versions_are_not_mapped_to_a_known_entity(text):
    assert found(text) == []


def test_a_mention_inside_a_path_is_not_a_mention():
    assert found("open models/deepseek-ai/DeepSeek-V3/config.json") == [("deepseek-ai", "deepseek")]


def test_a_model_hub_id_names_its_model():
    assert found("see deepseek-ai/DeepSeek-V3") == [("deepseek-ai", "deepseek"), ("DeepSeek-V3", "deepseek-v3")]


@pytest.mark.parametrize("name", ["deepseek-v3", "DeepSeek V3", "v3", "DeepSeek-V3", "deepseek_v3"])
def test_resolve_is_forgiving(name):
    assert registry().resolve(name) == "deepseek-v3"


def test_resolve_company_by_chinese_name():
    assert registry().resolve("深度求索") == "deepseek"


def test_unknown_entity_gets_suggestions():
    with pytest.raises(UnknownEntityError) as e:
        registry().resolve("deepsek-v3")
    assert "deepseek-v3" in e.value.suggestions


def test_contract_entities_and_attributes_exist():
    assert set(CONTRACT_ENTITIES) <= set(registry().entities)
    assert set(CONTRACT_ATTRIBUTES) <= set(attribute_specs())


def test_every_alias_resolves_to_its_own_entity():
    for entity in registry().entities.values():
        for alias in entity.aliases:
            assert registry().resolve(alias) == entity.id, alias


def test_entity_references_in_data_exist():
    ids = set(registry().entities)
    for entity in registry().entities.values():
        if entity.predecessor:
            assert entity.predecessor in ids
        if entity.sizes_of:
            assert entity.sizes_of["entity"] in ids
            assert entity.sizes_of["attribute"] in attribute_specs()


def test_vocabulary_sections_are_complete():
    vocab = vocabulary()
    for section in ("license", "headquarters", "founder", "base_model"):
        assert vocab[section]["cues"], section
    assert all(vocab["license"]["names"].values())
    # founders and cities are read from the text, never looked up in a list of answers
    assert "names" not in vocab["founder"] and "names" not in vocab["headquarters"]


def test_malformed_data_files_are_named():
    with pytest.raises(DataFileError, match="entities.yaml"):
        registry_from_yaml("- id: a\n- id: a\n")
    with pytest.raises(DataFileError, match="needs `kinds` and `cues`"):
        specs_from_yaml("total_params: {kinds: [number]}\n")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_segment_units_point_back_into_the_text(text):
    doc = Document(source="x.md", text=text)
    for block in segment(doc):
        for i, ch in enumerate(block.text):
            # every character comes from the file (folded to its normal form), or stands for a line break
            o = block.origin(i)
            assert 0 <= o < len(text)
            assert fold(text[o]) == ch or ch in " \ufffd" or text[o] in "&\n"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_mentions_are_within_the_text(text):
    for m in registry().find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.entity in registry().entities
