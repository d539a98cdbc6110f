"""Which attribute a value states, from the cue words around it (data/attributes.yaml).

A value looks at the words of its own clause: after it ("671B total parameters", "14.8T
tokens") and before it ("总参数达6710亿", "激活 370 亿参数"). The most specific attribute
whose cue stands there wins; with no cue there is no claim, except for dates, which default
to a release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from dsfacts.data import load_yaml
from dsfacts.errors import DataFileError

NEAR_TIE = 3  # characters: cues this close to the nearest one compete by priority
HEAD_REACH = 30  # characters before a value in which a cue still counts
TAIL_REACH = 32  # characters after a value (English puts adjectives between: "14.8T diverse … tokens")


@dataclass(frozen=True)
class AttributeSpec:
    name: str
    kinds: tuple[str, ...]
    cues: tuple[str, ...]  # lowercased, longest first
    priority: int = 1
    tail_only: bool = False
    magnitude: bool = False  # needs a scaled number (671B, 6710亿), not a bare count
    currency: str | None = None
    company: bool = False  # an attribute of the company, not of a model
    min: Decimal | None = None  # smallest plausible number
    max: Decimal | None = None  # largest plausible number ("7B 版本的上下文" is a size, not a context)


@lru_cache(maxsize=1)
def attribute_specs() -> dict[str, AttributeSpec]:
    text = resources.files("dsfacts.data").joinpath("attributes.yaml").read_text(encoding="utf-8")
    return specs_from_yaml(text)


def specs_from_yaml(text: str) -> dict[str, AttributeSpec]:
    raw = load_yaml(text)
    if not isinstance(raw, dict):
        raise DataFileError("attributes.yaml: expected a mapping of attribute -> spec.")
    out: dict[str, AttributeSpec] = {}
    for name, spec in raw.items():
        out[name] = _spec(str(name), spec)
    return out


def _spec(name: str, spec: Any) -> AttributeSpec:
    if not isinstance(spec, dict) or not spec.get("kinds") or not spec.get("cues"):
        raise DataFileError(f"attributes.yaml: {name} needs `kinds` and `cues`.")
    cues = sorted({str(c).lower() for c in spec["cues"]}, key=lambda c: (-len(c), c))
    return AttributeSpec(
        name=name,
        kinds=tuple(str(k) for k in spec["kinds"]),
        cues=tuple(cues),
        priority=int(spec.get("priority", 1)),
        tail_only=bool(spec.get("tail_only", False)),
        magnitude=bool(spec.get("magnitude", False)),
        currency=spec.get("currency"),
        company=bool(spec.get("company", False)),
        min=Decimal(str(spec["min"])) if spec.get("min") is not None else None,
        max=Decimal(str(spec["max"])) if spec.get("max") is not None else None,
    )


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    text = resources.files("dsfacts.data").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    if not isinstance(data, dict):
        raise DataFileError("vocabulary.yaml: expected a mapping.")
    return data


def cue_distance(spec: AttributeSpec, head: str, tail: str) -> int | None:
    """How far the nearest cue of this attribute stands from the value (None: no cue)."""
    pattern = _cue_pattern(spec.name)
    best: int | None = None
    t = tail[:TAIL_REACH].lower()
    if t.startswith("-"):  # "236-billion-parameter": the value's own compound, not "Multi-Token"
        t = " " + t[1:]
    m = pattern.search(t)
    if m:
        best = m.start()
    if not spec.tail_only:
        h = head[-HEAD_REACH:].lower()
        ends = [m.end() for m in pattern.finditer(h)]
        if ends:
            d = len(h) - max(ends)
            if best is None or d < best:
                best = d
    return best


def cue_positions(name: str, text: str) -> list[int]:
    """Where the cues of an attribute stand in text."""
    return [m.start() for m in _cue_pattern(name).finditer(text.lower())]


@cache
def _cue_pattern(name: str) -> re.Pattern[str]:
    """All cues of one attribute as one pattern; an English cue stands as a word ("token" is not
    in "Multi-Token")."""
    parts = []
    for cue in attribute_specs()[name].cues:
        p = re.escape(cue)
        if cue[:1].isascii() and cue[:1].isalpha():
            p = rf"(?<![A-Za-z0-9-]){p}(?![A-Za-z])"
        parts.append(p)
    first = "".join(sorted({re.escape(c[0]) for c in attribute_specs()[name].cues if c}))
    return re.compile(f"(?=[{first}])(?:" + "|".join(parts) + ")")  # the first character skips most positions


def _plausible(spec: AttributeSpec, amount: Decimal | None) -> bool:
    if amount is None:
        return True
    return not ((spec.min is not None and amount < spec.min) or (spec.max is not None and amount > spec.max))


def choose_attribute(
    kind: str, head: str, tail: str, *, magnitude: bool, currency: str | None = None, hint: str = "",
    amount: Decimal | None = None,
) -> str | None:
    """The attribute a value of this kind states, given the words before and after it.

    `hint` is extra cue text from the value's surroundings (a table header, a row label): it is
    consulted only when the clause itself has no cue.
    """
    found: list[tuple[int, int, str]] = []
    for spec in attribute_specs().values():
        if kind not in spec.kinds:
            continue
        if spec.magnitude and not magnitude:
            continue
        if spec.currency and currency and spec.currency != currency:
            continue
        if not _plausible(spec, amount):
            continue
        d = cue_distance(spec, head, tail)
        if d is not None:
            found.append((-spec.priority, d, spec.name))
    if not found and hint:
        for spec in attribute_specs().values():
            if kind in spec.kinds and not (spec.magnitude and not magnitude) and not (
                spec.currency and currency and spec.currency != currency
            ) and _plausible(spec, amount) and cue_distance(
                spec, hint, hint
            ) is not None:
                found.append((-spec.priority, 0, spec.name))
    if not found:
        return None
    # the nearest cue decides; cues about as near (a space or two apart: "激活 370 亿参数") are
    # told apart by priority. "671B total parameters and activates 37B" is total parameters.
    # A date's clause is ranked by priority alone: "the V2 paper came out in May 2024" dates the paper.
    nearest = min(d for _, d, _ in found)
    if kind not in ("date", "monthday"):
        found = [f for f in found if f[1] <= nearest + NEAR_TIE]
    found.sort()
    return found[0][2]
