"""Stage 6: fact-check a draft — its claims, each with a verdict against the knowledge base.

The draft goes through the same reader (stage 1) and the same extraction engine (stage 3) as
the sources, so a draft claim and a source claim are the same kind of record. One room per job:

  __init__.py  reading a draft, choosing the evidence (the read index, or claims in memory
               when a reviewer's decisions apply), the report
  evidence.py  what the base says on one fact: its standing and its claims as variants
  judge.py     the verdict policy: one draft claim against its fact's variants
  explain.py   why, in one sentence, with values as writers write them
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dsfacts.check.evidence import IndexBase, MemoryBase
from dsfacts.check.explain import describe, draft_text, entity_name
from dsfacts.check.judge import COMPATIBLE, judge, judge_all, takes_a_side, verdict_of
from dsfacts.errors import DsfactsError
from dsfacts.models import Claim, Fact, Finding, Verdict
from dsfacts.reconcile import Context, context_for
from dsfacts.sources import Document

__all__ = [
    "COMPATIBLE", "FAIL_ON", "STDIN_NAME", "VERDICTS", "CheckReport", "CheckUsageError", "FailOn", "check_draft",
    "check_path", "describe", "draft_text", "entity_name", "failing", "judge", "judge_claims", "judge_for",
    "read_draft", "takes_a_side", "verdict_of",
]  # fmt: skip

FailOn = Literal["contradicted", "disputed", "unverified", "never"]
FAIL_ON: tuple[str, ...] = ("contradicted", "disputed", "unverified", "never")
VERDICTS: tuple[Verdict, ...] = ("supported", "contradicted", "disputed", "unverified")
STDIN_NAME = "<stdin>"


class CheckUsageError(DsfactsError):
    """A bad option value for `check` (unknown format, unknown --fail-on)."""


@dataclass
class CheckReport:
    """What `check` found in one draft; the CLI only renders it."""

    draft: str  # the path as the user gave it, or <stdin>
    findings: list[Finding] = field(default_factory=list)
    encoding: str = "utf-8"

    def counts(self) -> dict[str, int]:
        c = Counter(f.verdict for f in self.findings)
        return {v: c[v] for v in VERDICTS}

    def summary(self) -> str:
        if not self.findings:
            return f"no factual claims were found in {self.draft}"
        n = len(self.findings)
        parts = [f"{k} {v}" for v, k in self.counts().items() if k]
        return f"{n} claim{'s' if n != 1 else ''}: {', '.join(parts)}"

    def exit_code(self, fail_on: str = "contradicted") -> int:
        return 1 if failing(self.findings, fail_on) else 0


def failing(findings: list[Finding], fail_on: str) -> bool:
    """Does this set of findings fail the check? Each level also fails on the ones before it."""
    if fail_on not in FAIL_ON:
        raise CheckUsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}.")
    bad = set() if fail_on == "never" else set(FAIL_ON[: FAIL_ON.index(fail_on) + 1])
    return any(f.verdict in bad for f in findings)


# ---- reading the draft -----------------------------------------------------------------------


def _from_callers_directory(path: Path) -> Path:
    """A relative path as the caller meant it.

    A script that starts dsfacts in another working directory (subprocess with cwd=…) still
    passes paths relative to where it was run; the shell's $PWD remembers that place.
    """
    if path.is_absolute() or path.exists():
        return path
    caller = os.environ.get("PWD")
    if caller and Path(caller) != Path.cwd() and (Path(caller) / path).exists():
        return Path(caller) / path
    return path


def read_draft(path_or_dash: str | Path) -> Document:
    """Stage 1 for a draft: a file path or '-' for standard input, in any text encoding."""
    from dsfacts.sources import read_document, read_text_document

    if str(path_or_dash) == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
        doc = read_text_document(data, STDIN_NAME)
    else:
        path = _from_callers_directory(Path(path_or_dash))
        if path.is_dir():
            raise DsfactsError(f"{path} is a folder; give the draft's file (or - for standard input).")
        if not path.exists():
            raise DsfactsError(f"{path}: no such draft file.")
        doc = read_document(path, str(path_or_dash))
    if "\x00" in doc.text:
        raise DsfactsError(f"{doc.source}: looks like a binary file, not a text draft.")
    return doc


def check_path(
    path_or_dash: str | Path, sources_dir: Path, claims_path: Path, reviews_path: Path | None = None
) -> CheckReport:
    """Read a draft and the knowledge base, and return every draft claim with its verdict."""
    from dsfacts import kb, reviewed, reviews

    doc = read_draft(path_or_dash)
    name = STDIN_NAME if str(path_or_dash) == "-" else str(path_or_dash)
    review_file = reviews.path_for(Path(claims_path), reviews_path)
    if not review_file.exists():  # nothing reviewed: the read index answers
        found = _check_with_index(doc, Path(sources_dir), Path(claims_path))
        if found is not None:
            return CheckReport(draft=name, findings=found, encoding=doc.encoding)
    base = kb.load(Path(sources_dir), Path(claims_path))
    # the reviewers' decisions: rejected claims out, a preferred value judged against (and said);
    # the same copy families and priors as `conflicts`
    context = context_for(base)
    overlay = reviewed.Overlay.load(base.claims, review_file, context)
    findings = overlay.annotate(check_draft(doc, overlay.claims_for_check(), context))
    return CheckReport(draft=name, findings=findings, encoding=doc.encoding)


def judge_for(
    sources_dir: Path, claims_path: Path, reviews_path: Path | None = None
) -> Callable[[Document], list[Finding]]:
    """The verdicts of a draft against one knowledge base, loaded once for many drafts: the read
    index when nothing is reviewed, else every claim with the reviewers' decisions over them."""
    from dsfacts import reviews

    review_file = reviews.path_for(Path(claims_path), reviews_path)
    indexed = None if review_file.exists() else _index_base(Path(sources_dir), Path(claims_path))
    overlay: Any = None

    def judge(doc: Document) -> list[Finding]:
        nonlocal overlay
        if indexed is not None:
            with _draft_budget(doc.source):  # drafts are untrusted: a hostile one must not hang check
                draft_claims = _extract(doc)
            return judge_all(draft_claims, indexed)
        from dsfacts import kb, reviewed  # only with reviews: the whole base in memory

        if overlay is None:
            base = kb.load(Path(sources_dir), Path(claims_path))
            overlay = reviewed.Overlay.load(base.claims, review_file, context_for(base))
        return overlay.annotate(check_draft(doc, overlay.claims_for_check(), overlay.context))

    return judge


def _index_base(sources_dir: Path, claims_path: Path) -> IndexBase | None:
    """The read index as check's evidence (None: it cannot be built; use the claims in memory).

    It stays open while findings live: a finding's sources are read when they are shown."""
    from dsfacts import index

    idx = index.open_or_build(claims_path, sources_dir)
    return IndexBase(idx) if idx is not None else None


def _check_with_index(doc: Document, sources_dir: Path, claims_path: Path) -> list[Finding] | None:
    """check_draft reading only what the draft needs from the read index: the facts it names and
    the variants of their claims (None: no index, use the whole base)."""
    base = _index_base(sources_dir, claims_path)
    if base is None:
        return None
    with _draft_budget(doc.source):  # drafts are untrusted: a hostile one must not hang check
        draft_claims = _extract(doc)
    return judge_all(draft_claims, base)


# ---- deciding --------------------------------------------------------------------------------


def check_draft(doc: Document, claims: list[Claim], context: Context | None = None) -> list[Finding]:
    """Every claim the engine finds in the draft, judged against the knowledge base's claims."""
    with _draft_budget(doc.source):  # drafts are untrusted too: a hostile one must not hang check
        return judge_claims(_extract(doc), claims, context)


@contextmanager
def _draft_budget(name: str) -> Iterator[None]:
    from dsfacts import budget

    try:
        with budget.deadline():
            yield
    except budget.DocumentTimeout:
        raise DsfactsError(
            f"{name}: not checked within {budget.max_seconds():g} s; please report this draft "
            "(DSFACTS_DOC_TIMEOUT sets the limit)."
        ) from None


def _extract(doc: Document) -> list[Claim]:
    """Stage 3 for a draft: the sources' own engine, never a second parser."""
    from dsfacts.extract.engine import extract_document

    return extract_document(doc)


def judge_claims(
    draft_claims: list[Claim],
    claims: list[Claim],
    context: Context | None = None,
    facts: dict[tuple[str, str], Fact] | None = None,
) -> list[Finding]:
    """The verdicts for already-extracted draft claims (the pure core of `check_draft`).

    `facts`: the reconciled facts by (entity, attribute) when known, else they are reconciled
    here from `claims` (once, and only if the draft names a fact the base holds).
    """
    return judge_all(draft_claims, MemoryBase(claims, context, facts))
