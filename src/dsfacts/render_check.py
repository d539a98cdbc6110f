"""How `check` findings look: a linter-style report (rich), one-line, GitHub annotations, JSON.

Displays, never decides: every verdict and message comes from check.py.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from dsfacts.check import CheckReport
from dsfacts.models import Finding
from dsfacts.render_safe import clean, safe

FORMATS: tuple[str, ...] = ("text", "json", "line", "github")
STYLE = {"supported": "green", "contradicted": "bold red", "disputed": "yellow", "unverified": "blue"}
GITHUB_LEVEL = {"contradicted": "error", "disputed": "warning", "unverified": "notice"}


def _value_json(v: Any) -> str:
    import json

    return json.dumps(v, ensure_ascii=False)


def render_text(report: CheckReport, console: Console) -> None:
    """Grouped by line: position, verdict, the claim as written; the evidence for anything not supported."""
    console.print(safe(report.draft, style="bold underline"))
    last_line = None
    for f in report.findings:
        if f.line != last_line and last_line is not None:
            console.print()
        last_line = f.line
        head = Text("  ")
        head.append(f"{f.line}:{f.column}".ljust(8), style="dim")
        head.append(f.verdict.ljust(13), style=STYLE[f.verdict])
        head.append(clean(f.text))  # drafts may hold markup, escapes, bidi controls: shown, not obeyed
        head.append(clean(f"  {f.entity} {f.attribute} = {_value_json(f.value)}"), style="dim")
        console.print(head, soft_wrap=True)
        if f.verdict == "supported":
            continue
        if f.message:
            console.print(safe(" " * 10 + f.message), soft_wrap=True)
        if f.expected is not None:
            expected = Text(" " * 10 + "expected: ")
            expected.append(clean(_value_json(f.expected)), style="bold")
            console.print(expected, soft_wrap=True)
        for s in f.sources:
            line = Text(" " * 12)
            line.append(f"{clean(s.source)}:{s.line}", style="cyan")
            line.append(f"  “{clean(s.quote)}”")
            console.print(line, soft_wrap=True)
    if report.findings:
        console.print()
    console.print(safe(report.summary(), style="bold"))


def json_data(report: CheckReport) -> dict[str, Any]:
    """{"findings": [...]} per the contract; extra keys (message, qualifier) are allowed."""
    return {"findings": [finding_json(f) for f in report.findings]}


def finding_json(f: Finding) -> dict[str, Any]:
    data = f.model_dump(exclude={"sources"})
    data["sources"] = [s.model_dump(exclude_none=True) for s in f.sources]
    return data


def render_lines(report: CheckReport) -> str:
    """`path:line:col: verdict: message`, one per finding (like compilers and other linters)."""
    out = []
    for f in report.findings:
        msg = " ".join((f.message or f.text).split())
        out.append(clean(f"{report.draft}:{f.line}:{f.column}: {f.verdict}: {msg}"))
    return "".join(line + "\n" for line in out)


def _gh_data(s: str) -> str:
    s = clean(s, keep_newlines=True)  # escapes would reach the log viewer; newlines are %-encoded below
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(report: CheckReport) -> str:
    """GitHub workflow commands; supported findings need no annotation."""
    out = []
    for f in report.findings:
        level = GITHUB_LEVEL.get(f.verdict)
        if level is None:
            continue
        title = _gh_prop(f"dsfacts: {f.verdict} {f.entity} {f.attribute}")
        out.append(
            f"::{level} file={_gh_prop(report.draft)},line={f.line},col={f.column},title={title}::"
            + _gh_data(f.message or f.text)
        )
    return "".join(line + "\n" for line in out)
