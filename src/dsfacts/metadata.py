"""sources/sources.yaml: read strictly, and edited without losing what a person wrote in it.

The file is read and rewritten through ruamel.yaml's round-trip mode, so comments, key order,
flow style and document markers (`---`, `...`) survive `dsfacts add` and `dsfacts remove`.
Mistakes that would silently hide metadata (a key written twice, a list where a title belongs)
and files nested deeper than metadata ever is are errors naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from dsfacts.errors import SourceError

MAX_DEPTH = 4  # file -> document -> field (-> a short list); anything deeper is not metadata
MAX_BYTES = 4_000_000
SCALARS = (str, int, float, bool, dt.date)
# fields of models.Source that hold one value; other fields may also be a list of values
SINGLE = {"id", "title", "author", "date", "url", "kind", "language", "sha256", "origin_sha256"}


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.allow_duplicate_keys = False
    y.preserve_quotes = True
    y.width = 4096
    y.allow_unicode = True
    return y


def _line(mark: Any) -> int:
    return int(getattr(mark, "line", 0)) + 1


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror or e}).") from e
    if len(data) > MAX_BYTES:
        raise SourceError(f"{path}: {len(data):,} bytes is too large for a metadata file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SourceError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8.") from e


def _check_depth(path: Path, text: str) -> None:
    """Walk the parser's events (an iterative state machine) before composing (recursive)."""
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    for event in _yaml().parse(io.StringIO(text)):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise SourceError(
                    f"{path}:{_line(event.start_mark)}: nested {depth} levels deep; metadata is "
                    f"file name -> field -> value (at most {MAX_DEPTH} levels)."
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def load_document(path: Path) -> tuple[Any, str]:
    """The round-trip document (a CommentedMap, or None for an empty file) and its text."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    text = _read(path)
    try:
        _check_depth(path, text)
        data = _yaml().load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = _first_line(" ".join(str(x) for x in (e.context, e.problem) if x))
        if "duplicate key" in what:
            raise SourceError(
                f"{path}:{_line(mark)}: a key is written twice ({what}); merge the two entries."
            ) from None
        raise SourceError(f"{path}:{_line(mark)}: not valid YAML ({what}).") from None
    except YAMLError as e:
        raise SourceError(f"{path}: not valid YAML ({_first_line(str(e))}).") from None
    except RecursionError:
        raise SourceError(f"{path}: nested too deeply to be metadata.") from None
    if data is not None and not isinstance(data, dict):
        raise SourceError(f"{path}:1: expected a mapping of file name -> metadata (title: …, date: …).")
    return data, text


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0].rstrip(".:") if text.strip() else text


def validate(path: Path, data: Any) -> dict[str, dict[str, Any]]:
    """Plain dicts of scalar fields; a wrong type is an error with the line it is on."""
    out: dict[str, dict[str, Any]] = {}
    for name, fields in (data or {}).items():
        where = _key_line(data, name)
        if not isinstance(name, str):
            raise SourceError(f"{path}:{where}: {name!r} should be a document's file name.")
        if fields is None:
            out[name] = {}
            continue
        if not isinstance(fields, dict):
            raise SourceError(
                f"{path}:{where}: the entry for {name!r} should be a mapping (title: …, date: …), "
                f"not a {_kind(fields)}."
            )
        clean: dict[str, Any] = {}
        for key, value in fields.items():
            line = _key_line(fields, key)
            if not isinstance(key, str):
                raise SourceError(f"{path}:{line}: field {key!r} of {name!r} should be a name.")
            if value is None or isinstance(value, SCALARS):
                clean[key] = value
            elif key not in SINGLE and isinstance(value, list) and all(isinstance(x, SCALARS) for x in value):
                clean[key] = list(value)  # an extra field may list things (e.g. the copies of a text)
            else:
                raise SourceError(
                    f"{path}:{line}: {name}: {key} should be a single value (text, number or date), "
                    f"not a {_kind(value)}."
                )
        out[name] = clean
    return out


def _kind(value: Any) -> str:
    return (
        "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else type(value).__name__
    )


def _key_line(mapping: Any, key: Any) -> int:
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except Exception:  # noqa: BLE001 - plain dicts carry no positions
        return 1


def load(path: Path) -> dict[str, dict[str, Any]]:
    """Validated metadata of sources.yaml, keyed by file name ({} when the file is absent).

    Read commands take this on every run, so a well-formed file goes through libyaml (30x faster
    than ruamel's pure-Python parser) once a cheap check shows it cannot be nested deeply enough
    to hurt libyaml; anything odd is read again the strict way, for a message with its line.
    """
    path = Path(path)
    if not path.exists():
        return {}
    fast = _load_fast(path)
    if fast is not None:
        return fast
    data, _ = load_document(path)
    return validate(path, data)


def _load_fast(path: Path) -> dict[str, dict[str, Any]] | None:
    import yaml

    try:
        text = _read(path)
    except SourceError:
        return None
    if text.count("[") + text.count("{") > 200 or _max_indent(text) > 200:
        return None
    try:
        data = yaml.load(text, Loader=_unique_keys_loader())  # noqa: S506 - a CSafeLoader subclass
        if data is not None and not isinstance(data, dict):
            return None
        return validate(path, data)
    except Exception:  # noqa: BLE001 - YAMLError, a duplicate, a wrong type …: the strict path says which
        return None


def _max_indent(text: str) -> int:
    import re

    return max((len(m.group(0)) for m in re.finditer(r"(?m)^[ \t]+", text)), default=0)


_LOADER: Any = None


def _unique_keys_loader() -> Any:
    """libyaml's safe loader, refusing a mapping that repeats a key (PyYAML keeps the last one)."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class UniqueKeys(base):
            def construct_mapping(self, node: Any, deep: bool = False) -> Any:
                keys = [self.construct_object(k, deep=True) for k, _ in node.value]
                if len({repr(k) for k in keys}) != len(keys):
                    raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
                return super().construct_mapping(node, deep=deep)

        _LOADER = UniqueKeys
    return _LOADER


def _preamble(text: str) -> str:
    """Comments and directives up to an explicit `---` line: ruamel drops them, so keep them as text."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    for i, line in enumerate(lines):
        bare = line.strip()
        if not bare or bare.startswith(("#", "%")):
            continue
        return "".join(lines[: i + 1]) if bare == "---" or bare.startswith("--- ") else ""
    return ""


def _dump(data: Any, old_text: str) -> str:
    y = _yaml()
    tail = [ln.strip() for ln in old_text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    y.explicit_end = bool(tail) and tail[-1] == "..."
    out = io.StringIO()
    y.dump(data, out)
    text = out.getvalue()
    return _preamble(old_text) + (text if text.endswith("\n") else text + "\n")


def with_entries(path: Path, entries: dict[str, dict[str, Any]]) -> str:
    """The new text of sources.yaml with these entries added (or replaced), all else kept."""
    from ruamel.yaml.comments import CommentedMap

    path = Path(path)
    data, text = load_document(path) if path.exists() else (None, "")
    if data is None:
        data = CommentedMap()
    validate(path, data)
    for name, fields in entries.items():
        data[name] = CommentedMap((k, _as_written(v)) for k, v in fields.items())
    return _dump(data, text)


def _as_written(value: Any) -> Any:
    """A string that a YAML 1.1 reader would take for something else ("NO", "1e3", "2024-01-02")
    is written quoted: sources.yaml is read back through libyaml, which follows YAML 1.1."""
    if not isinstance(value, str):
        return value
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    try:
        same = yaml.safe_load(value) == value
    except yaml.YAMLError:
        same = False
    return value if same else DoubleQuotedScalarString(value)


def without_entries(path: Path, names: list[str]) -> str | None:
    """The new text of sources.yaml without these entries; None when nothing changes."""
    path = Path(path)
    if not path.exists():
        return None
    data, text = load_document(path)
    if not data or not any(n in data for n in names):
        return None
    for n in names:
        data.pop(n, None)
    return _dump(data, text)
