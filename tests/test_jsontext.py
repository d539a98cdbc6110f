"""The index's JSON writer is json.dumps(indent=2) byte for byte, only faster."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from dsfacts.jsontext import dumps_indented

PLAIN = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6)
NESTED = st.recursive(
    PLAIN, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4), max_leaves=25
)


@settings(max_examples=500)
@given(NESTED)
def test_dumps_indented_is_json_dumps(obj: object) -> None:
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


def test_tuples_keys_json_converts_and_deep_nesting() -> None:
    for obj in ({1: [1], None: {"a": ()}}, [(1, 2), {"a": [], "b": {}}], {"q": "引号 \"\u2028\n"}, [[[[[[1]]]]]]):
        assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)
