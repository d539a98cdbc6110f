"""Quality gate: extraction recall and value precision on real documents, against a floor that only rises.

Measured the way shared/tools/score.py measures it: a gold fact is found when some claim of the
same document, entity and attribute has the same value; precision is judged on the claims whose
document, entity and attribute the gold covers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dsfacts.extract.engine import extract_document
from dsfacts.sources import read_document

DEV = Path(__file__).parent / "fixtures" / "dev"
FLOOR = json.loads((Path(__file__).parent / "eval_floor.json").read_text(encoding="utf-8"))


def _num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _close(a, b) -> bool:
    a, b = _num(a), _num(b)
    return a is not None and b is not None and abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)


def _same(gold, got, attribute: str) -> bool:
    if isinstance(gold, list):
        items = [got["min"], got["max"]] if isinstance(got, dict) else got
        if not isinstance(items, list) or len(items) != len(gold):
            return False
        return all(_close(a, b) for a, b in zip(sorted(gold), sorted(items), strict=True))
    if isinstance(gold, (int, float)):
        return _close(gold, got)
    g, c = str(gold).strip().lower(), str(got).strip().lower()
    if attribute == "base_model":
        return g in c or c in g
    return g == c


@pytest.fixture(scope="module")
def measured():
    gold = [json.loads(line) for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    claims = {p.name: extract_document(read_document(p)) for p in sorted(DEV.glob("*.md")) if p.name != "README.md"}
    found = sum(
        any(_same(g["value"], c.value, g["attribute"]) for c in claims[g["doc"]] if (c.entity, c.attribute) == (g["entity"], g["attribute"]))
        for g in gold
    )
    keys: dict[tuple[str, str, str], list] = {}
    for g in gold:
        keys.setdefault((g["doc"], g["entity"], g["attribute"]), []).append(g["value"])
    judged = wrong = 0
    for doc, doc_claims in claims.items():
        for c in doc_claims:
            values = keys.get((doc, c.entity, c.attribute))
            if values is None:
                continue
            judged += 1
            wrong += not any(_same(v, c.value, c.attribute) for v in values)
    recall = found / len(gold)
    precision = 1 - wrong / judged if judged else 0.0
    print(f"dev corpus: recall {recall:.1%}, value precision {precision:.1%} on {judged} judged claims")
    return recall, precision


def test_recall_does_not_drop_below_the_floor(measured):
    recall, _ = measured
    assert recall >= FLOOR["dev_recall"], f"recall {recall:.1%} fell below the recorded floor {FLOOR['dev_recall']:.0%}"


def test_precision_does_not_drop_below_the_floor(measured):
    _, precision = measured
    assert precision >= FLOOR["dev_precision"], f"precision {precision:.1%} fell below the floor {FLOOR['dev_precision']:.0%}"
