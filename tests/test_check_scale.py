"""check at scale: the read index and the claims in memory give the same findings, and a text
report builds only the source references it shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsfacts import index, store
from dsfacts.check import evidence
from dsfacts.cli import app
from dsfacts.models import Claim


def claim(entity: str, attribute: str, value: object, source: str, line: int, kind: str = "number", **kw: object) -> Claim:
    return Claim(entity=entity, attribute=attribute, value=value, kind=kind, source=source, line=line,  # type: ignore[arg-type]
                 quote=f"{entity} {attribute} {value}", **kw)  # fmt: skip


def base() -> list[Claim]:
    out = []
    for i in range(40):  # thousands in a real base: the same values stated again and again
        s = f"n{i:03d}.md"
        out.append(claim("deepseek-v3", "total_params", 671000000000, s, 3, resolution=1000000000, raw="671B"))
        out.append(claim("deepseek-v3", "total_params", 671000000000, s, 4, resolution=1000000, raw="671.0B"))
        out.append(claim("deepseek-v3", "context_length", 128000, s, 5, resolution=1000))
        out.append(claim("deepseek-r1", "variant_sizes", [1.5, 7], s, 6, kind="sizes"))
        out.append(claim("deepseek-r1", "variant_sizes", [14], s, 7, kind="sizes"))  # one list over two lines
        if i % 4 == 0:
            out.append(claim("deepseek-v3", "total_params", 236000000000, s, 8, resolution=1000000000))
            out.append(claim("deepseek-v3-0324", "total_params", 685000000000, s, 9, resolution=1000000000))
        if i % 3 == 0:
            out.append(claim("deepseek-v2", "total_params", 236000000000, s, 10, resolution=1000000000))
    return out


DRAFT = "\n".join([
    "deepseek-v3 total_params 671000000000",  # supported (one side of a contradiction: disputed)
    "deepseek-v3 total_params 685000000000",  # contradicted, and V3-0324's value
    "deepseek-v3 total_params 236000000000",  # one side, and V2's value
    "deepseek-v3 context_length 128000",  # supported by 40 sources
    "deepseek-v3 context_length 64000",  # contradicted
    "deepseek-v2 context_length 128000",  # unverified: V3's value
    "deepseek-r1 variant_sizes 7",  # compared with merged lists
]) + "\n"  # fmt: skip


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_engine: object) -> Path:
    (tmp_path / "sources").mkdir()
    store.write_claims(tmp_path / "claims.jsonl", base())
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return tmp_path


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "draft.md", *args])
    return result.exit_code, result.stdout


def test_the_index_and_the_claims_in_memory_give_the_same_findings(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_index = [check(*fmt) for fmt in (("--json",), ("-f", "sarif"), ())]
    assert index.path_for(world / "claims.jsonl").exists()
    monkeypatch.setattr(index, "open_or_build", lambda *a: None)
    without = [check(*fmt) for fmt in (("--json",), ("-f", "sarif"), ())]
    assert with_index == without
    findings = json.loads(with_index[0][1])["findings"]
    assert {f["verdict"] for f in findings} == {"supported", "contradicted", "disputed", "unverified"}
    assert max(len(f["sources"]) for f in findings) == 90  # every claim of the fact, in --json
    assert any("states for" in f["message"] for f in findings)  # a sibling's value named
    assert "… 85 more (--json lists them)" in with_index[2][1]


def test_a_text_report_builds_only_the_references_it_shows(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check()  # the index exists
    built: list[object] = []
    real = evidence.claim_ref
    monkeypatch.setattr(evidence, "claim_ref", lambda c: built.append(c) or real(c))
    code, out = check()
    shown = len(re.findall(r"n\d{3}\.md:\d+  “", out))
    assert len(built) == shown  # the shown ones only, not the 90 of each finding
    assert "… 85 more" in out
