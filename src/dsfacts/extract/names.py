"""Sizes in model names: "Janus-Pro-1B" and "Janus-Pro-7B" named together are the variants of
Janus-Pro; the only size a document ever names for a model is its size. Also "16B-A2.4B,
236B-A21B" (two variants) and size lists one block gives one model, which are one list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from dsfacts.extract import claims as nc
from dsfacts.extract import values as vg
from dsfacts.extract.linking import is_object
from dsfacts.extract.mentions import KNOWN, Mention
from dsfacts.models import Claim, Quantity, SizeList
from dsfacts.segment import Block

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

BILLION = Decimal(10) ** 9
NAMES_REACH = 3  # blocks: model names this close together list one family's variants
# sizes, not digit runs; "DeepSeek LLM 7B and 67B", "Distill-Qwen-1.5B/7B/14B": several variants
_SIZE = r"\d{1,4}(?:\.\d{1,3})?[Bb]"
_SIZE_TAIL = re.compile(rf"[-\s]?({_SIZE}(?:(?:/|,\s?|、|\s(?:and|&)\s|\s?和\s?){_SIZE})*)(?![A-Za-z0-9])")
_SIZE_SEP = re.compile(r"/|,\s?|、|\s(?:and|&)\s|\s?和\s?")


_NOT_BEFORE = re.compile(r"(?i)(?<![a-z])(?:not|never|isn't|wasn't)\s+(?:from\s+|the\s+|an?\s+)?$|(?:不是|并非|並非|而非)\s*$")
_BASE_LABEL = re.compile(r"(?i)(?<![a-z])base(?![a-z])|基座|基础模型|底座")


def _resolution(size: Decimal) -> Decimal:
    """One step of the last digit a size in a name shows: 16B -> 1B, 1.3B -> 0.1B."""
    exponent = (size / BILLION).normalize().as_tuple().exponent
    return BILLION * Decimal(10) ** min(int(exponent), 0)


class SizeNames:
    def __init__(self, extractor: _Extractor):
        self.x = extractor
        self.size_mentions: list[tuple[str, Decimal, int, Mention]] = []

    def collect(self, index: int, block: Block, mentions: list[Mention]) -> None:
        for mm in mentions:
            if mm.kind != KNOWN or mm.entity is None or is_object(block.text, mm, mentions):
                continue  # "Compared to DeepSeek-Coder-33B": a name in a comparison states nothing
            if block.table is not None and any(_BASE_LABEL.search(c) for c in block.table.row[:1] + block.table.header[:1]):
                continue  # "| Base LLM | DeepSeek-LLM-7b-base |": the base a model was built on, not its sizes
            s_a, s_b = block.sentence_at(mm.start)
            if block.text[s_a:s_b].rstrip(" *_)）」”\"'").endswith(("?", "？")) or _NOT_BEFORE.search(block.text, max(0, mm.start - 16), mm.start):
                continue  # "Is DeepSeek-V3 671B?", "NOT from DS LLM 7B!": a name asked about or denied states no size
            if nc.sentence_has("distilled_words", block.text, s_a, s_b) and not self.x.reg.get(mm.entity).sizes_of:
                continue  # '"DeepSeek-R1 7B" 其实都是蒸馏模型': a distilled model's size, not the model's
            tail = _SIZE_TAIL.match(block.text, mm.end)
            if tail:
                for size in _SIZE_SEP.split(tail.group(1)):  # "Distill-Qwen-1.5B/7B/14B/32B"
                    self.size_mentions.append((mm.entity, Decimal(size[:-1]) * BILLION, index, mm))

    def claims(self, stated: Iterable[Claim] = ()) -> Iterable[Claim]:
        """Sizes named together (in one block or the next few) are the variants; the only size a
        document names for a model is its size, unless the document's text gives the model
        several sizes ("DeepSeek LLM 67B" in a story that says "7B and 67B" is one variant)."""
        stated = list(stated)
        families = {c.entity for c in stated if c.attribute == "variant_sizes"}
        listed = {(c.entity, c.attribute) for c in stated if c.kind in ("sizes", "range")}  # the text's own list wins
        by_entity: dict[str, list[tuple[Decimal, int, Mention]]] = {}
        for entity, size, index, mm in self.size_mentions:
            by_entity.setdefault(entity, []).append((size, index, mm))
        for entity, found in by_entity.items():
            sizes_of = self.x.reg.get(entity).sizes_of
            if len({s for s, _, _ in found}) == 1 and not sizes_of:
                if entity in families:
                    continue
                size, index, mm = found[0]
                # a name states its size to the digits it shows: "DeepSeekMoE 16B" is 16B ± 0.5B, not exactly 16,000,000,000
                yield self.x.claim_span(self.x.blocks[index], mm.start, mm.end, entity, "total_params", Quantity(size, _resolution(size)), None, None)
                continue
            cluster: list[tuple[Decimal, int, Mention]] = []
            for item in [*found, None]:
                if item is not None and (not cluster or item[1] - cluster[-1][1] <= NAMES_REACH):
                    cluster.append(item)
                    continue
                sizes = sorted({s for s, _, _ in cluster})
                if len(sizes) >= 2:
                    index, first = cluster[0][1], cluster[0][2]
                    target, attribute = (sizes_of["entity"], sizes_of["attribute"]) if sizes_of else (entity, "variant_sizes")
                    if (target, attribute) not in listed:  # "hosts R1-Distill-Qwen-32B and -Llama-70B" beside the text's list of six
                        yield self.x.claim_span(self.x.blocks[index], first.start, first.end, target, attribute, SizeList(tuple(sizes)), None, None)
                cluster = [item] if item is not None else []

    def compounds(self, index: int, block: Block, mentions: list[Mention], compounds: list[vg.ValueMatch]) -> Iterable[Claim]:
        entity = self.x.entity_for(index, mentions, compounds[0].start, compounds[0].end)
        if entity:
            totals = SizeList(tuple(sorted({c.value.total.amount for c in compounds})))  # type: ignore[attr-defined]
            yield self.x.claim_span(block, compounds[0].start, compounds[-1].end, entity, "variant_sizes", totals, None, block.text[compounds[0].start : compounds[-1].end])


def merge_lists(claims: list[Claim]) -> list[Claim]:
    """Size lists one block gives one model ("Qwen: 1.5B, 7B; Llama: 8B, 70B") are one list."""
    ranges = {(c.entity, c.attribute): c.value for c in claims if c.kind == "range" and isinstance(c.value, dict)}
    if ranges:  # "they range from 1.5 billion to 70 billion, and the 32B and 70B ones are good": a pick, not the sizes
        claims = [c for c in claims if not (c.kind == "sizes" and _within(c.value, ranges.get((c.entity, c.attribute))))]
    lists: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        if c.kind == "sizes":
            lists.setdefault((c.entity, c.attribute), []).append(c)
    out = []
    for c in claims:
        group = lists.get((c.entity, c.attribute)) if c.kind == "sizes" else None
        if group and len(group) > 1:
            if c is group[0]:
                sizes = sorted({v for g in group for v in g.value})  # type: ignore[union-attr]
                out.append(c.model_copy(update={"value": sizes}))
            continue
        out.append(c)
    return out


def _within(sizes: object, bounds: object) -> bool:
    if not isinstance(bounds, dict) or not isinstance(sizes, list) or not sizes:
        return False
    inside = all(bounds["min"] <= v <= bounds["max"] for v in sizes)
    return inside and not (bounds["min"] in sizes and bounds["max"] in sizes)  # "1.5B to 70B: 1.5B, 7B, … 70B" lists them all
