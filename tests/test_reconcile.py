"""Reconciliation policies with real value pairs from the seeds, fact status, same-source merge,
truth discovery, and properties (relation is symmetric; reconcile never crashes)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsfacts import reconcile as rc
from dsfacts.models import Claim
from dsfacts.reconcile import compatible_value, explain_relation, reconcile, relation, source_trust


def cl(value, kind: str = "number", source: str = "a.txt", *, attribute: str = "x", entity: str = "deepseek-v3",
       line: int = 1, **kw) -> Claim:
    return Claim(
        entity=entity,
        attribute=attribute,
        value=value,
        kind=kind,  # type: ignore[arg-type]
        source=source,
        line=line,
        quote=kw.pop("quote", f"says {value}"),
        **kw,
    )


def d(value: str, source: str = "a.txt", **kw) -> Claim:
    return cl(value, "date", source, attribute=kw.pop("attribute", "release_date"), **kw)


def n(value, raw: str, resolution=None, qualifier=None, source: str = "a.txt", **kw) -> Claim:
    return cl(value, "number", source, raw=raw, resolution=resolution, qualifier=qualifier, **kw)


def usd(value, raw: str, resolution=None, unit: str = "USD", source: str = "a.txt") -> Claim:
    return cl(value, "money", source, attribute="training_cost_usd", raw=raw, resolution=resolution, unit=unit)


def t(value: str, source: str = "a.txt", attribute: str = "license") -> Claim:
    return cl(value, "text", source, attribute=attribute)


# ---- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2024-12", "2024-12-26", "compatible"),
        ("2024-12-26", "2024-12-26", "same"),
        ("2024-12-25", "2024-12-26", "conflict"),
        ("2024-01/2024-03", "2024-01-05", "compatible"),
        ("2023-07", "2023-11", "conflict"),
        ("2024", "2024-05", "compatible"),
        ("2023", "2024-01", "conflict"),
    ],
)
def test_date_policy(a: str, b: str, expected: str) -> None:
    assert relation(d(a), d(b)) == expected
    assert relation(d(b), d(a)) == expected


def test_date_explanations_name_the_difference() -> None:
    assert explain_relation(d("2024-12-25"), d("2024-12-26")).startswith("2024-12-25 and 2024-12-26 are different days")
    assert "2024-12 (the whole month" in explain_relation(d("2024-12"), d("2024-12-26"))
    assert "4 months apart" in explain_relation(d("2023-07"), d("2023-11"))


# ---- numbers ----------------------------------------------------------------------------------


def test_same_number_in_other_units_is_same() -> None:
    a = n(671000000000, "6710亿", 100000000)
    b = n(671000000000, "671B", 1000000000)
    c = n(671000000000, "671 billion", 1000000000)
    assert relation(a, b) == relation(b, c) == "same"
    assert explain_relation(a, b) == (
        "6710亿 = 671,000,000,000 and 671B = 671,000,000,000: the same number"
    )


def test_hedges_allow_the_precise_value() -> None:
    precise = n(2788000, "278.8万", 1000)
    assert relation(n(2780000, "约278万", 10000, "approx"), precise) == "compatible"
    assert relation(n(2800000, "不到280万", 10000, "upper_bound"), precise) == "compatible"
    assert relation(n(2800000, "超过280万", 10000, "lower_bound"), precise) == "minor"  # 0.4 % short
    assert relation(n(3000000, "超过300万", 10000, "lower_bound"), precise) == "conflict"
    assert relation(n(2700000, "超过270万", 10000, "lower_bound"), precise) == "compatible"
    assert "allows anything up to 2,800,000" in explain_relation(n(2800000, "不到280万", 10000, "upper_bound"), precise)


def test_rounding_resolution_makes_an_interval() -> None:
    # "278万" (one 万 step) covers 277.5万..278.5万; 278.8万 is just outside: a near miss.
    assert relation(n(2780000, "278万", 10000), n(2788000, "278.8万", 1000)) == "minor"
    assert relation(n(2800000, "280万", 100000), n(2788000, "278.8万", 1000)) == "compatible"


def test_near_misses_are_minor_and_far_ones_conflict() -> None:
    # issue 11: the flat 1.5 % tolerance is gone; 670B's trailing zero reads as rounding (665B-675B)
    assert relation(n(670e9, "670B", 1e9), n(671e9, "671B", 1e9)) == "compatible"
    assert relation(n(235e9, "235B", 1e9), n(236e9, "236B", 1e9)) == "minor"  # touching, 0.42 % apart
    assert relation(usd(5570000, "557万美元", 10000), usd(5576000, "557.6万美元", 1000)) == "minor"
    assert relation(usd(5500000, "550万美元", 100000), usd(5576000, "557.6万美元", 1000)) == "conflict"  # 1.4 %
    assert relation(n(21e9, "21B", 1e9), n(2.1e9, "2.1B", 1e8)) == "conflict"
    assert relation(n(64000, "64K", 1000), n(128000, "128K", 1000)) == "conflict"
    assert explain_relation(n(21e9, "21B", 1e9), n(2.1e9, "2.1B", 1e8)) == (
        "21B = 21,000,000,000 is 10× 2.1B = 2,100,000,000"
    )
    assert "(0.42%)" in explain_relation(n(235e9, "235B", 1e9), n(236e9, "236B", 1e9))


def test_money_in_other_currencies_is_never_a_conflict() -> None:
    assert relation(usd(5576000, "557.6万美元"), usd(40000000, "4000万元", unit="CNY")) == "compatible"
    assert relation(usd(5576000, "$5.576M"), usd(5576000, "557.6万美元")) == "same"


def test_number_interval_shapes() -> None:
    # no stated resolution: the amount's own digits decide, trailing zeros read as rounding
    # (to two significant digits: "100" is 95-105)
    assert rc.number_interval(Decimal(100), Decimal(0), None) == rc.Interval(Decimal(95), Decimal(105), True, True)
    assert rc.number_interval(Decimal(101), Decimal(0), None) == rc.Interval(Decimal("100.5"), Decimal("101.5"), True, True)
    approx = rc.number_interval(Decimal(100), Decimal(1), "approx")
    assert (approx.lo, approx.hi) == (Decimal(90), Decimal(110))  # 95-105, widened by 5 % of 100
    assert rc.number_interval(Decimal(100), Decimal(0), "upper_bound").lo == Decimal("-Infinity")


# ---- sizes ------------------------------------------------------------------------------------

R1_DISTILLED = [1.5e9, 7e9, 8e9, 14e9, 32e9, 70e9]


def sizes(values, source: str = "a.txt", line: int = 1) -> Claim:
    return cl(values, "sizes", source, attribute="distilled_sizes", entity="deepseek-r1", line=line)


def srange(low, high, source: str = "a.txt") -> Claim:
    return cl({"min": low, "max": high}, "range", source, attribute="distilled_sizes", entity="deepseek-r1")


def test_list_inside_range_agrees() -> None:
    assert relation(sizes(R1_DISTILLED), srange(1.5e9, 70e9)) == "compatible"
    assert relation(srange(1.5e9, 70e9), sizes(R1_DISTILLED)) == "compatible"
    assert relation(sizes([1.5e9, 671e9]), srange(1.5e9, 70e9)) == "conflict"


def test_two_lists() -> None:
    assert relation(sizes(R1_DISTILLED), sizes(list(reversed(R1_DISTILLED)))) == "same"
    assert relation(sizes([7e9, 70e9]), sizes(R1_DISTILLED)) == "compatible"
    assert relation(sizes([1e9, 7e9]), sizes([1.5e9, 7e9])) == "conflict"
    assert "1B only in the first, 1.5B only in the second" in explain_relation(sizes([1e9, 7e9]), sizes([1.5e9, 7e9]))


def test_two_ranges_need_equal_ends() -> None:
    assert relation(srange(1.5e9, 70e9), srange(1.5e9, 70e9)) == "same"
    assert relation(srange(1.5e9, 70e9), srange(7e9, 70e9)) == "conflict"


def test_same_source_lists_are_merged_before_comparing() -> None:
    qwen = sizes([1.5e9, 7e9, 14e9, 32e9], "blog.md", line=10)
    llama = sizes([8e9, 70e9], "blog.md", line=11)
    other = sizes(R1_DISTILLED, "paper.md")
    (fact,) = reconcile([qwen, llama, other])
    assert fact.status == "agreed"
    assert fact.preferred == [int(x) for x in R1_DISTILLED]
    assert len(fact.values) == 1  # one value, three lines of provenance
    assert {(c.source, c.line) for c in fact.values[0].claims} == {("blog.md", 10), ("blog.md", 11), ("paper.md", 1)}


# ---- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["MIT", "MIT License", "MIT 开源协议", "MIT 许可证", "MIT 许可", "mit license."])
def test_licence_spellings_normalize_to_mit(variant: str) -> None:
    assert rc.normalize_text(variant, "license") == "MIT"
    assert relation(t(variant), t("MIT")) == "same"


def test_different_licences_conflict() -> None:
    assert relation(t("MIT"), t("Apache 2.0")) == "conflict"


def test_base_model_names_resolve_to_entity_ids() -> None:
    a = t("DeepSeek-V3-Base", attribute="base_model")
    b = t("deepseek-v3", attribute="base_model")
    assert rc.normalize_text("DeepSeek V3", "base_model") == "deepseek-v3"
    assert relation(t("DeepSeek V3", attribute="base_model"), b) == "same"
    assert relation(a, t("DeepSeek-V2", attribute="base_model")) == "conflict"


def test_text_rules_data_file_is_valid() -> None:
    rules = rc.text_rules()
    assert rules.synonyms["mit"] == "MIT"
    with pytest.raises(rc.DataFileError):
        rc.text_rules_from_yaml("- just a list")


# ---- status -----------------------------------------------------------------------------------


def test_status_single_source_even_with_several_lines() -> None:
    (fact,) = reconcile([d("2024-12-26", "a.txt", line=3), d("2024-12-25", "a.txt", line=9)])
    assert fact.status == "single-source"
    assert fact.explanation and "only a.txt" in fact.explanation


def test_status_agreed_minor_contradiction() -> None:
    agreed = reconcile([d("2024-12", "a.txt"), d("2024-12-26", "b.txt")])[0]
    minor = reconcile([n(235e9, "235B", 1e9, source="a.txt"), n(236e9, "236B", 1e9, source="b.txt")])[0]
    contra = reconcile([d("2023-07", "a.txt"), d("2023-11", "b.txt")])[0]
    assert (agreed.status, minor.status, contra.status) == ("agreed", "minor-discrepancy", "contradiction")
    assert agreed.explanation is None
    assert minor.explanation and "0.42%" in minor.explanation
    assert contra.explanation and "different months" in contra.explanation


def test_v3_release_dates_agree_but_the_diagram_day_is_reported() -> None:
    claims = [
        d("2024-12-26", "timeline.txt"),
        d("2024-12", "report.txt"),
        d("2024-12-26", "blog.txt"),
        d("2024-12-25", "diagram.txt"),
    ]
    (fact,) = reconcile(claims)
    assert fact.status == "contradiction"
    assert fact.preferred == "2024-12-26"  # the most precise value of the supported cluster
    assert [g.value for g in fact.values][0] == "2024-12-26"
    assert fact.explanation == "2024-12-26 and 2024-12-25 are different days (1 day apart)"
    sources = {c.source for g in fact.values for c in g.claims}
    assert sources == {"timeline.txt", "report.txt", "blog.txt", "diagram.txt"}


def test_facts_are_sorted_and_separate_per_attribute() -> None:
    facts = reconcile(
        [
            d("2023-11", "a.txt", entity="deepseek-coder"),
            d("2024-01", "a.txt", entity="deepseek-coder", attribute="paper_date"),
            d("2024-12-26", "a.txt"),
        ]
    )
    assert [(f.entity, f.attribute) for f in facts] == [
        ("deepseek-coder", "paper_date"),
        ("deepseek-coder", "release_date"),
        ("deepseek-v3", "release_date"),
    ]


# ---- truth discovery --------------------------------------------------------------------------


def test_truth_discovery_prefers_the_agreed_value_and_trusts_agreeing_sources() -> None:
    claims = [
        n(671e9, "671B", 1e9, source="a.txt", attribute="total_params"),
        n(671e9, "6710亿", 1e8, source="b.txt", attribute="total_params"),
        n(685e9, "685B", 1e9, source="c.txt", attribute="total_params"),
        n(37e9, "37B", 1e9, source="a.txt", attribute="active_params"),
        n(37e9, "370亿", 1e8, source="b.txt", attribute="active_params"),
        n(21e9, "21B", 1e9, source="c.txt", attribute="active_params"),
    ]
    facts = {f.attribute: f for f in reconcile(claims)}
    assert facts["total_params"].preferred == 671000000000
    assert facts["active_params"].preferred == 37000000000
    assert facts["total_params"].confidence and facts["total_params"].confidence > facts["total_params"].values[1].trust  # type: ignore[operator]
    trust = source_trust(claims)
    assert trust["a.txt"] > trust["c.txt"] and trust["b.txt"] > trust["c.txt"]
    assert all(0 < v < 1 for v in trust.values())


def test_two_claims_from_one_source_vote_once() -> None:
    claims = [
        n(21e9, "21B", 1e9, source="loud.txt", line=1),
        n(21e9, "21B", 1e9, source="loud.txt", line=2),
        n(21e9, "21B", 1e9, source="loud.txt", line=3),
        n(2.1e9, "2.1B", 1e8, source="a.txt"),
        n(2.1e9, "2.1B", 1e8, source="b.txt"),
    ]
    (fact,) = reconcile(claims)
    assert fact.preferred == 2100000000


# ---- report data ------------------------------------------------------------------------------


def test_select_facts_orders_contradictions_first() -> None:
    facts = reconcile(
        [
            n(235e9, "235B", 1e9, source="a.txt", attribute="total_params"),
            n(236e9, "236B", 1e9, source="b.txt", attribute="total_params"),
            d("2023-07", "a.txt"),
            d("2023-11", "b.txt"),
            n(37e9, "37B", 1e9, source="a.txt", attribute="active_params"),
        ]
    )
    chosen = rc.select_facts(facts)
    assert [f.status for f in chosen] == ["contradiction", "minor-discrepancy"]
    assert rc.count_statuses(facts)["disputed"] == 2
    assert [f.attribute for f in rc.select_facts(facts, statuses=["single-source"])] == ["active_params"]


def test_parse_statuses() -> None:
    assert rc.parse_statuses(None) == ("contradiction", "minor-discrepancy")
    assert rc.parse_statuses("agreed,minor") == ("minor-discrepancy", "agreed")
    assert len(rc.parse_statuses("all")) == 4
    with pytest.raises(rc.ReportError):
        rc.parse_statuses("wrong")


def test_timeline_is_in_date_order_at_stated_precision() -> None:
    facts = reconcile([d("2024-12-26", "a.txt"), d("2023-11", "a.txt", entity="deepseek-coder"),
                       d("2024-01", "a.txt", entity="deepseek-coder", attribute="paper_date")])
    assert [f.preferred for f in rc.timeline(facts)] == ["2023-11", "2024-01", "2024-12-26"]


def test_short_number_formats() -> None:
    assert rc.short_number(Decimal(671000000000)) == "671B"
    assert rc.short_number(Decimal(14800000000000)) == "14.8T"
    assert rc.short_number(Decimal(128000)) == "128K"
    assert rc.short_number(Decimal(131072)) == "131,072"
    assert rc.format_value(5576000, "money", "USD") == "$5.576M"


# ---- properties -------------------------------------------------------------------------------

_dates = st.dates().map(lambda x: x.isoformat()) | st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(2000, 2030), st.integers(1, 12)) | st.integers(2000, 2030).map(str)
_qual = st.sampled_from([None, "approx", "upper_bound", "lower_bound"])
_num = st.integers(0, 10**13)
_res = st.sampled_from([None, 0, 1, 1000, 10000, 10**8, 10**9])


@st.composite
def claims_st(draw) -> Claim:  # type: ignore[no-untyped-def]
    kind = draw(st.sampled_from(["date", "number", "money", "sizes", "range", "text"]))
    source = draw(st.sampled_from(["a.txt", "b.txt", "c.txt"]))
    attribute = draw(st.sampled_from(["x", "license", "base_model"]))
    qualifier = None
    unit = None
    resolution = None
    if kind == "date":
        value = draw(_dates)
    elif kind in ("number", "money"):
        value = draw(_num)
        qualifier = draw(_qual)
        resolution = draw(_res)
        unit = draw(st.sampled_from(["USD", "CNY"])) if kind == "money" else None
    elif kind == "sizes":
        value = sorted(draw(st.lists(st.sampled_from([1e9, 1.5e9, 7e9, 8e9, 70e9, 671e9]), min_size=1, max_size=4, unique=True)))
    elif kind == "range":
        lo, hi = sorted(draw(st.lists(st.integers(1, 10**12), min_size=2, max_size=2)))
        value = {"min": lo, "max": hi}
    else:
        value = draw(st.sampled_from(["MIT", "MIT License", "Apache 2.0", "DeepSeek V3", "", "!!", "杭州"]))
    return Claim(entity=draw(st.sampled_from(["deepseek-v3", "deepseek-r1"])), attribute=attribute, value=value,
                 kind=kind, source=source, line=draw(st.integers(1, 5)), quote="q", qualifier=qualifier, unit=unit,
                 resolution=resolution)


@settings(max_examples=150, deadline=None)
@given(claims_st(), claims_st())
def test_relation_is_symmetric(a: Claim, b: Claim) -> None:
    assert relation(a, b) == relation(b, a)
    assert compatible_value(a, b) == compatible_value(b, a)
    assert relation(a, a) in ("same", "compatible")
    assert isinstance(explain_relation(a, b), str)


@settings(max_examples=60, deadline=None)
@given(st.lists(claims_st(), max_size=12))
def test_reconcile_never_crashes(claims: list[Claim]) -> None:
    facts = reconcile(claims)
    assert len(facts) == len({(c.entity, c.attribute) for c in claims})
    for f in facts:
        assert f.status in rc.STATUS_ORDER
        assert sum(len(g.claims) for g in f.values) >= 1
        if f.status != "agreed":
            assert f.explanation
    trust = source_trust(claims)
    assert set(trust) == {c.source for c in claims}


def test_identifiers_and_base_models_normalize() -> None:
    assert relation(t("arXiv:2412.19437v2", attribute="arxiv_id"), t("2412.19437", attribute="arxiv_id")) == "same"
    assert relation(t("2412.19437", attribute="arxiv_id"), t("2405.04434", attribute="arxiv_id")) == "conflict"
    assert rc.normalize_text("DeepSeek-V3-Base", "base_model") == "deepseek-v3"
    assert relation(t("Deepseek Model License"), t("DeepSeek License")) == "same"


def test_binary_k_context_lengths_agree() -> None:
    a = n(128000, "128K", 1000, attribute="context_length")
    b = n(131072, "131072", attribute="context_length")
    assert relation(a, b) == relation(b, a) == "compatible"
    # only context lengths are binary: as parameter counts they are 2.4 % apart, another number
    assert relation(n(128000, "128K", 1000, attribute="total_params"), n(131072, "131072", attribute="total_params")) == "conflict"


def test_a_miss_beyond_one_percent_is_another_number_not_rounding() -> None:
    # V3-0324's 685B against V3's 671B: a draft mixing the two up is contradicted, not "minor"
    assert relation(n(685_000_000_000, "685B", 1_000_000_000), n(671_000_000_000, "671B", 1_000_000_000)) == "conflict"
    assert relation(n(660_000_000_000, "660B", 1_000_000_000), n(671_000_000_000, "671B", 1_000_000_000)) == "conflict"
    assert relation(n(32000, "32k", 1000, attribute="context_length"), n(32768, "32768", attribute="context_length")) == "compatible"


def test_a_source_that_contradicts_itself_is_named() -> None:
    claims = [
        d("2024-12-26", "000.txt"),
        d("2024-12", "002.txt"),
        d("2024-12-26", "003.txt", line=192),
        d("2024-12-25", "003.txt", line=412),  # the diagram
    ]
    (fact,) = reconcile(claims)
    assert fact.status == "contradiction" and fact.preferred == "2024-12-26"
    assert fact.explanation == (
        "2024-12-26 and 2024-12-25 are different days (1 day apart) (003.txt also states 2024-12-26 elsewhere)"
    )
