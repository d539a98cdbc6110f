"""Text values: one canonical spelling per licence, city, founder or identifier (stage 4).

The rules are data (data/normalize.yaml): "MIT 许可证" is "MIT", "DeepSeek License" is
"DeepSeek Model License", "arXiv:2412.19437v2" is "2412.19437". Adding a synonym needs no code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from dsfacts.data import load_yaml
from dsfacts.errors import DataFileError


@dataclass(frozen=True)
class TextRules:
    drop_suffixes: tuple[str, ...]
    synonyms: dict[str, str]  # squashed variant -> canonical
    strip_patterns: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    entity_suffixes: tuple[str, ...] = ()
    binary_k_attributes: frozenset[str] = frozenset()


def _squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum() or ch == ".").strip(".")


@lru_cache(maxsize=1)
def text_rules() -> TextRules:
    raw_text = resources.files("dsfacts.data").joinpath("normalize.yaml").read_text(encoding="utf-8")
    return text_rules_from_yaml(raw_text)


def text_rules_from_yaml(raw_text: str, where: str = "normalize.yaml") -> TextRules:
    raw = load_yaml(raw_text) or {}
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: expected a mapping with drop_suffixes and synonyms.")
    suffixes = raw.get("drop_suffixes") or []
    synonyms = raw.get("synonyms") or {}
    if not isinstance(suffixes, list) or not isinstance(synonyms, dict):
        raise DataFileError(f"{where}: drop_suffixes must be a list and synonyms a mapping.")
    table: dict[str, str] = {}
    for canonical, variants in synonyms.items():
        if not isinstance(variants, list):
            raise DataFileError(f"{where}: synonyms of {canonical!r} must be a list.")
        for v in [canonical, *variants]:
            table[_squash(str(v))] = str(canonical)
    ordered = tuple(sorted((_squash(str(s)) for s in suffixes), key=len, reverse=True))
    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    for attribute, items in (raw.get("strip_patterns") or {}).items():
        try:
            patterns[str(attribute)] = tuple(re.compile(str(p)) for p in items)
        except (re.error, TypeError) as e:
            raise DataFileError(f"{where}: bad strip_patterns for {attribute!r} ({e}).") from e
    return TextRules(
        ordered,
        table,
        patterns,
        tuple(str(x).lower() for x in raw.get("entity_suffixes") or ()),
        frozenset(str(x) for x in raw.get("binary_k_attributes") or ()),
    )


_BASE_INFIX = re.compile(r"(?i)[-_ ]base(?=[-_ ])")


@lru_cache(maxsize=65536)
def normalize_text(text: str, attribute: str | None = None) -> str:
    """Canonical form of a text value: case, spaces, punctuation, licence words and synonyms."""
    rules = text_rules()
    if attribute == "base_model":
        entity = _entity_id(text, rules.entity_suffixes) or _entity_id(_BASE_INFIX.sub("", text), rules.entity_suffixes)
        if entity:
            return entity  # "DeepSeek-Coder-Base-v1.5" is the checkpoint another writer calls "DeepSeek-Coder-v1.5"
    key = _squash(text)
    for pattern in rules.strip_patterns.get(attribute or "", ()):
        key = pattern.sub("", key)
    if key in rules.synonyms:
        return rules.synonyms[key]
    stripped = key
    for suffix in rules.drop_suffixes:
        if stripped.endswith(suffix) and len(stripped) > len(suffix):
            stripped = stripped[: -len(suffix)]
            break
    if stripped in rules.synonyms:
        return rules.synonyms[stripped]
    return stripped or key


def _entity_id(name: str, suffixes: tuple[str, ...] = ()) -> str | None:
    """A model name -> entity id (exact alias, else the one entity it mentions); "X-Base" -> X."""
    from dsfacts.errors import UnknownEntityError
    from dsfacts.extract.entities import registry

    reg = registry()
    try:
        found: str | None = reg.resolve(name)
    except UnknownEntityError:
        mentioned = {m.entity for m in reg.find(name)}
        found = mentioned.pop() if len(mentioned) == 1 else None
    if found is None:
        return None
    for suffix in suffixes:
        if found.endswith(suffix) and found[: -len(suffix)] in reg.entities:
            return found[: -len(suffix)]
    return found


def compare_texts(a: str, b: str, attribute: str | None = None) -> str:
    """Equal after normalization: same; else a conflict (two licences are two licences)."""
    return "same" if normalize_text(a, attribute) == normalize_text(b, attribute) else "conflict"
