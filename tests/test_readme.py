"""The README's two set-up commands, as written, in a fresh clone (what a new user types first).

Slow (it builds two virtual environments): `pytest -m "not slow"` skips it locally; CI runs it.
pip's own cache is reused, so a warm run takes well under two minutes. The nested test run is
narrowed with PYTEST_ADDOPTS (the command itself is unchanged) so the suite does not run itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NESTED = "DSFACTS_README_TEST"


def setup_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if re.match(r"^ {4}python3 -m venv ", line)]


def test_readme_names_two_commands_that_need_no_system_install() -> None:
    first, second = setup_commands()
    assert first == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/dsfacts conflicts"
    assert second == 'python3 -m venv .venv && .venv/bin/pip install -e ".[dev,html]" && .venv/bin/pytest'
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines()  # CI runs exactly the README's test command


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get(NESTED)), reason="already inside the README test")
@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(), reason="needs a git checkout")
def test_readme_commands_work_in_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, timeout=60)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONHOME", "DSFACTS_"))}
    env.update({NESTED: "1", "PYTEST_ADDOPTS": "-p no:cacheprovider tests/test_store.py", "NO_COLOR": "1"})
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    first, second = setup_commands()

    r = subprocess.run(["bash", "-c", first], cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert re.search(r"\d+ facts: \d+ agreed", r.stdout), r.stdout[-2000:]

    r = subprocess.run(["bash", "-c", second], cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert re.search(r"\d+ passed", r.stdout), r.stdout[-2000:]
    assert "skipped" not in r.stdout
