"""The report's timeline as geometry: one lane per model, a mark per stated date.

A date stated to the day is a point; a month, a year or a period is a band as wide as what it
covers, so a reader sees how precise each source was. When the sources disagree, every value is
drawn and the values are joined by a line. The template turns this into inline SVG; nothing here
writes markup, so every label goes through the template's escaping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from dsfacts.models import DateValue
from dsfacts.report.view import FactView

WIDTH = 960  # viewBox units; the SVG scales to its container
LEFT = 150  # room for the lane labels
RIGHT = 24
TOP = 34  # room for the year labels
LANE = 32
BOTTOM = 12
POINT_R = 5.5
BAND_H = 10
MONTHS = {1: "Jan", 4: "Apr", 7: "Jul", 10: "Oct"}
DISPUTED = ("contradiction", "minor-discrepancy")  # only these join their values: compatible ones nest
OFFSET = {"release_date": -5, "paper_date": 5}  # release above, paper below the lane's centre


@dataclass
class Tick:
    x: float
    label: str
    major: bool


@dataclass
class Mark:
    href: str  # the fact's anchor
    title: str  # tooltip and accessible name
    status: str  # CSS class: the colour repeats the card's badge
    event: str  # release or paper (the shape tells them apart: circle / diamond)
    x: float
    y: float
    width: float = 0.0  # 0 for a point, else a band from x to x + width

    @property
    def band(self) -> bool:
        return self.width > 0

    @property
    def diamond(self) -> str:
        r = POINT_R + 0.5
        return f"{self.x:.1f},{self.y - r:.1f} {self.x + r:.1f},{self.y:.1f} {self.x:.1f},{self.y + r:.1f} {self.x - r:.1f},{self.y:.1f}"


@dataclass
class Join:
    x1: float
    x2: float
    y: float
    status: str


@dataclass
class Event:
    """One dated fact as a line of text: the timeline for narrow screens and for reading aloud."""

    when: str  # every stated value, e.g. "2024-12-26 vs 2024-12-25"
    name: str
    event: str
    fact: FactView


@dataclass
class Lane:
    entity: str
    label: str
    y: float


@dataclass
class Timeline:
    width: int
    height: int
    left: int
    right: int
    ticks: list[Tick] = field(default_factory=list)
    lanes: list[Lane] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.marks


def _parse(value: object) -> DateValue | None:
    try:
        return DateValue.from_iso(str(value))
    except (ValueError, TypeError):
        return None  # not a date the reconciler knows: left out of the picture, still in the card


def build_timeline(dated: list[FactView], names: dict[str, str]) -> Timeline:
    """Geometry for the release and paper dates in `dated` (FactViews of date attributes)."""
    spans: list[tuple[FactView, str, DateValue]] = []
    for f in dated:
        for g in f.groups:
            d = _parse(g.value)
            if d is not None:
                spans.append((f, g.text, d))
    if not spans:
        return Timeline(WIDTH, TOP + BOTTOM, LEFT, WIDTH - RIGHT)

    first = min(d.start for _, _, d in spans)
    last = max(d.end for _, _, d in spans)
    t0 = date(first.year, 1, 1) if first.month <= 2 else date(first.year, first.month - 1, 1)
    t1 = date(last.year + 1, 1, 1) if last.month >= 11 else date(last.year, last.month + 2, 1)
    days = max(1, (t1 - t0).days)
    plot = WIDTH - LEFT - RIGHT

    def x(d: date) -> float:
        return LEFT + (d - t0).days / days * plot

    earliest: dict[str, date] = {}
    for f, _, d in spans:
        earliest[f.entity] = min(earliest.get(f.entity, d.start), d.start)
    order = sorted(earliest, key=lambda e: (earliest[e], e))
    lanes = [Lane(e, names.get(e, e), TOP + LANE * i + LANE / 2) for i, e in enumerate(order)]
    lane_y = {lane.entity: lane.y for lane in lanes}
    height = TOP + LANE * len(lanes) + BOTTOM

    ticks: list[Tick] = []
    for year in range(t0.year, t1.year + 1):
        for month in (1, 4, 7, 10):
            tick = date(year, month, 1)
            if t0 <= tick <= t1:
                label = str(year) if month == 1 else MONTHS[month]
                if not ticks and month != 1:  # the first tick names its year too
                    label = f"{MONTHS[month]} {year}"
                ticks.append(Tick(x(tick), label, month == 1))

    marks: list[Mark] = []
    joins: list[Join] = []
    for f in dated:
        centres = []
        for g in f.groups:
            stated = _parse(g.value)
            if stated is None:
                continue
            y = lane_y[f.entity] + OFFSET.get(f.attribute, 0)
            event = "paper" if f.attribute == "paper_date" else "release"
            title = f"{names.get(f.entity, f.entity)} {event}: {g.text} ({f.status_word})"
            if stated.precision == "day":
                marks.append(Mark(f"#{f.anchor}", title, f.status, event, x(stated.start), y))
                centres.append(x(stated.start))
            else:
                x1, x2 = x(stated.start), x(stated.end + timedelta(days=1))
                marks.append(Mark(f"#{f.anchor}", title, f.status, event, x1, y, max(2.0, x2 - x1)))
                centres.append((x1 + x2) / 2)
        if len(centres) > 1 and f.status in DISPUTED:  # disputed: both (all) values, joined
            y = lane_y[f.entity] + OFFSET.get(f.attribute, 0)
            joins.append(Join(min(centres), max(centres), y, f.status))
    marks.sort(key=lambda m: not m.band)  # points on top of bands, so a day inside its month shows

    events = []
    for f in dated:
        main = next((g for g in f.groups if g.preferred), f.groups[0] if f.groups else None)
        start = _parse(main.value) if main else None
        if main is None or start is None:
            continue
        others = [g.text for g in f.groups if g is not main and not g.agrees]  # what it is disputed with
        when = " vs ".join([main.text, *others])
        event = "paper" if f.attribute == "paper_date" else "release"
        events.append((start.start, start.end, f.anchor, Event(when, names.get(f.entity, f.entity), event, f)))
    events.sort(key=lambda e: e[:3])
    return Timeline(WIDTH, height, LEFT, WIDTH - RIGHT, ticks, lanes, marks, joins, [e[3] for e in events])
