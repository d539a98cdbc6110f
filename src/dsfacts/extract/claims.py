"""Stage 3e: values a sentence states that are not claims about the model.

Negated statements ("does not have", "并没有"), questions and hypotheticals, the old side of a
change ("from 4K to 128K" keeps 128K only), prices and other per-unit amounts, and GPU hours or
tokens of one training stage given as if they were the whole training. The word lists are
vocabularies in data/vocabulary.yaml; the rules here say how they are used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from dsfacts.extract import values as vg
from dsfacts.extract.attributes import attribute_specs, vocabulary
from dsfacts.extract.mentions import COMPANY, Mention

_GLUED_NAME = re.compile(r"[A-Za-z][\w.]*-$")


def _words(section: str) -> tuple[str, ...]:
    return tuple(str(w).lower() for w in vocabulary().get(section, []))


@cache
def _pattern(section: str) -> re.Pattern[str]:
    """A vocabulary as one pattern; English words match whole words only."""
    parts = []
    for w in sorted(_words(section), key=len, reverse=True):
        p = re.escape(w).replace(r"\ ", r"\s+")
        if w[:1].isascii() and w[:1].isalnum():
            p = r"(?<![a-z0-9])" + p
        if w[-1:].isascii() and w[-1:].isalnum():
            p = p + r"(?![a-z0-9])"
        parts.append(p)
    if not parts:
        return re.compile(r"(?!)")
    # a look at the first character skips most positions at once (re tries each word at each one)
    first = "".join(sorted({re.escape(w[0]) for w in _words(section) if w}))
    return re.compile(f"(?=[{first}])(?:" + "|".join(parts) + ")")


def opens_with(section: str, text: str) -> bool:
    """Does text open with a word of this vocabulary ("Released January 11 …", "It merged …")?"""
    return _pattern(section).match(text[:64].lstrip(" *_>#-•·").lower()) is not None  # a prefix: a long line stays linear


@lru_cache(maxsize=512)
def find(section: str, text: str) -> int | None:
    """Where the first word of this vocabulary starts in text, or None."""
    m = _pattern(section).search(text.lower())
    return m.start() if m else None


@lru_cache(maxsize=256)
def sentence_has(section: str, text: str, start: int, end: int) -> bool:
    """has() for text[start:end], remembered per sentence (text is a block's text: its hash is kept).
    A sentence that ends with a question mark counts as a question."""
    s = text[start:end]
    return (section == "question" and s.rstrip().endswith(("?", "？"))) or has(section, s)


def has(section: str, text: str) -> bool:
    """Does text hold a word of this vocabulary? (Cached: every value of a sentence asks about it.)"""
    return _pattern(section).search(text.lower()) is not None


def glued_to_name(text: str, start: int) -> bool:
    """'32B' in 'QwQ-32B-Preview': part of a name."""
    return bool(_GLUED_NAME.search(text, max(0, start - 40), start))


_ASKED = re.compile(r"[?？]")
# a quoted statement the sentence then calls wrong: "网上流传的“R1只花了560万美元”…并不准确", '"$6 million" is a myth'
_QUOTE_OPEN = re.compile(r"[“「\"][^“”「」\"]{0,60}$")
_FALSE_AFTER = re.compile(r"(?i)[”」\"][^。.!?！？]{0,40}?(?:不准确|不对|是错的|错误的|不属实|谣言|并非事实|is wrong|is false|is not true|is inaccurate|is a myth|is misleading|isn't true|should have (?:said|read|been)|八卦|传闻|未经证实|没有官方消息)")
_REPORTED = re.compile(r"(?i)(?<![a-z])(?:described|said|stated|listed|gave|reported|called|wrote|misstated|described\s+\w+\s+as)(?![a-z])|写成|写作|称为|误写|误称|原文写|原文称|误印|印成")
# "Some later write-ups say 86 languages", "some outlets reported $6M": what unnamed others say, at a distance
_SOME_SAY = re.compile(
    r"(?i)(?<![a-z])(?:some|past|other|many)\s+(?:[a-z-]+\s+){0,3}(?:say|says|said|claim|claims|claimed|report|reports|reported|wrote|have\s+written|"
    r"put it at|give|gave)(?![a-z])"
)  # "Past students have written that R1 cost $6 million": what others wrote, at a distance
_COLON_BEFORE = re.compile(r"[:：]\s*\S")
_WHETHER = re.compile(r"(?i)(?<![a-z])whether(?![a-z])")


def not_a_claim(
    text: str, sentence: tuple[int, int], clause_start: int, m: vg.ValueMatch, matches: Sequence[vg.ValueMatch], i: int
) -> bool:
    if sentence_has("question", text, *sentence):  # asked once per sentence: a line of 3,000 values stays linear
        return True
    if is_exam_item(text, sentence):
        return True  # "1. 总部所在城市是（　）/ A. 北京 B. 上海": a question and its options, not statements
    if _asks(text, *sentence):
        return True  # "Is DeepSeek-V3 671B?": asked, not said
    if has("hypothetical", text[sentence[0] : sentence[0] + 16].strip()[:12]) and not _COLON_BEFORE.search(text, sentence[0], m.start):
        return True  # not "如果预算有限，建议选用蒸馏小模型：R1 于今年1月20日发布时…": the condition ends at the colon
    head = text[max(clause_start, m.start - 30) : m.start].lower()
    near = text[max(clause_start, matches[i - 1].end if i else 0, m.start - 14) : m.start].lower()
    if has("compared_value", near):
        return True  # "$5.58M vs $100M+ for Western models": the other side of a comparison
    if former_value(near):
        return True  # "context 128K (was 64K)": the value it replaced
    if has("negation", head) and not has("negation_not", head):
        return True
    if _WHETHER.search(head):
        return True  # "a shouting match about whether V3 \"cost six million dollars\"": asked, not said
    before = text[max(sentence[0], clause_start, m.start - 80) : m.start]  # its own clause: "…说45亿参数，不对，45亿是激活参数"
    if _QUOTE_OPEN.search(text, max(sentence[0], m.start - 60), m.start) and _FALSE_AFTER.search(text, m.end, sentence[1]):
        return True  # the quote is what the sentence says is wrong
    if reported_in_correction(text, sentence, m.start):
        return True  # "Correction: the draft described Janus-Pro as MIT-licensed": what the earlier text said
    if has("retracted", before) or _ISSUE_SAID.search(before) or _SOME_SAY.search(before):
        return True  # "we said V3 was trained on 15T tokens; the paper's figure is 14.8T": a corrected statement
    if has("delta", text[max(clause_start, m.start - 8) : m.start].lower()):
        return True  # "激活参数只增加了 160 亿左右": by how much it changed, not what it is
    reach = min(sentence[1], m.end + 40)  # a rate's words sit near its numbers: the scan stays linear
    clause_end = next((b.start() for b in _CLAUSE_BREAK.finditer(text, m.end, reach)), reach)
    if _RATE.search(text, max(clause_start, m.start - 40), clause_end):
        return True  # "每训练一万亿 token 需要 18 万 GPU 小时", "180K GPU hours for each trillion tokens": a rate
    return old_side_of_change(text, matches, i)


# a quantity per a scaled unit: both sides of a rate are not totals ("per token" alone is not one)
_RATE = re.compile(
    r"(?i)(?:(?<![a-z])(?:per|each|every)\s+(?:(?:a|one|1)\s+)?(?:trillion|billion|million|thousand)(?![a-z])"
    r"|每(?:训练|生成|处理)?(?:一|1)?\s*(?:万亿|亿|万|千|百万))"
)


_CLAUSE_BREAK = re.compile(r"[，,;；。]")
# what stands right before a value it replaced: "(was 64K)", "(was \"Model License\")", "formerly …", "（原为 …"
_FORMER = re.compile(r"(?i)(?:[(（]\s*(?:was|were)|(?<![a-z])(?:formerly|previously)|原为|原来是|此前为|之前为|说成了?|写成了?|误写为|误作|口误说)\s*[\"“'‘]?\s*$")  # "我当时说成了128K"


def former_value(before: str) -> bool:
    """The words before a value mark it as the one it replaced ("fixed the licence (was \"Model License\")")."""
    return _FORMER.search(before) is not None
_ISSUE_SAID = re.compile(r"(?i)(?<![a-z])issue\s*#?\d+\s+(?:said|stated|wrote|reported)(?![a-z])")
_THEN_AGAIN = re.compile(r"(?i)(?<![a-z])then(?![a-z])|再|随后|之后")


def old_side_of_change(text: str, matches: Sequence[vg.ValueMatch], i: int) -> bool:
    """'from 86 to 338', '86->338', '从 16K 扩展到 128K': the first value is not the model's."""
    if i + 1 >= len(matches):
        return False
    between = text[matches[i].end : matches[i + 1].start].lower()
    if len(between) > 16:
        return False
    if _unit(matches[i].raw) != _unit(matches[i + 1].raw):
        return False  # "14.8T tokens → 128K context": steps of a pipeline, not one quantity changing
    if has("transition", between) or _THEN_AGAIN.search(between):
        return True  # "先扩展到 32K，再扩展到 128K", "first to 32K, then to 128K": a step on the way
    before = text[max(0, matches[i].start - 8) : matches[i].start].lower()
    return bool(re.search(r"(?<![a-z])from\s*$|从\s*$", before)) and bool(re.search(r"(?<![a-z])to(?![a-z])|到|至", between))


def model_sizes(value: object, around: str) -> bool:
    """A list or range of model sizes: billions of parameters, and not the activated ones."""
    sizes = getattr(value, "sizes", None) or (getattr(value, "low", None), getattr(value, "high", None))
    if any(s is None or s < MIN_MODEL_SIZE for s in sizes):
        return False
    return not has("activated_words", around)


MIN_MODEL_SIZE = 100_000_000
_ACTIVATED_MARK = re.compile(r"-A(?![A-Za-z0-9])")


def activated_size(text: str, end: int) -> bool:
    """'1.0B-A, 2.8B-A': a size marked as activated parameters."""
    return _ACTIVATED_MARK.match(text, end) is not None


@cache
def _active_predicate() -> re.Pattern[str]:
    words = "|".join(re.escape(str(w)) for w in sorted(vocab()["activated_words"], key=len, reverse=True))
    return re.compile(rf"(?i)\s*(?:parameters?|params?|参数)\s*(?:(?:are|were|is|was|get|gets|being|remain)\s+)?(?:{words})(?![a-z])")


def active_predicate(text: str, end: int) -> bool:
    """'37 billion parameters are active per token': activated, though 'parameters' comes first."""
    return _active_predicate().match(text, end) is not None


def _unit(raw: str) -> str:
    return re.sub(r"[\d.,\s]|约|about|~", "", raw.lower())


def without_urls(text: str) -> str:
    return re.sub(r"https?://\S+", "", text)


def training_words(head: str) -> str:
    """A sentence about training, or about GPU hours at a rental price, lends its money a cost cue."""
    return "training cost" if has("training_words", head) or has("compute_words", head) else ""


_DEMONSTRATIVE = re.compile(r"(?i)(?<![a-z])(?:that|this|which)(?![a-z])|这|此")


def demonstrative(clause: str) -> bool:
    """'…, that comes to $5.576 million': the clause is about what the sentence before said."""
    return _DEMONSTRATIVE.search(clause) is not None


def is_price(around: str) -> bool:
    return has("price", around)


def around(
    text: str, start: int, end: int, sentence: tuple[int, int], reach: int = 60, between: tuple[int, int] | None = None
) -> str:
    """The words near a value in its sentence, up to the next step of a pipeline ("→") and, given
    `between`, not past the values before and after it ("2.788M GPU hours, of which 2.664M were
    spent on pre-training": the stage word is the second value's)."""
    lo, hi = between or sentence
    a, b = max(sentence[0], lo, start - reach), min(sentence[1], hi, end + reach)
    left, right = text[a:start], text[end:b]
    for arrow in ("→", "->", "⇒"):
        left = left.rsplit(arrow, 1)[-1]
        right = right.split(arrow, 1)[0]
    return left + text[start:end] + right


def stage_attribute(attribute: str, own: str, tail: str, sentence: str) -> str | None:
    """GPU hours and tokens of one stage are not the whole training's. The value's own words
    decide first (the words since the previous value, then its tail), then its sentence
    ("完整训练…278.8万 GPU 小时，其中预训练阶段为 266.4 万": the first is the whole, the second a stage)."""
    if attribute not in ("training_gpu_hours", "training_tokens"):
        return attribute
    if (has("sum_words", own[-12:]) or has("sum_words", tail[:12])) and has("pretraining_stage", sentence):
        return attribute  # "预训练阶段266.4万…，后训练0.5万…，合计278.8万": the sum of every stage
    if has("whole_training", own) or has("whole_training", tail):
        return attribute
    later = has("later_stage", tail) or has("later_stage", own) or (
        has("later_stage", sentence) and not has("whole_training", sentence) and not has("pretraining_stage", sentence)
    )
    if later:
        return None  # post-training, fine-tuning, context extension: not the training figure
    if attribute == "training_gpu_hours" and (has("pretraining_stage", own) or has("pretraining_stage", tail)):
        return "pretraining_gpu_hours"
    if has("training_words", own[-12:]):
        return attribute  # "…上完成预训练，训练耗时278.8万 GPU 小时": its own words say training, the stage is the other clause's
    if attribute == "training_gpu_hours" and has("pretraining_stage", sentence) and not has("whole_training", sentence):
        return "pretraining_gpu_hours"
    return attribute


@lru_cache(maxsize=512)
def sentence_date_cue(sentence: str) -> str | None:
    """A release or paper cue anywhere in the sentence."""
    low = sentence.lower()
    specs = attribute_specs()
    for name in ("paper_date", "release_date"):
        if any(_cue_in(c, low) for c in specs[name].cues):
            return name
    return None


def _cue_in(cue: str, low: str) -> bool:
    i = low.find(cue)
    while i >= 0:
        before, after = low[i - 1 : i], low[i + len(cue) : i + len(cue) + 1]
        if not cue[:1].isascii() or (not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalpha())):
            # an English cue is a word of its own; Chinese right beside it ends it ("挂在arXiv上")
            return True
        i = low.find(cue, i + 1)
    return False


def founding(sentence: str, mentions: Sequence[Mention]) -> bool:
    """'2023年7月17日，正式成立深度求索公司': the sentence founds the company (and names no model)."""
    if not _founding_cue(sentence):
        return False
    return any(m.kind == COMPANY for m in mentions) and not any(m.kind != COMPANY for m in mentions)


@lru_cache(maxsize=512)
def _founding_cue(sentence: str) -> bool:
    low = sentence.lower()
    return any(_cue_in(c, low) for c in attribute_specs()["founded_date"].cues)


def vocab() -> dict[str, Any]:
    return vocabulary()


@cache
def _component_after() -> re.Pattern[str]:
    words = "|".join(re.escape(str(w)) for w in sorted(vocab()["component"], key=len, reverse=True))
    return re.compile(
        rf"(?i)(?:-(?:parameters?|params?))?\s+(?:(?!(?:parameters?|params?|in|across|of|over|per|and|with)\b)[a-z][\w-]*\s+){{0,2}}(?:{words})(?![a-z])"
        rf"|\s*(?:参数|參數)?(?:规模|量)?\s*的\s*[^，。,;；(（]{{0,10}}?(?:{words})"
    )


def component_after(text: str, end: int) -> bool:
    """'a 14-billion-parameter prediction module': the size of a part of a model, not of the model."""
    return _component_after().match(text, end) is not None


_WITH_PAPER = re.compile(
    r"(?i)(?:together with|along with|alongside|with|plus|及|和|与|以及|并附|附带|同时发布了?)\s*(?:a|an|the|its|their)?\s*"
    r"(?:accompanying\s+|technical\s+)?(?:paper|report|preprint|技术报告|论文|报告)"
)
_NO_PAPER = re.compile(r"(?i)(?<![a-z])(?:no|without an?|not an?)\s+(?:technical\s+)?(?:paper|report|preprint)|没有论文|无论文|未发表论文")
_PUBLISHED = re.compile(r"(?i)(?<![a-z])publish(?:ed|es)?(?![a-z])|发表的\S{0,6}模型|发表\s*[*_“「]*\s*(?:deepseek|[a-z]{1,3}\d)")  # "发表" is said of papers, "发表的推理模型" of a model


@lru_cache(maxsize=256)
def paper_or_release(attribute: str | None, sentence: str) -> str | None:
    """A paper's date only where a paper is named: "published DeepSeek-R1 on January 20" releases a
    model, and "went out on January 20 with a paper" dates the model the paper came with."""
    if attribute != "paper_date":
        return attribute
    rest = _NO_PAPER.sub(" ", _WITH_PAPER.sub(" ", sentence))  # "There is no paper for R1-Lite-Preview": none is named
    if has("paper_nouns", rest):
        return attribute
    release = any(_cue_in(c, rest.lower()) for c in attribute_specs()["release_date"].cues)
    if release or _PUBLISHED.search(rest):
        return "release_date"
    return None if _NO_PAPER.search(sentence) else attribute


def quoted_report(text: str, sentence: tuple[int, int], pos: int) -> bool:
    """The value stands in a quote after a reporting verb ('… said DeepSeek-V3 has "685B parameters"')."""
    quote = _QUOTE_OPEN.search(text, max(sentence[0], pos - 60), pos)
    # the verb comes before the quote opens: not '"…a 2.4-billion-parameter model" should have said that 2.4 billion'
    return quote is not None and _REPORTED.search(text, max(sentence[0], quote.start() - 60), quote.start()) is not None


def reported_in_correction(text: str, sentence: tuple[int, int], pos: int) -> bool:
    """In a correction, what the earlier text said ("Correction: the draft described Janus-Pro as
    MIT-licensed"): the value the correction takes back, not the document's."""
    if sentence_has("correction", text, *sentence):
        return _REPORTED.search(text, sentence[0], pos) is not None
    # "CORRECTION LOG: … The 17:00 bulletin said DeepSeek was "founded in 2015". That is …": a quote the correction
    # reports (windows, not the sentence: a line of 3,000 values stays linear)
    return (
        _QUOTE_OPEN.search(text, max(sentence[0], pos - 60), pos) is not None
        and _REPORTED.search(text, max(sentence[0], pos - 120), pos) is not None
        and has("correction", text[max(0, sentence[0] - 400) : sentence[0]])
    )


@cache
def _component_before() -> re.Pattern[str]:
    words = "|".join(re.escape(str(w)) for w in sorted(vocab()["component"], key=len, reverse=True))
    return re.compile(rf"(?i)(?<![a-z])(?:{words})\s*[(（]\s*(?:roughly|about|around|approx\.?|约|~)?\s*$")


@cache
def _counts_a_part() -> re.Pattern[str]:
    words = "|".join(re.escape(str(w)) for w in sorted(vocab()["component"], key=len, reverse=True))
    return re.compile(rf"(?i)(?:含|包含|包括|including|incl\.?|counting|with\s+the)[^。.;；]{{0,24}}?(?:{words})")


def counts_a_part(text: str, end: int, sentence_end: int, reach: int = 40) -> bool:
    """'685B（含MTP模块）', '6850亿参数，其中包含约140亿参数的 MTP 模块': the total counts an extra module."""
    return _counts_a_part().search(text, end, min(sentence_end, end + reach)) is not None


def component_before(text: str, start: int) -> bool:
    """'a Multi-Token Prediction module (roughly 14B parameters)': a part's size in brackets after it."""
    return _component_before().search(text, max(0, start - 40), start) is not None


_BLANK = re.compile(r"[(（]\s*[)）]|_{3,}|（\u3000+）")  # "是（　）", "____": a fill-in question
_OPTION = re.compile(r"(?:^|\s|\u3000)\(?[A-D][.．、)）]\s*\S")  # "A. 北京　B. 上海": a multiple-choice option


def is_exam_item(text: str, sentence: tuple[int, int]) -> bool:
    """A quiz's question with a blank, or a line of its lettered options: asked, not stated."""
    return _exam(text, *sentence)


@lru_cache(maxsize=256)  # per sentence: every value of a 3,000-value line asks
def _exam(text: str, start: int, end: int) -> bool:
    part = text[start:end]
    return _BLANK.search(part) is not None or len(_OPTION.findall(part)) >= 2


@lru_cache(maxsize=256)
def _asks(text: str, start: int, end: int) -> bool:
    return _ASKED.search(text, start, end) is not None and text[start:end].rstrip(" *_)）」”\"'】]").endswith(("?", "？"))
