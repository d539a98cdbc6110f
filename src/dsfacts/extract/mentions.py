"""Stage 3c: the models a text names — known entities, unknown DeepSeek models, other makers'.

Every named model matters, not only the ones we know: a number next to "DeepSeek-V3.1" or
"Llama 3" is not about DeepSeek-V3, so those names must be seen to stop a value from flowing to
the last known model. An unknown DeepSeek model gets the slug of its name as its id
("DeepSeek-R1-0528" -> "deepseek-r1-0528"); another maker's model has no id at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dsfacts.extract.attributes import vocabulary
from dsfacts.extract.entities import EntityRegistry, registry

KNOWN, UNKNOWN, FOREIGN, COMPANY = "known", "unknown", "foreign", "company"

# "DeepSeek-V3.1", "DeepSeek Prover V2", "DeepSeek-OCR": the company name glued to a model name
_DEEPSEEK_NAME = re.compile(
    r"(?<![A-Za-z0-9_/.-])(?i:deepseek)(?:[\s-]?(?=[A-Z0-9])|-(?=[a-z]*\d))"  # a capital or a digit starts a model name
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9_.]*(?:[-–][A-Za-z0-9][A-Za-z0-9_.]*|\s[VR]\d[A-Za-z0-9_.]*)*)"
)
# a size or a flavour at the end of a name is the same model ("DeepSeek-V3.1-Base" is DeepSeek-V3.1)
_SAME_MODEL_TAIL = re.compile(r"(?i)[-\s](?:base|chat|instruct|preview|\d+(?:\.\d+)?[bm])$")
_DISTILLED_INTO = re.compile(r"(?i)[-\s](?:qwen|llama)[\w.]*[-\s]\d+(?:\.\d+)?b$")  # "DeepSeek-R1-0528-Qwen3-8B"
# Words after "DeepSeek" that name no model: the company, its products and its people
_NOT_A_MODEL = re.compile(r"^(?:Artificial|Intelligence|License|Licence|LICENSE[\w-]*|Agreement|Terms|AI|API|App|Apps|Chat|Chatbot|Assistant|Platform|Team|Inc|Ltd|Co|LLC|Official|Search|Web|Hub|GitHub|Open|Research|Lab|Labs|Model|Models|Series|Family|Paper|Papers|LLMs)$", re.I)
_URLISH = re.compile(
    r"https?://[^\s)\]]+|www\.[^\s)\]]+|\]\([^)\s]*\)|(?<![A-Za-z0-9.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|org|net|io|ai)/[^\s)\]]*"
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: str | None  # None for another maker's model
    kind: str  # known | unknown | foreign | company

    @property
    def is_ours(self) -> bool:
        return self.kind in (KNOWN, UNKNOWN)

    @property
    def is_model(self) -> bool:
        return self.kind != COMPANY


@lru_cache(maxsize=1)
def _foreign_pattern() -> re.Pattern[str]:
    names = sorted((str(n) for n in vocabulary().get("foreign_models", [])), key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"[\s-]?") for n in names)
    # whole words only: "Yi" is not in "yields", "Meta" not in "metadata"; a version may follow
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?:[-\w.]*\d[\w.]*(?<!\.)|[-\s]?[\d.]+[A-Za-z]*)?(?![A-Za-z])")


# keyed by the short names, not the registry: a document's own registry (extract/entities.with_abbreviations)
# adds aliases, never short names, so it shares these patterns and the caches stay small
_VERSIONED: dict[tuple[str, ...], re.Pattern[str]] = {}


def _versioned_pattern(reg: EntityRegistry) -> re.Pattern[str]:
    """A short name of ours with a version after it: another, unknown DeepSeek model."""
    key = reg.short_names()
    found = _VERSIONED.get(key)
    if found is not None:
        return found
    names = "|".join(re.escape(n) for n in key if any(ch.isdigit() for ch in n) or n[:1].isupper())
    found = _VERSIONED[key] = re.compile(rf"(?<![A-Za-z0-9_/.-])(?:{names})(?:\.\d+|[-–](?:\d{{3,4}}|[A-Z][A-Za-z]*|V\d+))+(?![A-Za-z0-9_.-])")
    return found


_SIBLINGS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _sibling_pattern(reg: EntityRegistry) -> re.Pattern[str]:
    """A letter and number like a short name of ours ("V3", "R1") with a number none has ("R2",
    "V4"): another DeepSeek model, unknown, in a text that names DeepSeek."""
    key = reg.short_names()
    found = _SIBLINGS.get(key)
    if found is None:
        known = {n.upper() for n in key if re.fullmatch(r"[A-Za-z]\d{1,2}", n)}
        letters = "".join(sorted({n[0] for n in known}))
        taken = "|".join(sorted(known))
        found = _SIBLINGS[key] = re.compile(
            rf"(?<![A-Za-z0-9_/.#-])(?!(?:{taken})(?![0-9]))[{letters}]\d{{1,2}}(?![A-Za-z0-9_.-])" if letters else r"(?!)"
        )
    return found


# a name right after a model noun ("大模型 TAIDE", "the open model Falcon"): some model, ours only if the registry says so
_NAMED_MODEL = re.compile(
    r"(?:大模型|模型|(?<![A-Za-z])models?)\s*(?:叫|名为|名為|called|named)?\s*(?P<name>[A-Z][A-Za-z][A-Za-z0-9.-]{1,20})(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9.-])(?P<before>[A-Z][A-Z0-9.-]{2,20})\s*(?:大模型|模型)"  # "國科會的 TAIDE 模型"
)


@lru_cache(maxsize=1)
def _not_model_names() -> frozenset[str]:
    return frozenset(str(w).lower() for w in vocabulary().get("not_model_names", []))


def slug(name: str) -> str:
    return re.sub(r"[\s_–]+", "-", name.strip()).strip("-.").lower()


def find_mentions(text: str, reg: EntityRegistry | None = None) -> list[Mention]:
    """Every model or company mention in text, left to right, never overlapping."""
    reg = reg or registry()
    urls = [m.span() for m in _URLISH.finditer(text)] if ("/" in text or "](" in text) else []

    def in_url(i: int) -> bool:
        return any(a <= i < b for a, b in urls)

    out: list[Mention] = []
    for known in reg.find(text):
        if in_url(known.start):
            continue
        kind = COMPANY if reg.get(known.entity).is_company else KNOWN
        out.append(Mention(known.start, known.end, known.entity, kind))
    if "deepseek" in text.lower():
        for m in _DEEPSEEK_NAME.finditer(text):
            if in_url(m.start()) or _NOT_A_MODEL.match(m.group("name")) or not re.search("[A-Za-z]", m.group("name")):
                continue
            if any(x.start == m.start() and x.kind == KNOWN for x in out):
                continue  # the registry knows this name (tails such as "-7B" or "-Chat" included)
            name = m.group().rstrip(".")
            while _SAME_MODEL_TAIL.search(name) and not _DISTILLED_INTO.search(name):
                name = _SAME_MODEL_TAIL.sub("", name)  # "DeepSeek-V2-Lite-Chat" is V2-Lite; not "…-Qwen3-8B", a model of its own size
            out = [x for x in out if not (m.start() <= x.start < m.end())]
            entity = slug(name)
            out.append(Mention(m.start(), m.end(), entity, KNOWN if entity in reg.entities else UNKNOWN))
        for v in _sibling_pattern(reg).finditer(text):  # "R2", "V4": the next one of a numbered line of ours
            if in_url(v.start()) or any(x.start <= v.start() < x.end or v.start() <= x.start < v.end() for x in out):
                continue
            out.append(Mention(v.start(), v.end(), slug("deepseek-" + v.group()), UNKNOWN))
    for v in _versioned_pattern(reg).finditer(text):  # "R1-0528", "V3.1", "V2.5-1210" without "DeepSeek"
        if in_url(v.start()) or any(x.start <= v.start() < x.end or v.start() <= x.start < v.end() for x in out):
            continue
        if _SAME_MODEL_TAIL.search(v.group()):
            continue  # "V3-Base", "R1-7B": the same model
        out.append(Mention(v.start(), v.end(), slug("deepseek-" + v.group()), UNKNOWN))
    for f in _foreign_pattern().finditer(text):
        if in_url(f.start()) or any(x.start <= f.start() < x.end or f.start() <= x.start < f.end() for x in out):
            continue
        out.append(Mention(f.start(), f.end(), None, FOREIGN))
    if "模型" in text or "model" in text.lower():
        for n in _NAMED_MODEL.finditer(text):  # "台灣自主大模型 TAIDE 下一版…700億": a model we do not know, not ours
            group = "name" if n.group("name") else "before"
            a, b = n.span(group)
            if in_url(a) or n.group(group).lower() in _not_model_names() or any(x.start <= a < x.end or a <= x.start < b for x in out):
                continue
            out.append(Mention(a, b, None, FOREIGN))
    out.sort(key=lambda x: x.start)
    return out
