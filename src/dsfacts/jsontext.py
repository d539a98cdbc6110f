"""JSON text exactly as `json.dumps(obj, ensure_ascii=False, indent=2)` writes it, several times faster.

The standard library's encoder falls back to pure Python whenever `indent` is set: writing the
read index's facts (thousands of claims each at scale) was dominated by it. Here every container
whose items are all plain values (a claim's provenance, a list of numbers) is written by the C
encoder in one call, its separator carrying the indentation; only the nesting is walked in Python.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

_PLAIN = json.JSONEncoder(ensure_ascii=False).encode


class _NotPlain(Exception):
    """A key json.dumps would convert (a number, None): left to json.dumps itself."""


@lru_cache(maxsize=64)
def _flat(depth: int) -> Any:
    """The C encoder, writing one container's items on lines indented to `depth`."""
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + "  " * depth, ": ")).encode


def _is_flat(items: Any) -> bool:
    return not any(isinstance(v, (dict, list, tuple)) and v for v in items)


def _write(obj: Any, depth: int, out: list[str]) -> None:
    if isinstance(obj, dict):
        if not obj:
            out.append("{}")
        elif _is_flat(obj.values()):
            text = _flat(depth + 1)(obj)
            out.append("{\n" + "  " * (depth + 1) + text[1:-1] + "\n" + "  " * depth + "}")
        else:
            pad = "\n" + "  " * (depth + 1)
            sep = "{" + pad
            for k, v in obj.items():
                if not isinstance(k, str):
                    raise _NotPlain
                out.append(sep + _PLAIN(k) + ": ")
                _write(v, depth + 1, out)
                sep = "," + pad
            out.append("\n" + "  " * depth + "}")
    elif isinstance(obj, (list, tuple)):
        if not obj:
            out.append("[]")
        elif _is_flat(obj):
            text = _flat(depth + 1)(obj)
            out.append("[\n" + "  " * (depth + 1) + text[1:-1] + "\n" + "  " * depth + "]")
        else:
            pad = "\n" + "  " * (depth + 1)
            sep = "[" + pad
            for v in obj:
                out.append(sep)
                _write(v, depth + 1, out)
                sep = "," + pad
            out.append("\n" + "  " * depth + "]")
    else:
        out.append(_PLAIN(obj))


def dumps_indented(obj: Any) -> str:
    """json.dumps(obj, ensure_ascii=False, indent=2), byte for byte."""
    out: list[str] = []
    try:
        _write(obj, 0, out)
    except _NotPlain:
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(out)
