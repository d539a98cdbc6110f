"""The knowledge model: sources, claims, typed values, facts and findings. No I/O here.

A claim stores its value in the contract's JSON form (`value`) together with its `kind`, so
`claims.jsonl` stays readable by anyone; `typed_value()` turns it back into a typed value that
the reconciler can reason about (intervals, precision, units).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Qualifier = Literal["approx", "upper_bound", "lower_bound"]
ValueKind = Literal["date", "number", "money", "sizes", "range", "text"]
Precision = Literal["year", "month", "day", "interval"]
Status = Literal["agreed", "single-source", "minor-discrepancy", "contradiction"]
Verdict = Literal["supported", "contradicted", "disputed", "unverified"]
JSONValue = str | int | float | list | dict | None


def number_to_json(x: Decimal) -> int | float:
    """Whole numbers as ints (671000000000), others as floats: the contract's numbers."""
    if x == x.to_integral_value():
        return int(x)
    return float(x)


# ---- typed values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DateValue:
    """A date at the precision the source states, or an interval ("2024年初")."""

    start: date
    end: date
    precision: Precision

    @classmethod
    def from_parts(cls, year: int, month: int | None = None, day: int | None = None) -> DateValue:
        if month is None:
            return cls(date(year, 1, 1), date(year, 12, 31), "year")
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return cls(date(year, month, 1), date(year, month, last), "month")
        d = date(year, month, day)
        return cls(d, d, "day")

    @classmethod
    def between(cls, first: DateValue, last: DateValue) -> DateValue:
        return cls(first.start, last.end, "interval")

    @property
    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.precision == "day":
            return self.start.isoformat()
        return f"{self.start.year:04d}-{self.start.month:02d}/{self.end.year:04d}-{self.end.month:02d}"

    @classmethod
    def from_iso(cls, text: str) -> DateValue:
        if "/" in text:
            a, b = text.split("/", 1)
            return cls.between(cls.from_iso(a), cls.from_iso(b))
        parts = [int(p) for p in text.split("-")]
        return cls.from_parts(*parts)

    def to_json(self) -> JSONValue:
        return self.iso


@dataclass(frozen=True)
class Quantity:
    """A plain number (parameters, tokens, hours, languages) already scaled: 6710亿 -> 671e9."""

    amount: Decimal
    resolution: Decimal = Decimal(0)  # value of one step of the last stated digit ("278万" -> 1万)

    def to_json(self) -> JSONValue:
        return number_to_json(self.amount)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str  # ISO 4217: USD, CNY
    resolution: Decimal = Decimal(0)

    def to_json(self) -> JSONValue:
        return number_to_json(self.amount)


@dataclass(frozen=True)
class SizeList:
    sizes: tuple[Decimal, ...]

    def to_json(self) -> JSONValue:
        return [number_to_json(s) for s in sorted(self.sizes)]


@dataclass(frozen=True)
class SizeRange:
    low: Decimal
    high: Decimal

    def to_json(self) -> JSONValue:
        return {"min": number_to_json(self.low), "max": number_to_json(self.high)}


@dataclass(frozen=True)
class Text:
    text: str

    def to_json(self) -> JSONValue:
        return self.text


TypedValue = DateValue | Quantity | Money | SizeList | SizeRange | Text


def kind_of(value: TypedValue) -> ValueKind:
    return {
        DateValue: "date",
        Quantity: "number",
        Money: "money",
        SizeList: "sizes",
        SizeRange: "range",
        Text: "text",
    }[type(value)]  # type: ignore[return-value]


# ---- records ----------------------------------------------------------------------------------


class Source(BaseModel):
    """One document in `sources/` and what is known about it."""

    model_config = ConfigDict(extra="allow")

    id: str  # file name inside the sources folder
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    kind: str | None = None  # blog, news, paper, readme, report, notes …
    language: str | None = None
    sha256: str | None = None


class Claim(BaseModel):
    """One thing one source says: entity + attribute = value, with exact provenance."""

    model_config = ConfigDict(extra="allow")

    entity: str
    attribute: str
    value: JSONValue
    kind: ValueKind = "text"
    source: str
    line: int = Field(ge=1)
    column: int = Field(default=1, ge=1)
    quote: str
    raw: str | None = None
    qualifier: Qualifier | None = None
    unit: str | None = None  # currency for money
    resolution: int | float | None = None
    counts: Literal["with_module"] | None = None  # a total that counts an extra module ("685B（含MTP模块）")
    venue: Literal["journal"] | None = None  # a paper date of the journal version ("published in Nature on 17 September")

    def typed_value(self) -> TypedValue:
        return typed_value(self.kind, self.value, self.unit, self.resolution)

    def sort_key(self) -> tuple:
        return (self.source, self.line, self.column, self.entity, self.attribute, str(self.value))


def typed_value(kind: str, value: JSONValue, unit: str | None = None, resolution: Any = None) -> TypedValue:
    res = Decimal(str(resolution)) if resolution is not None else Decimal(0)
    if kind == "date":
        return DateValue.from_iso(str(value))
    if kind == "number":
        return Quantity(Decimal(str(value)), res)
    if kind == "money":
        return Money(Decimal(str(value)), unit or "USD", res)
    if kind == "sizes":
        assert isinstance(value, list)
        return SizeList(tuple(Decimal(str(v)) for v in value))
    if kind == "range":
        assert isinstance(value, dict)
        return SizeRange(Decimal(str(value["min"])), Decimal(str(value["max"])))
    return Text(str(value))


class ClaimRef(BaseModel):
    source: str
    line: int
    quote: str
    column: int | None = None
    qualifier: Qualifier | None = None
    raw: str | None = None


class ValueGroup(BaseModel):
    value: JSONValue
    claims: list[ClaimRef]
    trust: float | None = None
    independent: int | None = None  # sources behind the value that are not copies of one another


class Fact(BaseModel):
    """All claims about one entity + attribute, and what reconciliation decided."""

    entity: str
    attribute: str
    status: Status
    preferred: JSONValue = None
    confidence: float | None = None
    values: list[ValueGroup]
    explanation: str | None = None
    split: Literal["outlier", "even"] | None = None  # contradictions only
    why_preferred: str | None = None  # why `preferred` is that value, or why it is null
    review: dict[str, Any] | None = None  # a reviewer's decision on it (reviews.yaml), if any


class Finding(BaseModel):
    """One claim of a draft and its verdict against the knowledge base."""

    line: int
    column: int
    text: str
    entity: str
    attribute: str
    value: JSONValue
    verdict: Verdict
    expected: JSONValue = None
    sources: list[ClaimRef] = []
    message: str | None = None
