"""Models and values named together: in order ("V2 and V3 have 236B and 671B parameters,
respectively", "分别"), or joined by and / 及 / 、 ("DeepSeek-R1 and R1-Zero were released under the
MIT License": a date or a licence stated for the pair is each one's).
"""

from __future__ import annotations

from collections.abc import Sequence

from dsfacts.extract.claims import has
from dsfacts.extract.linking import LIST_GLUE
from dsfacts.extract.mentions import KNOWN, UNKNOWN, Mention
from dsfacts.extract.values import ValueMatch
from dsfacts.models import SizeList


def respectively(
    text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[Mention], matches: Sequence[ValueMatch]
) -> dict[int, str]:
    """Sentences that pair models and values in order ("respectively", "分别"): value start -> model."""
    out: dict[int, str] = {}
    for s_a, s_b in sentences:
        if not has("respectively", text[s_a:s_b]):
            continue
        values = [m for m in matches if s_a <= m.start < s_b and m.kind not in ("percent", "other")]
        if not values:
            continue
        models = [x.entity for x in mentions if s_a <= x.start < values[0].start and x.kind == KNOWN and x.entity]
        models = list(dict.fromkeys(models))
        if len(models) >= 2 and len(models) == len(values):
            out.update({v.start: e for v, e in zip(values, models, strict=True)})
        elif len(values) == 1 and isinstance(values[0].value, SizeList) and len(models) == len(values[0].value.sizes) >= 2:
            out[values[0].start] = "\t".join(models)  # "V2 and V3 have 236B and 671B parameters, respectively"
    return out


def coordinated(text: str, mentions: Sequence[Mention], entity: str, sentence: tuple[int, int]) -> list[str]:
    """The models joined to `entity`'s mention by and / 及 / 、 ("发布 DeepSeek-R1 及 R1-Zero，采用 MIT
    协议"): a date or a licence stated for the pair is each one's."""
    ours = [m for m in mentions if sentence[0] <= m.start < sentence[1] and m.kind in (KNOWN, UNKNOWN) and m.entity]
    at = next((k for k, m in enumerate(ours) if m.entity == entity), None)
    if at is None:
        return []
    lo = hi = at
    while hi + 1 < len(ours) and LIST_GLUE.match(text[ours[hi].end : ours[hi + 1].start]):
        hi += 1
    while lo > 0 and LIST_GLUE.match(text[ours[lo - 1].end : ours[lo].start]):
        lo -= 1
    glues = [text[ours[k].end : ours[k + 1].start].strip() for k in range(lo, hi)]
    if glues and all(g in (",", "，") for g in glues):
        return []  # "JanusFlow, Janus with a rectified-flow generator": an appositive, not a list ("A, B and C" is)
    return list(dict.fromkeys(m.entity for m in ours[lo : hi + 1] if m.entity and m.entity != entity))
