"""Text-valued claims: licence, founder, headquarters, base model.

Names are read from the sentence, not looked up in a list of answers: any person named after a
founder cue ("founded by …", "创始人…"), any place after a headquarters cue ("headquartered in …",
"总部位于…"). Chinese names and places are written in pinyin, as the contract asks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from dsfacts.extract.attributes import vocabulary
from dsfacts.extract.claims import former_value, has, is_exam_item, reported_in_correction
from dsfacts.extract.linking import is_object
from dsfacts.extract.mentions import COMPANY, FOREIGN, Mention
from dsfacts.models import Claim
from dsfacts.segment import Block

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

_URL = re.compile(r"https?://[^\s)\]>\"']+|\]\([^)\s]*\)")
_EN_NAME = r"[\[*_]*(?P<name>[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){1,2})\]?"
_ZH_NAME = r"[`「“\"]?(?P<name>(?![之是为的也都])[\u4e00-\u9fff]{2,3}?)(?=[`」”\"，。、,.;；:：（(\s]|表示|说|曾|在|的|是|毕业|出生|于|也|和|与|同时|任|担任|出任|兼任|原本|原来|早年|本人|据说|此前|之前|认为|指出|称|带领|执掌|$)"
_ZH_PLACE = r"(?:[\u4e00-\u9fff]{2,3}省)?(?P<name>[\u4e00-\u9fff]{2,4}?)(?=市|[，。、,.;；\s的]|$)"  # "浙江省杭州市": the city
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# what may stand between a founding verb and "in <place>": when, and by whom ("founded in 2023, in
# Hangzhou, by …", "set up in mid-2023 in Hangzhou"); any other words make the place something else's
_WHEN = rf"(?:\s*(?:,|in|on|around|about|circa|the|year|of|(?:mid|late|early)-?|\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?|{_MONTH}|by\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s*)*?"


def _cue_regex(section: str, name: str, comma: bool = True) -> re.Pattern[str]:
    """A cue, then the name it introduces. `comma=False` for Chinese: "梁文锋任CEO，总部设在杭州"
    names nobody after "CEO，" (an English appositive, "its founder, Liang Wenfeng", does)."""
    cues = sorted((str(c) for c in vocabulary()[section]["cues"]), key=len, reverse=True)
    alt = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    marks = r"\s:：`*,，、为是叫" if comma else r"\s:：`*为是叫"  # "創辦人叫梁文鋒"
    # "based in the eastern Chinese city of Hangzhou": a city may come after a description of it
    glue = rf"[{marks}]{{0,4}}(?:位于|设在|设于|坐落于|在)?(?:(?:is|was|in|by|of|the|city of|mr\.?)\s+){{0,3}}(?:(?:[A-Za-z-]+\s+){{0,3}}?(?:city|town)\s+of\s+)?"
    return re.compile(rf"(?i:{alt}){glue}{name}")


def to_pinyin(name: str, provinces: tuple[str, ...] = ()) -> str:
    """梁文锋 -> Liang Wenfeng; 杭州 -> Hangzhou (a leading province is dropped)."""
    from pypinyin import lazy_pinyin  # only documents that name a Chinese founder or city pay for it

    for p in provinces:
        if name.startswith(p) and len(name) > len(p) + 1:
            name = name[len(p) :]
    syllables = lazy_pinyin(name)
    if not syllables:
        return name
    if len(syllables) >= 2 and len(name) <= 3 and provinces == ():  # a person: surname, then given name
        return syllables[0].capitalize() + " " + "".join(syllables[1:]).capitalize()
    return "".join(syllables).capitalize()


def _ascii_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalnum()


_GENERIC_SUBJECT = re.compile(r"(?:^|[，,；;。:：]\s*)(?:有的|有些|部分模型|some models|some of them|others)[^，,；;。]{0,16}$")
_OLDER_BEFORE = re.compile(r"(?i)(?<![a-z])(?:older|previous|former|earlier|old)\s+(?:deepseek(?:'s)?\s+)?$|(?:旧的|之前的|原来的|以前的)\s*$")
_NOT_THIS = re.compile(r"(?i)(?:(?<![a-z])(?:not|rather than|instead of|isn't|is not)|而非|而不是|不是|並非|并非|非)\s*(?:the\s+|an?\s+)?(?:(?:previous|old|older|earlier|former|original)\s+|[^\s，。,;；]{1,4}的\s*)?$")


@lru_cache(maxsize=1)
def _licence_pairs() -> list[tuple[str, str]]:
    names: dict[str, list[str]] = vocabulary()["license"]["names"]
    return sorted(((str(a), canon) for canon, aliases in names.items() for a in aliases), key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _any_cue() -> re.Pattern[str]:
    """Every cue of every text-valued attribute: a block without one has no text claim."""
    vocab = vocabulary()
    cues = {str(c).lower() for s in ("license", "founder", "headquarters") for c in vocab[s]["cues"]} | {"founded", "-based", "创立", "创办"}
    cues |= {str(w).lower() for w in vocab["headquarters"]["founding"]}
    cues |= {str(w).lower() for w in vocab["headquarters"]["organisation"]}
    return re.compile("|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)))


def any_text_cue(low: str) -> re.Match[str] | None:
    """The first cue of a licence, founder or headquarters in lowercased text."""
    return _any_cue().search(low)


# "weights now under MIT", "R1 is plain MIT": a licence named without the word licence
_UNDER = (
    r"(?:(?<![a-z])(?:under|(?:is|are|was|were)(?:\s+(?:plain|also|fully|still|now))?|(?:moved|switched|changed|relicensed)(?:\s+[\w.-]+){0,3}?\s+to)\s+(?:the\s+)?"
    r"|(?:改成|改为|改用|换成|转为|改採|改采)\s*)"
)  # "weights now under MIT", "moved the updated V3-0324 weights to MIT", "权重改成 MIT"
_BASE_SUFFIX = re.compile(r"[-_ ]base(?![a-z])")  # "DeepSeek-V3-Base": a base checkpoint by its own name
_ON_BASE = re.compile(r"(?:(?<![a-z])(?:on|from|upon)|(?:直接)?[在从])\s*$")
_UNDER_BEFORE = re.compile(_UNDER + "$")
_UNDER_NAME = re.compile(_UNDER + r"(?:mit|apache)(?![a-z])")
# a city, then the company noun, then the company's name: "杭州人工智能公司深度求索", "这家杭州公司 DeepSeek"
_ZH_PLACE_ORG = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=这家)|(?<=一家)|(?<=该))(?:[\u4e00-\u9fff]{2,3}省)?(?P<name>[\u4e00-\u9fff]{2,3}?)市?"
    r"(?:人工智能|AI|科技|大模型|初创|创业)?(?:公司|企业|实验室)"
)
_ZH_NAME_GAP = re.compile(r"\s*[「“\"]?\s*")
_APPOSITION_BEFORE = re.compile(r"\s*[,，]\s*(?:a|an|the)\s+")
_APPOSITION_AFTER = re.compile(r"\s*[A-Za-z]+(?:\s+[A-Za-z]+)?\s*[,，]\s*")
_THE_END = re.compile(r"\s*\b(?:the|an?|its|their)$")
# "以 … 的 X 为基础", "在 … 的 X 上训练": a Chinese frame around a model, with a modifier inside
_FRAME_OPEN = re.compile(r"(?:以|在|从|基于)[^，。,;；:：]{0,20}的\s*$")
_CODE = re.compile(r"(?<![a-z])code(?![a-z])")
_UNTIL = re.compile(r"(?<![a-z])until(?![a-z])|直到")
_FROM_BEFORE = re.compile(r"(?:(?<![a-z])from|从)[^，。,;；]{0,16}$")
_SWITCH = re.compile(r"(?<![a-z])to(?![a-z])|改成|改为|换成|改用|变为|变更为|转为")
_CLAUSE_BREAK = re.compile(r"[，,;；]|\s(?:while|whereas|but)\s|而|则")


def _clause_around(low: str, i: int, start: int, end: int) -> str:
    """The clause of a sentence that holds position i: what a licence name there is about."""
    a = max((m.end() for m in _CLAUSE_BREAK.finditer(low, start, i)), default=start)
    b = next((m.start() for m in _CLAUSE_BREAK.finditer(low, i, end)), end)
    return low[a:b]


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def _own_words(clause: str, low: str, i: int) -> str:
    """A licence's own words: its bracket's, if it stands in one ("DeepSeek Model License (code MIT)":
    the MIT is the code's), else its clause without the brackets in it (the DML is the weights')."""
    opened = max(low.rfind("(", max(0, i - 40), i), low.rfind("（", max(0, i - 40), i))
    if opened >= 0 and max(low.rfind(")", opened, i), low.rfind("）", opened, i)) < 0:
        closed = [c for c in (low.find(")", i), low.find("）", i)) if c >= 0]
        return low[opened : min(closed) + 1] if closed else clause
    return _BRACKETED.sub(" ", clause)


def checkpoint_of(entity: str, known: dict) -> str:
    """A model's -Base checkpoint is that model as a base ("DeepSeek-V3-Base" -> deepseek-v3)."""
    stem = entity[: -len("-base")] if entity.endswith("-base") else entity
    return stem if stem in known else entity


class TextClaims:
    def __init__(self, extractor: _Extractor):
        self.x = extractor
        vocab = vocabulary()
        self.vocab = vocab
        self.founder_en = _cue_regex("founder", _EN_NAME)
        self.founder_zh = _cue_regex("founder", _ZH_NAME, comma=False)
        self.founded_by = re.compile(rf"(?i:founded|established|created|started|set up|spun out|spun off)\b[^.。;；]{{0,40}}?\bby\s+{_EN_NAME}")
        # "由梁文锋于 2023 年创立": the founder before the founding verb
        self.founded_by_zh = re.compile(r"由\s*(?P<name>[\u4e00-\u9fff]{2,3}?)\s*(?:于[^，。,;；]{0,14}?)?(?:一手)?(?:创立|创办|创建|成立|创设)")
        self.hq_en = _cue_regex("headquarters", r"(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
        self.hq_zh = _cue_regex("headquarters", _ZH_PLACE)
        founding = "|".join(re.escape(str(w)) for w in vocab["headquarters"]["founding"])
        # "It was founded in 2023, in Hangzhou": the place a company was founded in is its home
        self.founded_in_en = re.compile(
            rf"(?i:{founding})\b{_WHEN}\s*\bin\s+(?:the\s+city\s+of\s+)?(?P<name>(?!{_MONTH}\b)[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b(?![-'])"
        )
        # "2023 年 7 月在杭州成立": the place before a founding verb (not a time: "在去年成立")
        # "是一家在杭州的公司": a company in a place (在 says where; "最好的公司" says nothing of it)
        self.in_place_zh = re.compile(r"在\s*(?:[\u4e00-\u9fff]{2,3}省)?(?P<name>[\u4e00-\u9fff]{2,3}?)\s*市?的?(?:公司|企业|团队|创业公司|初创公司)")
        self.founded_in_zh = re.compile(r"在\s*(?P<name>[\u4e00-\u9fff]{2,6}?)\s*(?:市)?\s*(?:正式)?(?:注册成立|成立|创立|创办|注册)")
        self.founded_at_zh = re.compile(r"(?:成立|创立|创办|注册)于\s*(?P<name>[\u4e00-\u9fff]{2,6}?)(?=市|[，。、,.;；\s]|$)")  # "…成立于杭州"
        self.not_places = frozenset(str(p) for p in vocab["headquarters"]["not_places"])
        self.hq_based = re.compile(r"(?<![\w-])(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)-based\s")  # "Hangzhou-based DeepSeek"
        # "DeepSeek, the Hangzhou lab …", "Hangzhou start-up DeepSeek": a place before an organisation noun
        nouns = "|".join(re.escape(str(w)) for w in sorted(vocab["headquarters"]["organisation"], key=len, reverse=True))
        self.hq_place_noun = re.compile(rf"(?<![\w-])(?P<name>[A-Z][a-z]+)\s+(?:AI\s+)?(?:{nouns})(?![a-z])")
        self.provinces = tuple(str(p) for p in vocab["headquarters"].get("regions", []))
        self.not_org_places = tuple(str(p) for p in vocab["headquarters"].get("not_before_company", []))

    def claims(self, index: int, block: Block, mentions: list[Mention]) -> Iterable[Claim]:
        low = block.text.lower()
        if any_text_cue(low) is None and _UNDER_NAME.search(low) is None:
            return
        yield from self._licence(index, block, mentions, low)
        yield from self._named(index, block, mentions, "founder", (self.founder_en, self.founder_zh, self.founded_by, self.founded_by_zh))
        yield from self._named(
            index, block, mentions, "headquarters", (self.hq_en, self.hq_zh, self.founded_in_en, self.founded_in_zh, self.founded_at_zh, self.in_place_zh)
        )
        yield from self._based(index, block, mentions)

    # ---- licence ---------------------------------------------------------------------------

    def _licence(self, index: int, block: Block, mentions: list[Mention], low: str) -> Iterable[Claim]:
        vocab = self.vocab["license"]
        under = _UNDER_NAME.search(low) is not None  # "weights now under MIT": a licence without the word
        if not under and not any(str(c).lower() in low for c in vocab["cues"]):
            return
        urls = [u.span() for u in _URL.finditer(block.text)]
        names = self._licence_names(block.text)
        for k, (i, j, canon) in enumerate(names):
            if any(a <= i < b for a, b in urls):
                continue
            s_start, s_end = block.sentence_at(i)
            sentence = low[s_start:s_end]
            if not any(str(c).lower() in sentence for c in vocab["cues"]) and not _UNDER_BEFORE.search(low, max(s_start, i - 12), i):
                continue
            clause = _own_words(_clause_around(low, i, s_start, s_end), low, i)  # "代码仓库采用 MIT，模型权重则遵循 DeepSeek 许可"
            code_only = any(str(c).lower() in clause for c in vocab["code_only"])
            if code_only and not any(str(w).lower() in clause for w in vocab["weights"]):
                continue
            own = _CLAUSE_BREAK.split(low[max(s_start, names[k - 1][1] if k else 0, i - 40) : i])[-1]  # since the last licence, in its clause
            after = _CLAUSE_BREAK.split(low[j : min(s_end, names[k + 1][0] if k + 1 < len(names) else s_end, j + 16)], 1)[0]
            after = re.split(r"[(（]", after, maxsplit=1)[0]  # "DeepSeek Model License (code MIT)": the bracket is the code's aside
            for near in (own, after):  # "V3 was code MIT / weights under …", "MIT-licensed code with weights under …"
                if (_CODE.search(near) or any(str(c).lower() in near for c in vocab["code_only"])) and not any(
                    str(w).lower() in near for w in vocab["weights"]
                ):
                    break
            else:
                near = ""
            if near:
                continue
            if _GENERIC_SUBJECT.search(low, max(s_start, i - 24), i):
                continue  # "有的采用MIT、Apache 2.0 等通行协议": what some models use, not a model's
            if _OLDER_BEFORE.search(low, max(s_start, i - 28), i):
                continue  # "stopped asking us about the older DeepSeek model agreement": the licence it left
            if reported_in_correction(block.text, (s_start, s_end), i):
                continue  # "Correction: the draft described Janus-Pro as MIT-licensed"
            if former_value(low[max(s_start, i - 16) : i]):
                continue  # "fixed the R1-Zero licence (was \"Model License\")": the licence it replaced
            if _NOT_THIS.search(low, max(s_start, i - 16), i):
                continue  # "under the DeepSeek Model License, not MIT", "而非 MIT": the licence it is not
            if _UNTIL.search(low, max(s_start, i - 60), i) or self._old_licence(low, names, k, s_end):
                continue  # "until the March update switched to MIT", "从自定义的模型协议改成了 MIT": not now
            entity = self.x.entity_for(index, mentions, i, j)
            if entity:
                yield from self.x.with_partners(block, mentions, i, self.x.claim_text(block, i, j, entity, "license", canon))

    @staticmethod
    def _old_licence(low: str, names: list[tuple[int, int, str]], k: int, s_end: int) -> bool:
        """The licence a model switched from: "from X to Y", "从 X 改成 Y"."""
        i, j, canon = names[k]
        if not _FROM_BEFORE.search(low, max(0, i - 20), i):
            return False
        later = next((n for n in islice(names, k + 1, None) if n[0] >= s_end or n[2] != canon), None)
        return later is not None and later[0] < s_end and _SWITCH.search(low, j, later[0]) is not None

    def _licence_names(self, text: str) -> list[tuple[int, int, str]]:
        pairs = _licence_pairs()
        out: list[tuple[int, int, str]] = []
        low = text.lower()
        for alias, canon in pairs:
            a = alias.lower()
            start = 0
            while (i := low.find(a, start)) >= 0:
                start = i + 1
                j = i + len(a)
                if a.isascii() and (_ascii_word(low, i - 1) or _ascii_word(low, j)):
                    continue  # inside a longer word ("MITx"); Chinese next to it is fine ("采用MIT协议")
                if any(x < j and i < y for x, y, _ in out):
                    continue
                out.append((i, j, canon))
        return sorted(out)

    def front_matter_licence(self, subject: str | None) -> Iterable[Claim]:
        """A model card's front matter (`license: mit`) is the licence of the model the card is about."""
        doc = self.x.doc
        if not subject or subject.startswith("<") or not doc.body_start:
            return
        header = doc.text[: doc.body_start]
        m = re.search(r"(?m)^licen[cs]e:[ \t]*['\"]?([^'\"\n]+)", header)
        if not m:
            return
        names = self._licence_names(m.group(1))
        if names:
            i, j, canon = names[0]
            start = m.start(1) + i
            line, column = doc.line_col(start)
            yield Claim(
                entity=subject, attribute="license", value=canon, kind="text", source=doc.source, line=line,
                column=column, quote=doc.line_text(line).strip(), raw=doc.text[start : m.start(1) + j],
            )

    # ---- founder and headquarters ------------------------------------------------------------

    def _named(self, index: int, block: Block, mentions: list[Mention], section: str, patterns: tuple[re.Pattern[str], ...]) -> Iterable[Claim]:
        if any(is_exam_item(block.text, s) for s in block.sentences):
            return  # "公司总部所在城市是（　）A. 北京 B. 上海 C. 杭州": a quiz names cities, it says none
        low = block.text.lower()
        founding = any(w in low for w in ("founded", "started by", "set up", "spun out", "established by", "创立", "创办")) if section == "founder" else any(
            str(w).lower() in low for w in self.vocab[section].get("founding", ())
        )
        if not any(str(c).lower() in low for c in self.vocab[section]["cues"]) and not founding:
            return
        for pattern in patterns:
            for m in pattern.finditer(block.text):
                i, j = m.span("name")
                name = m.group("name")
                if any(x.start <= i < x.end for x in mentions):
                    continue  # "founder of DeepSeek": a company, not a person or a place
                s_start, s_end = block.sentence_at(i)
                if section == "headquarters" and not self._a_city(name, block.text, m.end(), s_end, mentions):
                    continue
                if not name.isascii():
                    name = to_pinyin(name, self.provinces if section == "headquarters" else ())
                companies = [x for x in mentions if s_start <= x.start < s_end and x.kind == COMPANY]
                # another company named before the fact is its subject ("High-Flyer, the fund behind
                # DeepSeek, was founded …"); one named after it is only a comparison ("… next to OpenAI's staff")
                others = [x for x in mentions if s_start <= x.start < i and x.kind == FOREIGN]
                earlier = [x for x in mentions if x.start < s_start and x.kind == COMPANY]  # "它的创立者…"
                named = (companies or earlier[-1:])
                entity = named[0].entity if named else self.x.context.company_heading()
                if entity and not (others and not companies):
                    yield self.x.claim_text(block, i, j, entity, section, name)

    def _a_city(self, name: str, text: str, end: int, s_end: int, mentions: list[Mention]) -> bool:
        """Whether a place after a headquarters or founding cue is a city of ours: not a country, a
        time ("在去年成立") or a direction, and not the home of another company founded there
        ("他在杭州创办了幻方量化")."""
        for p in self.provinces:
            if name.startswith(p) and len(name) > len(p) + 1:
                name = name[len(p) :]
        if name in self.not_places or (not name.isascii() and any(ch in self.not_places for ch in name)):
            return False
        clause_end = next((k for k in range(end, s_end) if text[k] in "，,;；。"), s_end)
        return not any(end <= x.start < clause_end and x.kind == FOREIGN for x in mentions)

    def _based(self, index: int, block: Block, mentions: list[Mention]) -> Iterable[Claim]:
        """"Hangzhou-based DeepSeek", "DeepSeek, a Hangzhou-based lab": the place is the headquarters
        of the company the phrase describes."""
        text = block.text
        companies = [x for x in mentions if x.kind == COMPANY and x.entity]
        if not companies:
            return
        found = [*(self.hq_based.finditer(text) if "-based" in text else ()), *self.hq_place_noun.finditer(text)]
        for m in found:
            if m.group("name") in self.not_places or any(x.start <= m.start() < x.end for x in mentions):
                continue  # "the Chinese lab", "the DeepSeek team": not a place
            company = next(
                (
                    x for x in companies
                    if 0 <= x.start - m.end() <= 2  # "Hangzhou-based DeepSeek"
                    or _APPOSITION_BEFORE.fullmatch(text, x.end, m.start())  # "DeepSeek, a Hangzhou-based lab"
                    or _APPOSITION_AFTER.fullmatch(text, m.end(), x.start)  # "A Hangzhou-based startup, DeepSeek"
                ),
                None,
            )
            if company and company.entity:
                i, j = m.span("name")
                yield self.x.claim_text(block, i, j, company.entity, "headquarters", m.group("name"))
        for m in _ZH_PLACE_ORG.finditer(text) if "公司" in text or "实验室" in text else ():  # "杭州人工智能公司深度求索"
            name = m.group("name")
            company = next((x for x in companies if _ZH_NAME_GAP.fullmatch(text, m.end(), x.start)), None)
            if "的" in name or name in self.not_org_places or any(w in name for w in self.not_org_places):
                continue  # "最好的公司", "知名公司深度求索": a word about the company, not its city
            if company and company.entity and name not in self.not_places and not any(ch in self.not_places for ch in name):
                i, j = m.span("name")
                yield self.x.claim_text(block, i, j, company.entity, "headquarters", to_pinyin(name, self.provinces))

    # ---- base model ----------------------------------------------------------------------------

    def base_objects(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Mentions that name a base model: "基于 X 训练", "以 X 为基础", "based on X"."""
        vocab = self.vocab["base_model"]
        low = text.lower()
        out = []
        for base in mentions:
            if base.kind == COMPANY or base.entity is None:
                continue
            raw_before = low[max(0, base.start - 24) : base.start].rstrip(" `*[")
            before = _THE_END.sub("", raw_before)
            after = low[base.end : base.end + 16]
            if before != raw_before and not any(w in after for w in ("base", "checkpoint")):
                continue  # "based on the DeepSeekMoE framework" is a design; "on top of the V3 base model" a base
            cue = next((str(c) for c in vocab["cues"] if before.endswith(str(c).lower())), None)
            framed = any(str(a) in after for a in vocab["after"])
            if cue is None and _BASE_SUFFIX.match(low, base.end) and _ON_BASE.search(raw_before):
                cue = "on"  # "trained directly on DeepSeek-V3-Base", "从 V3-Base 用强化学习练出来": a -Base checkpoint
            if cue is not None and not cue.isascii() and not framed and _BASE_SUFFIX.match(low, base.end):
                framed = True  # "直接在DeepSeek-V3-Base上进行大规模强化学习": a -Base checkpoint needs no frame
            if cue is None and framed and _FRAME_OPEN.search(low, max(0, base.start - 24), base.start):
                cue = "以"  # "以去年 12 月发表的 DeepSeek-V3-Base 为基础": a modifier between the frame's words
            if cue is None:
                continue
            if cue.isascii() or framed or cue.endswith(("是", "为", ":", "模型")):  # "基座仍是 X", "底座模型 X": said whole
                out.append(base)
        return out

    def base_model(self, index: int, block: Block, mentions: list[Mention], bases: list[Mention]) -> Iterable[Claim]:
        for base in bases:
            s_start, _ = block.sentence_at(base.start)
            if has("retracted", block.text[s_start : base.start].lower()):
                continue  # 'We wrote that R1-Zero was "fine-tuned from DeepSeek-R1."': what the earlier text said
            subjects = [
                m.entity for m in mentions
                if s_start <= m.start < base.start and m.kind not in (COMPANY, FOREIGN) and m not in bases and not is_object(block.text, m, mentions)
            ]  # not "除了大家都知道的 V2，还有个 DeepSeek-Prover … 基于 DeepSeekMath 微调": V2 is set aside
            if not subjects:  # nothing named before: the carried subject, the list parent, the heading
                others = [m for m in mentions if m not in bases]
                ctx = self.x.context_subject(index, block, others, block.sentence_at(base.start))
                subjects = [ctx] if ctx and not self.x.is_company(ctx) and not ctx.startswith("<") else []
            base_id = checkpoint_of(base.entity or "", self.x.reg.entities)
            for subject in dict.fromkeys(s for s in subjects if s):
                if subject not in (base.entity, base_id):
                    yield self.x.claim_text(block, base.start, base.end, subject, "base_model", base_id)
