"""Facts as reviewed: the decisions in reviews.yaml applied to what reconciliation computes.

    claims ─(drop rejected claims)─► reconcile ─► facts ─(attach decisions; the reviewer's value
                                                          becomes `preferred`)─► facts as reviewed

Reconciliation itself never sees a decision: rejected claims are taken out before it runs and
preferences are laid over its result, so a reader can always tell the sources from the review.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dsfacts import reviews as rv
from dsfacts.models import Claim, Fact, Finding

DISPUTED = ("contradiction", "minor-discrepancy")
SETTLING = ("prefer", "accept")


@dataclass
class Overlay:
    """The knowledge base's claims with the decisions and their states against them."""

    claims: list[Claim]
    book: rv.Book
    states: list[rv.State]
    before: dict[tuple[str, str], str] = field(default_factory=dict)  # status before rejections
    _rejected: list[dict] = field(default_factory=list)

    context: Any = None  # reconcile's copy families and source priors

    @classmethod
    def load(cls, claims: list[Claim], path: Path, context: Any = None) -> Overlay:
        return cls.of(rv.load(path), claims, context)

    @classmethod
    def of(cls, book: rv.Book, claims: list[Claim], context: Any = None) -> Overlay:
        read_values(book, claims)
        return cls(claims, book, rv.states(book, claims), context=context)

    def rejections(self) -> dict[str, rv.State]:
        """claim id -> the rejection that holds (a rejection holds until its claim is gone)."""
        out: dict[str, rv.State] = {}
        for st in self.states:
            if st.decision.decision == "reject" and st.state != "stale":
                for s in st.decision.claims:
                    out[s.id] = st
        return out

    def kept(self) -> list[Claim]:
        rejected = self.rejections()
        if not rejected:
            return self.claims
        keys = {st.decision.key for st in rejected.values()}
        return [c for c in self.claims if (c.entity, c.attribute) not in keys or rv.claim_id(c) not in rejected]

    def on(self, key: tuple[str, str]) -> list[rv.State]:
        return [st for st in self.states if st.decision.key == key]

    def settling(self, key: tuple[str, str]) -> rv.State | None:
        """The latest preference or acceptance on a fact, if it is active."""
        found = [st for st in self.on(key) if st.decision.decision in SETTLING]
        return found[-1] if found and found[-1].state == "active" else None

    def reopened(self, key: tuple[str, str]) -> bool:
        return any(st.state == "reopened" for st in self.on(key))

    def settled(self, f: Fact, wanted: Iterable[str] = DISPUTED) -> bool:
        """Did a review take this fact out of the `wanted` statuses? Never while reopened."""
        key = (f.entity, f.attribute)
        if f.review is None or self.reopened(key):
            return False
        was = self.before.get(key, f.status)
        return was in wanted and (self.settling(key) is not None or f.status not in wanted)

    # ---- facts ------------------------------------------------------------------------------

    def facts(self) -> list[Fact]:
        """Every fact as reconcile computes it from the kept claims, with its review attached."""
        from dsfacts.reconcile import reconcile

        facts = reconcile(self.kept(), self.context)
        self.settle()
        for f in facts:
            self.attach(f)
        return facts

    def settle(self) -> None:
        """What `attach` needs besides the fact: statuses before rejections, the rejected claims.

        Decisions name claims of their own fact, so an overlay over just the reviewed facts'
        claims settles them as one over the whole base (the read index relies on this)."""
        from dsfacts.reconcile import reconcile

        kept = self.kept()
        if len(kept) != len(self.claims):
            keys = {(c.entity, c.attribute) for c in self.claims} - {(c.entity, c.attribute) for c in kept}
            keys |= {st.decision.key for st in self.rejections().values()}
            touched = [c for c in self.claims if (c.entity, c.attribute) in keys]
            self.before = {(f.entity, f.attribute): f.status for f in reconcile(touched, self.context)}
        self._rejected = self.rejected_claims()

    def attach(self, f: Fact) -> None:
        key = (f.entity, f.attribute)
        states = self.on(key)
        if not states:
            return
        settling = self.settling(key)
        primary = settling or _primary(states)
        d = primary.decision
        if settling is not None and d.decision == "prefer" and d.normalized is not None:
            f.preferred = d.normalized
        review: dict[str, Any] = {"decision": d.decision}
        if d.decision == "prefer":
            review["value"] = d.normalized if d.normalized is not None else d.value
        review.update({"reason": d.reason, "by": d.by, "date": d.date, "state": primary.state})
        if primary.new_values:
            review["new_values"] = primary.new_values
        rejected = [r for r in self._rejected if (r["entity"], r["attribute"]) == key]
        if rejected:
            review["rejected"] = rejected
        f.review = review
        review["settled"] = self.settled(f)

    def rejected_claims(self, key: tuple[str, str] | None = None, entity: str | None = None) -> list[dict]:
        """The claims a rejection holds against, with the reason (shown, marked, never hidden)."""
        rejected = self.rejections()
        keys = {st.decision.key for st in rejected.values()}
        out = []
        for c in sorted(self.claims, key=Claim.sort_key):
            if (c.entity, c.attribute) not in keys or (key and (c.entity, c.attribute) != key) or (entity and c.entity != entity):
                continue
            st = rejected.get(rv.claim_id(c))
            if st is None:
                continue
            out.append(
                {"entity": c.entity, "attribute": c.attribute, "value": c.value, "source": c.source,
                 "line": c.line, "quote": c.quote, "id": rv.claim_id(c), "reason": st.decision.reason,
                 "by": st.decision.by, "date": st.decision.date, "state": st.state}
            )  # fmt: skip
        return out

    def conflicts(self, scope: list[Fact], statuses: Iterable[str], include_settled: bool) -> tuple[list[Fact], int]:
        """The open facts of `scope` in the wanted statuses, and how many a review settled
        (listed too with include_settled). A reopened fact is listed again, marked."""
        wanted = set(statuses)
        listed, settled = [], 0
        for f in scope:
            key = (f.entity, f.attribute)
            done = self.settled(f, wanted)
            settled += done
            back = self.reopened(key) and self.before.get(key, f.status) in wanted
            if done and include_settled or not done and (f.status in wanted or back):
                listed.append(f)
        return listed, settled

    # ---- check ------------------------------------------------------------------------------

    def claims_for_check(self) -> list[Claim]:
        """The claims a draft is judged against: rejected ones out; where a reviewer preferred a
        value, only the claims that allow it (or the reviewer's value itself when none does)."""
        from dsfacts.reconcile import relation

        kept = self.kept()
        chosen: dict[tuple[str, str], rv.Decision] = {}
        for key in {st.decision.key for st in self.states}:
            active = self.settling(key)
            if active is not None and active.decision.decision == "prefer":
                chosen[key] = active.decision
        if not chosen:
            return kept
        out: list[Claim] = []
        by_key: dict[tuple[str, str], list[Claim]] = {}
        for c in kept:
            if (c.entity, c.attribute) in chosen:
                by_key.setdefault((c.entity, c.attribute), []).append(c)
            else:
                out.append(c)
        examples = _kinds([c for c in self.claims if (c.entity, c.attribute) in chosen])
        for key, d in chosen.items():
            if key not in examples:
                continue  # no source states this fact any more: nothing to read the value by, or judge
            # the grammar again (check has it loaded): the stated precision decides what allows it
            pref = value_claim(examples[key], str(d.value), self.book.path.name, d.line)
            allowing = [c for c in by_key.get(key, []) if relation(c, pref) in ("same", "compatible")]
            out.extend(allowing or [pref])
        return out

    def annotate(self, findings: list[Finding]) -> list[Finding]:
        """Say on every finding a decision shaped: the reviewed value, an accepted disagreement."""
        rejected_on = Counter((r["entity"], r["attribute"]) for r in self.rejected_claims())
        for f in findings:
            key = (f.entity, f.attribute)
            active = self.settling(key)
            notes = []
            if active is not None and active.decision.decision == "prefer" and active.decision.normalized is not None:
                f.expected = active.decision.normalized
                notes.append(f"reviewed: {active.decision.value} preferred — {active.decision.reason}")
            elif active is not None:  # accept: every value it saw is true, so taking a side is fine
                if f.verdict == "disputed":
                    f.verdict = "supported"
                notes.append(f"reviewed: the values are accepted as they stand — {active.decision.reason}")
            else:
                reopened = [st for st in self.on(key) if st.state == "reopened" and st.decision.decision in SETTLING]
                if reopened:
                    notes.append("a review of this fact is reopened: a value it did not see appeared")
            n = rejected_on.get(key, 0)
            if n:
                notes.append(f"{n} claim{'s' if n != 1 else ''} rejected by review")
            if notes and f.verdict != "unverified":
                f.message = f"{f.message or ''} ({'; '.join(notes)})".strip()
        return findings


def _primary(states: list[rv.State]) -> rv.State:
    """The decision to show for a fact: a live preference/acceptance, else a live rejection."""
    pool = [st for st in states if st.state != "stale"] or states
    return ([st for st in pool if st.decision.decision in SETTLING] or pool)[-1]


def fact_json(f: Fact) -> dict:
    """The contract's FACT: `review` only when a reviewer decided."""
    from dsfacts.reconcile import fact_json as plain

    data = plain(f)
    if data.get("review") is None:
        data.pop("review", None)
        if f.review is not None:
            data["review"] = f.review
    return data


# ---- the reviewer's value, read by the sources' grammar ----------------------------------------


def read_values(book: rv.Book, claims: list[Claim], verify: bool = False) -> None:
    """Give each preference its `normalized` value, read by the sources' value grammar when the
    file has none (a hand-written or hand-edited entry). With verify (`dsfacts reviews`), a
    `normalized` that no longer matches `value` is an error: the reader would see one value and
    dsfacts use another. Read commands trust the file and never load the grammar."""
    todo = [d for d in book.decisions if d.decision == "prefer" and (verify or d.normalized is None)]
    if not todo:
        return
    examples = _kinds([c for c in claims if (c.entity, c.attribute) in {d.key for d in todo}])
    for d in todo:
        example = examples.get(d.key)
        if example is None:
            continue  # no claim on that fact any more: the decision is stale, its value unused
        where = f"{book.path}:{d.line}" if d.line else str(book.path)
        try:
            read = value_claim(example, str(d.value), book.path.name, d.line).value
        except rv.ReviewsError as e:
            raise rv.ReviewsError(f"{where}: {e}") from e
        if d.normalized is None:
            d.normalized = read
        elif rv.value_key(read) != rv.value_key(d.normalized):
            raise rv.ReviewsError(
                f"{where}: value {d.value} reads as {rv.value_key(read)}, but normalized says "
                f"{rv.value_key(d.normalized)}; delete the `normalized` line to take the value as written."
            )


def _kinds(claims: list[Claim]) -> dict[tuple[str, str], Claim]:
    """One representative claim per fact, of the kind most of its claims have."""
    by_fact: dict[tuple[str, str], Counter[str]] = {}
    first: dict[tuple[str, str, str], Claim] = {}
    for c in claims:
        by_fact.setdefault((c.entity, c.attribute), Counter())[c.kind] += 1
        first.setdefault((c.entity, c.attribute, c.kind), c)
    return {k: first[(k[0], k[1], counts.most_common(1)[0][0])] for k, counts in by_fact.items()}


def value_claim(example: Claim, text: str, source: str = rv.FILE_NAME, line: int = 1) -> Claim:
    """The reviewer's value, parsed by the sources' own grammar for the fact's kind, as a claim."""
    from dsfacts.extract.values import find_values
    from dsfacts.models import Money, Quantity, SizeList, Text, kind_of

    wanted = example.kind
    text = text.strip()
    if not text:
        raise rv.ReviewsError(f"an empty value is not a {example.attribute}.")
    found = [m for m in find_values(text) if m.start == 0 and m.end == len(text)]  # the whole text, one value
    if wanted == "text":
        typed: Any = found[0].value if found and isinstance(found[0].value, Text) else Text(text)
        qualifier = None
    else:
        accepts = {"number": ("number",), "date": ("date",), "money": ("money", "number"),
                   "sizes": ("sizes", "range", "number"), "range": ("sizes", "range", "number")}.get(wanted, (wanted,))  # fmt: skip
        if not found or found[0].kind not in accepts:
            examples = {"date": "2024-12-26, 2024-12", "number": "21B, 128K, 14.8T", "money": "$5.576M"}
            hint = examples.get(wanted, "1.3B, 6.7B, 33B")
            raise rv.ReviewsError(f"cannot read {text!r} as a {example.attribute} value (a {wanted}, e.g. {hint}).")
        typed, qualifier = found[0].value, found[0].qualifier
        if wanted == "money" and isinstance(typed, Quantity):
            typed = Money(typed.amount, example.unit or "USD", typed.resolution)
        if wanted in ("sizes", "range") and isinstance(typed, Quantity):
            typed = SizeList((typed.amount,))
    resolution = getattr(typed, "resolution", None)
    return Claim(
        entity=example.entity,
        attribute=example.attribute,
        value=typed.to_json(),
        kind=kind_of(typed),
        source=source,
        line=max(line, 1),
        quote=f"prefer {text}",
        raw=text,
        qualifier=qualifier,
        unit=getattr(typed, "currency", None),
        resolution=float(resolution) if resolution else None,
    )


# ---- `dsfacts review`: the pure twin ------------------------------------------------------------


def decide(
    book: rv.Book,
    claims: list[Claim],
    entity: str,
    attribute: str,
    *,
    prefer: str | None = None,
    reject: str | None = None,
    accept: bool = False,
    reason: str,
    by: str | None = None,
    on: str | None = None,
) -> tuple[rv.Decision, rv.Decision | None]:
    """Record one decision in `book` (not yet saved); returns it and the one it replaced."""
    if sum([prefer is not None, reject is not None, accept]) != 1:
        raise rv.ReviewsError("give exactly one of --prefer VALUE, --reject SOURCE:LINE (or a claim id), --accept.")
    if not reason or not reason.strip():
        raise rv.ReviewsError("--reason must say why, so that a reader can check the decision.")
    values, mine = rv.evidence((entity, attribute), claims)
    if not mine:
        raise rv.ReviewsError(f"no source states {attribute} of {entity}; there is nothing to review.")
    d = rv.Decision(entity, attribute, "accept", " ".join(reason.split()), on or rv.today(), by=by or None, values=values)
    if reject is not None:
        d.decision = "reject"
        d.claims = _unique([rv.seen(c) for c in find_claims(mine, reject)])
    else:
        d.claims = _unique([rv.seen(c) for c in mine])
    if prefer is not None:
        d.decision, d.value = "prefer", prefer.strip()
        d.normalized = value_claim(_kinds(mine)[(entity, attribute)], d.value, book.path.name).value
    return d, rv.record(book, d)


def _unique(seen: list[rv.Seen]) -> list[rv.Seen]:
    out: dict[str, rv.Seen] = {}
    for s in seen:
        out.setdefault(s.id, s)
    return list(out.values())


def find_claims(mine: list[Claim], ref: str) -> list[Claim]:
    """SOURCE:LINE (the file name, any folder in front ignored) or a claim id (or its start)."""
    ref = ref.strip()
    head, _, tail = ref.rpartition(":")
    if head and tail.isdigit():
        name = Path(head).name
        found = [c for c in mine if c.source == name and c.line == int(tail)]
    else:
        found = [c for c in mine if len(ref) >= 4 and rv.claim_id(c).startswith(ref.lower())]
    listing = "; ".join(f"{c.source}:{c.line} {c.raw or c.value} (id {rv.claim_id(c)})" for c in mine)
    if not found:
        raise rv.ReviewsError(f"no claim of this fact at {ref!r}. Its claims: {listing}.")
    if len({rv.claim_id(c) for c in found}) > 1:
        raise rv.ReviewsError(f"{ref!r} names several claims; give one by its id. Its claims: {listing}.")
    return found


def prune(book: rv.Book, states: list[rv.State]) -> list[rv.Decision]:
    """Drop the stale decisions from `book` (not yet saved); the rest stay as they are."""
    gone = [st.decision for st in states if st.state == "stale"]
    rv.remove(book, gone)
    return gone
