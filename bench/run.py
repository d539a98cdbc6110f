"""Benchmarks for dsfacts (not tests): whole-process wall time and peak memory, median of runs.

    python bench/run.py            # full sizes (10,000-document KB), 3 runs each
    python bench/run.py --quick    # small sizes, for a quick look while the engine changes
    python bench/run.py --profile  # cProfile of one extraction of the 10x corpus, top functions

Every command runs as its own process (`python -m dsfacts ...`), so start-up and imports count;
peak memory is that process's max RSS (os.wait4). Corpora are built in a temp dir from copies of
the seeds (and the dev corpus) with varied names and a varied last line, so no two are equal.
If the engine finds almost nothing yet, the big KB's read benchmarks use a synthetic
claims.jsonl built from the dev corpus's gold facts, and the table says so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def measure(args: list[str], cwd: Path, runs: int, env: dict[str, str]) -> tuple[float, float, int]:
    """-> (median wall seconds, max peak RSS in MB, exit code of the last run)."""
    walls, peaks, code = [], [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "dsfacts", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - t0)
        peaks.append(usage.ru_maxrss / 1024)
        code = os.waitstatus_to_exitcode(status)
        if proc.stderr:
            err = proc.stderr.read().decode(errors="replace")
            proc.stderr.close()
            if code not in (0, 1):
                print(f"  ! {' '.join(args)} exited {code}: {err.strip()[-300:]}", file=sys.stderr)
        proc.returncode = code  # reaped by wait4 already
    return statistics.median(walls), max(peaks), code


def seed_texts() -> list[tuple[str, bytes]]:
    docs = [
        (p.name, p.read_bytes()) for p in sorted((REPO / "sources").iterdir()) if p.suffix in (".txt", ".md")
    ]
    dev = SHARED / "corpus" / "dev"
    if dev.is_dir():
        docs += [
            (p.name, p.read_bytes()) for p in sorted(dev.iterdir()) if p.suffix in (".md", ".txt", ".html")
        ]
    return docs


def build_corpus(folder: Path, copies: int, docs: list[tuple[str, bytes]]) -> int:
    """`copies` documents cycling through `docs`, each with a unique name and last line; -> bytes."""
    folder.mkdir(parents=True)
    total = 0
    for i in range(copies):
        name, data = docs[i % len(docs)]
        data = data + f"\n\n<!-- copy {i} -->\n".encode()
        (folder / f"{i:05d}_{name}").write_bytes(data)
        total += len(data)
    return total


def build_draft(path: Path, words: int = 2000) -> int:
    sentences: list[str] = []
    for name in ("sample_zh.md", "sample_en.md"):
        p = SHARED / "drafts" / name
        if p.exists():
            sentences += [
                s.strip()
                for s in p.read_text(encoding="utf-8").splitlines()
                if s.strip() and not s.startswith("#")
            ]
    if not sentences:
        sentences = ["DeepSeek-V3 has 671 billion parameters in total.", "DeepSeek-R1 于 2025 年 1 月发布。"]
    lines, count, i = ["# Draft"], 0, 0
    while count < words:
        s = sentences[i % len(sentences)]
        lines.append(s)
        count += len(re.findall(r"[A-Za-z0-9.]+|[\u4e00-\u9fff]", s))
        i += 1
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return count


def synthetic_claims(claims: Path, sources: Path, n_docs: int) -> int:
    """Gold facts of the dev corpus spread over the KB's documents (only when the engine finds little)."""
    gold = SHARED / "corpus" / "dev" / "gold.jsonl"
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = sorted(p.name for p in sources.iterdir())[:n_docs]
    out = []
    for i, name in enumerate(names):
        for j in range(3):
            g = rows[(i * 3 + j) % len(rows)]
            value = g["value"]
            kind = (
                "number"
                if isinstance(value, (int, float))
                else "sizes"
                if isinstance(value, list)
                else "text"
            )
            if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
                kind = "date"
            if isinstance(value, dict):
                kind = "range"
            out.append(
                json.dumps(
                    {"entity": g["entity"], "attribute": g["attribute"], "value": value, "kind": kind,
                     "source": name, "line": j + 1, "column": 1, "quote": g.get("quote", "")},
                    ensure_ascii=False,
                )
            )  # fmt: skip
    claims.write_text("\n".join(out) + "\n", encoding="utf-8")
    return len(out)


def claim_count(path: Path) -> int:
    return sum(1 for _ in path.open(encoding="utf-8")) if path.exists() else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes: 1,000-document KB, 1 run")
    ap.add_argument("--runs", type=int, default=None, help="runs per benchmark (default 3, --quick 1)")
    ap.add_argument("--kb-docs", type=int, default=None, help="documents in the big KB (default 10,000)")
    ap.add_argument(
        "--src", type=Path, default=REPO / "src", help="the dsfacts package to measure (PYTHONPATH)"
    )
    ap.add_argument(
        "--profile", action="store_true", help="cProfile one extraction of the 10x corpus instead"
    )
    opts = ap.parse_args()
    runs = opts.runs or (1 if opts.quick else 3)
    kb_docs = opts.kb_docs or (1_000 if opts.quick else 10_000)
    env = {**os.environ, "PYTHONPATH": str(opts.src), "NO_COLOR": "1", "COLUMNS": "120"}
    docs = seed_texts()
    seeds = [d for d in docs if (REPO / "sources" / d[0]).exists()]
    work = Path(tempfile.mkdtemp(prefix="dsfacts-bench-"))
    rows: list[tuple[str, str, float, str, float]] = []

    def row(name: str, size: str, wall: float, peak: float, mb: float | None = None) -> None:
        rate = f"{mb / wall:.2f}" if mb else ""
        rows.append((name, size, wall, rate, peak))
        print(f"  {name:<42} {size:>14} {wall:8.2f} s {rate:>8} {peak:8.0f} MB", file=sys.stderr, flush=True)

    try:
        if opts.profile:
            profile(work, seeds, opts.src)
            return
        # extraction throughput: the seeds, 10x and 100x (cold: --no-cache)
        for label, factor in (("seeds", 1), ("seeds x10", 10), ("seeds x100", 100)):
            folder = work / f"c{factor}" / "sources"
            size = build_corpus(folder, len(seeds) * factor, seeds)
            wall, peak, _ = measure(["extract", "--no-cache"], folder.parent, runs, env)
            row(f"extract --no-cache ({label})", f"{len(seeds) * factor} docs", wall, peak, size / 1e6)
        # read commands on the seeds KB
        kb1 = work / "c1"
        draft = kb1 / "draft.md"
        words = build_draft(draft)
        measure(["extract"], kb1, 1, env)
        n_claims = claim_count(kb1 / "claims.jsonl")
        row("startup: dsfacts --help", "", *measure(["--help"], kb1, runs, env)[:2])
        row(
            "show deepseek-v3 (seeds)",
            f"{n_claims} claims",
            *measure(["show", "deepseek-v3"], kb1, runs, env)[:2],
        )
        row("conflicts (seeds)", f"{n_claims} claims", *measure(["conflicts"], kb1, runs, env)[:2])
        row(
            f"check {words}-word draft (seeds)",
            f"{n_claims} claims",
            *measure(["check", "draft.md"], kb1, runs, env)[:2],
        )
        # the big KB
        big = work / "big" / "sources"
        size = build_corpus(big, kb_docs, docs)
        wall, peak, _ = measure(["extract", "--no-cache", "--jobs", "2"], big.parent, 1, env)
        row("extract --jobs 2 (full)", f"{kb_docs} docs", wall, peak, size / 1e6)
        measure(["extract", "--jobs", "2"], big.parent, 1, env)  # fill the cache (--no-cache above skips it)
        first = sorted(big.iterdir())[0]
        walls, peaks = [], []
        for i in range(runs):
            first.write_bytes(first.read_bytes() + f"\nchanged {i}\n".encode())
            w, p, _ = measure(["extract", "--jobs", "2"], big.parent, 1, env)
            walls.append(w)
            peaks.append(p)
        row("extract --jobs 2 (1 file changed)", f"{kb_docs} docs", statistics.median(walls), max(peaks))
        n_claims = claim_count(big.parent / "claims.jsonl")
        label = f"{n_claims} claims"
        if n_claims < kb_docs:  # the engine finds (almost) nothing yet: measure on gold-derived claims
            n_claims = synthetic_claims(big.parent / "claims.jsonl", big, kb_docs)
            label = f"{n_claims} synth."
        row("conflicts (big KB)", label, *measure(["conflicts"], big.parent, runs, env)[:2])
        row("show deepseek-v3 (big KB)", label, *measure(["show", "deepseek-v3"], big.parent, runs, env)[:2])
        print_table(rows, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_table(rows: list[tuple[str, str, float, str, float]], runs: int) -> None:
    print(f"\n| benchmark (median of {runs}) | size | wall s | MB/s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    for name, size, wall, rate, peak in rows:
        print(f"| {name} | {size} | {wall:.2f} | {rate} | {peak:.0f} |")


def profile(work: Path, seeds: list[tuple[str, bytes]], src: Path) -> None:
    import cProfile
    import pstats

    sys.path.insert(0, str(src))
    from dsfacts import kb

    folder = work / "p" / "sources"
    build_corpus(folder, len(seeds) * 10, seeds)
    prof = cProfile.Profile()
    prof.enable()
    kb.extract_all(folder, folder.parent / "claims.jsonl", use_cache=False)
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
