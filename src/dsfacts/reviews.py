"""The reviewers' decisions: reviews.yaml, an overlay on the facts that reconciliation computes.

A person who has checked a fact against the primary source records a decision with a reason:

    prefer  the reviewer's value becomes the fact's preferred value; the contradiction is settled
    reject  one claim is misread or wrong: it leaves reconciliation (still shown, marked)
    accept  the values are all known to be true as they stand (two real versions …): settled

A decision names claims by a content id (source file, entity, attribute, raw value text and the
normalized quote), never by line number, and pins the set of values it saw. Its state follows
the evidence on every read:

    active    everything it saw is still there and nothing new appeared
    reopened  a value it did not see appeared: the fact is open again until someone looks
    stale     the claims it names are gone (a rejection: the claim it rejects; a preference or
              an acceptance: every claim it saw); `dsfacts reviews --prune` drops it

A rejection holds while its claim exists (the claim stays misread whatever else appears);
a preference or an acceptance is a judgment over the values it saw, so it takes effect only
while active. The file is YAML for people: diff-friendly, hand-editable, comments kept.
"""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from dsfacts import store
from dsfacts.errors import DsfactsError
from dsfacts.models import Claim, JSONValue

FILE_NAME = "reviews.yaml"
DECISIONS = ("prefer", "reject", "accept")
STATES = ("active", "reopened", "stale")
HEADER = (
    "Reviewers' decisions on facts, each with a reason a reader can verify (`dsfacts review`).\n"
    "Hand edits and comments are kept. Claims are named by content id, not by line, so moving\n"
    "text keeps a decision attached; `dsfacts reviews` says which decisions still hold."
)


class ReviewsError(DsfactsError):
    """reviews.yaml is malformed, or a review command was given something it cannot use."""


def path_for(claims_path: Path, override: Path | None = None) -> Path:
    """reviews.yaml lives beside claims.jsonl unless --reviews names another file."""
    return Path(override) if override is not None else Path(claims_path).with_name(FILE_NAME)


# ---- identity ---------------------------------------------------------------------------------


def _normalized(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def claim_id(c: Claim) -> str:
    """A claim's content id: stable when lines move, new when what the source says changes."""
    raw = c.raw if c.raw is not None else json.dumps(c.value, ensure_ascii=False, sort_keys=True)
    parts = (c.source, c.entity, c.attribute, _normalized(raw), _normalized(c.quote))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def canonical(c: Claim) -> JSONValue:
    """The claim's value as reconciliation compares it (7e9 and 7000000000 are one value)."""
    from dsfacts.reconcile import canonical_value

    return canonical_value(c)


def value_key(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)


def _plain(value: Any) -> Any:
    """YAML scalars back to the contract's JSON values (an unquoted 2024-12-26 is a date)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if isinstance(value, bool) or value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


# ---- the decisions ----------------------------------------------------------------------------


@dataclass
class Seen:
    """A claim a decision names: its content id, where it was, what it said (for people)."""

    id: str
    at: str = ""
    says: str = ""


@dataclass
class Decision:
    entity: str
    attribute: str
    decision: str
    reason: str
    date: str
    by: str | None = None
    value: str | None = None  # prefer: the value as the reviewer wrote it ("21B")
    values: list[JSONValue] = field(default_factory=list)  # every value it saw
    claims: list[Seen] = field(default_factory=list)  # reject: the rejected; else: all it saw
    line: int = 0  # where it starts in reviews.yaml (0: not written yet)
    node: Any = None  # its ruamel mapping, so that saving keeps the comments around it
    normalized: JSONValue = None  # prefer: `value` as the value grammar reads it (21000000000)

    @property
    def key(self) -> tuple[str, str]:
        return (self.entity, self.attribute)

    def label(self) -> str:
        return f"{self.decision} {self.value}" if self.decision == "prefer" else self.decision


@dataclass
class Book:
    """reviews.yaml in memory: the decisions and the round-trip document they came from."""

    path: Path
    decisions: list[Decision] = field(default_factory=list)
    doc: Any = None


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # a reason stays on one line: diffs show the whole sentence
    y.preserve_quotes = True
    return y


def load(path: Path) -> Book:
    """Read reviews.yaml (absent: no decisions). Malformed: ReviewsError naming the line."""
    path = Path(path)
    if not path.exists():
        return Book(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # an editor may have added a BOM
    except (OSError, UnicodeDecodeError) as e:
        raise ReviewsError(f"{path}: cannot read ({e}).") from e
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        doc = _yaml().load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark is not None and (mark is None or mark.line >= text.count("\n")):
            mark = e.context_mark  # it broke at the end of the file: name where the open thing began
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ReviewsError(f"{where}: not valid YAML ({e.problem or e.context}). Fix the file; it was not changed.") from e
    except YAMLError as e:
        raise ReviewsError(f"{path}: not valid YAML ({e}). Fix the file; it was not changed.") from e
    if doc is None:
        return Book(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("reviews", []), list):
        raise ReviewsError(f"{path}:1: expected a mapping with a `reviews:` list.")
    if doc.get("reviews") is None:
        doc["reviews"] = []
    book = Book(path, doc=doc)
    for i, node in enumerate(doc["reviews"]):
        book.decisions.append(_decision(node, path, i + 1))
    return book


def _line(node: Any) -> int:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else 0


def _decision(node: Any, path: Path, n: int) -> Decision:
    line = _line(node)
    where = f"{path}:{line}" if line else str(path)
    if not isinstance(node, dict):
        raise ReviewsError(f"{where}: review {n} must be a mapping (entity, attribute, decision, reason …).")

    def text(name: str, required: bool = True) -> str | None:
        value = node.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise ReviewsError(f"{where}: review {n} has no `{name}`.")
            return None
        return str(_plain(value))

    kind = text("decision")
    if kind not in DECISIONS:
        raise ReviewsError(f"{where}: review {n}: decision must be one of {', '.join(DECISIONS)}, not {kind!r}.")
    seen = node.get("claims") or []
    values = node.get("values") or []
    if not isinstance(seen, list) or not isinstance(values, list):
        raise ReviewsError(f"{where}: review {n}: `claims` and `values` must be lists.")
    claims = []
    for s in seen:
        if isinstance(s, dict) and s.get("id"):
            claims.append(Seen(str(s["id"]), str(s.get("at") or ""), str(_plain(s.get("says")) or "")))
        elif isinstance(s, str) and s.strip():
            claims.append(Seen(s.strip()))
        else:
            raise ReviewsError(f"{where}: review {n}: every entry of `claims` needs an `id`.")
    d = Decision(
        entity=str(text("entity")),
        attribute=str(text("attribute")),
        decision=kind,
        reason=str(text("reason")),
        date=text("date", required=False) or "",
        by=text("by", required=False),
        value=text("value", required=kind == "prefer"),
        values=[_plain(v) for v in values],
        claims=claims,
        line=line,
        node=node,
        normalized=_plain(node.get("normalized")) if kind == "prefer" else None,
    )
    if kind == "reject" and not claims:
        raise ReviewsError(f"{where}: review {n}: a rejection needs the `claims` it rejects.")
    return d


# ---- writing ----------------------------------------------------------------------------------


def _flow(value: Any) -> Any:
    """A list or mapping value on one line, like the contract's JSON."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, list):
        out: Any = CommentedSeq(_flow(v) for v in value)
    elif isinstance(value, dict):
        out = CommentedMap((k, _flow(v)) for k, v in value.items())
    else:
        return value
    out.fa.set_flow_style()
    return out


def _node(d: Decision) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    m = CommentedMap()
    m["entity"] = d.entity
    m["attribute"] = d.attribute
    m["decision"] = d.decision
    if d.decision == "prefer":
        m["value"] = d.value
        m["normalized"] = _flow(d.normalized)
    m["reason"] = d.reason
    if d.by:
        m["by"] = d.by
    m["date"] = d.date
    m["values"] = _flow(list(d.values))
    claims = CommentedSeq()
    for s in d.claims:
        one = CommentedMap([("id", s.id), ("at", s.at), ("says", s.says)])
        one.fa.set_flow_style()
        claims.append(one)
    m["claims"] = claims
    return m


def record(book: Book, d: Decision) -> Decision | None:
    """Add a decision: a new preference/acceptance replaces the fact's old one (returned), a
    rejection of an already rejected claim replaces that rejection."""
    def replaces(old: Decision) -> bool:
        if old.key != d.key:
            return False
        if d.decision == "reject":
            return old.decision == "reject" and {s.id for s in old.claims} == {s.id for s in d.claims}
        return old.decision in ("prefer", "accept")

    old = next((o for o in book.decisions if replaces(o)), None)
    if old is not None:
        index = book.decisions.index(old)
        book.decisions[index] = d
        if old.node is not None:  # in place: comments around the entry stay where they were
            new = _node(d)
            for k in list(old.node):
                if k not in new:
                    del old.node[k]
            for i, (k, v) in enumerate(new.items()):
                if k in old.node:
                    old.node[k] = v
                else:
                    old.node.insert(i, k, v)  # a field the old decision lacked, in its usual place
            d.node = old.node
    else:
        book.decisions.append(d)
    return old


def remove(book: Book, gone: list[Decision]) -> None:
    ids = {id(d) for d in gone}
    book.decisions = [d for d in book.decisions if id(d) not in ids]
    if book.doc is not None:
        seq = book.doc["reviews"]
        for i in reversed(range(len(seq))):
            if any(seq[i] is d.node for d in gone):
                del seq[i]


def dumps(book: Book) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    doc = book.doc
    if doc is None:
        doc = CommentedMap()
        doc["reviews"] = CommentedSeq()
        doc.yaml_set_start_comment(HEADER)
    seq = doc["reviews"]
    for d in book.decisions:
        if d.node is None:
            d.node = _node(d)
            seq.append(d.node)
    out = io.StringIO()
    _yaml().dump(doc, out)
    book.doc = doc
    return out.getvalue()


def save(book: Book) -> None:
    """Write reviews.yaml atomically: a reader never sees half a file."""
    store.atomic_write_text(book.path, dumps(book))


def today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


# ---- states -----------------------------------------------------------------------------------


@dataclass
class State:
    decision: Decision
    state: str
    new_values: list[JSONValue] = field(default_factory=list)  # reopened: values it did not see
    missing: list[Seen] = field(default_factory=list)  # claims it names that are gone
    now: dict[str, str] = field(default_factory=dict)  # claim id -> where it is today (source:line)

    def json(self) -> dict[str, Any]:
        d = self.decision
        out: dict[str, Any] = {"entity": d.entity, "attribute": d.attribute, "decision": d.decision}
        if d.decision == "prefer":
            out["value"] = d.normalized if d.normalized is not None else d.value
        out.update({"reason": d.reason, "by": d.by, "date": d.date, "state": self.state, "line": d.line})
        out["claims"] = [
            {"id": s.id, "at": s.at, "says": s.says, **({"now": self.now[s.id]} if s.id in self.now else {})}
            for s in d.claims
        ]
        if self.new_values:
            out["new_values"] = self.new_values
        if self.missing:
            out["missing"] = [{"id": s.id, "at": s.at, "says": s.says} for s in self.missing]
        return out


def states(book: Book, claims: list[Claim]) -> list[State]:
    """Each decision's state against the claims as they are now (a decision names claims of
    its own fact, so only those facts are hashed: reading a big knowledge base stays cheap)."""
    keys = {d.key for d in book.decisions}
    mine = [c for c in claims if (c.entity, c.attribute) in keys]
    now: dict[str, str] = {}
    for c in sorted(mine, key=Claim.sort_key):
        now.setdefault(claim_id(c), f"{c.source}:{c.line}")
    present = set(now)
    values: dict[tuple[str, str], dict[str, JSONValue]] = {}
    for c in mine:
        v = canonical(c)
        values.setdefault((c.entity, c.attribute), {})[value_key(v)] = v
    out = []
    for d in book.decisions:
        missing = [s for s in d.claims if s.id not in present]
        if d.claims and len(missing) == len(d.claims):
            out.append(State(d, "stale", missing=missing))
            continue
        pinned = {value_key(v) for v in d.values}
        new = [v for k, v in sorted(values.get(d.key, {}).items()) if k not in pinned]
        here = {s.id: now[s.id] for s in d.claims if s.id in now}
        out.append(State(d, "reopened" if new else "active", new_values=new, missing=missing, now=here))
    return out


def evidence(key: tuple[str, str], claims: list[Claim]) -> tuple[list[JSONValue], list[Claim]]:
    """What a new decision on a fact sees: its values (canonical, distinct) and claims."""
    mine = sorted((c for c in claims if (c.entity, c.attribute) == key), key=Claim.sort_key)
    seen: dict[str, JSONValue] = {}
    for c in mine:
        seen.setdefault(value_key(canonical(c)), canonical(c))
    return [seen[k] for k in sorted(seen)], mine


def seen(c: Claim) -> Seen:
    return Seen(claim_id(c), f"{c.source}:{c.line}", c.raw or str(c.value))
