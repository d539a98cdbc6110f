"""Stage 3b–3d for a figure: which attribute a number, an amount, a size list or an arXiv id
states, from its own words (unit, noun phrase, the question it answers), and whose it is.

A figure that is a part of a model ("a 14-billion-parameter prediction module"), a Lite version's
("Lite = 16B / 2.4B"), a base's ("a 200B MoE base"), a price or a duration gives no claim of the
model's; a size in brackets after a name ("DeepSeek-V3 (671B)") or after a copula ("Janus was
1.3B") is the model's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from dsfacts.extract import claims as nc
from dsfacts.extract import values as vg
from dsfacts.extract.answers import question_before
from dsfacts.extract.attributes import attribute_specs, choose_attribute
from dsfacts.extract.lines import line_subject
from dsfacts.extract.linking import BLOCKED, clause_bounds, is_object
from dsfacts.extract.mentions import COMPANY, FOREIGN, KNOWN, Mention
from dsfacts.models import Claim, Money, Quantity, SizeList
from dsfacts.segment import Block

if TYPE_CHECKING:
    from dsfacts.extract.engine import _Extractor

_BRACKET = re.compile(r"[(（\[【]")
PRONOUN_REACH = 200  # characters before a value in which "it" still names its sentence's subject
_ACTIVATES_BEFORE = re.compile(r"(?i)(?<![a-z])(?:activate|activates|activating)\s+(?:only\s+|about\s+|roughly\s+|just\s+)?[\d.,\s]*(?:and\s+)?$")
_SET_OFF = re.compile(r"(?i)[\s*_]*[,，]\s*(?:也是|是|约|about|roughly)?\s*")
_BILLIONS = re.compile(r"(?i)\d\s*b(?![a-z])|billion|亿|億")
_COPULA = re.compile(r"(?i)[\s*_]*(?:is|was|are|were|'s|是|为|為)[\s*_]*(?:(?:also|still|now|just|only|roughly|about|around|约|約)[\s*_]+)*")
_WHOLE_OF = re.compile(r"(?i)\d[\d.]*\s*(?:b|billion)?\s+(?:of|out of)\s+(?:the|its|all)?\s*$")  # "only 21B of the 236B parameters": the whole
_PART_OF = re.compile(r"(?i)\s+(?:of|out of)\s+(?:the|its|all)?\s*\d")
_VARIANT_AFTER = re.compile(r"(?i)[\s-]*(?:parameters?[\s-]+|param[\s-]+)?(?:version|variant|one|edition)s?(?![a-z])|\s*(?:参数)?的?\s*(?:版本|版)")
_FACTOR_BEFORE = re.compile(r"[×xX*]\s*$")
_CURRENCY_HEADER = re.compile(r"(?i)美元|人民币|(?<![a-z])(?:usd|dollars?|cost|price)(?![a-z])|\$|成本")
_WINDOWS = frozenset(Decimal(k * 1000) for k in (4, 8, 16, 32, 64, 128, 256))  # the sizes context windows come in
_K_ONLY = re.compile(r"\d\s*[Kk]\W*$")
# the only words a bare window may have before it in its clause: "模型本身支持 128K", "is 32K", "up to 128K"
_BARE_OWN = re.compile(
    r"(?i)(?:[\s\W_]|模型|本身|原生|支持|可达|达到|达|到|是|为|也是|仅|只有|也就是|即|支援|the|model|chat|base|instruct|itself|it|its|s|is|was|at|up|to|supports?|natively|handles|also|full|of|with|trained|for|just|only|i\.e\.|that is)*"
)
_RANGE_END_BEFORE = re.compile(r"(?i)(?<![a-z])from\s[^.;:]{1,40}?\sto\s+(?:about\s+|roughly\s+)?$|从[^。；]{1,20}?到\s*$")
_FOOTNOTE_REF = re.compile(r"\s*\[\^(\w{1,8})\]")
_PICKED_BEFORE = re.compile(r"(?i)(?<![a-z])(?:the|this|that)\s+$")  # not "那个16B的版本": a model called by its size
_EXTENSION_BEFORE = re.compile(r"(?i)(?:上下文扩展|长上下文扩展|context[\s-]*(?:length\s+)?extension)[\s:：]*$")  # "上下文扩展 119K" (GPU hours)
_FOR_EXTENSION = re.compile(r"(?i)[\s,]*(?:GPU[\s-]*hours?\s+)?(?:(?:for|of|用于)\s*)?(?:the\s+)?(?:context|上下文)(?:\s*length)?\s*(?:extension|扩展)")
_STAGE_AFTER = re.compile(r"(?i)[\s*_-]*(?:阶段|階段|stage|phase|post-?training|pre-?training|后训练|预训练)(?![a-z])")
_WORD_AFTER = re.compile(r"[\s*_]*[A-Za-z\u4e00-\u9fff]")
_LINK_BEFORE = re.compile(r"\[(?P<text>[^\[\]]{1,300})\]\([^()\s]*$")
_LITE_AFTER = re.compile(r"[^，。,;；]{0,12}?(?:的\s*Lite\s*版|Lite\s*版|\s+Lite\s+(?:version|model|variant))", re.I)
_LITE_BRACKET = re.compile(r"(?i)(?<![a-z-])lite\s*(?:版|version|model|variant)?\s*[(（][^()（）]*$")  # "及其 Lite 版（160 亿总参、24 亿激活）"
_LITE_WORD = re.compile(r"(?i)(?<![a-z-])lite(?![a-z-])")
_COORDINATED = re.compile(r"(?i)(?:(?<![a-z])(?:and|or|&)\s+(?:its|the|their)?\s*|[和与及]\s*(?:它的|其)?\s*)$")  # "V2 and its Lite sibling both"
_LITE_BEFORE = re.compile(r"(?i)(?<![a-z-])lite\s*(?:version|model|variant|版)?\s*[:：=]?\s*[*_]*$")  # "Lite = 16B / 2.4B"
_MONEY_END = re.compile(r"(?i)(?:美元|元|dollars?|usd|\$\s?[\d.,]+\s*(?:[kmb]|million|billion)?)\s*$")
_NAME_THEN_PAREN = re.compile(r"(?i)[\w.-]\s?[(（]\s*(?:(?:also|about|approx\.?|roughly|~|约|也是|同样)\s*)?$")
_NOT_TIMES = frozenset({"context_length", "total_params", "active_params", "training_tokens", "variant_sizes"})
_OF_A_BASE = re.compile(r"(?i)[\s*_]*(?:moe|mixture-of-experts|dense)?\s*(?:模型)?\s*(?:底座|基座|base(?:\s+model)?(?![a-z]))")
_RATE_IN_WORDS = re.compile(r"(?i)(?:dollars?|bucks|美元|元|usd)\s*(?:/|per\s+|an?\s+|每)\s*(?:gpu[\s-]*)?(?:hours?|hr|h|小时|卡时)(?![a-z])")
_PRICE_OF_PREVIOUS = re.compile(
    r"(?i)^[\s*_]*(?:/|per\s+|an?\s+|每)?\s*(?:gpu[\s-]*)?(?:小时|hours?|hr|h)?\s*的?\s*\S{0,4}?(?:价格|租金|价|price|rate)"
    r"|^[\s*_]*(?:/|per\s+|an?\s+|每)\s*(?:gpu[\s-]*)?(?:小时|卡时|hours?|hr|h)(?![a-z])"  # "按2美元/小时算 557.6万美元": the rate's unit
)
_TIME_UNIT = re.compile(r"(?i)[\s*_]*(?:(?:gpu|h800|h100|a100)[\s-]*)?(?:hours?|hrs?|days?|weeks?|months?|小时|天|周|个月)(?![a-z])")
_TOTAL_AFTER = re.compile(r"(?i)[\s*_]*(?:total(?![a-z])|in total|总参数|总)")  # "… per token out of 671B total"
_VALUED_AT = re.compile(r"(?i)(?<![a-z])pric(?:es|ed|ing)\s+(?:it|this|that|them|the\s+\w+)\s+at\s*$")  # "prices it at US$5.576m": a valuation


def _without_names(text: str, start: int, end: int, mentions: list[Mention]) -> str:
    """text[start:end] with the models it names taken out ("DeepSeek-R1 本身支援 " -> " 本身支援 ")."""
    out, pos = [], start
    for x in mentions:
        if x.end <= start or x.start >= end:
            continue
        out.append(text[pos : max(pos, x.start)])
        pos = max(pos, x.end)
    out.append(text[pos:end])
    return "".join(out)


class Figures:
    """The claims of one figure of a block, asked by the extractor for every value it reads."""

    def __init__(self, extractor: _Extractor):
        self.x = extractor

    def _arxiv(self, index: int, block: Block, mentions: list[Mention], m: vg.ValueMatch, sentence: tuple[int, int]) -> Iterable[Claim]:
        """An arXiv id is a model's paper when its link, clause or row names the model."""
        text = block.text
        in_row = block.table is not None and any("arxiv" in c.lower() for c in [*block.table.row, *block.table.header])
        before = text[max(0, m.start - 40) : m.start]
        if not (m.explicit or in_row or "arxiv" in before.lower() or nc.sentence_date_cue(before[-16:]) == "paper_date"):
            return  # a bare "2405.04434" is an id only where arXiv or a paper is named ("(paper 2405.04434)")
        link = _LINK_BEFORE.search(text, max(0, m.start - 200), m.start)
        if link:  # "[DeepSeekMoE](https://arxiv.org/abs/2401.06066)": the link text names the paper's model
            named = [x for x in self.x.all_mentions if link.start() <= x.start < link.end("text") and x.kind != COMPANY]
            if named:
                if named[0].entity and named[0].kind != FOREIGN:
                    yield self.x.claim(block, m, named[0].entity, "arxiv_id", m.value)
                return
        c_start, c_end = clause_bounds(text, m.start, m.end, sentence)
        clause_named = any(c_start <= x.start < c_end and x.kind != COMPANY for x in mentions)
        if clause_named or block.kind in ("cell", "code") or nc.sentence_date_cue(nc.without_urls(text[slice(*sentence)])) == "paper_date":
            entity = self.x.entity_for(index, mentions, m.start, m.end)
            if entity:
                yield self.x.claim(block, m, entity, "arxiv_id", m.value)

    def claims(
        self, index: int, block: Block, mentions: list[Mention], m: vg.ValueMatch, head: str, tail: str, hint: str,
        sentence: tuple[int, int], own: str = "", between: tuple[int, int] | None = None,
    ) -> Iterable[Claim]:
        kind, value = m.kind, m.value
        if kind in ("percent", "other"):
            return
        if kind == "arxiv":
            yield from self._arxiv(index, block, mentions, m, sentence)
            return
        if kind in ("date", "monthday"):
            yield from self.x.dates.claims(index, block, mentions, m, head, tail, hint, sentence)
            return
        if isinstance(value, vg.Compound):
            entity = self._lite(block, m, head, self.x.entity_for(index, mentions, m.start, m.end))
            if entity:
                total = self.x.claim(block, m, entity, "total_params", value.total)
                if nc.counts_a_part(block.text, m.start, sentence[1]):  # "685B（含MTP模块）/ 37B"
                    total = total.model_copy(update={"counts": "with_module"})
                yield total
                yield self.x.claim(block, m, entity, "active_params", value.active)
            return
        currency = value.currency if isinstance(value, Money) else None
        amount = value.amount if isinstance(value, (Quantity, Money)) else None
        attribute = choose_attribute(kind, head, tail, magnitude=m.magnitude or kind in ("sizes", "range"), currency=currency, hint=hint, amount=amount)
        if nc.activated_size(block.text, m.end) and attribute in (None, "total_params"):
            return  # "2.8B-A": the activated size of a variant, not a total
        if attribute in (None, "total_params") and kind == "number" and m.magnitude and _PART_OF.match(block.text, m.end) and nc.sentence_has("per_token", block.text, *sentence):
            attribute = "active_params"  # "only 21B of the 236B parameters do any work for a given token"
        if attribute is None and kind == "number" and m.magnitude and nc.has("partitive", own + " " + tail[:12]) and nc.has("per_token", own + " " + tail):
            attribute = "active_params"  # "671 billion parameters, thirty-seven billion of which fire for any given token"
        if attribute == "total_params" and not _TOTAL_AFTER.match(tail) and not _WHOLE_OF.search(block.text, max(sentence[0], m.start - 24), m.start) and (
            nc.active_predicate(block.text, m.end) or nc.has("per_token", own + " " + tail) or _ACTIVATES_BEFORE.search(block.text, max(sentence[0], m.start - 60), m.start)
        ):
            attribute = "active_params"  # "each token only passes through 37 billion parameters"
        paired = self.x.respectively_of.get(m.start, "")
        if kind == "sizes" and "\t" in paired and isinstance(value, SizeList):
            each = choose_attribute("number", head, tail, magnitude=True) or "total_params"
            for entity, size in zip(paired.split("\t"), value.sizes, strict=True):
                yield self.x.claim_span(block, m.start, m.end, entity, each, Quantity(size), m.qualifier)
            return
        if kind in ("sizes", "range") and not nc.model_sizes(value, head + " " + tail + " " + (hint if block.table else "")):
            return  # "2.4B and 21B active", "from 16K to 128K": not the sizes of variants
        named = any(sentence[0] <= x.start < sentence[1] and x.kind == KNOWN for x in mentions) or nc.has(
            "pronoun_subject", block.text[max(sentence[0], m.start - PRONOUN_REACH) : m.start]
        ) or nc.demonstrative(head)  # the sentence names the model, or carries it with a pronoun ("It was trained for $5.576M")
        if attribute is None and kind == "money" and named:  # "Training V3 took 2.788M GPU hours, or roughly $5.6M"
            attribute = choose_attribute(kind, nc.training_words(block.text[sentence[0] : m.start]), "", magnitude=True, currency=currency)
        if attribute in (None, "variant_sizes") and kind in ("sizes", "range") and (
            nc.sentence_has("distilled_words", block.text, *sentence)
            or (self.x.heading_texts and nc.has("distilled_words", self.x.heading_texts[-1][1]))
        ):
            attribute = "distilled_sizes"  # "six distilled versions, from 1.5B to 70B"
        if attribute is None and kind in ("sizes", "range"):
            attribute = "variant_sizes"
        paren = _NAME_THEN_PAREN.search(block.text, max(0, m.start - 16), m.start) if block.kind != "label" else None  # a figure label's brackets say too little
        if (
            attribute is None and kind == "number" and m.raw.rstrip().endswith("B") and paren is not None
            and any(x.kind == KNOWN and 0 <= paren.start() + 1 - x.end <= 1 for x in mentions)
        ):
            attribute = "total_params"  # "DeepSeek-V3 (671B)", "DeepSeek-V2.5 (also 236B)": a size in brackets after a model's name
        if attribute is None and kind == "number" and amount in _WINDOWS and _K_ONLY.search(m.raw) and not _WORD_AFTER.match(tail) and _BARE_OWN.fullmatch(
            _without_names(block.text, m.start - len(own), m.start, self.x.all_mentions)
        ):
            attribute = "context_length"  # "same 236B / 21B shape, 128K", "模型本身支持 **128K**": a window, by its size
        if attribute is None and kind == "number" and _BILLIONS.search(m.raw) and any(
            x.kind == KNOWN and x.end <= m.start and _COPULA.fullmatch(block.text, x.end, m.start) for x in mentions
        ):
            attribute = "total_params"  # "The original Janus was 1.3B", "V3 is 671 billion": billions of what a model is
        if attribute is None and kind == "number" and _BILLIONS.search(m.raw) and any(
            x.kind == KNOWN and x.end <= m.start and _SET_OFF.fullmatch(block.text, x.end, m.start) for x in mentions
        ):
            attribute = "total_params"  # "24年1月还有个 DeepSeekMoE，16B 的", "DeepSeekMath，7B，是在…": a size set off after the name
        named = any(x.kind != COMPANY for x in mentions)  # "VL2(4.5B)": the label says what it is
        if attribute is None and kind == "number" and m.raw.rstrip().endswith("B") and (
            (block.kind == "label" and not named) or (block.kind == "cell" and not hint.strip())
            or (block.kind == "cell" and choose_attribute("sizes", "", "", magnitude=True, hint=hint) == "variant_sizes")  # "| Sizes |" over one "7B"
        ):
            attribute = "total_params"  # "671B" alone in a figure label or an unlabelled column is a model size
        if attribute is None and kind in ("number", "money"):
            asked = question_before(self.x.blocks, self.x.answers, index, sentence)  # "V3 的训练成本到底是多少？" / "官方说的是 557.6 万美元"
            attribute = choose_attribute(kind, "", "", magnitude=m.magnitude, currency=currency, hint=asked, amount=amount) if asked else None
        if attribute is None:
            return
        if between is not None and between[0] and (attribute == "total_params" or (
            attribute == "training_tokens" and between[0] >= sentence[0] and m.start - between[0] <= 12
        )) and nc.has("partitive", block.text[between[0] : m.start]):
            return  # "6850亿参数，其中包含约140亿参数的多token预测模块", "500B tokens, of which 120B were math": a part, not the whole
        if attribute == "total_params" and _RANGE_END_BEFORE.search(block.text, max(sentence[0], m.start - 60), m.start):
            return  # "from one and a half billion to seventy billion parameters": the end of a range it did not read
        if attribute == "context_length" and (_STAGE_AFTER.match(tail) or _FOR_EXTENSION.match(tail) or _EXTENSION_BEFORE.search(head[-24:])):
            return  # "32K阶段训练了6300亿token", "the 32K stage": a training stage named by its window
        if attribute in _NOT_TIMES and _TIME_UNIT.match(tail):
            return  # "119 thousand hours of context extension": a duration, not a context or a size
        if attribute == "total_params" and _VARIANT_AFTER.match(block.text, m.end) and len(
            [v for v in vg.find_values(block.text[slice(*sentence)]) if v.magnitude and _VARIANT_AFTER.match(block.text, v.end + sentence[0])]
        ) >= 2:
            return  # "a 7 billion parameter version and a 1 billion one": sizes of two versions, neither the model's total
        if attribute == "total_params" and _VARIANT_AFTER.match(block.text, m.end) and _PICKED_BEFORE.search(block.text, max(0, m.start - 12), m.start):
            return  # "the one on screen is the 8-billion-parameter version": one version picked out, not the model's total
        if attribute in ("total_params", "active_params") and (nc.component_after(block.text, m.end) or nc.component_before(block.text, m.start)):
            return  # "a 14-billion-parameter prediction module", "约 140 亿参数的 MTP 模块": a part's size
        if attribute == "total_params" and _OF_A_BASE.match(tail):
            return  # "基于 2 千亿 MoE 模型底座", "a 200B MoE base": the size of what it was built on
        row = block.table.row[0] if block.table is not None and block.table.column > 0 and block.table.row else ""
        attribute = nc.stage_attribute(attribute, f"{row} {own}", tail, nc.around(block.text, m.start, m.end, sentence, between=between))
        if attribute is not None and kind != "money" and block.table is not None and _CURRENCY_HEADER.search(hint):
            return  # "| 上下文扩展 | 11.9 万 | 23.8 万 |" under "折合美元": an amount of money, whatever its row says
        section = self.x.heading_texts[-1][1] if self.x.heading_texts else ""
        caption = self.x.tables.caption(block.table.table) if block.table is not None else ""  # "表2：主流模型 API 定价对比"
        if attribute == "context_length" and nc.has("service_limit", f"{own} {head[-24:]} {tail[:24]} {hint} {section} {caption}".lower()):
            return  # "API context: 64K": what the hosted service allows, not the model
        if attribute is not None and block.table is not None and self.x.tables.yields_to_model_column(block, attribute):
            return  # "| Model context | Context on Quillstack |": the host's column
        after = _BRACKET.split(block.text[m.end : m.end + 24], 1)[0]  # "557.6万美元 (只算最后一次训练的租金)": an aside explains it
        own_start = m.start - len(own)
        price_words = own  # "按每GPU小时2美元的租赁价格计算约为557.6万美元": the price is the first figure's, the total the cost
        if _MONEY_END.search(block.text, max(0, own_start - 16), own_start):
            price_words = _PRICE_OF_PREVIOUS.sub(" ", own, count=1)
        price_words = _RATE_IN_WORDS.sub(" ", price_words)  # "at two dollars an hour is roughly $5.6 million": the rate is the words
        if kind == "money" and _FACTOR_BEFORE.search(block.text, max(0, m.start - 4), m.start):
            return  # "(2.788M H800 hours × $2)": a rate that multiplies, not a total
        cell_words = hint if block.table is not None else ""  # "| Est. annual cost |" over "$1.45M"
        if attribute is None or (kind == "money" and nc.is_price(_VALUED_AT.sub(" ", price_words[-16:]) + " " + after + " " + cell_words)):  # its own words
            return
        entity = self.x.entity_for(index, mentions, m.start, m.end, company=attribute_specs()[attribute].company)
        if attribute == "distilled_sizes" and not any(sentence[0] <= x.start < sentence[1] and x.kind != COMPANY for x in mentions):
            entity = None if self._two_before(block, sentence) else entity  # "Both R1-Zero and R1 were …. Distilled models at …"
        if entity is None and attribute == "distilled_sizes":
            entity = self._distilled_from(block, sentence)  # "smaller models from 1.5B to 70B distilled from R1"
        if entity is None:
            return
        entity = self._lite(block, m, head, entity)
        if entity is None:
            return
        sizes_of = self.x.reg.get(entity).sizes_of if entity in self.x.reg.entities else None
        if sizes_of and kind in ("sizes", "range"):
            entity, attribute = sizes_of["entity"], sizes_of["attribute"]
        elif sizes_of:
            return
        spec = attribute_specs()[attribute]
        if spec.min is not None and amount is not None and amount < spec.min:
            return
        claim = self.x.claim(block, m, entity, attribute, value)
        if attribute == "total_params" and (nc.counts_a_part(block.text, m.end, sentence[1]) or self._noted_part(block.text, m.end)):
            # "685B（含MTP模块）", "6850亿参数，其中包含约140亿参数的MTP模块": a total that counts an extra module
            claim = claim.model_copy(update={"counts": "with_module"})
        yield claim

    def _noted_part(self, text: str, end: int) -> bool:
        """ "6850亿[^3]" with "[^3]: …权重总量为6850亿参数，其中包含约140亿参数的 MTP 模块": the footnote
        says the total counts an extra module."""
        ref = _FOOTNOTE_REF.match(text, end)
        if ref is None:
            return False
        note = re.search(rf"\[\^{re.escape(ref.group(1))}\]:[^\n]*", self.x.doc.text)
        return note is not None and nc.counts_a_part(note.group(), 0, len(note.group()), reach=len(note.group()))

    def _lite(self, block: Block, m: vg.ValueMatch, head: str, entity: str | None) -> str | None:
        """A figure of a model's Lite version ("同时发布的还有总参数 160 亿、激活 24 亿的 Lite 版",
        "Lite = 16B / 2.4B") is the Lite model's, or nobody's where no Lite model of it is known."""
        if entity is None or entity.endswith("-lite"):
            return entity
        if not (
            _LITE_AFTER.match(block.text, m.end, min(len(block.text), m.end + 24)) or _LITE_BEFORE.search(head[-24:])
            or _LITE_BRACKET.search(block.text, max(0, m.start - 40), m.start) or self._lite_named(block, m)
        ):
            return entity
        return f"{entity}-lite" if f"{entity}-lite" in self.x.reg.entities else None

    def _lite_named(self, block: Block, m: vg.ValueMatch) -> bool:
        """"它也有个 Lite 版，16B 总参、2.4B 激活", "(Lite: 16B total, 2.4B active)", "The Lite model is the
        surprise: 16B parameters": the sentence turned to the Lite version after the last model it named."""
        s_a, _ = block.sentence_at(m.start)
        lite = [x.start() for x in _LITE_WORD.finditer(block.text, s_a, m.start) if not _COORDINATED.search(block.text, max(0, x.start() - 12), x.start())]
        named = [x.end for x in self.x.all_mentions if s_a <= x.start and x.end <= m.start and x.kind != COMPANY]
        return bool(lite) and lite[-1] >= max(named, default=-1)


    def _two_before(self, block: Block, sentence: tuple[int, int]) -> bool:
        """The sentence before names two or more of our models as its subjects: a pronoun-less
        sentence after it does not say which one it goes on about."""
        named = [x for x in self.x.all_mentions if x.start < sentence[0] and x.kind == KNOWN]
        last = [s for s in block.sentences if s[1] <= sentence[0] and any(s[0] <= x.start < s[1] for x in named)][-1:]
        if not last:
            return False
        subjects = {x.entity for x in named if last[0][0] <= x.start < last[0][1] and not is_object(block.text, x, self.x.all_mentions)}
        return len(subjects) > 1

    def _distilled_from(self, block: Block, sentence: tuple[int, int]) -> str | None:
        """The one model of ours a sentence about distilled models names, subject or not
        ("Alongside R1 DeepSeek released smaller models … distilled from R1")."""
        ours = {x.entity for x in self.x.all_mentions if sentence[0] <= x.start < sentence[1] and x.kind == KNOWN and x.entity}
        ours = {e for e in ours if not self.x.is_company(e)}
        if not ours and block.kind == "paragraph":  # "DeepSeek also released six distilled models …" after R1's lines
            named_before = [x for x in self.x.all_mentions if x.start < sentence[0] and x.kind == KNOWN]
            if self._two_before(block, sentence):
                return None  # "Both R1-Zero and R1 were released …. Distilled models at 1.5B …": whose is not said
            found = line_subject(block, self.x.all_mentions, sentence)[1] if named_before else self.x.context.paragraph_topic
            return found if found != BLOCKED else None
        return ours.pop() if len(ours) == 1 else None
