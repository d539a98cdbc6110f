"""Golden tests: facts a careful reader finds in the five seed documents must be extracted.

Each row is what the document says (not what is true), with the exact value normalized per the
contract. A row failing means the parsers lost a fact they used to find.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dsfacts.extract.engine import extract_document
from dsfacts.sources import read_document

SOURCES = Path(__file__).resolve().parents[1] / "sources"
B = 1_000_000_000

EXPECTED = [
    # 000: a timeline with bold section titles
    ("000", "deepseek", "founded_date", "2023-07"),
    ("000", "deepseek", "headquarters", "Hangzhou"),
    ("000", "deepseek-coder", "release_date", "2023-07"),
    ("000", "deepseek-llm", "release_date", "2023-07"),
    ("000", "deepseek-llm", "variant_sizes", [7 * B, 67 * B]),
    ("000", "deepseek-v2", "total_params", 236 * B),
    ("000", "deepseek-v3", "total_params", 671 * B),
    ("000", "deepseek-v3", "training_cost_usd", 5_576_000),
    ("000", "deepseek-v3", "release_date", "2024-12-26"),
    ("000", "deepseek-v3-0324", "total_params", 685 * B),
    ("000", "deepseek-v3-0324", "release_date", "2025-03-24"),
    ("000", "janus-pro", "variant_sizes", [1 * B, 7 * B]),
    # 001: "一、…" titles and "label:value" lines
    ("001", "deepseek-coder", "release_date", "2023-11-02"),
    ("001", "deepseek-llm", "release_date", "2023-11-29"),
    ("001", "deepseek-llm", "total_params", 67 * B),
    ("001", "deepseek-llm", "variant_sizes", [7 * B, 67 * B]),
    ("001", "deepseek-v2", "release_date", "2024-05-07"),
    ("001", "deepseek-v2", "total_params", 236 * B),
    ("001", "deepseek-v3", "release_date", "2024-12-26"),
    ("001", "deepseek-v3", "total_params", 671 * B),
    ("001", "deepseek-v3", "active_params", 37 * B),
    ("001", "deepseek-r1", "release_date", "2025-01-20"),
    ("001", "deepseek-r1", "distilled_sizes", {"min": 1.5 * B, "max": 70 * B}),
    ("001", "janus-pro", "release_date", "2025-01-28"),
    ("001", "janus-pro", "variant_sizes", [1 * B, 7 * B]),
    ("001", "deepseek-math", "base_model", "deepseek-coder-v1.5"),
    ("001", "deepseek-math", "training_tokens", 500 * B),
    # 002: markdown headings, bullets, a table with compound cells
    ("002", "deepseek-v2", "release_date", "2024-05"),
    ("002", "deepseek-v2", "total_params", 236 * B),
    ("002", "deepseek-v2", "active_params", 21 * B),
    ("002", "deepseek-v2", "context_length", 128_000),
    ("002", "deepseek-coder-v2", "release_date", "2024-06"),
    ("002", "deepseek-coder-v2", "programming_languages", 338),
    ("002", "deepseek-coder-v2", "total_params", 236 * B),
    ("002", "deepseek-v3", "release_date", "2024-12"),
    ("002", "deepseek-v3", "total_params", 671 * B),
    ("002", "deepseek-v3", "active_params", 37 * B),
    ("002", "deepseek-v3", "training_gpu_hours", 2_780_000),
    ("002", "deepseek-v3", "training_cost_usd", 5_570_000),
    ("002", "deepseek-v3", "arxiv_id", "2501.12948"),
    ("002", "deepseek-r1", "release_date", "2025-01"),
    ("002", "deepseek-r1", "base_model", "deepseek-v3"),
    ("002", "deepseek-r1", "distilled_sizes", [1.5 * B, 7 * B, 14 * B, 32 * B]),
    ("002", "deepseek-r1", "distilled_sizes", [8 * B, 70 * B]),
    # 003: a long blog with a draw.io diagram whose labels are HTML-escaped
    ("003", "deepseek", "founded_date", "2023-07-17"),
    ("003", "deepseek", "founder", "Liang Wenfeng"),
    ("003", "deepseek-v3", "release_date", "2024-12-26"),
    ("003", "deepseek-v3", "total_params", 670 * B),
    ("003", "deepseek-v3", "total_params", 671 * B),
    ("003", "deepseek-v3", "active_params", 37 * B),
    ("003", "deepseek-v3", "training_tokens", 14_800 * B),
    ("003", "deepseek-v3", "training_cost_usd", 5_576_000),
    ("003", "deepseek-v3", "arxiv_id", "2412.19437"),
    ("003", "deepseek-v2", "total_params", 236 * B),
    ("003", "deepseek-v2", "active_params", 21 * B),
    ("003", "deepseek-v2", "active_params", 2.1 * B),
    ("003", "deepseek-v2", "training_tokens", 8_100 * B),
    ("003", "deepseek-coder", "release_date", "2023-11"),
    ("003", "deepseek-coder", "variant_sizes", {"min": 1 * B, "max": 33 * B}),
    ("003", "deepseek-coder-v2", "programming_languages", 338),
    ("003", "deepseek-llm", "total_params", 67 * B),
    ("003", "deepseek-llm", "training_tokens", 2_000 * B),
    ("003", "deepseek-vl", "variant_sizes", [1.3 * B, 7 * B]),
    ("003", "deepseek-r1-lite", "release_date", "2024-11-20"),
    ("003", "janus-pro", "license", "MIT"),
    # 004: indented outline and a tab-separated table
    ("004", "deepseek", "founded_date", "2023-07"),
    ("004", "deepseek", "headquarters", "Hangzhou"),
    ("004", "deepseek", "founder", "Liang Wenfeng"),
    ("004", "deepseek-llm", "paper_date", "2024-01"),
    ("004", "deepseek-coder", "paper_date", "2024-01"),
    ("004", "deepseek-coder", "variant_sizes", {"min": 1.3 * B, "max": 33 * B}),
    ("004", "deepseek-v3", "training_gpu_hours", 2_788_000),
    ("004", "deepseek-v3", "training_tokens", 14_800 * B),
    ("004", "deepseek-v3", "arxiv_id", "2412.19437"),
    ("004", "deepseek-r1", "arxiv_id", "2501.12948"),
    ("004", "deepseek-coder-v2", "paper_date", "2024-06"),
    ("004", "deepseek-coder-v2", "base_model", "deepseek-v2"),
    ("004", "deepseek-r1", "license", "MIT"),
    ("004", "deepseek-v2", "training_tokens", 8_100 * B),
]

NOT_EXPECTED = [
    # 685B belongs to V3-0324, never to V3; Llama's GPU hours are not V3's
    ("000", "deepseek-v3", "total_params", 685 * B),
    ("003", "deepseek-v3", "training_gpu_hours", 30_800_000),
    ("003", "deepseek-v3", "training_cost_usd", 760_000),
]


@pytest.fixture(scope="module")
def claims_by_doc():
    out = {}
    for path in sorted(SOURCES.glob("*.txt")):
        out[path.name[:3]] = extract_document(read_document(path))
    return out


def _same(a, b) -> bool:
    if isinstance(b, list):
        return isinstance(a, list) and sorted(float(x) for x in a) == sorted(float(x) for x in b)
    if isinstance(b, dict):
        return isinstance(a, dict) and float(a["min"]) == b["min"] and float(a["max"]) == b["max"]
    if isinstance(b, (int, float)) and isinstance(a, (int, float)):
        return abs(a - b) <= 1e-9 * max(abs(b), 1)
    return a == b


@pytest.mark.parametrize(("doc", "entity", "attribute", "value"), EXPECTED)
def test_seed_fact_is_extracted(claims_by_doc, doc, entity, attribute, value):
    got = [c.value for c in claims_by_doc[doc] if c.entity == entity and c.attribute == attribute]
    assert any(_same(v, value) for v in got), f"{doc}: {entity}.{attribute} = {value!r} not found; got {got!r}"


@pytest.mark.parametrize(("doc", "entity", "attribute", "value"), NOT_EXPECTED)
def test_value_of_another_entity_is_not_claimed(claims_by_doc, doc, entity, attribute, value):
    got = [c.value for c in claims_by_doc[doc] if c.entity == entity and c.attribute == attribute]
    assert not any(_same(v, value) for v in got)


def test_every_quote_is_the_file_text_on_its_line(claims_by_doc):
    for path in sorted(SOURCES.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for claim in claims_by_doc[path.name[:3]]:
            assert claim.quote in lines[claim.line - 1], (path.name, claim.line, claim.quote)
            assert lines[claim.line - 1][claim.column - 1 :].startswith(claim.raw or claim.quote[:1]) or claim.raw is None
