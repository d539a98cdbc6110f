"""What a text answers: the question right before it, or, in an answer key, the question of the same
number in the list of questions above ("1. In which city is DeepSeek based?" … "ANSWERS" … "1. Hangzhou").

An answer says little by itself ("7B.", "b) 338.", "20th (20 January 2025)."): its model and its
attribute are the ones its question asks about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dsfacts.segment import Block

_QUESTION_END = re.compile(r"[?？][\s*_)）」”\"']*$")
QUESTION_SHARE = 0.6  # of a list's items that ask: the list is a list of questions


def is_question(text: str) -> bool:
    """A text that ends by asking ("How many parameters does DeepSeek-V3 have?")."""
    return _QUESTION_END.search(text.rstrip()) is not None


def _asks(text: str) -> bool:
    """An item that asks, wherever its question mark stands ("… support? Was it a) 86, b) 338?")."""
    return "?" in text or "？" in text


def _lists(blocks: Sequence[Block]) -> list[list[int]]:
    """Runs of top-level list items: one list each."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, b in enumerate(blocks):
        if b.kind == "item" and b.parent is None:
            current.append(i)
            continue
        if b.kind == "item":
            continue  # a nested item stays inside its list
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def answer_key(blocks: Sequence[Block]) -> dict[int, int]:
    """For each item of a list of answers, the item of the list of questions above it with the same
    position: a list whose items mostly ask, then a list as long or shorter whose items do not."""
    runs = _lists(blocks)
    pairs: dict[int, int] = {}
    for questions, answers in zip(runs, runs[1:], strict=False):
        asking = sum(1 for i in questions if _asks(blocks[i].text))
        answering = sum(1 for i in answers if _asks(blocks[i].text))
        if len(questions) >= 2 and asking >= QUESTION_SHARE * len(questions) and answering < QUESTION_SHARE * len(answers) and len(answers) <= len(questions):
            pairs.update(zip(answers, questions, strict=False))
    return pairs


def question_before(blocks: Sequence[Block], key: dict[int, int], index: int, sentence: tuple[int, int]) -> str:
    """The question a sentence answers: the sentence right before it, the paragraph before its
    block when that ends by asking ("Q: What did V3 cost to train?" / "A: $5.576M"), or, for the
    first sentence of an answer key's item, the question of its number."""
    block = blocks[index]
    earlier = [s for s in block.sentences if s[1] <= sentence[0] and block.text[slice(*s)].strip()]
    if earlier:
        text = block.text[slice(*earlier[-1])]
    elif index in key:
        return blocks[key[index]].text
    elif index and blocks[index - 1].kind == "paragraph" and block.kind == "paragraph":
        text = blocks[index - 1].text
    else:
        return ""
    return text if is_question(text) else ""
