"""The read index keeps the copy families when an edited document cannot move them (documents.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsfacts.index import documents
from dsfacts.reconcile import independence
from dsfacts.reconcile.context import DocumentPart
from dsfacts.reconcile.independence import Families, near_duplicate_families

NAMES = [f"d{i}" for i in range(8)]
parts_st = st.dictionaries(
    st.sampled_from(NAMES),
    st.builds(DocumentPart, st.frozensets(st.integers(0, 9), max_size=6), st.sampled_from([None, "blog"])),
    min_size=1,
)


def kept_from(parts: dict[str, DocumentPart]) -> documents.Documents:
    fam = near_duplicate_families({n: set(p.shingles) for n, p in parts.items()})
    return documents.Documents({n: documents._Kept("sha", p, fam.of(n), fam.why.get(n)) for n, p in parts.items()})


def joins(fam: Families, names: set[str]) -> dict[str, tuple[str, tuple[str, str] | None]]:
    return {n: (fam.of(n), fam.why.get(n)) for n in sorted(names)}


@pytest.mark.parametrize("common", [2, 200])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=parts_st, edits=parts_st, gone=st.sets(st.sampled_from(NAMES), max_size=2))
def test_kept_families_stand_only_when_a_rebuild_agrees(
    before: dict[str, DocumentPart], edits: dict[str, DocumentPart], gone: set[str], common: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(independence, "COMMON", common)  # small: sentences cross the boilerplate line
    monkeypatch.setattr(documents, "COMMON", common)
    docs = kept_from(before)
    after = {n: p for n, p in {**before, **edits}.items() if n not in gone}
    if not after:
        return
    if docs._families_stand(after):
        rebuilt = near_duplicate_families({n: set(p.shingles) for n, p in after.items()})
        assert joins(docs._kept_families(), set(after)) == joins(rebuilt, set(after))


def test_an_edited_document_alone_keeps_the_families() -> None:
    """The common case it is for: one document of many gains a sentence and copies nothing."""
    base = {f"d{i}": DocumentPart(frozenset({100 * i + 1, 100 * i + 2, 100 * i + 3}), None) for i in range(6)}
    base["d5"] = base["d4"]._replace(shingles=base["d4"].shingles | {9})  # d5 copies d4: one family
    docs = kept_from(base)
    edited = {**base, "d1": base["d1"]._replace(shingles=base["d1"].shingles | {7})}
    assert docs._families_stand(edited)
    copying = {**base, "d1": base["d1"]._replace(shingles=base["d2"].shingles | {7})}  # now d2's text
    assert not docs._families_stand(copying)
    assert not docs._families_stand({**base, "d4": base["d4"]._replace(shingles=frozenset({1, 2, 3}))})  # was in a family
