"""Where extraction time goes, stage by stage, in-process on one core (not a test: nothing fails).

    python bench/stages.py                        # this checkout: seeds + dev corpus, best of 7
    python bench/stages.py --against /tmp/old/src # that src/ and this one, turn about, medians

Stages as numbered in the pipeline: 2 segment (blocks), 2 sentences (of every block), 3a
find_values (over every block's text, the engine's first call on it), and the whole of
extract_document. Each figure is the best of `--runs` passes over the corpus; with `--against`
the two versions run as separate processes, turn about, so they see the same machine load, and
the medians of their bests are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = [REPO.parent / "shared" / "seeds", REPO / "tests" / "fixtures" / "dev"]


def _best(job: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(runs: int) -> dict[str, float]:
    """Milliseconds per stage over the corpus, and its size in MB."""
    from dsfacts.extract.engine import extract_document
    from dsfacts.extract.values import find_values
    from dsfacts.segment import segment
    from dsfacts.sources import is_document_name, read_document

    docs = [
        read_document(p)
        for d in CORPORA
        if d.is_dir()
        for p in sorted(d.iterdir())
        if is_document_name(p.name) and not p.name.startswith("gold")
    ]
    texts = [b.text for d in docs for b in segment(d)]
    for d in docs:  # warm: imports, compiled patterns, vocabularies
        extract_document(d)
    stages = {
        "2 segment": lambda: [segment(d) for d in docs],
        "2 segment + sentences": lambda: [[b.sentences for b in segment(d)] for d in docs],
        "3a find_values": lambda: [find_values(t) for t in texts],
        "extract_document": lambda: [extract_document(d) for d in docs],
    }
    out = {name: _best(job, runs) * 1e3 for name, job in stages.items()}
    out["MB"] = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    return out


def _child(src: str | None, runs: int) -> dict[str, float]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    code = f"import json, sys; sys.path.insert(0, {str(REPO / 'bench')!r}); import stages; print(json.dumps(stages.measure({runs})))"
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", help="another checkout's src/ directory, measured turn about with this one")
    parser.add_argument("--rounds", type=int, default=5, help="with --against: turns of each version")
    args = parser.parse_args()
    if not args.against:
        result = measure(args.runs)
        for name, ms in result.items():
            if name != "MB":
                print(f"{name:24s} {ms:8.1f} ms")
        print(f"{'extraction':24s} {result['MB'] / result['extract_document'] * 1e3:8.2f} MB/s ({result['MB']:.2f} MB)")
        return
    runs: dict[str, list[dict[str, float]]] = {"other": [], "this": []}
    for _ in range(args.rounds):
        runs["other"].append(_child(args.against, args.runs))
        runs["this"].append(_child(str(REPO / "src"), args.runs))
    print(f"| stage | {args.against} | this | this / other |\n|---|---:|---:|---:|")
    for name in runs["this"][0]:
        if name == "MB":
            continue
        other = statistics.median(r[name] for r in runs["other"])
        this = statistics.median(r[name] for r in runs["this"])
        print(f"| {name} | {other:.1f} ms | {this:.1f} ms | {this / other:.2f} |")


if __name__ == "__main__":
    main()
