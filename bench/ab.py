"""Before and after, on a shared machine: two versions of dsfacts run turn about on copies of one base.

    python bench/ab.py /tmp/old/src                 # that checkout's src/ against this one's
    python bench/ab.py /tmp/old/src --docs 10000    # also a generated base (extract with one file changed …)

Load on a machine shared with other work moves a median by 20-50 % from one minute to the next;
runs of the two versions interleaved (before, after, before, after …) see the same load, so their
ratio holds where two separate runs of bench/scale.py would not. Each version has its own copy of
the base (the read index and the extraction cache are keyed by the code that wrote them). Prints
a Markdown table: median wall time of each, as a ratio to `python -c pass`, the load average seen.
Not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from run import REPO, build_draft  # noqa: E402

Before = Callable[[Path, int], None] | None


def _env(src: str) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "PYTHONPATH": src}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user's Python runs (see scale.py)
    return env


def _wall(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.wait4(proc.pid, 0)
    return time.perf_counter() - t0


class AB:
    def __init__(self, before: str, after: str, runs: int) -> None:
        self.src = {"before": before, "after": after}
        self.runs = runs
        print("| benchmark | before | after | after / before | load | `python -c pass` |")
        print("|---|---:|---:|---:|---:|---:|", flush=True)

    def row(self, label: str, kbs: dict[str, Path], args: list[str], runs: int | None = None, before: Before = None) -> None:
        walls: dict[str, list[float]] = {"before": [], "after": []}
        loads = []
        for i in range(-1, runs or self.runs):  # -1: a warm-up run each (index, caches, bytecode)
            for who in walls:
                if before:
                    before(kbs[who], i)
                wall = _wall([sys.executable, "-m", "dsfacts", *args], kbs[who], _env(self.src[who]))
                if i >= 0:
                    walls[who].append(wall)
            loads.append(os.getloadavg()[0])
        base = statistics.median(_wall([sys.executable, "-c", "pass"], Path.cwd(), _env("")) for _ in range(7))
        b, a = statistics.median(walls["before"]), statistics.median(walls["after"])
        print(f"| {label} | {b:.3f} s ({b / base:.1f}x) | {a:.3f} s ({a / base:.1f}x) | {a / b:.2f} "
              f"| {min(loads):.1f}–{max(loads):.1f} | {base * 1000:.1f} ms |", flush=True)  # fmt: skip


def copies(work: Path, name: str, make: Callable[[Path], None], src: dict[str, str]) -> dict[str, Path]:
    """One base made once, copied for each version, and extracted by that version."""
    first = work / f"{name}-made"
    make(first)
    out = {}
    for who, path in src.items():
        kb = out[who] = work / f"{name}-{who}"
        shutil.copytree(first, kb)
        subprocess.run([sys.executable, "-m", "dsfacts", "extract"], cwd=kb, env=_env(path), capture_output=True, check=False)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", help="the src/ folder of the version to compare against")
    ap.add_argument("--after", default=str(REPO / "src"), help="the src/ folder measured (default: this checkout's)")
    ap.add_argument("--docs", type=int, default=0, help="also a generated base of this many documents")
    ap.add_argument("--runs", type=int, default=9)
    opts = ap.parse_args()
    ab = AB(str(Path(opts.before).resolve()), str(Path(opts.after).resolve()), opts.runs)
    work = Path(tempfile.mkdtemp(prefix="dsfacts-ab-"))
    try:

        def bundled(kb: Path) -> None:
            shutil.copytree(REPO / "sources", kb / "sources")
            shutil.copy(REPO / "claims.jsonl", kb / "claims.jsonl")
            build_draft(kb / "draft2000.md", 2000)

        kbs = copies(work, "bundled", bundled, ab.src)
        ab.row("`show deepseek-v3` (bundled)", kbs, ["show", "deepseek-v3"])
        ab.row("`conflicts` (bundled)", kbs, ["conflicts"])
        ab.row("`check` 2,000-word draft (bundled)", kbs, ["check", "draft2000.md"])
        if opts.docs:

            def generated(kb: Path) -> None:
                generate(kb / "sources", opts.docs)
                build_draft(kb / "draft2000.md", 2000)

            kbs = copies(work, "generated", generated, ab.src)

            def change(kb: Path, i: int) -> None:
                target = kb / "sources" / "note_00042.md"
                target.write_bytes(target.read_bytes() + f"DeepSeek-V3 has {602 + i}B total parameters.\n".encode())

            label = f"{opts.docs:,} docs"
            ab.row(f"`extract`, one file changed ({label})", kbs, ["extract"], max(5, opts.runs // 2), before=change)
            ab.row(f"`extract`, nothing changed ({label})", kbs, ["extract"], max(5, opts.runs // 2))
            ab.row(f"`check` 2,000-word draft ({label})", kbs, ["check", "draft2000.md"], max(5, opts.runs // 2))
            ab.row(f"`show deepseek-v3` ({label})", kbs, ["show", "deepseek-v3"], max(5, opts.runs // 2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
