"""Hard-wrapped text says the same thing: every dev document and every sample draft, wrapped the
way editors wrap (shared/tools/score.py `wrap`), gives the same claims and the same `check`
verdicts as the original.

Drafts: tests/fixtures/drafts/*.md and tests/fixtures/wrap/*.md (the two drafts of
shared/drafts that tests/fixtures/drafts does not hold). Knowledge base for the verdicts: the
bundled sources/, extracted into tmp_path.
"""

from __future__ import annotations

import collections
import json
import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsfacts.check import check_path
from dsfacts.cli import app
from dsfacts.extract.engine import extract_document
from dsfacts.sources import read_document

HERE = Path(__file__).parent
REPO = HERE.parent
DEV = HERE / "fixtures" / "dev"
DRAFTS = sorted([*(HERE / "fixtures" / "drafts").glob("*.md"), *(HERE / "fixtures" / "wrap").glob("*.md")])
DOCS = [p for p in sorted(DEV.iterdir()) if p.suffix in (".md", ".txt") and p.name not in ("README.md", "NOTES.md")]
TOLERANCE = 0.02  # the bar of score.py wrap: keep >= 98% of claims and verdicts, add <= 2%

# ---- copied from shared/tools/score.py (CJK, wrap_text); keep in step with it ----------------
CJK = re.compile(r"[\u4e00-\u9fff]")


def wrap_text(text):
    """Hard-wrap the way editors do: English prose at 78 columns between words, Chinese prose after
    punctuation once a line passes 40 characters, list items keep their marker and indent the rest;
    headings, tables, block quotes, HTML and code stay as they are."""
    out, fence = [], False
    for line in text.split("\n"):
        s = line.lstrip()
        if s.startswith(("```", "~~~")):
            fence = not fence
            out.append(line)
            continue
        if fence or len(line) <= 80 or not s or s.startswith(("#", "|", ">", "<", "!", "[^")):
            out.append(line)
            continue
        m = re.match(r"\s*(?:[-*+]|\d+[.)])\s+", line) or re.match(r"\s*", line)
        prefix = m.group(0)
        body, cont = line[len(prefix):], " " * len(prefix)
        if len(CJK.findall(body)) > len(body) / 4:
            pieces, cur = [], ""
            for ch in body:
                cur += ch
                if len(cur) >= 40 and ch in "，。；：、！？,;":
                    pieces.append(cur)
                    cur = ""
            if cur:
                pieces.append(cur)
        else:
            pieces = textwrap.wrap(body, max(30, 78 - len(prefix)), break_long_words=False, break_on_hyphens=False) or [body]
        out.append(prefix + pieces[0])
        out += [cont + p for p in pieces[1:]]
    return "\n".join(out)


# ---- end of the copy ----------------------------------------------------------------------------


def _wrapped_copy(path: Path, folder: Path) -> Path:
    """The file hard-wrapped, in the same encoding (a GBK draft stays GBK), under the same name."""
    doc = read_document(path)
    out = folder / path.name
    folder.mkdir(parents=True, exist_ok=True)
    out.write_bytes(wrap_text(doc.text).encode(doc.encoding if doc.encoding != "utf-8-sig" else "utf-8"))
    return out


def _bag(path: Path) -> collections.Counter:
    return collections.Counter(
        (c.entity, c.attribute, json.dumps(c.value, sort_keys=True)) for c in extract_document(read_document(path))
    )


def test_wrapping_really_wraps():
    """The fixtures have long lines, so the test measures something."""
    changed = [p.name for p in DOCS if wrap_text(read_document(p).text) != read_document(p).text]
    assert len(changed) >= 10
    assert wrap_text("- " + "word " * 40).split("\n")[1].startswith("  word")
    zh = "DeepSeek-V3 是一个强大的混合专家模型，总参数为 6710 亿，每个 token 激活 370 亿参数，在 14.8 万亿 token 上预训练。"
    assert len(zh) <= 80 and wrap_text(zh) == zh  # short lines stay
    lines = wrap_text(zh + zh).split("\n")
    assert len(lines) >= 2 and "".join(lines) == zh + zh  # Chinese lines break without losing a character


def _compare(pairs: list[tuple[str, collections.Counter, collections.Counter]]) -> tuple[int, int, int, list[str]]:
    kept = total = added = 0
    notes = []
    for name, orig, wrapped in pairs:
        kept += sum((orig & wrapped).values())
        total += sum(orig.values())
        added += sum((wrapped - orig).values())
        notes += [f"LOST {name} {x}" for x in sorted((orig - wrapped).elements())]
        notes += [f"ADDED {name} {x}" for x in sorted((wrapped - orig).elements())]
    return kept, total, added, notes


def test_wrapped_dev_documents_keep_their_claims(tmp_path):
    pairs = [(p.name, _bag(p), _bag(_wrapped_copy(p, tmp_path))) for p in DOCS]
    kept, total, added, notes = _compare(pairs)
    print("\n".join(notes))
    print(f"wrapped dev documents keep {kept}/{total} claims, add {added}")
    assert total > 200
    assert kept >= (1 - TOLERANCE) * total, "\n".join(notes)
    assert added <= TOLERANCE * total, "\n".join(notes)


def test_wrapped_drafts_keep_their_claims(tmp_path):
    pairs = [(p.name, _bag(p), _bag(_wrapped_copy(p, tmp_path))) for p in DRAFTS]
    kept, total, added, notes = _compare(pairs)
    print("\n".join(notes))
    print(f"wrapped drafts keep {kept}/{total} claims, add {added}")
    assert total > 40
    assert kept >= (1 - TOLERANCE) * total, "\n".join(notes)
    assert added <= TOLERANCE * total, "\n".join(notes)


@pytest.fixture(scope="module")
def knowledge_base(tmp_path_factory) -> tuple[Path, Path]:
    """The bundled sources/ extracted into a fresh claims file (the cache lands beside it)."""
    claims = tmp_path_factory.mktemp("kb") / "claims.jsonl"
    result = CliRunner().invoke(app, ["extract", "--sources", str(REPO / "sources"), "--claims", str(claims)])
    assert result.exit_code == 0, result.output
    return REPO / "sources", claims


def _verdicts(path: Path, kb: tuple[Path, Path]) -> collections.Counter:
    report = check_path(path, *kb)
    return collections.Counter((f.entity, f.attribute, f.verdict) for f in report.findings)


def test_wrapped_drafts_keep_their_verdicts(tmp_path, knowledge_base):
    pairs = [(p.name, _verdicts(p, knowledge_base), _verdicts(_wrapped_copy(p, tmp_path), knowledge_base)) for p in DRAFTS]
    kept, total, added, notes = _compare(pairs)
    print("\n".join(notes))
    print(f"wrapped drafts keep {kept}/{total} verdicts, add {added}")
    assert total > 40
    assert kept >= (1 - TOLERANCE) * total, "\n".join(notes)
    assert added <= TOLERANCE * total, "\n".join(notes)
    # a wrapped draft never loses a contradiction (issue 10: one lost all four and exited 0)
    for name, orig, wrapped in pairs:
        lost = sum(n for (e, a, v), n in (orig - wrapped).items() if v == "contradicted")
        assert lost == 0, f"{name}: {lost} contradicted verdicts lost on wrapping"


def test_wrapped_cli_check_exit_status_is_the_same(tmp_path, knowledge_base):
    sources, claims = knowledge_base
    for p in DRAFTS:
        args = ["--sources", str(sources), "--claims", str(claims), "--json"]
        orig = CliRunner().invoke(app, ["check", str(p), *args])
        wrapped = CliRunner().invoke(app, ["check", str(_wrapped_copy(p, tmp_path)), *args])
        assert orig.exit_code == wrapped.exit_code, p.name
