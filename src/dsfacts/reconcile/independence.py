"""Which sources are copies of one another, and how far each kind of source is trusted (stage 4b).

Three copies of one article are one witness. Two ways of being a copy are detected:

  near-duplicate documents  text shingled by sentence (spaces and markup dropped, so a re-wrapped
                            copy has the same shingles) and compared by containment: when 80 % of
                            the smaller document's sentences are in the other, the two are one text
                            (a syndicated article, a mirror, a post quoted in full). Candidates come
                            from an index of sentence hashes, so 6,000 documents are not compared
                            pair by pair; exact mirrors are joined before indexing.
  verbatim claims           two sources stating a fact in the same sentence, word for word (after
                            Unicode and space normalization, at least 40 characters long — short
                            quotes like "671B parameters" are said independently all the time).

A family is a set of sources joined by either relation; it counts once. Priors (data/priors.yaml)
give each source a weight from its metadata `kind`, overridable per source in sources.yaml
(`prior: 0.9`); a family weighs as its most trusted member.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from dsfacts.data import load_yaml
from dsfacts.errors import DataFileError
from dsfacts.models import Claim, Source

CONTAINMENT = 0.8  # share of the smaller document's sentences found in the other: one text
MIN_SENTENCE = 12  # characters (spaces dropped) for a sentence to be a shingle
MIN_SENTENCES = 3  # a document with fewer sentences is too short to call a copy
COMMON = 200  # a sentence in more documents than this is boilerplate, not evidence
MIN_QUOTE = 40  # characters: a shorter identical quote is no evidence of copying

# sentence ends, and blank lines (a heading or list item ends without a full stop)
_SENTENCE = re.compile(r"[。！？!?；;]|\.(?=\s|$)|\n\s*\n|\n(?=\s*(?:[#>|*+-]|\d+\.)\s)")
_NOISE = re.compile(r"[\s#>*_`|~\-]+")
_HAN = re.compile("[\u3400-\u9fff]")


# ---- union-find -------------------------------------------------------------------------------


class Families:
    """Sources joined into copy families; `of(s)` names a family by its first member."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self.why: dict[str, tuple[str, str]] = {}  # source -> (the source it copies, how)

    def of(self, s: str) -> str:
        parent = self._parent
        up = parent.get(s)
        if up is None:  # most sources are copies of nothing: one look-up
            return s
        root = up
        while (up := parent.get(root)) is not None:
            root = up
        while s != root:  # path compression keeps long chains cheap
            parent[s], s = root, parent[s]
        return root

    def join(self, a: str, b: str, how: str) -> None:
        ra, rb = self.of(a), self.of(b)
        if ra == rb:
            return
        first, second = sorted((ra, rb))
        self._parent[second] = first
        copy, original = (b, a) if a < b else (a, b)
        self.why.setdefault(copy, (original, how))

    def copy(self) -> Families:
        new = Families()
        new._parent = dict(self._parent)
        new.why = dict(self.why)
        return new


# ---- near-duplicate documents -----------------------------------------------------------------


def shingles(text: str) -> set[int]:
    """Hashes of the text's sentences, spaces and markup dropped (so re-wrapping changes nothing).

    A sentence is the shingle: cheap enough for thousands of documents on every read command,
    and an edited copy keeps most of its sentences word for word.
    """
    out = set()
    for piece in _SENTENCE.split(unicodedata.normalize("NFKC", text).lower()):
        key = _NOISE.sub("", piece)
        if len(key) >= MIN_SENTENCE:
            out.add(zlib.crc32(key.encode("utf-8")))
    return out


def near_duplicates(texts: Mapping[str, str], families: Families | None = None) -> Families:
    """Join documents whose texts are one text: >= 80 % of the smaller one's sentences are in the other."""
    return near_duplicate_families({name: shingles(text) for name, text in texts.items()}, families)


def near_duplicate_families(shingled: Mapping[str, set[int]], families: Families | None = None) -> Families:
    """near_duplicates from each document's shingles (which the read index keeps per document)."""
    fam = families if families is not None else Families()
    full: dict[str, set[int]] = {}
    first_of: dict[frozenset[int], str] = {}
    index: dict[int, list[str]] = defaultdict(list)
    for name in sorted(shingled):
        sh = shingled[name]
        if len(sh) < MIN_SENTENCES:
            continue
        key = frozenset(sh)
        if key in first_of:  # an exact copy (a mirror): joined at once, indexed once
            fam.join(first_of[key], name, "near-duplicate document")
            continue
        first_of[key] = name
        full[name] = sh
        for h in sh:
            index[h].append(name)
    for name in sorted(full):
        shared: dict[str, int] = defaultdict(int)
        for h in sorted(full[name]):  # sorted: the joins' order never depends on how the set was built
            docs = index[h]
            if len(docs) > COMMON:
                continue  # boilerplate every site carries is no evidence of copying
            for other in docs:
                if other > name:
                    shared[other] += 1
        for other, count in shared.items():
            if count >= CONTAINMENT * min(len(full[name]), len(full[other])):
                fam.join(name, other, "near-duplicate document")
    return fam


# ---- verbatim claims --------------------------------------------------------------------------


def _quote_key(quote: str) -> str | None:
    text = " ".join(unicodedata.normalize("NFKC", quote).split()).lower()
    n = len(text)
    if n >= MIN_QUOTE or 2 * n < MIN_QUOTE:  # the weight lies between n and 2n: decided without counting
        return text if n >= MIN_QUOTE else None
    weight = n + len(_HAN.findall(text))  # a Han character says more (counts twice)
    return text if weight >= MIN_QUOTE else None


def fact_families(claims: Iterable[Claim], base: Families | None) -> Families:
    """The document families, plus sources that state this fact in one identical sentence."""
    fam = base.copy() if base is not None else Families()
    first: dict[str, str] = {}
    for c in sorted(claims, key=Claim.sort_key):
        key = _quote_key(c.quote)
        if key is None:
            continue
        seen = first.setdefault(key, c.source)
        if seen != c.source:
            fam.join(seen, c.source, "verbatim copy of the same sentence")
    return fam


# ---- priors -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Priors:
    kinds: dict[str, float]
    default: float
    margin: float  # how much more weight one side needs to be preferred on priors alone
    per_source: dict[str, float] = field(default_factory=dict)
    source_kinds: dict[str, str] = field(default_factory=dict)

    def of(self, source: str) -> float:
        if source in self.per_source:
            return self.per_source[source]
        kind = self.source_kinds.get(source)
        return self.kinds.get(kind.lower(), self.default) if kind else self.default

    def describe(self, source: str) -> str:
        if source in self.per_source:
            return f"{source}: prior {self.of(source):g} (sources.yaml)"
        kind = self.source_kinds.get(source)
        return f"{source}: {kind or 'no kind given'}, prior {self.of(source):g}"


def _weight(value: object, where: str) -> float:
    try:
        w = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as e:
        raise DataFileError(f"{where}: {value!r} is not a number between 0 and 1.") from e
    if not 0 <= w <= 1:
        raise DataFileError(f"{where}: {w} is not between 0 and 1.")
    return w


def priors_from_yaml(text: str, where: str = "priors.yaml") -> Priors:
    raw = load_yaml(text) or {}
    if not isinstance(raw, dict) or not isinstance(raw.get("kinds"), dict):
        raise DataFileError(f"{where}: expected a mapping with `kinds: {{kind: weight}}`.")
    kinds = {str(k).lower(): _weight(v, f"{where} kinds.{k}") for k, v in raw["kinds"].items()}
    return Priors(kinds, _weight(raw.get("default", 0.5), f"{where} default"), _weight(raw.get("margin", 0.2), f"{where} margin"))


@lru_cache(maxsize=1)
def default_priors() -> Priors:
    text = resources.files("dsfacts.data").joinpath("priors.yaml").read_text(encoding="utf-8")
    return priors_from_yaml(text)


def priors_for(sources: Mapping[str, Source]) -> Priors:
    """The data file's priors with each source's `kind` and any `prior:` override from sources.yaml."""
    base = default_priors()
    kinds = {name: s.kind for name, s in sources.items() if s.kind}
    override: dict[str, float] = {}
    for name, s in sources.items():
        value = (s.model_extra or {}).get("prior")
        if value is not None:
            override[name] = _weight(value, f"sources.yaml {name} prior")
    return Priors(base.kinds, base.default, base.margin, override, kinds)
