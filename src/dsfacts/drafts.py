"""`check` as a linter: many drafts, HTML read as a reader sees it, ignore comments, unchecked sentences.

check.py judges one draft's claims; this module decides which files are drafts, what text of
each the engine sees, which findings a writer silenced, and which sentences with numbers gave
no finding at all (so "0 problems" never hides what was not read).
"""

from __future__ import annotations

import glob
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dsfacts.check import FAIL_ON, STDIN_NAME, VERDICTS, check_draft, failing, read_draft
from dsfacts.errors import DsfactsError
from dsfacts.models import Claim, Finding
from dsfacts.sources import DOCUMENT_SUFFIXES, Document, visible_text

FAIL_LEVELS = FAIL_ON  # contract order: each level fails on itself and everything before it
PROBLEMS = ("contradicted", "disputed", "unverified")
IGNORE = "dsfacts-ignore"
IGNORE_NEXT = "dsfacts-ignore-next-line"
_IGNORE_END = re.compile(r"<!--\s*dsfacts-ignore\s*-->\s*$")
_IGNORE_NEXT_LINE = re.compile(r"^\s*<!--\s*dsfacts-ignore-next-line\s*-->\s*$")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Unchecked:
    """A sentence that names a known model and states a number or date, with no finding."""

    file: str
    line: int
    text: str
    column: int = 1


@dataclass(frozen=True)
class UnusedIgnore:
    file: str
    line: int  # the line holding the comment
    kind: str  # IGNORE or IGNORE_NEXT


@dataclass
class DraftResult:
    file: str
    findings: list[Finding] = field(default_factory=list)
    unchecked: list[Unchecked] = field(default_factory=list)
    unused_ignores: list[UnusedIgnore] = field(default_factory=list)
    ignored: int = 0  # findings silenced by comments


@dataclass
class LintReport:
    results: list[DraftResult] = field(default_factory=list)

    @property
    def findings(self) -> list[tuple[str, Finding]]:
        return [(r.file, f) for r in self.results for f in r.findings]

    @property
    def unchecked(self) -> list[Unchecked]:
        return [u for r in self.results for u in r.unchecked]

    @property
    def unused_ignores(self) -> list[UnusedIgnore]:
        return [u for r in self.results for u in r.unused_ignores]

    def counts(self) -> dict[str, int]:
        c = Counter(f.verdict for _, f in self.findings)
        return {v: c[v] for v in VERDICTS}

    def problems(self) -> int:
        return sum(1 for _, f in self.findings if f.verdict in PROBLEMS)

    def exit_code(self, fail_on: str) -> int:
        return 1 if fails([f for _, f in self.findings], fail_on) else 0

    def summary(self, unused: bool = False) -> str:
        """'2 problems in 1 of 3 files (1 contradicted, 1 unverified); 4 claims supported; …'."""
        files = len(self.results)
        files_txt = _n(files, "file")
        counts = self.counts()
        n = self.problems()
        with_problems = sum(1 for r in self.results if any(f.verdict in PROBLEMS for f in r.findings))
        if n:
            where = files_txt if with_problems == files else f"{with_problems} of {files_txt}"
            detail = ", ".join(f"{counts[v]} {v}" for v in PROBLEMS if counts[v])
            text = f"{_n(n, 'problem')} in {where} ({detail})"
        else:
            text = f"no problems in {files_txt}"
        text += f"; {counts['supported']} claim{'s' if counts['supported'] != 1 else ''} supported"
        if not self.findings:
            text += " (no factual claims were found)"
        u = len(self.unchecked)
        if u:
            text += f"; {u} sentence{'s' if u != 1 else ''} with numbers {'were' if u != 1 else 'was'} not checked"
        if unused and self.unused_ignores:
            k = len(self.unused_ignores)
            text += f"; {k} unused ignore comment{'s' if k != 1 else ''}"
        return text


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Does a finding reach --fail-on? `unverified` fails on all three problems; `never` on none."""
    return failing(list(findings), fail_on)


# ---- which files ------------------------------------------------------------------------------


def expand(args: Iterable[str]) -> list[str]:
    """Drafts named on the command line: files, folders (their documents), globs, '-' for stdin.

    Each file once, in the order given; a glob that matches nothing is a user error.
    """
    out: list[str] = []
    for arg in args:
        if arg == "-":
            out.append(arg)
        elif Path(arg).is_dir():
            found = sorted(str(p) for p in Path(arg).rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
            if not found:
                raise DsfactsError(f"{arg} is a folder with no .md, .txt or .html drafts in it.")
            out.extend(found)
        elif not Path(arg).exists() and _GLOB_CHARS.search(arg):
            found = sorted(p for p in glob.glob(arg, recursive=True) if Path(p).is_file())
            if not found:
                raise DsfactsError(f"{arg}: no draft matches this pattern.")
            out.extend(found)
        else:
            out.append(arg)
    return list(dict.fromkeys(out))  # each draft once, first mention first


# ---- what text the engine sees ------------------------------------------------------------------


def visible_document(doc: Document) -> Document:
    """An HTML draft as a reader sees it (sources.visible_text), at the same lines and columns.

    Markup, scripts, styles and comments become spaces (newlines stay), so every finding still
    points into the file the writer edits. Other drafts come back unchanged.
    """
    if not doc.is_html:
        return doc
    visible, offsets = visible_text(doc)
    chars = [ch if ch in "\r\n" else " " for ch in doc.text]
    for i, ch in enumerate(visible):
        at = offsets[i]
        if at >= len(chars) or (ch == "\n" and doc.text[at] != "\n"):
            continue  # a block tag's line break: its "<" stays a space, the file's lines stay put
        chars[at] = ch
    return Document(source=doc.source, text="".join(chars), body_start=0, meta=doc.meta, encoding=doc.encoding)


# ---- ignore comments ----------------------------------------------------------------------------


def ignore_comments(text: str) -> dict[int, tuple[int, str]]:
    """Silenced line -> (line of the comment, which comment)."""
    out: dict[int, tuple[int, str]] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if _IGNORE_NEXT_LINE.match(line):
            out[number + 1] = (number, IGNORE_NEXT)
        elif _IGNORE_END.search(line):
            out.setdefault(number, (number, IGNORE))
    return out


# ---- sentences with numbers (read-only use of the extraction stage's public API) ----------------

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=[.])(?=\s|$)")
_PRONOUN = re.compile(
    r"(?:\b(?:it|its|it's|the model|this model|the release|this release|they|their)\b|它|其|该模型|该版本|这款|此模型|本模型)",
    re.IGNORECASE,
)
_NAME_GLUE = re.compile(r"[-_A-Za-z0-9.]*")


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the document's text
    end: int
    text: str
    heading: bool
    models: tuple[str, ...]  # models named in it
    other_model: bool = False  # names a model that is not a known one (Llama, DeepSeek-V3.1 …)
    name_ends: tuple[int, ...] = ()  # where each known model's name ends in `text`

    def numbers(self) -> int:
        """Values it states, other than parts of a model's name (read only when asked: most
        sentences are not about a model, or already have a finding)."""
        from dsfacts.extract.values import find_values

        return sum(
            1 for v in find_values(self.text)
            if v.kind not in ("other", "arxiv") and not any(_name_part(self.text, end, v.start) for end in self.name_ends)
        )  # fmt: skip


def sentences(doc: Document) -> Iterator[Sentence]:
    """The adapter over stages 2-3: blocks -> sentences, with model mentions and values.

    The only place this module touches the extraction stage, so it can follow its API.
    """
    from dsfacts.extract.mentions import COMPANY, KNOWN, find_mentions
    from dsfacts.segment import segment

    for block in segment(doc):
        for a, b in block.sentences:
            piece = block.text[a:b]
            body = piece.strip()
            if not body:
                continue
            start = a + len(piece) - len(piece.lstrip())
            found = find_mentions(body)
            mentions = [mn for mn in found if mn.kind == KNOWN]
            yield Sentence(
                start=block.origin(start),
                end=block.origin(start + len(body) - 1) + 1,
                text=body,
                heading=block.kind == "heading",
                models=tuple(mn.entity for mn in mentions if mn.entity),
                other_model=any(mn.kind not in (KNOWN,) for mn in found) or any(mn.kind == COMPANY for mn in found),
                name_ends=tuple(mn.end for mn in mentions),
            )


def _is_company(reg: object, entity_id: str) -> bool:
    try:
        return bool(reg.get(entity_id).is_company)  # type: ignore[attr-defined]
    except KeyError:
        return False


def _name_part(text: str, mention_end: int, value_start: int) -> bool:
    """'7B' in 'DeepSeek-R1-Distill-Qwen-7B' belongs to the name, not to the sentence's facts."""
    if value_start < mention_end:
        return False
    gap = text[mention_end:value_start]
    return bool(gap) and gap[0] in "-_" and _NAME_GLUE.fullmatch(gap) is not None or value_start == mention_end


def unchecked_sentences(doc: Document, findings: list[Finding], file: str) -> list[Unchecked]:
    """Sentences about a known model (named, or by a pronoun or the heading above) with a number
    or date, where no finding starts or lies."""
    marks = sorted(a for a, b in (_finding_span(doc, f) for f in findings) if b > a)
    out: list[Unchecked] = []
    heading_models: tuple[str, ...] = ()
    last_models: tuple[str, ...] = ()
    for s in sentences(doc):
        if s.heading:
            heading_models = s.models
        if s.other_model and not s.models:
            about: tuple[str, ...] = ()  # about another model: nothing is inherited
        else:
            about = s.models or (last_models if _PRONOUN.search(s.text) else ()) or heading_models
        if s.models:
            last_models = s.models
        if not about:
            continue
        at = bisect_left(marks, s.start)
        if at < len(marks) and marks[at] < s.end:  # a finding starts or lies in it
            continue
        if not s.numbers():
            continue
        line, column = doc.line_col(s.start)
        out.append(Unchecked(file=file, line=line, text=s.text, column=column))
    return out


def _finding_span(doc: Document, f: Finding) -> tuple[int, int]:
    starts = doc.line_starts
    if not 1 <= f.line <= len(starts):
        return (0, 0)
    start = starts[f.line - 1] + f.column - 1
    return start, start + 1  # the finding's column (its value, or its quote's start) marks its sentence


# ---- one draft, many drafts -----------------------------------------------------------------------


Judge = Callable[[Document], list[Finding]]


def _judge(claims_or_judge: list[Claim] | Judge) -> Judge:
    """A knowledge base's verdicts: a ready judge (check.judge_for), or a list of claims."""
    if callable(claims_or_judge):
        return claims_or_judge
    claims = claims_or_judge
    return lambda doc: check_draft(doc, claims)


def check_document(doc: Document, claims: list[Claim] | Judge, file: str, raw_text: str | None = None) -> DraftResult:
    """Stage 5 for one draft, then the linter's part: silence ignored lines, list what went unread.

    `raw_text` is the file as written when `doc` is its visible text (HTML hides the comments).
    """
    findings = _judge(claims)(doc)
    comments = ignore_comments(doc.text if raw_text is None else raw_text)
    used: set[int] = set()
    kept: list[Finding] = []
    for f in findings:
        if f.line in comments:
            used.add(f.line)
            continue
        kept.append(f)
    unchecked: list[Unchecked] = []
    for u in unchecked_sentences(doc, findings, file):
        if u.line in comments:
            used.add(u.line)
            continue
        unchecked.append(u)
    unused = [UnusedIgnore(file, at, kind) for line, (at, kind) in sorted(comments.items()) if line not in used]
    return DraftResult(file, kept, unchecked, unused, ignored=len(findings) - len(kept))


def check_files(args: Iterable[str], claims: list[Claim] | Judge) -> LintReport:
    """Every draft named by args (files, folders, globs, '-'), checked against the claims."""
    judge = _judge(claims)
    report = LintReport()
    for name in expand(args):
        original = read_draft(name)
        doc = visible_document(original)
        file = STDIN_NAME if name == "-" else name
        report.results.append(check_document(doc, judge, file, raw_text=original.text))
    return report
