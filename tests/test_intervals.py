"""Stated precision (issue 11): a number's interval from how it is written, the one agreement rule,
copy families, honest preferences and splits, and numerical safety at scale.

Properties: compatibility is symmetric, an interval agrees with itself, adding a copy of an
existing source never changes `preferred`, and the sweep relates groups exactly as all pairs do.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsfacts import reconcile as rc
from dsfacts.models import Claim
from dsfacts.reconcile import groups as groups_mod
from dsfacts.reconcile import reconcile, relation

SCALE = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12, "万": 10**4, "亿": 10**8}


def num(raw: str, source: str = "a.txt", *, qualifier=None, attribute: str = "total_params",
        entity: str = "deepseek-v3", quote: str | None = None, line: int = 1) -> Claim:
    """A number claim as the extractor writes it: value, raw, and one step of the last digit."""
    digits = raw.rstrip("".join(SCALE)).strip()
    suffix = raw[len(digits):].strip()
    decimals = len(digits.partition(".")[2])
    value = Decimal(digits) * SCALE[suffix]
    resolution = Decimal(1).scaleb(-decimals) * SCALE[suffix]
    return Claim(entity=entity, attribute=attribute, value=int(value) if value == value.to_integral_value() else float(value),
                 kind="number", source=source, line=line, quote=quote or f"{entity} has {raw}", raw=raw,
                 resolution=float(resolution), qualifier=qualifier)


def span(c: Claim) -> tuple[Decimal, Decimal]:
    iv = rc.claim_interval(c)
    assert iv is not None
    return iv.lo, iv.hi


# ---- intervals from how a number is written -------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "lo", "hi"),
    [
        ("2.8M", "2750000", "2850000"),
        ("671B", "670500000000", "671500000000"),
        ("2T", "1500000000000", "2500000000000"),
        ("278.8万", "2787500", "2788500"),
        ("670B", "665000000000", "675000000000"),  # a trailing zero reads as rounding
        ("6700亿", "665000000000", "675000000000"),
        ("2.0T", "1950000000000", "2050000000000"),  # a written decimal zero is significant
        ("300", "295", "305"),  # rounding keeps two significant digits
    ],
)
def test_interval_from_stated_precision(raw: str, lo: str, hi: str) -> None:
    assert span(num(raw)) == (Decimal(lo), Decimal(hi))


def test_hedges_widen_and_bounds_are_half_lines() -> None:
    assert span(num("2T", qualifier="approx")) == (Decimal("1.4E12"), Decimal("2.6E12"))
    lo, hi = span(num("2.8M", qualifier="upper_bound"))
    assert lo.is_infinite() and hi == 2_800_000
    lo, hi = span(num("2.8M", qualifier="lower_bound"))
    assert lo == 2_800_000 and hi.is_infinite()


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2T", "3T", "conflict"),  # the intervals only touch at 2.5T
        ("235B", "236B", "minor"),  # touching, 0.42 % apart
        ("660B", "671B", "conflict"),  # 1.6 %
        ("670B", "671B", "compatible"),  # 665B-675B holds 671B
        ("6700亿", "671B", "compatible"),
        ("2.8M", "2.788M", "compatible"),
        ("2.7M", "2.788M", "conflict"),  # 3 % off
        ("21B", "2.1B", "conflict"),
        ("278.8万", "2.788M", "same"),
    ],
)
def test_one_agreement_rule(a: str, b: str, expected: str) -> None:
    assert relation(num(a), num(b)) == expected
    assert relation(num(b), num(a)) == expected


def test_hedged_values_agree_with_what_they_allow() -> None:
    assert relation(num("2T", qualifier="approx"), num("2T")) == "compatible"
    assert relation(num("670B", qualifier="approx"), num("671B")) == "compatible"
    assert rc.agreement_reason(num("2.8M"), num("2.788M")) == "rounding"
    assert rc.agreement_reason(num("280万", qualifier="upper_bound"), num("278.8万")) == "bound"
    assert rc.agreement_reason(num("2.5T", qualifier="approx"), num("2.7T")) == "hedge"


def test_interval_text_says_why() -> None:
    text = rc.interval_text(num("670B"))
    assert "665B–675B" in text and "trailing zeros" in text
    assert "1.4T–2.6T" in rc.interval_text(num("2T", qualifier="approx"))


# ---- properties -------------------------------------------------------------------------------

_raw = st.builds(
    lambda whole, frac, suffix: f"{whole}{'.' + frac if frac else ''}{suffix}",
    st.integers(0, 9999).map(str),
    st.sampled_from(["", "0", "5", "25", "788", "80"]),
    st.sampled_from(list(SCALE)),
)
_qual = st.sampled_from([None, "approx", "upper_bound", "lower_bound"])


@settings(max_examples=200, deadline=None)
@given(_raw, _qual, _raw, _qual)
def test_compatibility_is_symmetric(a: str, qa, b: str, qb) -> None:  # type: ignore[no-untyped-def]
    ca, cb = num(a, qualifier=qa), num(b, "b.txt", qualifier=qb)
    assert relation(ca, cb) == relation(cb, ca)
    assert rc.compatible_value(ca, cb) == rc.compatible_value(cb, ca)


@settings(max_examples=200, deadline=None)
@given(_raw, _qual)
def test_an_interval_agrees_with_itself(a: str, q) -> None:  # type: ignore[no-untyped-def]
    c = num(a, qualifier=q)
    iv = rc.claim_interval(c)
    assert iv is not None and iv.overlaps(iv)
    assert relation(c, c.model_copy(update={"source": "b.txt"})) == "same"


_SENTENCES = [
    "DeepSeek-V3 is a mixture-of-experts language model with {v} total parameters in all.",
    "According to the technical report, the model counts {v} parameters in total.",
    "The announcement says the new model has {v} parameters, trained on H800 GPUs.",
]


@st.composite
def fact_claims(draw):  # type: ignore[no-untyped-def]
    n_sources = draw(st.integers(1, 6))
    claims = []
    for k in range(n_sources):
        raw = draw(st.sampled_from(["671B", "670B", "685B", "236B", "6710亿"]))
        sentence = draw(st.sampled_from(_SENTENCES)).format(v=raw) + f" ({k})"  # each source's own sentence
        claims.append(num(raw, f"s{k}.txt", quote=sentence, qualifier=draw(st.sampled_from([None, None, "approx"]))))
    return claims


@settings(max_examples=300, deadline=None)
@given(fact_claims(), st.data())
def test_adding_a_copy_of_a_source_never_changes_preferred(claims: list[Claim], data) -> None:  # type: ignore[no-untyped-def]
    (before,) = reconcile(claims)
    original = data.draw(st.sampled_from(sorted({c.source for c in claims})))
    name = data.draw(st.sampled_from(["aa-mirror.txt", "zz-mirror.txt"]))  # sorted before or after all
    copy = [c.model_copy(update={"source": name}) for c in claims if c.source == original]
    (after,) = reconcile(claims + copy)
    assert after.preferred == before.preferred
    assert after.split == before.split
    assert [(g.value, g.independent) for g in after.values] == [(g.value, g.independent) for g in before.values]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(_raw, _qual), min_size=groups_mod.DENSE + 1, max_size=groups_mod.DENSE + 20, unique=True))
def test_the_sweep_relates_groups_exactly_as_all_pairs(items) -> None:  # type: ignore[no-untyped-def]
    claims = [num(raw, f"s{k}.txt", qualifier=q) for k, (raw, q) in enumerate(items)]
    groups = groups_mod._groups(claims)
    if len(groups) <= groups_mod.DENSE:
        return
    links = groups_mod.relate(groups, "total_params")
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            assert links.get(i, j) == relation(groups[i].rep, groups[j].rep), (groups[i].rep.raw, groups[j].rep.raw)


# ---- independence, preference, split ----------------------------------------------------------


def test_one_against_one_bare_sources_prefers_nothing() -> None:
    (f,) = reconcile([num("2T", "a.txt"), num("3T", "b.txt")])
    assert (f.status, f.preferred, f.split) == ("contradiction", None, "even")
    assert f.why_preferred and "even split" in f.why_preferred


def test_three_against_one_prefers_the_majority_as_an_outlier_split() -> None:
    claims = [num("2T", s) for s in ("a.txt", "b.txt", "c.txt")] + [num("3T", "d.txt")]
    (f,) = reconcile(claims)
    assert (f.status, f.preferred, f.split) == ("contradiction", 2 * 10**12, "outlier")
    assert [g.independent for g in f.values] == [3, 1]


def test_three_copies_of_one_text_count_once() -> None:
    sentence = "DeepSeek-V3 was pre-trained on 2T tokens of high-quality, diverse data."
    claims = [num("2T", s, quote=sentence, attribute="training_tokens") for s in ("a.txt", "mirror1.txt", "mirror2.txt")]
    claims.append(num("3T", "d.txt", attribute="training_tokens", quote="DeepSeek-V3 used 3T tokens."))
    (f,) = reconcile(claims)
    assert [g.independent for g in f.values] == [1, 1]
    assert (f.preferred, f.split) == (None, "even")
    explain = f.values[0].explain  # type: ignore[attr-defined]
    assert {c["source"] for c in explain["copies_folded"]} == {"mirror1.txt", "mirror2.txt"}


def test_short_identical_quotes_are_not_copies() -> None:
    claims = [num("671B", s, quote="671B parameters") for s in ("a.txt", "b.txt")] + [num("685B", "c.txt")]
    (f,) = reconcile(claims)
    assert f.values[0].independent == 2 and f.split == "outlier"


def test_near_duplicate_documents_fold_into_one_family() -> None:
    article = " ".join(f"Paragraph {i}: DeepSeek released a model with many experts and long context." for i in range(40))
    texts = {"a.txt": article, "b.txt": "Reposted from a.txt\n" + article + "\nComments closed.", "c.txt": "Other text " * 200}
    fam = rc.near_duplicates(texts)
    assert fam.of("a.txt") == fam.of("b.txt") != fam.of("c.txt")
    ctx = rc.Context(families=fam)
    claims = [num("2T", "a.txt", attribute="training_tokens"), num("2T", "b.txt", attribute="training_tokens"),
              num("3T", "c.txt", attribute="training_tokens")]
    (f,) = reconcile(claims, ctx)
    assert [g.independent for g in f.values] == [1, 1] and f.preferred is None


def test_copies_fold_when_rewrapped_or_mirrored_many_times() -> None:
    import textwrap

    article = " ".join(f"Sentence {i} of the article tells about the model's training run in detail." for i in range(30))
    zh = "".join(f"第{i}段：DeepSeek 发布了新的模型，训练数据达到两万亿个词元。" for i in range(30))
    texts = {"en.md": article, "en-wrapped.md": textwrap.fill(article, 78), "zh.md": zh,
             "zh-wrapped.md": "\n".join(zh[i : i + 40] for i in range(0, len(zh), 40))}
    texts.update({f"mirror{k:03d}.md": article for k in range(300)})
    texts["other.md"] = " ".join(f"Unrelated line {i} about something else entirely, with no overlap." for i in range(30))
    fam = rc.near_duplicates(texts)
    assert len({fam.of(n) for n in texts if n.startswith(("en", "mirror"))}) == 1
    assert fam.of("zh.md") == fam.of("zh-wrapped.md") != fam.of("en.md")
    assert fam.of("other.md") == "other.md"


def test_priors_separate_an_even_split() -> None:
    from dsfacts.models import Source

    priors = rc.priors_for({"readme.md": Source(id="readme.md", kind="readme"), "blog.md": Source(id="blog.md", kind="blog")})
    (f,) = reconcile([num("2T", "readme.md"), num("3T", "blog.md")], rc.Context(priors=priors))
    assert (f.preferred, f.split) == (2 * 10**12, "even")
    assert f.why_preferred and "priors" in f.why_preferred


def test_licence_names_are_one_licence() -> None:
    a = Claim(entity="deepseek-v3", attribute="license", value="DeepSeek License", kind="text", source="a", line=1, quote="q")
    b = a.model_copy(update={"value": "DeepSeek Model License", "source": "b"})
    (f,) = reconcile([a, b])
    assert (f.status, f.preferred) == ("agreed", "DeepSeek Model License")


# ---- numerically safe at any scale ------------------------------------------------------------


def test_ten_thousand_agreeing_sources_and_one_dissenter() -> None:
    claims = [num("671B", f"s{k:05d}.txt") for k in range(10_000)] + [num("685B", "odd.txt")]
    (f,) = reconcile(claims)
    assert (f.status, f.preferred, f.split) == ("contradiction", 671 * 10**9, "outlier")
    assert [g.independent for g in f.values] == [10_000, 1]
    assert f.confidence is not None and math.isfinite(f.confidence)
    assert all(g.trust is not None and math.isfinite(g.trust) and 0 <= g.trust <= 1 for g in f.values)
    trust = rc.source_trust(claims)
    assert all(math.isfinite(t) for t in trust.values()) and trust["s00000.txt"] > trust["odd.txt"]


def test_many_vague_values_do_not_hide_the_real_disagreement() -> None:
    def date(value: str, source: str) -> Claim:
        return Claim(entity="deepseek-v3", attribute="release_date", value=value, kind="date", source=source, line=1,
                     quote=f"released {value} ({source})")

    claims = [date("2024", f"y{k}.txt") for k in range(5)] + [date("2024-12", f"m{k}.txt") for k in range(5)]
    claims += [date(f"2024-{q:02d}/2024-12", f"q{q}.txt") for q in range(1, 12)]  # vague periods
    claims += [date("2024-12-26", "a.txt"), date("2024-12-25", "b.txt")]
    (f,) = reconcile(claims)
    assert (f.status, f.preferred, f.split) == ("contradiction", None, "even")
    assert f.values[0].value in ("2024-12-26", "2024-12-25")


def test_thousands_of_distinct_values_stay_fast() -> None:
    import time

    claims = [num(f"{1000 + k}B", f"s{k:04d}.txt") for k in range(3000)] + [num("671B", "a.txt"), num("671B", "b.txt")]
    start = time.perf_counter()
    (f,) = reconcile(claims)
    assert time.perf_counter() - start < 20
    assert f.status == "contradiction" and len(f.values) == 3001
    assert f.values[0].explain is not None and len(f.values[0].explain["differs_from"]) == 5  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("raw", "value", "lo", "hi"),
    [("2T", 2 * 10**12, "1.5E12", "2.5E12"), ("2.8M", 2_800_000, "2750000", "2850000"), ("671B", 671 * 10**9, "670.5E9", "671.5E9")],
)
def test_without_a_recorded_resolution_the_raw_text_states_it(raw: str, value: int, lo: str, hi: str) -> None:
    c = Claim(entity="deepseek-v3", attribute="x", value=value, kind="number", source="a", line=1, quote="q", raw=raw)
    assert span(c) == (Decimal(lo), Decimal(hi))


def test_priors_data_file_is_valid_and_checked() -> None:
    from dsfacts.models import Source

    priors = rc.default_priors()
    assert priors.kinds["readme"] > priors.kinds["news"] > priors.kinds["blog"]
    assert priors.kinds["readme"] - priors.kinds["blog"] >= priors.margin
    with pytest.raises(rc.DataFileError):
        rc.priors_from_yaml("kinds: {blog: 2}")
    with pytest.raises(rc.DataFileError):
        rc.priors_from_yaml("- a list")
    with pytest.raises(rc.DataFileError):
        rc.priors_for({"a.md": Source(id="a.md", prior="high")})  # type: ignore[call-arg]
    assert rc.priors_for({"a.md": Source(id="a.md", kind="blog", prior="0.9")}).of("a.md") == 0.9  # type: ignore[call-arg]
