"""claims.jsonl: exact round trips, atomic writes, and clear errors for files it cannot trust."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsfacts import store
from dsfacts.errors import StoreError
from dsfacts.models import Claim

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
json_scalar = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    text,
)
claims = st.builds(
    Claim,
    entity=st.sampled_from(["deepseek-v3", "deepseek-r1", "janus"]),
    attribute=st.sampled_from(["total_params", "release_date", "license"]),
    value=st.one_of(json_scalar, st.lists(st.integers(0, 10**12), max_size=4)),
    kind=st.sampled_from(["number", "text", "date", "sizes"]),
    source=st.sampled_from(["a.md", "b.txt", "中文.md"]),
    line=st.integers(1, 10_000),
    column=st.integers(1, 500),
    quote=text,
    raw=st.none() | text,
    qualifier=st.none() | st.sampled_from(["approx", "upper_bound", "lower_bound"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(claims, max_size=12))
def test_round_trip_is_exact_and_stable(tmp_path: Path, written: list[Claim]) -> None:
    path = tmp_path / "claims.jsonl"
    store.write_claims(path, written)
    first = path.read_bytes()
    back = store.read_claims(path)

    def order(c: Claim) -> tuple:
        return c.sort_key(), store.claim_to_line(c)

    assert sorted(back, key=order) == sorted(written, key=order)
    store.write_claims(path, reversed(back))
    assert path.read_bytes() == first  # byte-identical whatever the input order


def test_separator_characters_in_a_quote_survive(tmp_path: Path) -> None:
    c = Claim(entity="x", attribute="a", value=1, source="s", line=1, quote="a\u2028b\u0085c\x1cd\re")
    store.write_claims(tmp_path / "c.jsonl", [c])
    assert store.read_claims(tmp_path / "c.jsonl") == [c]


def _good_line() -> str:
    return store.claim_to_line(Claim(entity="x", attribute="a", value=1, source="s", line=1, quote="q"))


@pytest.mark.parametrize(
    "bad, message",
    [
        ('{"entity": "x", "attri', "claims.jsonl:3: corrupt line, not JSON"),
        ("[1, 2]", "claims.jsonl:3: corrupt line, expected a JSON object"),
        (
            '{"entity": "x", "attribute": "a", "value": 1, "source": "s", "line": 0, "quote": "q"}',
            "claims.jsonl:3: corrupt claim \\(line",
        ),
        ('{"entity": "x"}', "claims.jsonl:3: corrupt claim"),
    ],
)
def test_corrupt_line_is_named(tmp_path: Path, bad: str, message: str) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(f"{_good_line()}\n{_good_line()}\n{bad}\n", encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        store.read_claims(path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(_good_line()[:-1] + ', "schema": 99}\n', encoding="utf-8")
    with pytest.raises(StoreError, match="claims.jsonl:1: written by a newer dsfacts \\(schema 99.*upgrade"):
        store.read_claims(path)


def test_missing_file_says_run_extract(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `dsfacts extract`"):
        store.read_claims(tmp_path / "nope.jsonl")


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text("old\n")

    def no_space(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", no_space)
    with pytest.raises(StoreError, match="No space left.*previous file is unchanged"):
        store.write_claims(path, [])
    assert path.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["claims.jsonl"]


def test_read_only_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store.tempfile, "mkstemp", denied)  # root ignores chmod, so simulate it
    with pytest.raises(StoreError, match="Cannot write .*claims.jsonl: Permission denied"):
        store.write_claims(tmp_path / "claims.jsonl", [])


def test_written_file_is_readable_by_others(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    old = os.umask(0o022)
    try:
        store.write_claims(path, [])  # mkstemp alone would leave it 0600
    finally:
        os.umask(old)
    assert os.stat(path).st_mode & 0o777 == 0o644
