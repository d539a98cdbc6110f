"""Stage 3d: which entity a value is about — entity linking as named policies, in this order:

  1. explicit     a model named in the value's own sentence (its clause first, then before it,
                  then after it); another maker's or an unknown model there means nobody we know;
  2. carried      the subject of an earlier sentence of the same paragraph ("It", "该模型", "其");
  3. list parent  the model the enclosing list item names;
  4. heading      the model the section heading names;
  and for structured text: table row / column header, and a figure label's nearest model label.
Any model name that is not a listed entity — an unknown DeepSeek model or another maker's —
blocks inheritance: its numbers never flow to the last model that was named.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

from dsfacts.extract.brackets import bracket_owner, in_closed_aside, in_long_aside, opened_aside
from dsfacts.extract.claims import opens_with
from dsfacts.extract.mentions import COMPANY, FOREIGN, Mention
from dsfacts.segment import Block

BLOCKED = "<blocked>"
LIST_REACH = 16  # names of one list walked back to its first (longer lists are not prose)
NEAR_AFTER = 8  # characters between a value and a model named right after it ("$294K for R1")  # a context that names a model we must not link to
FIGURE_REACH = 50.0  # a figure label farther than this from every model label belongs to none
FIGURE_TIE = 10.0  # two model labels this close to equally near leave a label's owner open
# which model: a colon or a bracket starts another clause ("Qwen: 1.5B, 7B", "(GPT-4o: 88.5)")
_CLAUSE_END = re.compile(r"[,，、|:：]|\s[-–—]\s|[(（\[【)）\]】]")
# which attribute: a label before a colon names its value ("参数量：670 亿", "Total params: 671B")
_WORDS_END = re.compile(r"[,，、|\[\]【】]|\s[-–—]\s|\s/|/\s")  # "总参数 6710 亿 / 激活 370 亿": a spaced slash parts two figures
# words that make the model after them an object, not the subject ("based on X", "than X", "接近 X")
_OBJECT_CUES = re.compile(
    r"(?i)(?:based on|built on|built upon|trained from|checkpoint of|post|逼近|alongside|(?<![a-z])(?:after|before|following|besides|apart from|except|other than)|除了|fine-tuned from|distilled from|initialized from|on top of|than|"
    r"versus|vs\.?|like|rivals?|rivaling|comparable to|shares|sharing|share|outperform(?:s|ing)?|surpass(?:es|ing)?|beats?|matches|against|"
    r"compared (?:to|with)|challeng(?:es|ing|ed)|基于|以|将|把|(?:基座|底座|基础模型)(?:同样|也|都)?(?:是|为)|挑战|(?<![本小大])更新了?|(?<![本小大])升级了?|updated|upgraded|接近|媲美|超越|超过|相当于|对标|比肩|击败|优于|不输|堪比|追平|相比|相较|较之|较(?!早|晚|新|老|大|小)|比起|比|硬碰|叫板|对决)\s*(?:the\s+)?(?:same\s+|original\s+|previous\s+|earlier\s+|older?\s+)?(?:之前的|原来的|原先的|以前的|上一代的?|[旧老原]版?的?|[\u4e00-\u9fff]{1,8}的)?\s*$"
)


@lru_cache(maxsize=64)
def _boundaries(text: str, words: bool) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the clause boundaries of a text start and end, found once per text."""
    spans = [m.span() for m in (_WORDS_END if words else _CLAUSE_END).finditer(text)]
    return tuple(x for x, _ in spans), tuple(y for _, y in spans)


def clause_bounds(text: str, start: int, end: int, sentence: tuple[int, int], words: bool = False) -> tuple[int, int]:
    """The clause a value stands in: for linking (`words=False`) or for its attribute's words.
    Boundaries are looked up by bisection, so a line of 3,000 values stays linear."""
    s_a, s_b = sentence
    starts, ends = _boundaries(text, words)
    i = bisect_right(ends, start) - 1
    a = max(s_a, ends[i]) if i >= 0 else s_a
    j = bisect_left(starts, end)
    b = min(s_b, starts[j]) if j < len(starts) else s_b
    return a, max(a, b)


# "R1 的小版本更新 DeepSeek-R1-0528", "R1's update R1-0528": a model that qualifies the next one
_POSSESSIVE = re.compile(r"\s*(?:的|'s|’s)(?![A-Za-z])")
# a model after a preposition, maybe with a modifier or two ("in the original DeepSeek Coder")
_GOVERNED = re.compile(
    r"(?i)(?:(?<![a-z])(?:in|of|from|than|over|at|for|with|by|to|on|into|versus)\s+(?:(?:the|an?|its|their|this|that)\s+)?"
    r"(?:[a-z][a-z-]*\s+){0,2}|(?:在|于|比|较|对|从))$"
)
# "…-0324, a post-training refresh of V3, now under MIT": V3 only qualifies the refresh
_OF_BEFORE = re.compile(r"(?i)(?<![a-z])(?:of|than|over)\s+(?:the\s+)?(?:original\s+)?$")
_COMPARISON = re.compile(
    r"(?i)(?<![a-z])(?:(?:up|down|increased|decreased|rising|falling|grew|fell)\s+from|compared\s+(?:to|with)|than|versus|vs\.?)(?![a-z])"
    r"|相比|相较|比起|较之"
)
# a past-tense verb right before a model: the model is its object ("extended V2 to 338 languages")
_VERB_BEFORE = re.compile(r"(?<![A-Za-z-])[a-z]{3,}ed\s+(?:the\s+|its\s+)?$")
# a relative clause: its values are the model it follows ("DeepSeek-VL, which came in 1.3B and 7B")
_RELATIVE = re.compile(r"\s*(?:which|that|who|whose|an?)(?![A-Za-z])", re.I)
_SAME_AS = re.compile(r"(?i)(?<![a-z])same\b[^,;:()]{0,40}?\bas\s+(?:the\s+)?$|与[^，。,;；]{0,20}?相同的?\s*$")
_ORIGIN_AFTER = re.compile(
    r"(?i)[\s-]*(?:的)?\s*(?:基座)?(?:(?:intermediate\s+)?(?:checkpoints?|ckpts?)|base(?:\s+model)?|weights? as|检查点|底座|基础模型|基础版|基底)(?![a-z])"
)  # "是在 V3 的基础模型上用强化学习练出来的": V3 is where it started
_TIME_CUE = re.compile(r"(?i)\s*(?:after|before|following)")
_CLAUSE_VERB_AFTER = re.compile(r"(?i)\s+(?:came|comes|was|were|is|had|has|launched|released|shipped|appeared|arrived|went|got|debuted)(?![a-z])")
_BASED_AFTER = re.compile(r"(?i)-(?:based|derived|powered)(?![a-z])")
_UPDATE_OF = re.compile(r"(?i)(?<![a-z])(?:update|refresh|upgrade|successor|revision)(?:\s*,[^,]{0,60},)?\s+(?:to|of)\s+(?:the\s+|its\s+)?$")
_INTERMEDIATE_BEFORE = re.compile(r"(?i)intermediate\s+(?:checkpoints?|ckpts?)\s+of\s+(?:an?\s+|the\s+|its\s+)?(?:[a-z-]+\s+){0,2}$")
_INTERMEDIATE_AFTER = re.compile(r"(?i)[\s-]*(?:的)?\s*(?:一个)?\s*(?:intermediate|中间)\s*(?:checkpoints?|ckpts?|检查点)")  # "V2 intermediate ckpt + 6T more tokens"
_BASE_NAME = re.compile(r"(?i)[-_]base(?![a-z])")  # a base checkpoint's own name: "DeepSeek-V3-Base"
_ON_BEFORE = re.compile(r"(?i)(?<![a-z])(?:from|on|upon)\s+(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,2}$|[从在]\s*$")
# "from an intermediate V2 checkpoint", "a copy of the V3 base model"; not "the training run of its V3 base model"
_FROM_BEFORE = re.compile(
    r"(?i)(?:(?<![a-z])(?:from|on|upon|(?:pre-?)?train(?:ing)?)|(?:copy|copies|checkpoint|version|snapshot|variant|fork|pre-?training|training)\s+of)\s+(?:an?\s+|the\s+|its\s+)?(?:[a-z-]+\s+){0,2}$|[从在]\s*$"
)  # "continuing to train the V3 base on an extra 840B tokens": V3 is where it started
_REPLACED_AFTER = re.compile(
    r"(?i)\s*(?:(?:is|was|has been|got)\s+)?(?:upgraded|updated|switched|moved|changed|replaced)\s+(?:to|by|with)(?![a-z])"
    r"|\s*[\u4e00-\u9fff]{0,2}?(?:升级|更新|切换|替换|合并)(?:为|到|成)"
)
_INTRODUCED = re.compile(r"(?i)(?:(?<![呼喊尖])叫(?:做)?|称为|名为|命名为|called|named|dubbed)\s*[“「\"*]*$")
_WITH_BEFORE = re.compile(r"[和与跟同]\s*(?:原本的|原来的|原先的|之前的|原始的|最初的|[旧老原]版的?)?\s*$")  # "跟原本的 V3 一样"
_ALIKE_AFTER = re.compile(r"\s*(?:一样|对齐|相同|类似|一致|相当|不一样|不同|有别|同(?:一|样|款|架构|规模|尺寸|级别|日|天|期))")  # "与 V3 同架构", "跟 R1 不一样"
_DESIGN_AFTER = re.compile(
    r"(?i)\s*(?:recipe|architecture|framework|design|layers?|blocks?|structure|approach|technique|modules?)(?![a-z])|\s*(?:架构|框架|结构)"
)
_PREPOSITION = re.compile(r"(?i)(?:(?<![a-z])(?:on|for|with|to|from|over|by|of|against|into)|于|在|对|给|用)\s*(?:the\s+|'s\s+)?$")
_OPENING_COMMA = re.compile(r"[\s*_]*[，,]")  # a value that opens its sentence, then a comma ("5月15日，…")
LIST_GLUE = re.compile(r"^\s*(?:/|,|，|、|和|与|及|or|and|&)\s*$")


def is_object(text: str, m: Mention, mentions: Sequence[Mention] = ()) -> bool:
    """A mention that is the object of a comparison or a base ("than GPT-4", "基于 V3"), or
    listed right after one ("逼近 GPT-4o / Claude-3.5"): a list takes its first name's role."""
    i = next((k for k, p in enumerate(mentions) if p.start >= m.start), len(mentions))  # sorted, never overlapping
    current = m
    for _ in range(LIST_REACH):  # a list of names glued by "and" / "、" is walked back, not recursed
        if _object_by_its_words(text, current, mentions):
            return True
        while i > 0 and mentions[i - 1].end > current.start:
            i -= 1
        if not (i > 0 and LIST_GLUE.match(text[mentions[i - 1].end : current.start])):
            return _qualifier(text, current, mentions)
        i -= 1
        current = mentions[i]
    return False


def _object_by_its_words(text: str, m: Mention, mentions: Sequence[Mention]) -> bool:
    cue = _OBJECT_CUES.search(text, max(0, m.start - 24), m.start)
    if cue is not None and not (_TIME_CUE.match(cue.group()) and _CLAUSE_VERB_AFTER.match(text, m.end)):
        return True  # not "three months after the original Janus came out in October 2024": a clause's own subject
    if _UPDATE_OF.search(text, max(0, m.start - 80), m.start) is not None:
        return True  # "The model is an update, published on 24 March 2025, of DeepSeek-V3": the one updated
    if _SAME_AS.search(text, max(0, m.start - 48), m.start) is not None:
        return True  # "the same 21B-active configuration as V2": V2 is what it is compared with
    origin = (_ORIGIN_AFTER.match(text, m.end) and _FROM_BEFORE.search(text, max(0, m.start - 30), m.start)) or _INTERMEDIATE_AFTER.match(text, m.end) or _INTERMEDIATE_BEFORE.search(text, max(0, m.start - 60), m.start) or (
        _BASE_NAME.match(text, m.end) and _ON_BEFORE.search(text, max(0, m.start - 30), m.start)  # "trained on DeepSeek-V3-Base"
    )
    if origin or (_WITH_BEFORE.search(text, max(0, m.start - 10), m.start) and _ALIKE_AFTER.match(text, m.end)):
        return True  # "from an intermediate V2 checkpoint", "和 R1 一样": a starting point, a likeness
    if _UPDATE_NOUN_AFTER.match(text, m.end):
        return True  # "3月24日的 V3 改版，权重改成 MIT", "the March V3 refresh": the update's, not the model updated
    if _TIME_ANCHOR_AFTER.match(text, m.end):
        return True  # "R1 发布一周后，一月二十七日，他们又放出了 Janus-Pro": R1 only dates the next event
    if _REPLACED_AFTER.match(text, m.end):
        return True  # "deepseek-coder upgraded to DeepSeek-Coder-V2": the old one is not the subject
    if _DESIGN_AFTER.match(text, m.end) and any(p.end <= m.start and p.kind != COMPANY for p in mentions):
        return True  # "DeepSeek-V3 keeps the MLA + DeepSeekMoE recipe": a design inside another model's sentence
    # ("spent on GPT-4", "trained with Llama"; not "for the Qwen-based variants": what the clause is about)
    return m.kind == FOREIGN and _PREPOSITION.search(text, max(0, m.start - 12), m.start) is not None and not _BASED_AFTER.match(text, m.end)
    # ("spent on GPT-4", "trained with Llama": another maker's model after a preposition)


def _qualifier(text: str, m: Mention, mentions: Sequence[Mention]) -> bool:
    """"R1 的小版本更新 R1-0528": a model that qualifies the model named next is not the subject."""
    possessive = _POSSESSIVE.match(text, m.end)
    if not possessive or m.kind == FOREIGN:
        return False
    following = next((n for n in mentions if n.start >= possessive.end()), None)
    return (
        following is not None and following.kind != COMPANY
        and not _CLAUSE_END.search(text, m.end, following.start) and following.start - m.end <= 16
    )


def _governed(text: str, m: Mention, sentence_start: int) -> bool:
    """The model follows a preposition inside its sentence ("up from 86 in the original X"); a
    sentence that opens with one ("In DeepSeek-V3, …") still has it as its topic."""
    g = _GOVERNED.search(text, max(sentence_start, m.start - 40), m.start)
    return g is not None and text[sentence_start : g.start()].strip() != ""


def _qualifies_earlier(text: str, m: Mention, wanted: Sequence[Mention], sentence_start: int) -> bool:
    """"DeepSeek-V3-0324, a post-training refresh of V3": a model after 'of' when another model came first."""
    earlier = any(p.end <= m.start for p in wanted if p is not m)
    return earlier and _OF_BEFORE.search(text, max(sentence_start, m.start - 30), m.start) is not None


def _in_comparison(text: str, m: Mention, sentence: tuple[int, int]) -> bool:
    """The model is named inside a clause that compares ("up from 86 in the original X")."""
    c_a, _ = clause_bounds(text, m.start, m.end, sentence)
    return _COMPARISON.search(text, c_a, m.start) is not None


_UPDATE_NOUN_AFTER = re.compile(r"\s*(?:的)?\s*(?:小)?(?:改版|更新版|小更新|版本更新|版本升级)")  # not "the V3.1 update": that one is V3.1
_TIME_ANCHOR_AFTER = re.compile(r"\s*(?:发布|推出|开源|上线|问世|发表)[^，。,;；]{0,6}?(?:之后|以后|后|之前|以前|前)(?![\u4e00-\u9fff]{0,2}[的])")
# "built on their V3 base model, which came out …": a model's name, maybe a noun for it, then the relative clause
_ANTECEDENT_GAP = re.compile(r"(?i)[\s,*_)）]*(?:(?:base|chat|instruct|reasoning|flagship)\s+)?(?:model|checkpoint|release|version)?[\s,*_)）]*")
def company_of(mentions: Sequence[Mention]) -> str | None:
    return next((m.entity for m in mentions if m.kind == COMPANY), None)


def subject_of(text: str, mentions: Sequence[Mention], span: tuple[int, int] | None = None) -> str | None:
    """The model a piece of text is about: its first model mention that is not an object."""
    for m in mentions:
        if span and not (span[0] <= m.start < span[1]):
            continue
        if m.kind == COMPANY or is_object(text, m, mentions) or _compared(text, m):
            continue
        return m.entity if m.kind != FOREIGN else BLOCKED
    return None


def _compared(text: str, m: Mention) -> bool:
    """Named inside a comparison ("up from 86 in the original DeepSeek Coder"): not a subject."""
    cues = list(_COMPARISON.finditer(text, max(0, m.start - 40), m.start))
    return bool(cues) and _CLAUSE_END.search(text, cues[-1].end(), m.start) is None


def explicit(
    text: str, mentions: Sequence[Mention], start: int, end: int, sentence: tuple[int, int], company: bool,
    antecedents: Sequence[Mention] | None = None,
) -> str | None:
    """Policy 1: a model (or, for company attributes, the company) named in the value's sentence."""
    s_a, s_b = sentence
    c_a, c_b = clause_bounds(text, start, end, sentence)
    if not text[s_a:start].strip(" *_") and _OPENING_COMMA.match(text, end) and c_b < s_b:
        c_b = clause_bounds(text, c_b + 1, c_b + 1, sentence)[1]  # "5月15日，字节跳动发布豆包…": the date's event is the next clause
    in_sentence = [m for m in mentions if s_a <= m.start < s_b and not (m.start <= start < m.end)]
    if not company and opens_with("pronoun_subject", text[s_a:s_b]) and _objects_of_a_verb(text, [m for m in in_sentence if m.end <= start]):
        return None  # "It merged V2-Chat and Coder-V2-Instruct … and it's still 236B": "it" is the subject
    if not company:
        holder = bracket_owner(text, in_sentence, start)
        if holder is not None:  # "Qwen2-57B-A14B（总参 57B / 激活 14B）": the name the bracket follows owns its figures
            return holder.entity if holder.kind != FOREIGN else BLOCKED
    wanted = [m for m in in_sentence if (m.kind == COMPANY) == company and m.kind != FOREIGN]
    if not company and _RELATIVE.match(text, c_a):
        # "…the first-generation DeepSeek-VL, which came in 1.3B and 7B sizes", "built on DeepSeek-V3, a
        # model the company put out on Dec. 26": the model just before (a base model too)
        named = [m for m in (antecedents or mentions) if s_a <= m.start < s_b]
        antecedent = [m for m in named if m.end <= c_a and m.kind != COMPANY and _ANTECEDENT_GAP.fullmatch(text, m.end, c_a)]
        if antecedent:
            return antecedent[-1].entity if antecedent[-1].kind != FOREIGN else BLOCKED
    if not company:
        owner = next((m for m in reversed(in_sentence) if m.end <= start and m.kind != COMPANY and _owns(text, m, start)), None)
        if owner is not None:  # "Llama 3.1 405B 的 3084 万 GPU 小时", "V3's 671B parameters": the possessor's value
            return owner.entity if owner.kind != FOREIGN else BLOCKED
        # another maker's or an unknown model nearer the value than any of ours takes the value
        clause = [m for m in in_sentence if c_a <= m.start < c_b and m.kind != COMPANY and not is_object(text, m, mentions)]
        before = [m for m in clause if m.end <= start]
        if before:
            opener = in_sentence[0] if in_sentence and in_sentence[0].kind != FOREIGN else None
            if (
                opener is not None and opener.kind != COMPANY and opener is not before[-1]
                and not text[s_a : opener.start].strip(" *_#>-") and _VERB_BEFORE.search(text, max(s_a, before[-1].start - 24), before[-1].start)
            ):
                return opener.entity  # "DeepSeek-Coder-V2, released in June, extended V2 to 338 languages": V2 is the object
            return before[-1].entity if before[-1].kind != FOREIGN else BLOCKED
        after = [m for m in clause if m.start >= end and not _TO_ONLY.fullmatch(text, end, m.start)]  # "from MoE 16B to R1"
        if not after and any(
            c_a <= m.start < c_b and m.start >= end and m.kind == FOREIGN for m in in_sentence
        ) and not any(c_a <= m.start < c_b and m.kind != COMPANY and m.kind != FOREIGN for m in in_sentence):
            return BLOCKED  # "the $100 million spent on GPT-4": the clause is about another maker's model
        # "$294K for R1": a model named right after the value in its clause is its owner
        if after and (after[0].start - end <= NEAR_AFTER or not any(m.end <= start for m in wanted)):
            return after[0].entity if after[0].kind != FOREIGN else BLOCKED
    if company:
        if bracket_owner(text, [m for m in in_sentence if m.kind == FOREIGN], start) is not None:
            return BLOCKED  # "创始人梁文锋，同时是幻方量化（2015年成立）的创始人": the fund's founding
        subject = next((m for m in in_sentence if not is_object(text, m, mentions)), None)
        if subject is not None and subject.kind == FOREIGN and subject.end <= start:
            return BLOCKED  # "High-Flyer, the fund behind DeepSeek, was founded in 2015": another company's fact
        clause_ours = any(c_a <= m.start < c_b and m.kind == COMPANY for m in in_sentence)
        if not clause_ours and any(c_a <= m.start < c_b and m.kind == FOREIGN for m in in_sentence):
            return BLOCKED  # "2015年与同学共同创办幻方量化": the clause founds another company
    before = [
        m for m in wanted
        if m.end <= start and not is_object(text, m, mentions) and not in_closed_aside(text, m, start)
        and (m.end > c_a or not (_in_comparison(text, m, sentence) or _qualifies_earlier(text, m, wanted, s_a)))
    ]  # "…, up from 86 in the original DeepSeek Coder, and its context length is 128K": not Coder's
    if before:
        last = before[-1]
        foreign_after = [m for m in in_sentence if m.kind == FOREIGN and last.end <= m.start and m.end <= start and not is_object(text, m, mentions)]
        return BLOCKED if foreign_after and not company else last.entity
    after = [
        m for m in wanted
        if m.start >= end and not is_object(text, m, mentions) and (m.start < c_b or not _governed(text, m, s_a))
        and not opened_aside(text, end, m.start, m.end) and not (m.start >= c_b and _FORMER.search(text, max(0, m.start - 12), m.start))
        and not _TO_ONLY.fullmatch(text, end, m.start)
    ]  # "授權改採 MIT，原 V3 權重適用的是…": the former model of a later clause does not own the new licence  # "338 languages, up from 86 in the original DeepSeek Coder": a later clause's object owns nothing
    foreign_before = not company and any(m.kind == FOREIGN and m.start < end and not is_object(text, m, mentions) for m in in_sentence)
    if after and not (foreign_before and after[0].start >= c_b):
        return after[0].entity  # not "Llama 3.1 405B，…用了三千零八十四万 GPU 小时，差不多是 V3 的十一倍": V3 is a later clause's
    if foreign_before:
        return BLOCKED  # another maker's model before the value (its own clause was handled above)
    return None


_FORMER_LATTER = re.compile(r"(?i)[\s*_>-]*(?:(?P<former>前者|the former)|后者|後者|the latter)")
_TO_ONLY = re.compile(r"(?i)\s*(?:to|→|->|=>|到|至)\s*")
_FORMER = re.compile(r"(?i)(?:(?<![a-z])(?:the\s+)?(?:previous|earlier|older|old|original|former)\s+|之前的|原来的|原先的|原本的|原始的|最初的|以前的|上一代的?|[旧老原]版?的?)\s*$")
_HEDGE_ONLY = re.compile(r"(?i)[\s*_]*(?:(?:约|近|超过|不到|大约|about|around|roughly|nearly|some|over|~|≈)[\s*_]*)?")


def _owns(text: str, m: Mention, start: int) -> bool:
    """The value comes right after the model's possessive ("X 的 3084 万", "X's ~37B")."""
    p = _POSSESSIVE.match(text, m.end)
    return p is not None and start - p.end() <= 12 and _HEDGE_ONLY.fullmatch(text, p.end(), start) is not None


def carried(block: Block, mentions: Sequence[Mention], sentence: tuple[int, int]) -> str | None:
    """Policy 2: the subject of the latest earlier sentence of the block that names a model; a
    sentence that opens by echoing a model's name ("… followed by the DeepSeek LLM series. The LLM
    models were trained on …") carries that model."""
    opening = block.text[sentence[0] : sentence[0] + 40]
    which = _FORMER_LATTER.match(opening)
    for s_a, s_b in reversed([s for s in block.sentences if s[1] <= sentence[0]]):
        named = [m for m in mentions if s_a <= m.start < s_b and not in_long_aside(block.text, m, s_b)]
        ours = [m for m in named if m.kind not in (COMPANY, FOREIGN) and m.entity]
        if which and len({m.entity for m in ours}) >= 2:  # "DeepSeek Coder 和 DeepSeek LLM …；后者在 2 万亿 token 上训练"
            return (ours[0] if which.group("former") else ours[-1]).entity
        if named and opens_with("pronoun_subject", block.text[s_a:s_b]) and _objects_of_a_verb(block.text, named):
            continue  # "It merged V2-Chat and Coder-V2-Instruct …": its models are objects; "it" was carried
        echoed = [m for m in named if m.kind != FOREIGN and m.entity and _echoes(opening, block.text[m.start : m.end])]
        if len({m.entity for m in echoed}) == 1:
            return echoed[0].entity
        introduced = [m for m in named if m.kind != FOREIGN and m.entity and _INTRODUCED.search(block.text, max(s_a, m.start - 12), m.start)]
        if introduced:
            return introduced[-1].entity  # "DeepSeek 更新了 V3，新版本叫 DeepSeek-V3-0324。它…": the new one
        subject = subject_of(block.text, named)
        if subject:  # a sentence whose models are all objects ("较 DeepSeek 67B") names no subject
            return subject
    return None


def _objects_of_a_verb(text: str, named: Sequence[Mention]) -> bool:
    """The sentence's first model comes after a verb ("It merged V2-Chat and …")."""
    first = next((m for m in named if m.kind != COMPANY), None)
    return first is not None and _VERB_BEFORE.search(text, max(0, first.start - 24), first.start) is not None


def _echoes(opening: str, name: str) -> bool:
    """'The LLM models …' echoes 'DeepSeek LLM': the last word of the name opens the sentence."""
    last = re.split(r"[\s_–-]+", name.strip())[-1]
    if len(last) < 2 or not re.search(r"[A-Za-z]", last) or last.lower() == "deepseek":
        return False
    return re.match(rf"(?i)\W*(?:the|these|those|this|its|their)\s+{re.escape(last)}(?![A-Za-z0-9])", opening) is not None


def table_subject(block: Block, row_mentions: list[list[Mention]], header_mentions: list[list[Mention]], named_rows: bool) -> str | None:
    """A cell is about the model its row names, or the model its column header names."""
    cell = block.table
    assert cell is not None
    header_models = [subject_of(cell.header[i], ms) if i < len(cell.header) else None for i, ms in enumerate(header_mentions)]
    if any(h for h in header_models[1:]):
        return header_models[cell.column] if cell.column < len(header_models) else None
    for j, ms in enumerate(row_mentions):
        if j == cell.column:
            continue
        s = subject_of(cell.row[j], ms)
        if s:
            return s
    return BLOCKED if named_rows else None


def figure_subject(block: Block, labels: list[tuple[tuple[float, float, float, float] | None, str]]) -> str | None:
    """A figure label names nothing itself: it belongs to the nearest label that names a model."""
    if block.box is None or not labels or any(box is None for box, _ in labels):
        return None
    distances = sorted((_distance(block.box, box), entity) for box, entity in labels)  # type: ignore[arg-type]
    best, entity = distances[0]
    if best > FIGURE_REACH:
        return None
    if any(d - best < FIGURE_TIE and e != entity for d, e in distances[1:]):
        return None  # as near to another model's label: the figure does not say whose it is
    return entity


def _distance(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    dx = max(bx - (ax + aw), ax - (bx + bw), 0.0)
    dy = max(by - (ay + ah), ay - (by + bh), 0.0)
    return float((dx * dx + dy * dy) ** 0.5)

