"""A document that corrects itself: "Small correction: V2-Lite is 15.7B total with 2.4B activated",
"*EDIT: the list at the top is wrong …*", "更正：…". A value stated after a correction cue
replaces the different values the document gave the same model's attribute before it, and the
same figure given before under another attribute ("不对，45亿是激活参数"); those earlier claims are
what the writer took back, not what the document says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dsfacts.extract import claims as nc
from dsfacts.models import Claim
from dsfacts.segment import Block
from dsfacts.sources import Document

NEAR = 0.05  # relative difference under which two numbers are the same figure written twice


def correcting_lines(doc: Document, blocks: Sequence[Block]) -> set[int]:
    """The file lines of a correction: from the sentence with a cue to the end of its block."""
    lines: set[int] = set()
    if not nc.has("correction", doc.text):
        return lines  # most documents correct nothing: one look at the whole text
    for block in blocks:
        if block.kind not in ("paragraph", "item", "heading") or not nc.has("correction", block.text):
            continue
        cued = next((s for s in block.sentences if nc.has("correction", block.text[slice(*s)])), None)
        if cued is None:
            continue
        first = doc.line_col(block.origin(cued[0]))[0]
        last = doc.line_col(block.origin(max(len(block.text) - 1, cued[0])))[0]
        lines.update(range(first, last + 1))
    return lines


_QUOTED = re.compile(r"“([^“”]{1,80})”|「([^「」]{1,80})」|\"([^\"]{1,80})\"")


def quoted_in_corrections(doc: Document, blocks: Sequence[Block]) -> list[tuple[int, str]]:
    """What a correction quotes of the document's earlier text ("【更正】本台09:58快讯援引的“R1训练
    成本约560万美元”实为…"): the statement it takes back, with the file line it is quoted on."""
    if not nc.has("correction", doc.text):
        return []
    out: list[tuple[int, str]] = []
    for block in blocks:
        for s_a, s_b in block.sentences:
            sentence = block.text[s_a:s_b]
            if nc.has("correction", sentence):
                for q in _QUOTED.finditer(sentence):
                    line = doc.line_col(block.origin(s_a + q.end() - 1))[0]
                    out.append((line, next(g for g in q.groups() if g)))
    return out


def drop_corrected(claims: list[Claim], corrections: set[int], quoted: Sequence[tuple[int, str]] = ()) -> list[Claim]:
    """Claims without the earlier values a later correction replaced or quoted as wrong."""
    if not corrections:
        return claims
    dropped: set[int] = set()
    for j, earlier in enumerate(claims):
        raw = (earlier.raw or "").strip()
        if len(raw) >= 3 and any(raw in q and (earlier.line <= line if earlier.kind != "text" else earlier.line == line) for line, q in quoted):
            # "本台援引的“R1训练成本约560万美元”实为 V3 的": the quoted figure was wrong, where it stood; a quoted
            # name only in the quote itself ('初稿写“DeepSeek-V3 原版 1月发布”' takes back no V3 base named before it)
            # before; what the correction goes on to state ("现更正如下：| DeepSeek-R1 | MIT |") stands
            dropped.add(j)
    for k, fixed in enumerate(claims):
        if fixed.line not in corrections:
            continue
        for j, earlier in enumerate(claims):
            if j == k or earlier.line >= fixed.line or earlier.entity != fixed.entity:
                continue
            if earlier.attribute == fixed.attribute and _differs(earlier.value, fixed.value):
                dropped.add(j)  # "V2-Lite is 15.7B total with 2.4B activated" after "~2.7B active"
            elif earlier.attribute != fixed.attribute and earlier.kind == fixed.kind == "number" and not _differs(earlier.value, fixed.value):
                dropped.add(j)  # "不对，45亿是激活参数": the same figure, now under the attribute it belongs to
    return [c for j, c in enumerate(claims) if j not in dropped]


def _differs(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) > NEAR * max(abs(a), abs(b))
    if isinstance(a, str) and isinstance(b, str):
        return not (a.startswith(b) or b.startswith(a))  # "2024-12" and "2024-12-26" agree
    return a != b
