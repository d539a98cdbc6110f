"""Item 4: a claims.jsonl line with NaN, Infinity or an absurd number is exit 2 naming the line;
nothing is overwritten."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsfacts import store
from dsfacts.cli import app
from dsfacts.errors import StoreError

GOOD = {"entity": "deepseek-v3", "attribute": "total_params", "value": 671000000000, "kind": "number",
        "source": "a.md", "line": 3, "quote": "deepseek-v3 total_params 671"}  # fmt: skip


def _write(path: Path, bad_value: str, key: str = "value") -> bytes:
    good = json.dumps(GOOD)
    bad = good.replace(f'"{key}": {GOOD[key]}', f'"{key}": {bad_value}')
    assert bad != good
    path.write_text(good + "\n" + good + "\n" + bad + "\n", encoding="utf-8")
    return path.read_bytes()


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400", "9" * 5000])
@pytest.mark.parametrize("command", [["show", "deepseek-v3"], ["conflicts"], ["conflicts", "--json"]])
def test_non_numbers_are_exit_2_naming_the_line(kbdir: Path, bad: str, command: list[str]) -> None:
    claims = kbdir / "claims.jsonl"
    before = _write(claims, bad)
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2, result.output
    assert "claims.jsonl:3:" in result.output and "Traceback" not in result.output
    assert claims.read_bytes() == before


@pytest.mark.parametrize(("key", "bad"), [("line", "10000000000000"), ("column", "-5"), ("line", "0")])
def test_positions_out_of_range_name_the_line(tmp_path: Path, key: str, bad: str) -> None:
    claims = tmp_path / "claims.jsonl"
    if key == "column":
        row = dict(GOOD, column=int(bad))
        claims.write_text(json.dumps(GOOD) + "\n" + json.dumps(row) + "\n")
        line = 2
    else:
        _write(claims, bad, key="line")
        line = 3
    with pytest.raises(StoreError, match=rf"claims.jsonl:{line}: corrupt"):
        store.read_claims(claims)


@settings(max_examples=100, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers())
def test_whatever_number_a_line_holds_reading_never_crashes(x: float) -> None:
    import tempfile

    text = json.dumps(dict(GOOD, value=x))  # json.dumps writes NaN / Infinity for those
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "claims.jsonl"
        path.write_text(text + "\n")
        try:
            claims = store.read_claims(path)
        except StoreError as e:
            assert isinstance(x, float) and not math.isfinite(x), e
            assert ":1: corrupt" in str(e)
        else:
            assert claims[0].value == x
