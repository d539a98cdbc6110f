"""Shared fixtures: isolated sources/claims folders and a tiny stand-in extraction engine.

The real engine (extract/engine.py) is still changing, so the store/cache/ingest tests use a
stand-in that finds "ENTITY ATTRIBUTE VALUE" lines: their outcome then depends only on the code
under test. Tests that want the real engine import it themselves.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

from dsfacts.models import Claim

_FAKE_LINE = re.compile(r"(?P<entity>deepseek-[a-z0-9.-]+) (?P<attribute>[a-z_]+) (?P<value>\d+)")


def fake_extract_document(doc) -> list[Claim]:  # type: ignore[no-untyped-def]
    claims = []
    for m in _FAKE_LINE.finditer(doc.text, doc.body_start):
        line, column = doc.line_col(m.start())
        claims.append(
            Claim(
                entity=m["entity"],
                attribute=m["attribute"],
                value=int(m["value"]),
                kind="number",
                source=doc.source,
                line=line,
                column=column,
                quote=m.group(0),
            )
        )
    return claims


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """Replace dsfacts.extract.engine by the stand-in (worker processes inherit it by fork)."""
    import dsfacts.extract

    module = types.ModuleType("dsfacts.extract.engine")
    module.extract_document = fake_extract_document  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dsfacts.extract.engine", module)
    monkeypatch.setattr(dsfacts.extract, "engine", module, raising=False)
    return module


@pytest.fixture
def kbdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with sources/ (two small documents) and room for claims.jsonl."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.md").write_text("# A\n\ndeepseek-v3 total_params 671\n", encoding="utf-8")
    (sources / "b.txt").write_text(
        "deepseek-v3 total_params 671\ndeepseek-r1 context_length 128\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return tmp_path
