"""The scan: every pass in priority order over a text; a pass only takes what no earlier
pass took."""

from __future__ import annotations

import re

from dsfacts.extract.values import amounts, chinese, dated, words
from dsfacts.extract.values.common import Cand, Pass
from dsfacts.extract.values.lexicon import MAG, MONTH_ANY, NUM, SP, ValueMatch

# ---- the scan ---------------------------------------------------------------------------------

# arXiv ids and dates first, so that the numbers inside them are taken; then amounts
_PASSES: list[Pass] = [*dated.PASSES, *amounts.PASSES, *chinese.PASSES, *words.PASSES]

_TRIGGER = re.compile(
    r"[0-9]|(?i:illion|thousand|(?:this|last) year|last [JFMASOND][a-z])|[一二两三四五六七八九十百千][零一二两三四五六七八九十百千万亿点]*[万亿兆]|[一二三四五六七八九十]月|"
    + dated.HOLIDAY_WORDS
)


# A number with its magnitude and the spaces after it: the character that follows says which
# anchored passes can match there ("%" percent, "/" fraction or list, "美" money …).
_TOKEN = re.compile(rf"{NUM}(?:[多余])?(?:{MAG})?(?:[多余])?{SP}*")


def _run_anchored(p: Pass, text: str, starts: list[tuple[int, int]], taken: bytearray, found: list[Cand]) -> None:
    """Like the search loop below, but trying the pattern only where a number starts: much faster."""
    nxt = 0
    match = p.regex.match
    follow = p.follow
    for pos, end in starts:
        if pos < nxt or taken[pos] or (follow is not None and text[end : end + 1] not in follow):
            continue
        m = match(text, pos)
        if m is None:
            continue
        try:
            cand = p.build(text, m)
        except (ValueError, ArithmeticError, KeyError):
            cand = None
        if cand is None or cand[1] <= cand[0] or taken.find(1, cand[0], cand[1]) != -1:
            continue
        found.append(cand)
        taken[cand[0] : cand[1]] = b"\x01" * (cand[1] - cand[0])
        nxt = m.end()


# A year's digits: the passes marked `year` cannot match without them (most texts have none).
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_GATE_CHARS = frozenset().union(*(p.gate for p in _PASSES))
_WORDED = [p for p in _PASSES if p.words]
_WORDS = [re.compile("|".join(map(re.escape, p.words))) for p in _WORDED]  # one search, not a loop of `in`
# Texts fall into a few hundred plans (which gates, month, year and words they hold): deciding the
# thirty passes once per plan, not once per text, is cheaper than testing each pass per text.
_PLANS: dict[tuple[object, ...], tuple[Pass, ...]] = {}


def _plan(text: str) -> tuple[Pass, ...]:
    """The passes, in order, that can match somewhere in `text`."""
    chars = _GATE_CHARS.intersection(text)
    has_month = MONTH_ANY.search(text) is not None
    has_year = _YEAR.search(text) is not None
    words = tuple([w.search(text) is not None for w in _WORDS])
    key = (chars, has_month, has_year, words)
    plan = _PLANS.get(key)
    if plan is None:
        if len(_PLANS) >= 4096:  # bounded, whatever the input
            _PLANS.clear()
        worded = dict(zip(map(id, _WORDED), words, strict=True))
        plan = _PLANS[key] = tuple(
            p
            for p in _PASSES
            if not (p.gate and p.gate.isdisjoint(chars))
            and not (p.month and not has_month)
            and not (p.year and not has_year)
            and (not p.words or worded[id(p)])
        )
    return plan


def find_values(text: str) -> list[ValueMatch]:
    """All values in `text`, left to right, non-overlapping; the more specific reading wins."""
    if not text or not _TRIGGER.search(text):
        return []
    taken = bytearray(len(text))
    found: list[Cand] = []
    starts: list[tuple[int, int]] | None = None  # each number token's span
    for p in _plan(text):
        if p.anchored:
            if starts is None:
                starts = [m.span() for m in _TOKEN.finditer(text)]
            _run_anchored(p, text, starts, taken, found)
            continue
        pos = 0
        while pos <= len(text):
            m = p.regex.search(text, pos)
            if m is None:
                break
            try:
                cand = p.build(text, m)
            except (ValueError, ArithmeticError, KeyError):
                cand = None
            if cand is None or cand[1] <= cand[0] or taken.find(1, cand[0], cand[1]) != -1:
                pos = m.start() + 1
                continue
            found.append(cand)
            taken[cand[0] : cand[1]] = b"\x01" * (cand[1] - cand[0])
            pos = max(m.end(), m.start() + 1)
    found.sort(key=lambda c: c[0])
    return [
        ValueMatch(s, e, kind, value, text[s:e], q, mag, explicit)
        for s, e, kind, value, q, mag, explicit in found
        if kind != "_skip"
    ]
