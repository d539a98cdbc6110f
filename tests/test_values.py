"""The value grammars on real phrases from the seeds and the dev corpus, and on arbitrary text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsfacts.extract.values import Compound, MonthDay, ValueMatch, find_values
from dsfacts.models import DateValue, Quantity, number_to_json

B = 1_000_000_000


def as_json(m: ValueMatch) -> object:
    if isinstance(m.value, Decimal):
        return number_to_json(m.value)
    return m.value.to_json()  # type: ignore[attr-defined]


def summary(text: str) -> list[tuple]:
    return [(m.kind, as_json(m), m.qualifier, m.raw) for m in find_values(text)]


def only(text: str, kind: str) -> ValueMatch:
    found = [m for m in find_values(text) if m.kind == kind]
    assert len(found) == 1, (text, summary(text))
    return found[0]


# ---- dates ------------------------------------------------------------------------------------

DATES = [
    ("2023年7月：DeepSeek成立", "2023-07", "2023年7月"),
    ("提出时间:2023 年 11 月 2 日", "2023-11-02", "2023 年 11 月 2 日"),
    ("5. 【2024-5-7】[DeepSeek-V2]", "2024-05-07", "2024-5-7"),
    ("2024/2/8", "2024-02-08", "2024/2/8"),
    ("更新于 2025/2/8 18:02:21", "2025-02-08", "2025/2/8 18:02:21"),
    ("提出时间:2025 年 1 月 28 日凌晨", "2025-01-28", "2025 年 1 月 28 日"),
    ("| 2024-12-26 | [DeepSeek", "2024-12-26", "2024-12-26"),
    ("- 2024.05.06: We released", "2024-05-06", "2024.05.06"),
    ("released 2024-01 on", "2024-01", "2024-01"),
    ("date:   2024-12-26 18:00:00", "2024-12-26", "2024-12-26 18:00:00"),
    ("released on Dec 26, 2024.", "2024-12-26", "Dec 26, 2024"),
    ("released on December 26, 2024.", "2024-12-26", "December 26, 2024"),
    ("released on 26 December 2024.", "2024-12-26", "26 December 2024"),
    ("released in December 2024.", "2024-12", "December 2024"),
    ("released in Jan 2024.", "2024-01", "Jan 2024"),
    ("released in Jan. 2024.", "2024-01", "Jan. 2024"),
    ("founded in May 2023, by Liang", "2023-05", "May 2023"),
    ("released in 2024, it", "2024", "2024"),
    ("- **2025.01.27**: released", "2025-01-27", "2025.01.27"),
    ("  year={2024},", "2024", "2024"),
    ("从2024年初推出", "2024-01/2024-03", "2024年初"),
    ("直到2024年底推出", "2024-10/2024-12", "2024年底"),
    ("2024年末发布", "2024-10/2024-12", "2024年末"),
    ("2024年中发布", "2024-05/2024-08", "2024年中"),
    ("2024年上半年", "2024-01/2024-06", "2024年上半年"),
    ("2024年下半年", "2024-07/2024-12", "2024年下半年"),
    ("2025 年第一季度", "2025-01/2025-03", "2025 年第一季度"),
    ("in early 2024 we", "2024-01/2024-03", "early 2024"),
    ("by late 2024 we", "2024-10/2024-12", "late 2024"),
    ("in mid-2024 we", "2024-05/2024-08", "mid-2024"),
    ("until the end of 2024.", "2024-10/2024-12", "the end of 2024"),
    ("in Q1 2025 we", "2025-01/2025-03", "Q1 2025"),
    ("2024年，先后发布", "2024", "2024年"),
    ("过去一年（2024-2025）取得", "2024-01/2025-12", "2024-2025"),
    ("代表发布日期（2025年3月24日） 这一版本", "2025-03-24", "2025年3月24日"),
    ("| 2025-01-** | [O", "2025-01", "2025-01"),
    ("25年1月20日发布", "2025-01-20", "25年1月20日"),
]


@pytest.mark.parametrize(("text", "iso", "raw"), DATES)
def test_dates_at_stated_precision(text: str, iso: str, raw: str) -> None:
    assert summary(text) == [("date", iso, None, raw)]


MONTHDAYS = [
    ("2025 年 1 月 20 日 与 1 月 20 日", MonthDay(1, 20), "1 月 20 日"),
    ("DeepSeek还于12月10日上线了搜索", MonthDay(12, 10), "12月10日"),
    ("released on Jan 20 with", MonthDay(1, 20), "Jan 20"),
    ("released on 20 January with", MonthDay(1, 20), "20 January"),
    ("在 12 月发布", MonthDay(12, None), "12 月"),
]


@pytest.mark.parametrize(("text", "value", "raw"), MONTHDAYS)
def test_dates_without_a_year_are_monthdays(text: str, value: MonthDay, raw: str) -> None:
    m = only(text, "monthday")
    assert (m.value, m.raw) == (value, raw)


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek-V3-0324 发布",
        "DeepSeek-V2.5-0905 与 V2.5-1210",
        "OpenAI o1-1217 相比",
        "LiveCodeBench (0901-0401)",
        "config_671B.json",
        "GPT-4o、Llama3、o1、FP8、Qwen2.5、H800、A100、GSM8K、W8A8",
        "DeepSeek-V3 和 DeepSeek-R1",
        "Pass@1 cons@64",
        "24GB 显存, 128MB cache",
        "2nd place, the 3rd",
        "[link](https://zhuanlan.zhihu.com/p/720160943) 与 https://blog.csdn.net/x/article/details/145501376",
        "strokeColor=#808080;",
        "邮箱:809451989@qq.com",
        "推理成本降至每百万token",
    ],
)
def test_identifiers_and_version_suffixes_give_nothing(text: str) -> None:
    assert summary(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("moonshot-v1-32k-202404", [("number", 32_000, None, "32k")]),
        ("1. 【2024-1-5】发布", [("date", "2024-01-05", None, "2024-1-5")]),
        ("官方2048卡集群上", [("number", 2048, None, "2048")]),
        ("每秒提供多达3872tokens", [("number", 3872, None, "3872")]),
        ("a cluster of 2048 H800 GPUs", [("number", 2048, None, "2048")]),
        ("2000 tokens", [("number", 2000, None, "2000")]),
        ("约 2000 个", [("number", 2000, "approx", "约 2000")]),
        ("2024年中国大模型", [("date", "2024", None, "2024年")]),
        ("1990s", []),
        ("$2024", [("money", 2024, None, "$2024")]),
        ("| Codeforces | Rating | **2061** | 2029 |", [("number", 2061, None, "2061"), ("number", 2029, None, "2029")]),
        ("| AIME 2024 (Pass@1) | 39.2 |", [("other", "2024", None, "2024"), ("number", 39.2, None, "39.2")]),
        ("在 AIME 2024 数学竞赛中", [("other", "2024", None, "2024")]),
        ("VQA Challenge 2021，并", [("other", "2021", None, "2021")]),
        ("In 2024, we", [("date", "2024", None, "2024")]),
        ("2025 开年", [("date", "2025", None, "2025")]),
    ],
)
def test_counts_are_not_years(text: str, expected: list) -> None:
    assert summary(text) == expected


# ---- numbers ----------------------------------------------------------------------------------

NUMBERS = [
    # text, amount, resolution, magnitude, raw
    ("671B", 671 * B, B, True, "671B"),
    ("激活37B，在", 37 * B, B, True, "37B"),
    ("1.5B", Decimal("1.5") * B, Decimal("0.1") * B, True, "1.5B"),
    ("only 2.788M H800 GPU hours", 2_788_000, 1000, True, "2.788M"),
    ("up to 128K. ", 128_000, 1000, True, "up to 128K"),
    ("128k 上下文", 128_000, 1000, True, "128k"),
    ("32K", 32_000, 1000, True, "32K"),
    ("在14.8T高质量token上", 14_800_000_000_000, 10**11, True, "14.8T"),
    ("16K 窗口", 16_000, 1000, True, "16K"),
    ("0.1M GPU hours", 100_000, 100_000, True, "0.1M"),
    ("deepseek-r1:7b", 7 * B, B, True, "7b"),
    ("671 billion parameters", 671 * B, B, True, "671 billion"),
    ("14.8 trillion tokens", 14_800_000_000_000, 10**11, True, "14.8 trillion"),
    ("2.788 million hours", 2_788_000, 1000, True, "2.788 million"),
    ("1.3 billion", 1_300_000_000, 100_000_000, True, "1.3 billion"),
    ("总参数达6710亿", 671 * B, 10**8, True, "6710亿"),
    ("总参数高达 6710 亿,每", 671 * B, 10**8, True, "6710 亿"),
    ("激活 370 亿", 37 * B, 10**8, True, "370 亿"),
    ("训练数据达 2 万亿 tokens", 2 * 10**12, 10**12, True, "2 万亿"),
    ("预训练数据 8.1 万亿 tokens", 8_100_000_000_000, 10**11, True, "8.1 万亿"),
    ("在14.8万亿个token", 14_800_000_000_000, 10**11, True, "14.8万亿"),
    ("仅需 278.8 万 H800", 2_788_000, 1000, True, "278.8 万"),
    ("用了280万个GPU小时", 2_800_000, 10000, True, "280万"),
    ("3080万", 30_800_000, 10000, True, "3080万"),
    ("训练规模达 5000亿token", 500 * B, 10**8, True, "5000亿"),
    ("总参数达到 2360 亿", 236 * B, 10**8, True, "2360 亿"),
    ("包含**670亿**参数", 67 * B, 10**8, True, "670亿"),
    ("增加约 9000 万个样本", 90_000_000, 10000, True, "约 9000 万"),
    ("10亿", B, 10**8, True, "10亿"),
    ("2 千亿 MoE 模型", 200 * B, 100 * B, True, "2 千亿"),
    ("三千亿参数", 300 * B, 100 * B, True, "三千亿"),
    ("两万亿 token", 2 * 10**12, 10**12, True, "两万亿"),
    ("七十亿参数", 7 * B, B, True, "七十亿"),
    ("支持 338 种语言", 338, 1, False, "338"),
    ("从86种", 86, 1, False, "86"),
    ("4096 tokens", 4096, 1, False, "4096"),
    ("节点可以实现超过每秒50,000 解码令牌", 50_000, 1, False, "50,000"),
    ("Llama3 70B", 70 * B, B, True, "70B"),
    ("Janus-Pro-7B", 7 * B, B, True, "7B"),
    ("DeepSeek-V2-Lite 16B Chat", 16 * B, B, True, "16B"),
]


@pytest.mark.parametrize(("text", "amount", "resolution", "magnitude", "raw"), NUMBERS)
def test_numbers_are_scaled_with_their_resolution(text: str, amount, resolution, magnitude: bool, raw: str) -> None:
    m = only(text, "number")
    assert isinstance(m.value, Quantity)
    assert m.value.amount == Decimal(amount)
    assert m.value.resolution == Decimal(resolution)
    assert m.magnitude is magnitude
    assert m.raw == raw == text[m.start : m.end]


HEDGES = [
    ("约 278 万", "approx", "约 278 万"),
    ("大约 278 万", "approx", "大约 278 万"),
    ("约为2360亿", "approx", "约为2360亿"),
    ("近 2 万亿", "approx", "近 2 万亿"),
    ("将近 2 万亿", "approx", "将近 2 万亿"),
    ("接近 2 万亿", "approx", "接近 2 万亿"),
    ("about 671B", "approx", "about 671B"),
    ("approximately 2.8M", "approx", "approximately 2.8M"),
    ("roughly 2.8M", "approx", "roughly 2.8M"),
    ("around 2.8M", "approx", "around 2.8M"),
    ("nearly 2.8M", "approx", "nearly 2.8M"),
    ("almost 2.8M", "approx", "almost 2.8M"),
    ("~2.8M", "approx", "~2.8M"),
    ("≈ 2.8M", "approx", "≈ 2.8M"),
    ("不到280万", "upper_bound", "不到280万"),
    ("不到**280万**个", "upper_bound", "不到**280万"),
    ("不足 300 万", "upper_bound", "不足 300 万"),
    ("少于 300 万", "upper_bound", "少于 300 万"),
    ("低于 300 万", "upper_bound", "低于 300 万"),
    ("不超过 300 万", "upper_bound", "不超过 300 万"),
    ("under 3M", "upper_bound", "under 3M"),
    ("less than 3M", "upper_bound", "less than 3M"),
    ("below 3M", "upper_bound", "below 3M"),
    ("fewer than 3M", "upper_bound", "fewer than 3M"),
    ("up to 128K", "upper_bound", "up to 128K"),
    ("超过 3000 万", "lower_bound", "超过 3000 万"),
    ("逾 3000 万", "lower_bound", "逾 3000 万"),
    ("多于 3000 万", "lower_bound", "多于 3000 万"),
    ("高于 3000 万", "lower_bound", "高于 3000 万"),
    ("over 10B", "lower_bound", "over 10B"),
    ("more than 10B", "lower_bound", "more than 10B"),
    ("above 10B", "lower_bound", "above 10B"),
    ("at least 10B", "lower_bound", "at least 10B"),
    ("> 10B", "lower_bound", "> 10B"),
    ("3000多万", "lower_bound", "3000多万"),
    ("3000余万", "lower_bound", "3000余万"),
    ("200多个", "lower_bound", "200多"),
    ("80多种语言", "lower_bound", "80多"),
    ("1万左右", "approx", "1万左右"),
    ("10K+ users", "lower_bound", "10K+"),
    ("仅 550万", None, "550万"),
    ("only 2.788M", None, "2.788M"),
    ("高达 6710 亿", None, "6710 亿"),
    ("最近 3 个月", None, "3"),
    ("<td>671B</td>", None, "671B"),
]


@pytest.mark.parametrize(("text", "qualifier", "raw"), HEDGES)
def test_hedges_are_kept_in_span_and_qualifier(text: str, qualifier: str | None, raw: str) -> None:
    m = only(text, "number")
    assert (m.qualifier, m.raw) == (qualifier, raw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("训练成本降低了42.5%，KV缓存减少了93.3%", [("percent", 42.5, None, "42.5%"), ("percent", 93.3, None, "93.3%")]),
        ("利用率达78%，是传统RLHF的4.3倍", [("percent", 78, None, "78%"), ("other", "4.3倍", None, "4.3倍")]),
        ("件造价的1%左右", [("percent", 1, "approx", "1%左右")]),
        ("最大生成吞吐量提高了5.76倍", [("other", "5.76倍", None, "5.76倍")]),
        ("等于`Llama3 70B`的1/7，`GPT-4o`的1/70", [
            ("number", 70 * B, None, "70B"), ("other", "1/7", None, "1/7"), ("other", "1/70", None, "1/70")]),
        ("1024x1024 和 384*384", [("other", "1024x1024", None, "1024x1024"), ("other", "384*384", None, "384*384")]),
        ("Mixtral 8x22B", [("other", "8x22B", None, "8x22B")]),
        ("10x faster", [("other", "10x", None, "10x")]),
    ],
)
def test_percents_and_ratios_are_not_counts(text: str, expected: list) -> None:
    assert summary(text) == expected


# ---- money ------------------------------------------------------------------------------------

MONEY = [
    ("训练成本仅为557.6万美元。", 5_576_000, "USD", None, "557.6万美元"),
    ("成本是 557.6 万美元", 5_576_000, "USD", None, "557.6 万美元"),
    ("只需**557.6万**美元，初创", 5_576_000, "USD", None, "557.6万**美元"),
    ("a cost of $5.6 million", 5_600_000, "USD", None, "$5.6 million"),
    ("only $6.2M", 6_200_000, "USD", None, "$6.2M"),
    ("US$5.6M", 5_600_000, "USD", None, "US$5.6M"),
    ("5.6 million dollars", 5_600_000, "USD", None, "5.6 million dollars"),
    ("USD 5.6M", 5_600_000, "USD", None, "USD 5.6M"),
    ("约合4070万人民币", 40_700_000, "CNY", "approx", "约合4070万人民币"),
    ("每百万token仅1元人民币", 1, "CNY", None, "1元人民币"),
    ("输入价格: 1 元/百万tokens", 1, "CNY", None, "1 元"),
    ("输出价格 2 元/百万tokens", 2, "CNY", None, "2 元"),
    ("仅 1块钱，约等于", 1, "CNY", None, "1块钱"),
    ("被报道为 560 万美元，远低于", 5_600_000, "USD", None, "560 万美元"),
    ("训练成本高达 1 亿美元。", 100_000_000, "USD", None, "1 亿美元"),
    ("用不到600万美元的成本", 6_000_000, "USD", "upper_bound", "不到600万美元"),
    ("成本仅约 557 万美元", 5_570_000, "USD", "approx", "约 557 万美元"),
    ("产生 50.4 美元的收入", Decimal("50.4"), "USD", None, "50.4 美元"),
    ("就要花费76万美元（约合", 760_000, "USD", None, "76万美元"),
    ("起步就要5000万美金", 50_000_000, "USD", None, "5000万美金"),
    ("总投资近2亿元", 200_000_000, "CNY", "approx", "近2亿元"),
    ("就突破百亿元。", 10**10, "CNY", None, "百亿元"),
    ("a $5,576,000 run", 5_576_000, "USD", None, "$5,576,000"),
]


@pytest.mark.parametrize(("text", "amount", "currency", "qualifier", "raw"), MONEY)
def test_money(text: str, amount, currency: str, qualifier: str | None, raw: str) -> None:
    m = only(text, "money")
    assert (m.value.amount, m.value.currency, m.qualifier, m.raw) == (Decimal(amount), currency, qualifier, raw)  # type: ignore[attr-defined]
    assert [x for x in find_values(text) if x.kind == "number" and x.start < m.end and m.start < x.end] == []


def test_money_resolution_follows_the_last_digit() -> None:
    assert only("557.6万美元", "money").value.resolution == 1000  # type: ignore[attr-defined]
    assert only("$5.6 million", "money").value.resolution == 100_000  # type: ignore[attr-defined]


def test_yuan_in_other_words_is_not_money() -> None:
    assert [m.kind for m in find_values("3元宇宙")] == ["number"]


# ---- ranges, lists, compounds -----------------------------------------------------------------

RANGES = [
    ("蒸馏得到的参数在 15 亿到 700 亿之间", 1_500_000_000, 70 * B, "15 亿到 700 亿"),
    ("参数规模 1.3B 到 33B，训", 1_300_000_000, 33 * B, "1.3B 到 33B"),
    ("尺寸从1B-33B版本不等", B, 33 * B, "1B-33B"),
    ("代码大模型，1-33B&lt;", B, 33 * B, "1-33B"),
    ("sizes 1.5B - 70B", 1_500_000_000, 70 * B, "1.5B - 70B"),
    ("sizes 1.5B–70B", 1_500_000_000, 70 * B, "1.5B–70B"),
    ("sizes from 1.5B to 70B", 1_500_000_000, 70 * B, "1.5B to 70B"),
    ("激活参数 1.0B 到 4.5B，", B, 4_500_000_000, "1.0B 到 4.5B"),
    ("动态视觉编码，1.0B-4.5B 参数", B, 4_500_000_000, "1.0B-4.5B"),
    ("7B 到 671B", 7 * B, 671 * B, "7B 到 671B"),
    ("between 1.5B and 70B", 1_500_000_000, 70 * B, "1.5B and 70B"),
    ("1.5B~70B", 1_500_000_000, 70 * B, "1.5B~70B"),
    ("1.5B 至 70B", 1_500_000_000, 70 * B, "1.5B 至 70B"),
]


@pytest.mark.parametrize(("text", "low", "high", "raw"), RANGES)
def test_ranges(text: str, low, high, raw: str) -> None:
    m = only(text, "range")
    assert (as_json(m), m.raw, m.magnitude) == ({"min": low, "max": high}, raw, True)
    assert [x.kind for x in find_values(text)] == ["range"]


@pytest.mark.parametrize(
    "text",
    [
        "上下文长度从16K扩展到128K",
        "extended the context from 16K to 128K",
        "窗口(16k-&amp;gt;128k)",
        "Qwen2.5-32B",
        "Llama-3.3-70B-Instruct",
        "5-10 steps",
    ],
)
def test_changes_and_names_are_not_ranges(text: str) -> None:
    assert "range" not in [m.kind for m in find_values(text)]


LISTS = [
    ("Qwen 系列（1.5B、7B、14B、32B）", [1.5, 7, 14, 32], "1.5B、7B、14B、32B"),
    ("Llama3 系列的 1.5B、7B、8B、14B、32B 和 70B", [1.5, 7, 8, 14, 32, 70], "1.5B、7B、8B、14B、32B 和 70B"),
    ("in sizes 1.3B, 6.7B and 33B.", [1.3, 6.7, 33], "1.3B, 6.7B and 33B"),
    ("in sizes 1.3B, 6.7B, and 33B.", [1.3, 6.7, 33], "1.3B, 6.7B, and 33B"),
    ("参数规模为 7B 和 67B，训", [7, 67], "7B 和 67B"),
    ("（包括1.3B和7B模型）", [1.3, 7], "1.3B和7B"),
    ("both 1.3B and 7B", [1.3, 7], "1.3B and 7B"),
    ("DeepSeek LLM 7B/67B Chat", [7, 67], "7B/67B"),
    ("DeepSeek LLM 7/67B，&lt;", [7, 67], "7/67B"),
    ("模态大模型，1.3/7B&lt;", [1.3, 7], "1.3/7B"),
    ("两个版本（8B、70B）", [8, 70], "8B、70B"),
    ("Janus-Pro 1B and 7B", [1, 7], "1B and 7B"),
    ("R1-Distill-Qwen-1.5B/7B/14B/32B", [1.5, 7, 14, 32], "1.5B/7B/14B/32B"),
    ("具有10亿、28亿和45亿参数", [1, 2.8, 4.5], "10亿、28亿和45亿"),
]


@pytest.mark.parametrize(("text", "sizes_b", "raw"), LISTS)
def test_size_lists(text: str, sizes_b: list, raw: str) -> None:
    m = only(text, "sizes")
    assert as_json(m) == [number_to_json(Decimal(str(s)) * B) for s in sizes_b]
    assert (m.raw, m.magnitude) == (raw, True)


@pytest.mark.parametrize(
    ("text", "total", "active", "raw"),
    [
        ("DeepSeek-V2-Lite 16B-A3B", 16 * B, 3 * B, "16B-A3B"),
        ("、338种语言 | 236B/21B |", 236 * B, 21 * B, "236B/21B"),
        ("顶尖性能 | 671B/37B |", 671 * B, 37 * B, "671B/37B"),
        ("Qwen3-30B-A3B", 30 * B, 3 * B, "30B-A3B"),
    ],
)
def test_compounds(text: str, total: int, active: int, raw: str) -> None:
    m = only(text, "compound")
    assert isinstance(m.value, Compound)
    assert (m.value.total.amount, m.value.active.amount, m.raw) == (total, active, raw)
    assert m.value.to_json() == {"total": total, "active": active}


# ---- arXiv ------------------------------------------------------------------------------------

ARXIV = [
    ("arXiv:2412.19437", "2412.19437", True),
    ("arXiv: 2412.19437", "2412.19437", True),
    ("[paper](https://arxiv.org/abs/2412.19437)", "2412.19437", True),
    ("https://arxiv.org/pdf/2412.19437v2", "2412.19437", True),
    ("  eprint={2412.19437},", "2412.19437", True),
    ("journal={arXiv preprint arXiv:2501.17811},", "2501.17811", True),
    ("arXiv 2501.12948", "2501.12948", True),
    ("展开源语言模型\t2401.02954\t2024", "2401.02954", False),
]


@pytest.mark.parametrize(("text", "arxiv_id", "explicit"), ARXIV)
def test_arxiv_ids(text: str, arxiv_id: str, explicit: bool) -> None:
    m = only(text, "arxiv")
    assert (m.value.to_json(), m.raw, m.explicit) == (arxiv_id, arxiv_id, explicit)  # type: ignore[attr-defined]
    assert "number" not in [x.kind for x in find_values(text)]


def test_not_every_decimal_is_an_arxiv_id() -> None:
    assert [m.kind for m in find_values("得分 1080.0004")] == ["number"]
    assert [m.kind for m in find_values("得分 2413.19437")] == ["number"]  # month 13


# ---- whole sentences ------------------------------------------------------------------------------


def test_sentence_with_several_values() -> None:
    text = "DeepSeek-V3 为自研 MoE 模型，总参数 671B，激活参数 37B，在 14.8T token 上进行了预训练。"
    assert summary(text) == [
        ("number", 671 * B, None, "671B"),
        ("number", 37 * B, None, "37B"),
        ("number", 14_800_000_000_000, None, "14.8T"),
    ]


def test_sentence_with_date_money_and_hedges() -> None:
    text = "2024年12月26日，DeepSeek-V3 训练成本约 557 万美元，不到**280万**个GPU小时。"
    assert summary(text) == [
        ("date", "2024-12-26", None, "2024年12月26日"),
        ("money", 5_570_000, "approx", "约 557 万美元"),
        ("number", 2_800_000, "upper_bound", "不到**280万"),
    ]


def test_timeline_items() -> None:
    text = "2025年1月31日：DeepSeek-R1模型现已作为NVIDIA NIM微服务预览版提供，每秒提供多达3872tokens。"
    assert summary(text) == [("date", "2025-01-31", None, "2025年1月31日"), ("number", 3872, None, "3872")]


def test_date_values_are_datevalues() -> None:
    m = only("2024年底", "date")
    assert m.value == DateValue.between(DateValue.from_parts(2024, 10), DateValue.from_parts(2024, 12))


def test_empty_and_plain_text() -> None:
    assert find_values("") == []
    assert find_values("DeepSeek 是一家公司。") == []


# ---- properties -------------------------------------------------------------------------------

_ALPHABET = st.one_of(
    st.sampled_from(list("0123456789.,-/:%~+xX*B KMTkb年月日号亿万千百十两三七约近超不到多余元美$¥、和及（）【】`*")),
    st.sampled_from(["arXiv:", "about ", "between ", " and ", "Jan ", "December ", "early ", "Q1 ", "USD", "美元"]),
    st.characters(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_find_values_never_raises_and_spans_are_exact(text: str) -> None:
    found = find_values(text)
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.raw == text[m.start : m.end]
        assert m.start >= last_end  # sorted, non-overlapping
        last_end = m.end
        assert m.kind in ("date", "monthday", "number", "money", "sizes", "range", "compound", "arxiv", "percent", "other")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_is_safe(text: str) -> None:
    for m in find_values(text):
        assert m.raw == text[m.start : m.end]


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("9999"), places=1), st.sampled_from(["B", "亿", "万", "M", "K"]))
def test_scaled_numbers_round_trip(amount: Decimal, unit: str) -> None:
    text = f"参数 {amount}{unit} 个"
    m = only(text, "number")
    scale = {"B": 10**9, "亿": 10**8, "万": 10**4, "M": 10**6, "K": 10**3}[unit]
    assert m.value.amount == amount * scale  # type: ignore[attr-defined]
    assert m.raw == f"{amount}{unit}"


def test_two_sizes_joined_by_or_are_alternatives_not_a_list_of_sizes():
    [m] = find_values("70 亿或 80 亿参数的蒸馏版能在笔记本上运行")
    assert m.kind == "other"
    [m] = find_values("1.3B, 6.7B or 33B")
    assert m.kind == "sizes"


@pytest.mark.parametrize(
    ("text", "kind", "amount"),
    [
        ("six hundred and seventy-one billion parameters", "number", 671_000_000_000),
        ("thirty-seven billion of which fire", "number", 37_000_000_000),
        ("two point seven nine million GPU hours", "number", 2_790_000),
        ("fourteen point eight trillion tokens", "number", 14_800_000_000_000),
        ("about six million dollars", "money", 6_000_000),
    ],
)
def test_numbers_written_in_words(text, kind, amount):
    [m] = find_values(text)
    assert (m.kind, m.value.amount) == (kind, amount)


def test_a_number_word_without_a_scale_is_no_value():
    assert find_values("one of the models, two of them") == []


@pytest.mark.parametrize(
    ("text", "iso"), [("Jan '24", "2024-01"), ("26 Dec '24", "2024-12-26"), ("May ’24", "2024-05"), ("Dec. '24", "2024-12")]
)
def test_a_two_digit_year_after_an_apostrophe(text, iso):
    [m] = find_values(text)
    assert m.kind == "date" and isinstance(m.value, DateValue) and m.value.iso == iso


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("总参数六千七百一十亿", 671_000_000_000),  # "数" before "六千" is part of 参数, not "数千亿"
        ("两百七十八点八万个 GPU 小时", 2_788_000),
        ("十四点八兆个 token", 14_800_000_000_000),
        ("有七十亿两个版本", 7_000_000_000),
    ],
)
def test_chinese_numerals_as_said_aloud(text, amount):
    [m] = [v for v in find_values(text) if v.kind == "number"]
    assert m.value.amount == amount


@pytest.mark.parametrize(
    ("text", "value"),
    [("二〇二三年七月成立", "2023-07"), ("一月二十号出来的", (1, 20)), ("十二月二十六号发布", (12, 26)), ("去年十月出的", (10, None))],
)
def test_dates_in_chinese_numerals(text, value):
    [m] = find_values(text)
    got = m.value.iso if isinstance(m.value, DateValue) else (m.value.month, m.value.day)
    assert got == value


def test_several_thousand_billion_stays_vague():
    assert find_values("数千亿参数") == []


def test_ranges_and_lists_of_sizes_in_chinese_numerals():
    [r] = find_values("从十五亿参数到七百亿参数都有")
    assert r.kind == "range" and (r.value.low, r.value.high) == (1_500_000_000, 70_000_000_000)
    [sizes] = find_values("有十亿跟七十亿两个版本")
    assert sizes.kind == "sizes" and sizes.value.sizes == (1_000_000_000, 7_000_000_000)
    assert [v.kind for v in find_values("从四千扩展到十二万八千")] == ["number"]  # a change, not a range of sizes
