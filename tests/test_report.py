"""The HTML report: the view model, the timeline geometry, escaping, self-containment, the command.

Knowledge bases here are built from hand-written claims (or a stand-in engine) in temp folders,
so nothing depends on which claims the real engine finds in the bundled sources.
"""

from __future__ import annotations

import re
import sys
import types
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsfacts import kb as kb_mod
from dsfacts import reconcile as rc
from dsfacts import store
from dsfacts.cli import app
from dsfacts.models import Claim, Fact, ValueGroup
from dsfacts.report import ReportError, build_report, render_html
from dsfacts.report.timeline import build_timeline
from dsfacts.report.view import build_view, fact_anchor, human_value

HOSTILE = '<script>alert("x")</script></div><img src=https://evil.example/x.png>'


def claim(entity: str, attribute: str, value, kind: str, source: str, line: int = 1, quote: str = "", **kw) -> Claim:
    return Claim(entity=entity, attribute=attribute, value=value, kind=kind, source=source, line=line,
                 quote=quote or f"{entity} {attribute} {value}", **kw)  # fmt: skip


CLAIMS = [
    claim("deepseek-v3", "release_date", "2024-12-26", "date", "a.md", 3, "V3 came out on 2024-12-26"),
    claim("deepseek-v3", "release_date", "2024-12-25", "date", "b.md", 4, "V3 came out on 2024-12-25"),
    claim("deepseek-v3", "total_params", 671000000000, "number", "a.md", 5, "671B parameters"),
    claim("deepseek-v3", "training_gpu_hours", 2788000, "number", "a.md", 6, "2.788M H800 GPU hours"),
    claim("deepseek-v3", "context_length", 128000, "number", "b.md", 7, "128K context"),
    claim("deepseek-r1", "release_date", "2025-01", "date", "b.md", 8, "R1 in January 2025"),
    claim("deepseek-r1", "paper_date", "2025-01-22", "date", "a.md", 9, "the R1 paper, 2025-01-22"),
]


def make_kb(tmp_path: Path, claims: list[Claim] = CLAIMS, meta: str = "") -> kb_mod.KnowledgeBase:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in sorted({c.source for c in claims}):
        (sources / name).write_text("\n".join(c.quote for c in claims if c.source == name) + "\n", encoding="utf-8")
    if meta:
        (sources / "sources.yaml").write_text(meta, encoding="utf-8")
    store.write_claims(tmp_path / "claims.jsonl", claims)
    return kb_mod.load(sources, tmp_path / "claims.jsonl")


def view_of(claims: list[Claim], names: dict[str, str] | None = None):  # noqa: ANN201
    rows = [{"id": s} for s in sorted({c.source for c in claims})]
    return build_view(rc.reconcile(claims), claims, rows, names or {})


class Dom(HTMLParser):
    """Ids, in-page links, tags and text of a page (enough to check structure without a browser)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


# ---- human forms and the view model --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "attribute", "text"),
    [
        (671000000000, "total_params", "671B"),
        (2788000, "training_gpu_hours", "2.788M GPU hours"),
        (128000, "context_length", "128K"),
        (5576000, "training_cost_usd", "$5.576M"),
        (14800000000000, "training_tokens", "14.8T tokens"),
        (338, "programming_languages", "338"),
        ([1500000000, 7000000000], "distilled_sizes", "1.5B, 7B"),
        ({"min": 1500000000, "max": 70000000000}, "variant_sizes", "1.5B–70B"),
        ("2024-12-26", "release_date", "2024-12-26"),
        (None, "release_date", "—"),
    ],
)
def test_human_value(value, attribute: str, text: str) -> None:
    assert human_value(value, attribute) == text


def test_view_has_a_card_per_entity_with_claims_and_anchors_per_fact() -> None:
    view = view_of(CLAIMS, {"deepseek-v3": "DeepSeek-V3"})
    assert {c.id for c in view.cards} == {"deepseek-v3", "deepseek-r1"}
    v3 = next(c for c in view.cards if c.id == "deepseek-v3")
    assert v3.name == "DeepSeek-V3"
    assert [f.attribute for f in v3.facts][:2] == ["release_date", "total_params"]  # dates first
    assert {f.anchor for f in v3.facts} >= {"deepseek-v3-release_date", "deepseek-v3-total_params"}
    rows = {f.attribute: f.preferred for f in v3.facts}
    assert rows["total_params"] == "671B"
    assert rows["training_gpu_hours"] == "2.788M GPU hours"
    assert rows["context_length"] == "128K"
    assert [c.number for c in v3.footnotes] == list(range(1, len(v3.footnotes) + 1))


def test_a_line_stating_two_values_is_one_footnote() -> None:
    both = "V3: 671B parameters, 37B active"
    claims = [claim("deepseek-v3", "total_params", 671000000000, "number", "a.md", 2, both),
              claim("deepseek-v3", "active_params", 37000000000, "number", "a.md", 2, both),
              claim("deepseek-v3", "context_length", 128000, "number", "a.md", 3, "128K")]  # fmt: skip
    [card] = view_of(claims).cards
    assert [(c.number, c.quote) for c in card.footnotes] == [(1, both), (2, "128K")]
    assert {f.attribute: [c.number for g in f.groups for c in g.notes] for f in card.facts} == {
        "total_params": [1], "active_params": [1], "context_length": [2]}  # fmt: skip


def test_view_counts_and_contradictions() -> None:
    view = view_of(CLAIMS)
    s = view.summary
    assert (s.sources, s.claims, s.entities, s.settled) == (2, len(CLAIMS), 2, 0)
    assert s.facts == len(rc.reconcile(CLAIMS))
    [conflict] = view.contradictions
    assert conflict.anchor == fact_anchor("deepseek-v3", "release_date")
    assert {g.text for g in conflict.groups} == {"2024-12-26", "2024-12-25"}
    assert sum(g.preferred for g in conflict.groups) <= 1
    assert all(g.independent == 1 and g.sources == 1 for g in conflict.groups)
    assert s.open_contradictions == 1


class LaterFact(Fact):
    """A Fact as the reconciler will make it: split, review, and groups with `independent`."""

    split: str | None = None
    review: dict | None = None
    why_preferred: str | None = None


class LaterGroup(ValueGroup):
    independent: int = 1


def test_view_reads_fields_the_reconciler_is_adding() -> None:
    groups = [
        LaterGroup(value="2024-12-26", claims=rc.reconcile(CLAIMS[:1])[0].values[0].claims, independent=1),
        LaterGroup(value="2024-12-25", claims=rc.reconcile(CLAIMS[1:2])[0].values[0].claims, independent=1),
    ]
    even = LaterFact(entity="deepseek-v3", attribute="release_date", status="contradiction", preferred=None,
                     values=groups, split="even", why_preferred="no preferred value: even split")  # fmt: skip
    reviewed = LaterFact(entity="deepseek-v3", attribute="total_params", status="contradiction",
                         preferred=671000000000, values=[LaterGroup(value=671000000000, claims=[], independent=3)],
                         review={"prefer": 671000000000, "reason": "the paper says so", "state": "active"})  # fmt: skip
    view = build_view([even, reviewed], CLAIMS[:3], [{"id": "a.md"}, {"id": "b.md"}], {})
    by = {f.attribute: f for f in view.cards[0].facts}
    assert by["release_date"].preferred == "—" and by["release_date"].split == "even"
    assert by["release_date"].why_preferred == "No preferred value: even split"
    assert by["release_date"].split_words.startswith("even split")
    assert not any(g.preferred for g in by["release_date"].groups)
    assert by["total_params"].groups[0].independent == 3
    review = by["total_params"].review
    assert review is not None and review.decision == "prefers 671B" and review.reason == "the paper says so"
    assert (view.summary.settled, view.summary.open_contradictions) == (1, 1)
    assert view.contradictions[-1].settled  # settled ones come after the open ones


# ---- timeline geometry ----------------------------------------------------------------------------


def test_timeline_points_bands_and_joins() -> None:
    view = view_of(CLAIMS)
    tl = build_timeline(view.dated, {})
    marks = {(m.href, m.band) for m in tl.marks}
    assert ("#deepseek-v3-release_date", False) in marks  # a day is a point
    assert ("#deepseek-r1-release_date", True) in marks  # a month is a band
    band = next(m for m in tl.marks if m.band)
    day = 1 / 31 * band.width  # a month's band spans about 31 days
    assert 28 * day <= band.width <= 31.5 * day
    [join] = tl.joins  # the disputed V3 date: both values, joined
    assert join.status == "contradiction" and join.x2 > join.x1
    assert {lane.entity for lane in tl.lanes} == {"deepseek-v3", "deepseek-r1"}
    assert all(tl.left <= m.x <= tl.right for m in tl.marks)
    assert any(t.major and t.label == "2025" for t in tl.ticks)


def test_timeline_events_read_in_date_order() -> None:
    tl = build_timeline(view_of(CLAIMS, {"deepseek-r1": "DeepSeek-R1"}).dated, {"deepseek-r1": "DeepSeek-R1"})
    events = [(e.name, e.event, e.when) for e in tl.events]
    assert events[1:] == [("DeepSeek-R1", "release", "2025-01"), ("DeepSeek-R1", "paper", "2025-01-22")]
    assert set(events[0][2].split(" vs ")) == {"2024-12-26", "2024-12-25"}  # disputed: both values
    assert not any(m.band for m in tl.marks[tl.marks.index(next(m for m in tl.marks if not m.band)) :])


def test_timeline_without_dates_is_empty() -> None:
    assert build_timeline(view_of(CLAIMS[2:5]).dated, {}).empty


# ---- the page: escaping and self-containment --------------------------------------------------------

META = f"""
a.md:
  title: '{HOSTILE} & co'
  kind: blog
  url: javascript:alert(1)
b.md:
  title: Plain
  url: https://example.org/post
"""


def test_document_strings_are_escaped(tmp_path: Path) -> None:
    hostile = [c.model_copy(update={"quote": f"V3 {HOSTILE} 671B"}) if c.attribute == "total_params" else c
               for c in CLAIMS]  # fmt: skip
    html = build_report(make_kb(tmp_path, hostile, META)).html
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert html.count("&lt;script&gt;") >= 2  # the quote and the source title, as text
    assert "&lt;/div&gt;" in html
    dom = Dom(html)
    assert not [t for t, _ in dom.tags if t in ("script", "img")]
    assert HOSTILE in "".join(dom.text)  # a reader sees exactly what the document says
    assert "javascript:" not in " ".join(dom.links)  # a non-web URL is shown, never linked


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quote=st.text(min_size=1, max_size=60).filter(lambda t: t.strip() and "\r" not in t),
       title=st.text(min_size=1, max_size=30).filter(lambda t: t.strip() and "\r" not in t))  # fmt: skip
def test_any_document_text_reaches_the_reader_as_text(quote: str, title: str) -> None:
    claims = [c.model_copy(update={"quote": quote}) if c.source == "a.md" else c for c in CLAIMS]
    rows = [{"id": "a.md", "title": title}, {"id": "b.md"}]
    view = build_view(rc.reconcile(claims), claims, rows, {})
    dom = Dom(render_html(view, build_timeline(view.dated, {})))
    plain = Dom(render_html(*_plain_page()))
    assert [t for t, _ in dom.tags] == [t for t, _ in plain.tags]  # no element came from the text
    text = "".join(dom.text)
    assert quote in text and title in text


def _plain_page():  # noqa: ANN202
    rows = [{"id": "a.md", "title": "t"}, {"id": "b.md"}]
    claims = [c.model_copy(update={"quote": "q"}) if c.source == "a.md" else c for c in CLAIMS]
    view = build_view(rc.reconcile(claims), claims, rows, {})
    return view, build_timeline(view.dated, {})


RESOURCE_TAGS = {"script", "link", "img", "iframe", "object", "embed", "source", "video", "audio", "image", "use"}


def test_page_is_self_contained(tmp_path: Path) -> None:
    """Nothing is fetched: no script, stylesheet, font or image, from the web or elsewhere."""
    html = build_report(make_kb(tmp_path, CLAIMS, META)).html
    dom = Dom(html)
    assert not [t for t, _ in dom.tags if t in RESOURCE_TAGS]
    assert not [a for _, a in dom.tags if {"src", "srcset", "xlink:href", "background"} & set(a)]
    for tag, attrs in dom.tags:  # a link to a source's web page is navigation, not a resource
        href = attrs.get("href")
        assert href is None or href.startswith("#") or (tag == "a" and href.startswith("https://")), (tag, href)
    css = html[html.index("<style>") : html.index("</style>")]
    assert not re.search(r"url\(|@import|@font-face|https?:", css, re.IGNORECASE)
    assert "prefers-color-scheme: dark" in css and "@media print" in css
    assert any(tag == "svg" and a.get("class") == "tl" and a.get("role") == "img" for tag, a in dom.tags)
    assert "https://example.org/post" in dom.links


def test_in_page_links_resolve(tmp_path: Path) -> None:
    dom = Dom(build_report(make_kb(tmp_path, CLAIMS, META)).html)
    internal = [h[1:] for h in dom.links if h.startswith("#")]
    assert internal and set(internal) <= dom.ids, set(internal) - dom.ids
    assert {"deepseek-v3", "deepseek-v3-release_date", "deepseek-r1", "summary", "timeline"} <= dom.ids


def test_empty_knowledge_base_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no claims"):
        build_report(make_kb(tmp_path, []))


# ---- the command --------------------------------------------------------------------------------------


def line_quote_engine(doc) -> list[Claim]:  # type: ignore[no-untyped-def]
    """Stand-in engine: 'ENTITY ATTRIBUTE NUMBER' anywhere in a line; the whole line is the quote."""
    out = []
    for m in re.finditer(r"(deepseek-[a-z0-9.-]+) ([a-z_]+) (\d+)", doc.text):
        line, column = doc.line_col(m.start())
        whole = doc.text.splitlines()[line - 1]
        out.append(Claim(entity=m[1], attribute=m[2], value=int(m[3]), kind="number", source=doc.source,
                         line=line, column=column, quote=whole))  # fmt: skip
    return out


def test_report_command_on_a_document_with_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dsfacts.extract

    module = types.ModuleType("dsfacts.extract.engine")
    module.extract_document = line_quote_engine  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dsfacts.extract.engine", module)
    monkeypatch.setattr(dsfacts.extract, "engine", module, raising=False)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "evil.txt").write_text(f"deepseek-v3 total_params 671 {HOSTILE}\n", encoding="utf-8")
    (sources / "calm.md").write_text("deepseek-v3 total_params 685\n", encoding="utf-8")
    claims = tmp_path / "claims.jsonl"
    kb_mod.extract_all(sources, claims)
    out = tmp_path / "out.html"
    result = CliRunner().invoke(app, ["report", str(out), "--sources", str(sources), "--claims", str(claims)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;alert" in html and "&lt;/div&gt;" in html
    assert 'id="deepseek-v3-total_params"' in html


def test_report_command_user_errors(tmp_path: Path) -> None:
    make_kb(tmp_path, [])
    run = CliRunner().invoke
    args = ["--sources", str(tmp_path / "sources"), "--claims", str(tmp_path / "claims.jsonl")]
    empty = run(app, ["report", str(tmp_path / "out.html"), *args])
    assert empty.exit_code == 2 and "no claims" in empty.output
    store.write_claims(tmp_path / "claims.jsonl", CLAIMS)
    for target, words in ((tmp_path / "nowhere" / "out.html", "does not exist"), (tmp_path, "is a folder")):
        r = run(app, ["report", str(target), *args])
        assert r.exit_code == 2 and words in r.output and "Traceback" not in r.output


def fake_reviews(monkeypatch: pytest.MonkeyPatch, review: dict) -> None:
    """The reviews overlay (issue 12) as the report calls it: Overlay.load(claims, path).facts()."""

    class Overlay:
        def __init__(self, claims: list[Claim]) -> None:
            self.claims = claims

        @classmethod
        def load(cls, claims: list[Claim], path: Path, context: object = None) -> Overlay:
            assert path.name == "reviews.yaml"
            return cls(claims)

        def facts(self) -> list[Fact]:
            facts = [LaterFact(**f.model_dump()) for f in rc.reconcile(self.claims)]
            for f in facts:
                if (f.entity, f.attribute) == ("deepseek-v3", "release_date"):
                    f.review = review
            return facts

    reviewed = types.ModuleType("dsfacts.reviewed")
    reviewed.Overlay = Overlay  # type: ignore[attr-defined]
    reviews = types.ModuleType("dsfacts.reviews")
    reviews.path_for = lambda claims, override=None: Path(claims).with_name("reviews.yaml")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dsfacts.reviewed", reviewed)
    monkeypatch.setitem(sys.modules, "dsfacts.reviews", reviews)
    import dsfacts

    monkeypatch.setattr(dsfacts, "reviewed", reviewed, raising=False)  # `from dsfacts import reviewed` reads these
    monkeypatch.setattr(dsfacts, "reviews", reviews, raising=False)


def test_reviewer_decisions_settle_and_show_their_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_reviews(monkeypatch, {"decision": "prefer", "value": "2024-12-26", "reason": "the <b>official</b> post",
                               "by": "ann", "date": "2026-01-05", "state": "active", "settled": True})  # fmt: skip
    result = build_report(make_kb(tmp_path))
    assert (result.view.summary.settled, result.view.summary.open_contradictions) == (1, 0)
    [fact] = result.view.contradictions
    assert fact.settled and fact.review is not None
    assert fact.review.decision == "prefers 2024-12-26 (ann, 2026-01-05)"
    assert "the &lt;b&gt;official&lt;/b&gt; post" in result.html and "settled by review" in result.html


def test_a_reopened_review_settles_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_reviews(monkeypatch, {"decision": "accept", "reason": "both dates circulate", "state": "reopened",
                               "new_values": ["2024-12-27"], "settled": False})  # fmt: skip
    view = build_report(make_kb(tmp_path)).view
    assert (view.summary.settled, view.summary.open_contradictions) == (0, 1)
    review = view.contradictions[0].review
    assert review is not None and review.state == "reopened; new value since: 2024-12-27"


class Families:
    """Copy families as the reconciler (issue 11) gives them: `of(source)` names the family."""

    def __init__(self, root: dict[str, str]) -> None:
        self.root = root

    def of(self, s: str) -> str:
        return self.root.get(s, s)


def test_sources_table_folds_copies_from_the_reconcilers_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain_reconcile, plain_rows = rc.reconcile, rc.source_rows
    seen = []
    context = types.SimpleNamespace(families=Families({"b.md": "a.md"}))
    monkeypatch.setattr(rc, "context_for", lambda base: context, raising=False)
    monkeypatch.setattr(rc, "reconcile", lambda claims, ctx=None: seen.append(ctx) or plain_reconcile(claims))
    monkeypatch.setattr(rc, "source_rows", lambda base, ctx=None: seen.append(ctx) or plain_rows(base))
    view = build_report(make_kb(tmp_path, CLAIMS, META)).view
    assert seen == [context, context]  # facts and trust both see the copy families
    copies = {s.id: s.copies for s in view.sources}
    assert copies == {"a.md": "1: b.md", "b.md": "copy of a.md"}
