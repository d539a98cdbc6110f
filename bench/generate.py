"""A generated knowledge base for scale benchmarks: templated English and Chinese sentences with noise.

    python bench/generate.py OUT_DIR --docs 10000 [--seed 1]

Each document is a short note (~1 KB) stating 4-8 facts about DeepSeek models, half in English
and half in Chinese, with filler sentences between them. About one value in ten is perturbed
(another number or date), so the base has agreements, minor discrepancies and contradictions,
as real sources do. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# (entity name, attribute) -> (English template, Chinese template, true value, noisy values)
FACTS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("DeepSeek-V3", "{e} has {v} total parameters.", "{e} 的总参数为{v}。",
     [("671B", "6710亿"), ("685B", "6850亿"), ("670B", "6700亿")]),
    ("DeepSeek-V3", "{e} activates {v} parameters for each token.", "{e} 每个token激活{v}参数。",
     [("37B", "370亿"), ("36B", "360亿")]),
    ("DeepSeek-V3", "{e} was released on {v}.", "{e} 于{v}发布。",
     [("December 26, 2024", "2024年12月26日"), ("December 27, 2024", "2024年12月27日")]),
    ("DeepSeek-V3", "{e} was pre-trained on {v} tokens.", "{e} 的预训练数据为{v} token。",
     [("14.8T", "14.8万亿"), ("15T", "15万亿")]),
    ("DeepSeek-V3", "The training of {e} cost about {v}.", "{e} 的训练成本约为{v}。",
     [("$5.576 million", "557.6万美元"), ("$6 million", "600万美元")]),
    ("DeepSeek-R1", "{e} was released on {v}.", "{e} 于{v}发布。",
     [("January 20, 2025", "2025年1月20日"), ("January 22, 2025", "2025年1月22日")]),
    ("DeepSeek-R1", "{e} supports a context length of {v} tokens.", "{e} 支持{v}的上下文长度。",
     [("128K", "128K"), ("64K", "64K")]),
    ("DeepSeek-V2", "{e} has {v} total parameters.", "{e} 的总参数为{v}。",
     [("236B", "2360亿"), ("235B", "2350亿")]),
    ("DeepSeek-V2", "{e} was released in {v}.", "{e} 于{v}发布。", [("May 2024", "2024年5月"), ("June 2024", "2024年6月")]),
    ("DeepSeek-Coder-V2", "{e} supports {v} programming languages.", "{e} 支持{v}种编程语言。",
     [("338", "338"), ("300", "300")]),
    ("DeepSeek-Coder-V2", "{e} has a context length of {v} tokens.", "{e} 的上下文长度为{v}。",
     [("128K", "128K"), ("16K", "16K")]),
]  # fmt: skip
FILLER_EN = [
    "Analysts in {city} followed the announcement closely.",
    "The team published the weights under an open licence, and the community reacted within hours.",
    "Benchmarks were discussed at length on forum thread {n}.",
    "Several readers asked how this compares with earlier releases.",
]
FILLER_ZH = [
    "{city}的开发者社区对此进行了热烈讨论。",
    "这篇文章是第{n}期周报的一部分。",
    "多位研究人员认为，这一进展值得关注。",
]
CITIES = ["Hangzhou", "Beijing", "Shanghai", "Shenzhen", "Singapore", "London", "Berlin"]


def document(rng: random.Random, i: int) -> str:
    zh = rng.random() < 0.5
    lines = [f"# {'DeepSeek 模型笔记' if zh else 'Notes on DeepSeek models'} {i}", ""]
    for entity, en, cn, values in rng.sample(FACTS, rng.randint(4, 8)):
        v_en, v_zh = values[0] if rng.random() > 0.1 else rng.choice(values[1:])
        lines.append((cn if zh else en).format(e=entity, v=v_zh if zh else v_en))
        if rng.random() < 0.5:
            filler = rng.choice(FILLER_ZH if zh else FILLER_EN)
            lines.append(filler.format(city=rng.choice(CITIES), n=rng.randint(1, 999)))
    lines.append("")
    lines.append(f"<!-- note {i}: {rng.getrandbits(64):016x} -->")
    return "\n".join(lines) + "\n"


def generate(out: Path, docs: int, seed: int = 1) -> int:
    """Write `docs` documents into `out` (created); -> total bytes."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(docs):
        data = document(rng, i).encode("utf-8")
        (out / f"note_{i:05d}.md").write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    opts = ap.parse_args()
    size = generate(opts.out, opts.docs, opts.seed)
    print(f"{opts.docs} documents, {size / 1e6:.1f} MB -> {opts.out}")


if __name__ == "__main__":
    main()
