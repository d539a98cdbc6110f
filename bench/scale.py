"""The issue-14 targets, measured: start-up, read commands, check, extraction, a 10,000-document base.

    python bench/scale.py                 # bundled base + seeds x40 + generated 10,000 documents
    python bench/scale.py --docs 1000     # a smaller generated base
    python bench/scale.py --runs 5        # runs per measurement (median; default 5, big extract once)

Every command runs as its own process (`python -m dsfacts ...`), so start-up counts. Each wall
time is also given as a ratio to a bare `python -c pass` measured the same way, which makes
figures from a loaded machine comparable. Peak memory is the process's max RSS (os.wait4).
Not a test: nothing here fails; the figures go into docs/benchmarks.md by hand.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from run import REPO, build_corpus, build_draft, claim_count, seed_texts  # noqa: E402


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    proc.returncode = code
    if code not in (0, 1):
        print(f"  ! {' '.join(argv[-4:])} exited {code}: {err.strip()[-300:]}", file=sys.stderr)
    return wall, usage.ru_maxrss / 1024, code


class Bench:
    def __init__(self, runs: int, env: dict[str, str]) -> None:
        self.runs, self.env = runs, env
        self.rows: list[tuple[str, str, float, float, float, str]] = []
        self.base = self.median([sys.executable, "-c", "pass"], Path.cwd(), max(runs, 9))[0]
        print(f"python -c pass: {self.base * 1000:.1f} ms", file=sys.stderr)

    def median(self, argv: list[str], cwd: Path, runs: int, before=None) -> tuple[float, float]:  # noqa: ANN001
        walls, peaks = [], []
        for i in range(runs):
            if before:
                before(i)
            wall, peak, _ = timed(argv, cwd, self.env)
            walls.append(wall)
            peaks.append(peak)
        return statistics.median(walls), max(peaks)

    def dsfacts(self, name: str, size: str, args: list[str], cwd: Path, *, runs: int | None = None,
                mb: float | None = None, before=None) -> float:  # noqa: ANN001
        wall, peak = self.median([sys.executable, "-m", "dsfacts", *args], cwd, runs or self.runs, before)
        rate = f"{mb / wall:.2f}" if mb else ""
        self.rows.append((name, size, wall, wall / self.base, peak, rate))
        print(f"  {name:<44} {size:>16} {wall:7.3f} s {wall / self.base:6.1f}x {peak:6.0f} MB {rate}",
              file=sys.stderr, flush=True)  # fmt: skip
        return wall

    def table(self) -> str:
        out = [f"python -c pass = {self.base * 1000:.1f} ms (median); runs per row: {self.runs} unless noted",
               "", "| benchmark | size | median wall s | × `python -c pass` | peak RSS MB | MB/s |",
               "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        out += [f"| {n} | {s} | {w:.3f} | {r:.1f} | {p:.0f} | {mb} |" for n, s, w, r, p, mb in self.rows]
        return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000, help="documents in the generated base")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-big", action="store_true", help="only the bundled base and the seeds x40")
    ap.add_argument("--src", type=Path, default=REPO / "src", help="the dsfacts package to measure (PYTHONPATH)")
    opts = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(opts.src), "NO_COLOR": "1", "COLUMNS": "120"}
    # as a user's Python runs: bytecode cached (this machine's environment sets PYTHONDONTWRITEBYTECODE,
    # which recompiles every dsfacts module on every run: +40 ms to a read command)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    load_at_start = os.getloadavg()[0]  # the machine is shared: the figures are read with it
    work = Path(tempfile.mkdtemp(prefix="dsfacts-scale-"))
    bench = Bench(opts.runs, env)
    try:
        # the bundled base, as committed (extract once: it writes the cache and the read index)
        kb = work / "bundled"
        shutil.copytree(REPO / "sources", kb / "sources")
        shutil.copy(REPO / "claims.jsonl", kb / "claims.jsonl")
        timed([sys.executable, "-m", "dsfacts", "extract"], kb, env)
        n = f"{claim_count(kb / 'claims.jsonl')} claims"
        bench.dsfacts("dsfacts --help (start-up)", "", ["--help"], kb)
        bench.dsfacts("show deepseek-v3 (bundled)", n, ["show", "deepseek-v3"], kb)
        bench.dsfacts("show deepseek-v3 --json (bundled)", n, ["show", "deepseek-v3", "--json"], kb)
        bench.dsfacts("conflicts (bundled)", n, ["conflicts"], kb)
        bench.dsfacts("conflicts --json (bundled)", n, ["conflicts", "--json"], kb)
        bench.dsfacts("timeline (bundled)", n, ["timeline"], kb)
        bench.dsfacts("extract, nothing changed (bundled)", "5 docs", ["extract"], kb)
        for words in (2000, 4000, 8000):
            got = build_draft(kb / f"draft{words}.md", words)
            bench.dsfacts(f"check {got}-word draft (bundled)", n, ["check", f"draft{words}.md"], kb)
        # extraction throughput: the seeds x40, cold
        seeds = [d for d in seed_texts() if (REPO / "sources" / d[0]).exists()]
        x40 = work / "x40"
        size = build_corpus(x40 / "sources", len(seeds) * 40, seeds)
        bench.dsfacts("extract --no-cache (seeds x40, --jobs = cores)", f"{len(seeds) * 40} docs",
                      ["extract", "--no-cache"], x40, runs=1, mb=size / 1e6)  # fmt: skip
        bench.dsfacts("extract --no-cache --jobs 1 (seeds x40)", f"{len(seeds) * 40} docs",
                      ["extract", "--no-cache", "--jobs", "1"], x40, runs=1, mb=size / 1e6)  # fmt: skip
        if not opts.skip_big:
            big(bench, work, opts.docs)
        print(bench.table())
        print(f"\nmachine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"load average (1 min): {load_at_start:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def big(bench: Bench, work: Path, docs: int) -> None:
    kb = work / "big"
    size = generate(kb / "sources", docs)
    label = f"{docs} docs"
    bench.dsfacts("extract, cold (generated, --jobs = cores)", label, ["extract"], kb, runs=1, mb=size / 1e6)
    n = f"{claim_count(kb / 'claims.jsonl')} claims"
    bench.dsfacts("extract, nothing changed (generated)", label, ["extract"], kb)
    target = kb / "sources" / "note_00042.md"

    def change(i: int) -> None:
        target.write_bytes(target.read_bytes() + f"DeepSeek-V3 has {600 + i}B total parameters.\n".encode())

    bench.dsfacts("extract, one file changed (generated)", label, ["extract"], kb, before=change)
    bench.dsfacts("show deepseek-v3 (generated)", n, ["show", "deepseek-v3"], kb)
    bench.dsfacts("show deepseek-v3 --json (generated)", n, ["show", "deepseek-v3", "--json"], kb)
    bench.dsfacts("conflicts --json (generated)", n, ["conflicts", "--json"], kb)
    bench.dsfacts("conflicts (generated)", n, ["conflicts"], kb)
    bench.dsfacts("timeline (generated)", n, ["timeline"], kb)
    for words in (2000, 4000):
        build_draft(kb / f"draft{words}.md", words)
        bench.dsfacts(f"check {words}-word draft (generated)", n, ["check", f"draft{words}.md"], kb)
    (kb / ".dsfacts-cache" / "claims.jsonl.index.sqlite").unlink()
    bench.dsfacts("show deepseek-v3, index rebuilt (generated)", n, ["show", "deepseek-v3"], kb, runs=1)


if __name__ == "__main__":
    main()
