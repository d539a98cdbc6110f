"""Stage 6: fact-check a draft — its claims, each with a verdict against the knowledge base.

The draft goes through the same reader (stage 1) and the same extraction engine (stage 3) as
the sources, so a draft claim and a source claim are the same kind of record. Each draft claim
is then compared (stage 5's `relation`) only with the knowledge base's claims on the same entity
and attribute; other entities are consulted only to explain a mix-up ("685B is V3-0324's size").
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dsfacts.errors import DsfactsError
from dsfacts.models import (
    Claim,
    ClaimRef,
    DateValue,
    Fact,
    Finding,
    JSONValue,
    Money,
    Quantity,
    Verdict,
)
from dsfacts.reconcile import (
    Context,
    Relation,
    context_for,
    explain_relation,
    format_value,
    group_digits,
    merge_same_source_sizes,
    reconcile,
    relation,
    short_number,
)
from dsfacts.sources import Document

FailOn = Literal["contradicted", "disputed", "unverified", "never"]
FAIL_ON: tuple[str, ...] = ("contradicted", "disputed", "unverified", "never")
VERDICTS: tuple[Verdict, ...] = ("supported", "contradicted", "disputed", "unverified")
COMPATIBLE = frozenset({"same", "compatible", "minor"})  # relations under which both claims can be true
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
    from dsfacts import kb, reviewed, reviews

    review_file = reviews.path_for(Path(claims_path), reviews_path)
    overlay: Any = None

    def judge(doc: Document) -> list[Finding]:
        nonlocal overlay
        if overlay is None and not review_file.exists():
            found = _check_with_index(doc, Path(sources_dir), Path(claims_path))
            if found is not None:
                return found
        if overlay is None:
            base = kb.load(Path(sources_dir), Path(claims_path))
            overlay = reviewed.Overlay.load(base.claims, review_file, context_for(base))
        return overlay.annotate(check_draft(doc, overlay.claims_for_check(), overlay.context))

    return judge


def _check_with_index(doc: Document, sources_dir: Path, claims_path: Path) -> list[Finding] | None:
    """check_draft reading only what the draft needs from the read index: the claims on its
    attributes and the already reconciled facts it names (None: no index, use the whole base)."""
    from pydantic import ValidationError

    from dsfacts import index

    idx = index.open_or_build(claims_path, sources_dir)
    if idx is None:
        return None
    try:
        with _draft_budget(doc.source):  # drafts are untrusted: a hostile one must not hang check
            draft_claims = _extract(doc)
        keys = {(d.entity, d.attribute) for d in draft_claims}
        # the index holds claims this program validated when it wrote them: no second validation
        claims = [Claim.model_construct(**c) for c in idx.claims_of_attributes({a for _, a in keys})]
        facts = {(f["entity"], f["attribute"]): Fact.model_validate(f) for f in idx.facts_for(keys)}
    except ValidationError:  # an index written by another version of the models: the slow way
        return None
    finally:
        idx.close()
    return judge_claims(draft_claims, claims, facts=facts)


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

    `facts`: the reconciled facts by (entity, attribute) when known (the read index), else they
    are reconciled here from `claims`.
    """
    by_key: dict[tuple[str, str], list[Claim]] = {}
    for c in merge_same_source_sizes(claims):  # as reconcile sees them: one size list per source
        by_key.setdefault((c.entity, c.attribute), []).append(c)
    by_attribute: dict[str, list[Claim]] = {}  # other entities' claims, only to name a mix-up
    for c in claims:
        by_attribute.setdefault(c.attribute, []).append(c)
    seen: set[tuple] = set()
    findings: list[Finding] = []
    for d in sorted(draft_claims, key=lambda c: (c.line, c.column, c.entity, c.attribute)):
        key = (d.line, d.column, d.entity, d.attribute, repr(d.value))
        if key in seen:
            continue  # the engine may state one claim twice (two mentions of one sentence)
        seen.add(key)
        kb_claims = by_key.get((d.entity, d.attribute), [])
        if kb_claims and facts is None:  # once, over everything: source trust spans all facts
            facts = {(f.entity, f.attribute): f for f in reconcile(claims, context)}
        fact = facts.get((d.entity, d.attribute)) if facts and kb_claims else None
        findings.append(judge(d, kb_claims, fact, by_attribute.get(d.attribute, [])))
    return findings


def verdict_of(relations: Sequence[str], status: str | None, split: bool = False) -> Verdict:
    """The policy: one draft claim's relations to every source claim on its fact -> a verdict.

    Compatible with all -> supported; with none -> contradicted; with some: disputed when the
    sources contradict each other (`status`) or the claims the draft agrees with clash with those
    it does not (`split`: the draft takes a side); otherwise contradicted (the sources agree, and
    the draft clashes with the more precise of them). A draft on one side of a split is never
    `supported`, even when reconciliation prefers that side (an outlier split): the contract's
    `disputed` names exactly this, and `expected` then carries the preferred value, or null.
    """
    if not relations:
        return "unverified"
    ok = [r in COMPATIBLE for r in relations]
    if all(ok):
        return "supported"
    if not any(ok):
        return "contradicted"
    return "disputed" if status == "contradiction" or split else "contradicted"


def takes_a_side(draft_relations: Sequence[str], kb_claims: list[Claim]) -> bool:
    """Does a source claim the draft agrees with conflict with one the draft contradicts?

    Claims stating one value the same way are compared once: a thousand sources saying 671B
    are one ally, not a thousand (issue 14 found this pairwise loop quadratic).
    """
    allies: dict[tuple, Claim] = {}
    opponents: dict[tuple, Claim] = {}
    for c, r in zip(kb_claims, draft_relations, strict=True):
        key = (c.kind, repr(c.value), c.unit, c.qualifier, c.resolution, c.raw)
        (allies if r in COMPATIBLE else opponents).setdefault(key, c)
    return any(relation(a, o) == "conflict" for a in allies.values() for o in opponents.values())


def judge(draft: Claim, kb_claims: list[Claim], fact: Fact | None, all_claims: list[Claim]) -> Finding:
    """One draft claim -> its Finding: verdict, the expected value, the sources, and why."""
    relations = _relations(draft, kb_claims)
    verdict = verdict_of(relations, fact.status if fact else None, takes_a_side(relations, kb_claims))
    agreeing = [c for c, r in zip(kb_claims, relations, strict=True) if r in COMPATIBLE]
    expected = fact.preferred if fact else None
    if verdict == "unverified":
        refs: list[ClaimRef] = []
    elif verdict == "supported":
        refs = [_ref(c) for c in agreeing]
    elif verdict == "disputed" or expected is None:
        refs = [_ref(c) for c in kb_claims]
    else:
        refs = _refs_for_value(fact, expected) or [_ref(c) for c in kb_claims]
    return Finding(
        line=draft.line,
        column=draft.column,
        text=draft.quote,
        entity=draft.entity,
        attribute=draft.attribute,
        value=draft.value,
        verdict=verdict,
        expected=expected,
        sources=refs,
        message=explain(draft, verdict, kb_claims, relations, fact, all_claims),
    )


def _relations(draft: Claim, claims: list[Claim]) -> list[Relation]:
    """relation(draft, c) for each claim, computed once per distinct value (thousands of claims
    in a large base state a handful of values)."""
    known: dict[tuple, Relation] = {}
    out: list[Relation] = []
    for c in claims:
        key = (c.attribute, c.kind, repr(c.value), c.unit, c.qualifier, c.resolution, c.raw)
        if key not in known:
            known[key] = relation(draft, c)
        out.append(known[key])
    return out


def _ref(c: Claim) -> ClaimRef:
    # built from a validated claim: no need to validate again (73,000 refs at 10,000 documents)
    return ClaimRef.model_construct(source=c.source, line=c.line, quote=c.quote, column=c.column, qualifier=c.qualifier, raw=c.raw)


def _refs_for_value(fact: Fact | None, value: JSONValue) -> list[ClaimRef]:
    if fact is None:
        return []
    for group in fact.values:
        if group.value == value:
            return list(group.claims)
    return []


# ---- explaining ------------------------------------------------------------------------------


def explain(
    draft: Claim,
    verdict: Verdict,
    kb_claims: list[Claim],
    relations: Sequence[Relation],
    fact: Fact | None,
    all_claims: list[Claim],
) -> str:
    """Why the verdict, in one sentence a writer can act on."""
    said = describe(draft)
    what = f"{entity_name(draft.entity)} {draft.attribute.replace('_', ' ')}"
    if verdict == "unverified":
        msg = f"the knowledge base holds nothing on {what}"
        return msg + _sibling_note(draft, all_claims)
    groups = _groups(kb_claims, relations)
    if verdict == "supported":
        ok = [g for g in groups if g.compatible]
        return f"{what}: the draft says {said}; {_said(ok)}{_arithmetic(draft, ok[0].claim)}"
    if verdict == "disputed":
        allies = sorted(set().union(*(g.sources for g in groups if g.compatible)))
        return f"{what}: the sources disagree ({_said(groups)}); the draft's {draft_text(draft)} sides with " + ", ".join(
            allies
        )
    # contradicted: lead with the value reconciliation prefers
    target = _preferred_group(groups, fact)
    ordered = [target] + [g for g in groups if g is not target]
    if fact is not None and fact.status == "contradiction":
        msg = f"{what}: the draft says {said}, which none of the sources allows ({_said(ordered)})"
    else:
        msg = f"{what}: the draft says {said}; {_said(ordered)}"
    clash = target.clash or next((g.clash for g in ordered if g.clash), target.claim)
    return msg + _arithmetic(draft, clash) + _sibling_note(draft, all_claims)


def _said(groups: list[_Group]) -> str:
    """"2 sources say 671B (671,000,000,000); 1 source says 670B (…)"."""
    return "; ".join(f"{_count(g.sources)} {_say(g.sources)} {g.text}" for g in groups)


@dataclass
class _Group:
    text: str  # the value as a reader writes it
    claim: Claim  # one representative claim
    sources: set[str]
    compatible: bool
    clash: Claim | None = None  # a claim of this value the draft conflicts with (to explain why)


def _groups(kb_claims: list[Claim], relations: Sequence[Relation]) -> list[_Group]:
    """Source claims grouped by stated value, most sources first."""
    out: dict[str, _Group] = {}
    for c, r in zip(kb_claims, relations, strict=True):
        key = repr(c.value)
        g = out.get(key)
        if g is None:
            g = out[key] = _Group(describe(c), c, set(), False)
        g.sources.add(c.source)
        g.compatible = g.compatible or r in COMPATIBLE
        if r == "conflict" and g.clash is None:
            g.clash = c
    return sorted(out.values(), key=lambda g: (-len(g.sources), g.text))


def _preferred_group(groups: list[_Group], fact: Fact | None) -> _Group:
    if fact is not None and fact.preferred is not None:
        for g in groups:
            if g.claim.value == fact.preferred:
                return g
    return groups[0]


def _count(sources: set[str]) -> str:
    return "1 source" if len(sources) == 1 else f"{len(sources)} sources"


def _say(sources: set[str]) -> str:
    return "says" if len(sources) == 1 else "say"


def _sibling_note(draft: Claim, all_claims: list[Claim]) -> str:
    """The draft's value is exactly what a source states for another entity: name the mix-up."""
    seen: set[tuple[str, str]] = set()
    notes: list[str] = []
    known: dict[tuple, bool] = {}  # one comparison per distinct value: at scale thousands of claims share a few
    for c in all_claims:
        if c.entity == draft.entity or c.attribute != draft.attribute or (c.entity, c.source) in seen:
            continue
        same = c.value == draft.value and c.kind == draft.kind
        if not same:
            key = (c.kind, repr(c.value), c.unit, c.qualifier, c.resolution, c.raw)
            if key not in known:
                known[key] = relation(draft, c.model_copy(update={"entity": draft.entity})) == "same"
            same = known[key]
        if same:
            seen.add((c.entity, c.source))
            notes.append(f"{c.source} states for {entity_name(c.entity)}")
    if not notes:
        return ""
    return f" — {draft_text(draft)} is what " + "; and what ".join(notes[:3])


def _arithmetic(draft: Claim, source: Claim) -> str:
    """The numbers or the date precision behind a comparison, in reconcile's words."""
    if draft.value == source.value and draft.qualifier == source.qualifier:
        return ""
    return f" [{explain_relation(draft, source)}]"


# ---- how values read -------------------------------------------------------------------------

_HEDGE = {"approx": "about ", "upper_bound": "under ", "lower_bound": "over "}


def entity_name(entity_id: str) -> str:
    try:
        from dsfacts.extract.entities import registry

        return registry().get(entity_id).name
    except (KeyError, DsfactsError):
        return entity_id


def draft_text(c: Claim) -> str:
    """The value as written in the draft (raw) or, failing that, as normalized."""
    return c.raw.strip() if c.raw and c.raw.strip() else describe(c, detail=False)


def describe(c: Claim, detail: bool = True) -> str:
    """A value as a reader would write it, with the exact arithmetic: 671B (671,000,000,000)."""
    hedge = _HEDGE.get(c.qualifier or "", "")
    try:
        v = c.typed_value()
    except (ValueError, TypeError, ArithmeticError, AssertionError, KeyError):
        return hedge + str(c.value)
    if isinstance(v, (Quantity, Money)):
        unit = _money_symbol(v) if isinstance(v, Money) else ""
        short, full = unit + short_number(v.amount), unit + group_digits(v.amount)
        return hedge + (short if short == full or not detail else f"{short} ({full})")
    if isinstance(v, DateValue):
        return hedge + (f"{v.iso} ({v.precision})" if detail else v.iso)
    return format_value(c.value, c.kind, c.unit, c.qualifier)


def _money_symbol(m: Money) -> str:
    return {"USD": "$", "CNY": "¥", "EUR": "€"}.get(m.currency, m.currency + " ")
