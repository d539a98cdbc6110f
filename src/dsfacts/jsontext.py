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
_CONTAINERS = (dict, list, tuple)


class _NotPlain(Exception):
    """A key json.dumps would convert (a number, None): left to json.dumps itself."""


def _refuse(o: Any) -> Any:
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


@lru_cache(maxsize=64)
def _flat(depth: int) -> Any:
    """The C encoder, writing one container's items on lines indented to `depth` (as JSONEncoder.encode
    does, without building an encoder per call)."""
    sep = ",\n" + "  " * depth
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator: the pure-Python encoder, same text
        return json.JSONEncoder(ensure_ascii=False, separators=(sep, ": ")).encode
    encode = make(None, _refuse, json.encoder.encode_basestring, None, ": ", sep, False, False, True)
    return lambda obj: "".join(encode(obj, 0))


def _is_flat(items: Any) -> bool:
    for v in items:  # noqa: SIM110 - a loop, not all(): this runs once per claim
        if v and isinstance(v, _CONTAINERS):
            return False
    return True


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
