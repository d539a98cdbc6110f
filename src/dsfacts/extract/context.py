"""Policies 2–4 of entity linking, as state kept while the blocks are walked in order: the model
the previous paragraph was about (what a pronoun opening the next one means), the question the
previous paragraph asked, the list parents' models and the headings' models and companies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dsfacts.extract.linking import BLOCKED, subject_of
from dsfacts.extract.mentions import COMPANY, Mention
from dsfacts.segment import Block


@dataclass
class Context:
    """What the text around a block is about: its headings and list parents."""

    headings: list[tuple[int, str | None]] = field(default_factory=list)
    companies: list[tuple[int, str | None]] = field(default_factory=list)
    block_subjects: dict[int, str | None] = field(default_factory=dict)  # list items' subjects by block index
    paragraph_topic: str | None = None  # the model the paragraphs since the heading are about
    asked: tuple[int, str] | None = None  # (block, model) of a paragraph that ends by asking about a model

    def enter_heading(self, level: int, subject: str | None, company: str | None = None) -> None:
        self.paragraph_topic = None
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        while self.companies and self.companies[-1][0] >= level:
            self.companies.pop()
        self.headings.append((level, subject))
        self.companies.append((level, company))

    def read_paragraph(self, index: int, block: Block, mentions: Sequence[Mention]) -> None:
        """A paragraph that names a model sets the topic a pronoun opening the next one refers to:
        the subject of its first sentence that names one ("R1 is a reasoning model …" then, a
        paragraph later, "The model has 671 billion parameters"). A paragraph that ends by asking
        about a model ("Q: How many parameters does DeepSeek-V3 have?") is what the next one answers."""
        self.asked = None
        if block.sentences and block.text.rstrip().endswith(("?", "？")):
            s_a, s_b = block.sentences[-1]
            asked = subject_of(block.text, [m for m in mentions if s_a <= m.start < s_b and m.kind != COMPANY])
            if asked and asked != BLOCKED:
                self.asked = (index, asked)
        for s_a, s_b in block.sentences:
            named = [m for m in mentions if s_a <= m.start < s_b and m.kind != COMPANY]
            if named:
                subject = subject_of(block.text, named)
                self.paragraph_topic = subject if subject != BLOCKED else None
                return

    def heading_subject(self) -> str | None:
        for _, s in reversed(self.headings):
            if s:
                return s
        return None

    def company_heading(self) -> str | None:
        for _, s in reversed(self.companies):
            if s:
                return s
        return None

    def parent_subject(self, blocks: Sequence[Block], index: int) -> str | None:
        parent = blocks[index].parent
        while parent is not None:
            s = self.block_subjects.get(parent)
            if s:
                return s
            parent = blocks[parent].parent
        return None
