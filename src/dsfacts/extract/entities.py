"""Entity mentions -> canonical ids, from the aliases in data/entities.yaml.

Versions are different entities, so a mention is the longest alias that fits, and an alias that
runs on into an unknown version ("DeepSeek-V4", "DeepSeek-V2.7") is not a mention at all:
better no entity than the wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from dsfacts.data import load_yaml
from dsfacts.errors import DataFileError, UnknownEntityError

_REPO_OWNER = re.compile(r"(?:^|[\s(（\[\"'`*|])[A-Za-z0-9][A-Za-z0-9_-]{0,38}/$")  # "deepseek-ai/": an owner, not a URL path
_SEP = r"[\s\-_–—]*"
# After an alias, these keep the same entity: a size ("-7B", " 67B"), a chat/instruct/base flavour.
_SAME_ENTITY_TAIL = re.compile(
    r"[\s\-_]?(?:\d+(?:\.\d+)?\s?[BbMm](?![A-Za-z0-9])|(?:chat|instruct|base|preview|series)(?![A-Za-z0-9])|系列)", re.IGNORECASE
)
_FLAVOUR_VERSION = re.compile(r"[\s\-_]?(?:base|chat|instruct)[\s\-_]?v\d", re.IGNORECASE)
# After an alias, these make it a different, unknown model: "-V4", ".5", "-0324", "-Foo".
_OTHER_ENTITY_TAIL = re.compile(r"(?:\.\d|[\-_–][A-Za-z0-9]|\s?[Vv]\d|\s?R\d\b)")


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    aliases: tuple[str, ...]
    short: tuple[str, ...] = ()
    kind: str = "model"
    sizes_of: dict[str, str] | None = None
    predecessor: str | None = None

    @property
    def is_company(self) -> bool:
        return self.kind == "company"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: str


def _normalize(name: str) -> str:
    return re.sub(r"[\s\-_–—]+", "", name).lower()


def _alias_pattern(alias: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s\-_–—]+", alias.strip()) if p]
    return _SEP.join(parts)


@dataclass
class EntityRegistry:
    entities: dict[str, Entity]
    _pattern: re.Pattern[str] = field(init=False, repr=False)
    _by_alias: dict[str, str] = field(init=False, repr=False)
    _short: set[str] = field(init=False, repr=False)
    _word_aliases: set[str] = field(init=False, repr=False)
    _short_names: tuple[str, ...] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        by_alias: dict[str, str] = {}
        short: set[str] = set()
        for e in self.entities.values():
            for a in (e.name, e.id, *e.aliases):
                by_alias.setdefault(_normalize(a), e.id)
            for a in e.short:
                by_alias.setdefault(_normalize(a), e.id)
                short.add(_normalize(a))
        self._by_alias = by_alias
        self._short = short
        # a short alias that is an ordinary word ("Prover", "Janus") names the model only when
        # written with its capital: "a theorem prover" is not DeepSeek-Prover
        self._word_aliases = {_normalize(a) for e in self.entities.values() for a in e.short if a.isalpha()}
        keys = sorted(
            {a for e in self.entities.values() for a in (e.name, *e.aliases, *e.short)},
            key=lambda a: (-len(_normalize(a)), a),
        )
        # a look-ahead on the first letters lets the engine skip most positions without trying
        # every alias (measured: 4x faster mention finding)
        firsts = sorted({ch for a in keys for ch in (a[0].lower(), a[0].upper())})
        first_class = "".join(re.escape(ch) for ch in firsts)
        alternatives = "|".join(f"(?:{_alias_pattern(a)})" for a in keys)
        self._pattern = re.compile(f"(?=[{first_class}])(?:{alternatives})", re.IGNORECASE)

    def short_names(self) -> tuple[str, ...]:
        """Every short alias as written ("V3", "R1", "Coder-V2"), longest first (found once)."""
        if self._short_names is None:
            self._short_names = tuple(sorted({a for e in self.entities.values() for a in e.short}, key=len, reverse=True))
        return self._short_names

    def get(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def find(self, text: str) -> list[Mention]:
        """Entity mentions in text, longest alias first, left to right, never overlapping."""
        out: list[Mention] = []
        pos = 0
        while True:
            m = self._pattern.search(text, pos)
            if m is None:
                return out
            start, end = m.span()
            pos = start + 1
            if start > 0 and (text[start - 1].isascii() and text[start - 1].isalnum() or text[start - 1] in "/-_.") and not (
                text[start - 1] == "/" and _REPO_OWNER.search(text, max(0, start - 40), start)
            ):
                continue  # inside a longer word or a path (not a model hub's "deepseek-ai/DeepSeek-R1")
            key = _normalize(m.group())
            entity = self._by_alias.get(key)
            if entity is None:
                continue
            tail = text[end : end + 12]
            if end < len(text) and text[end].isascii() and text[end].isalnum() and not _SAME_ENTITY_TAIL.match(tail):
                continue
            if _OTHER_ENTITY_TAIL.match(tail) and not _SAME_ENTITY_TAIL.match(tail):
                continue
            if _FLAVOUR_VERSION.match(tail):
                continue  # "DeepSeek-Coder-Base-v1.5": a later version of the flavour, another model
            if key in self._short and (start > 0 and text[start - 1] in "-–"):
                continue
            if key in self._word_aliases and not text[start].isupper():
                continue
            out.append(Mention(start, end, entity))
            pos = end

    def resolve(self, name: str) -> str:
        """A user-typed name -> entity id, or UnknownEntityError with the closest suggestions."""
        key = _normalize(name)
        if key in self._by_alias:
            return self._by_alias[key]
        if key.startswith("deepseek") and key[len("deepseek") :] in self._by_alias:
            return self._by_alias[key[len("deepseek") :]]
        if "deepseek" + key in self._by_alias:
            return self._by_alias["deepseek" + key]
        raise UnknownEntityError(name, self.suggest(name))

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        from rapidfuzz import fuzz, process

        choices = {alias: eid for alias, eid in self._by_alias.items()}
        found = process.extract(_normalize(name), list(choices), scorer=fuzz.ratio, limit=12)
        out: list[str] = []
        for alias, score, _ in found:
            eid = choices[alias]
            if score >= 60 and eid not in out:
                out.append(eid)
        return out[:limit]


# "(DS = DeepSeek)", "DS stands for DeepSeek": a document's own short form of a company's name
_ABBREVIATION = re.compile(
    r"(?<![A-Za-z])(?P<abbr>[A-Z][A-Za-z]{1,3})\s*(?:=|:=|stands for|is short for|short for)\s*(?P<full>[A-Z][A-Za-z]+)(?![A-Za-z])"
)


def with_abbreviations(reg: EntityRegistry, text: str) -> EntityRegistry:
    """The registry with the document's short form of a company's name ("DS = DeepSeek") standing
    for it in every model name that starts with it ("DS Coder", "DS-LLM"). Unchanged (the same
    object) when the document defines none."""
    if "=" not in text and "for" not in text:
        return reg
    short: dict[str, str] = {}
    for m in _ABBREVIATION.finditer(text, 0, 20_000):
        entity = reg._by_alias.get(_normalize(m.group("full")))
        if entity and reg.get(entity).is_company and _normalize(m.group("abbr")) not in reg._by_alias:
            short[m.group("full")] = m.group("abbr")
    if not short:
        return reg
    entities = {}
    for e in reg.entities.values():
        extra = tuple(
            abbr + a[len(full) :]
            for full, abbr in short.items()
            for a in (e.name, *e.aliases)
            if a.lower().startswith(full.lower()) and len(a) > len(full) and not a[len(full)].isalnum()
        )
        entities[e.id] = Entity(e.id, e.name, e.aliases + extra, e.short, e.kind, e.sizes_of, e.predecessor) if extra else e
    return EntityRegistry(entities)


def _load_entity(raw: dict[str, Any], where: str) -> Entity:
    try:
        return Entity(
            id=str(raw["id"]),
            name=str(raw.get("name") or raw["id"]),
            aliases=tuple(str(a) for a in raw.get("aliases") or ()),
            short=tuple(str(a) for a in raw.get("short") or ()),
            kind=str(raw.get("kind") or "model"),
            sizes_of=dict(raw["sizes_of"]) if raw.get("sizes_of") else None,
            predecessor=str(raw["predecessor"]) if raw.get("predecessor") else None,
        )
    except (KeyError, TypeError, ValueError) as e:
        raise DataFileError(f"{where}: malformed entity entry {raw!r} ({e}).") from e


@lru_cache(maxsize=1)
def registry() -> EntityRegistry:
    text = resources.files("dsfacts.data").joinpath("entities.yaml").read_text(encoding="utf-8")
    return registry_from_yaml(text, "entities.yaml")


def registry_from_yaml(text: str, where: str = "entities.yaml") -> EntityRegistry:
    raw = load_yaml(text)
    if not isinstance(raw, list):
        raise DataFileError(f"{where}: expected a list of entities.")
    entities: dict[str, Entity] = {}
    for item in raw:
        if not isinstance(item, dict):
            raise DataFileError(f"{where}: every entity must be a mapping, got {item!r}.")
        e = _load_entity(item, where)
        if e.id in entities:
            raise DataFileError(f"{where}: entity {e.id!r} is listed twice.")
        entities[e.id] = e
    return EntityRegistry(entities)
