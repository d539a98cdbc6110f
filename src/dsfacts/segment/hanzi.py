"""Traditional -> Simplified Chinese, one character for one (億 -> 亿, 參數 -> 参数).

zhconv's table is phrase-based; only its single-character entries are used, so the text keeps
its length and every character keeps its place in the file.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def traditional_table() -> dict[int, int]:
    """zhconv's own table, read from its data file: importing zhconv.zhconv pulls in
    pkg_resources (50-100 ms); the file alone loads in ~15 ms, with the same pairs."""
    import json
    from importlib.util import find_spec
    from pathlib import Path

    # find_spec locates the package without running its __init__ (which imports zhconv.zhconv and,
    # through it, pkg_resources); importlib.resources.files would run it
    spec = find_spec("zhconv")
    assert spec is not None and spec.submodule_search_locations, "zhconv is a dependency"
    data = Path(next(iter(spec.submodule_search_locations))) / "zhcdict.json"
    pairs = json.loads(data.read_bytes().decode("utf-8"))["zh2Hans"]
    return {ord(k): ord(v) for k, v in pairs.items() if len(k) == 1 and len(v) == 1 and k != v}
