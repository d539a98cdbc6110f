"""Machine formats of `check`: JSON, one line per finding, GitHub annotations, SARIF 2.1.0.

Displays, never decides: every verdict and message comes from check.py and drafts.py. The text
report for people lives in render_check.py (it needs rich).
"""

from __future__ import annotations

import json
from typing import Any

from dsfacts import version
from dsfacts.drafts import LintReport
from dsfacts.models import Finding
from dsfacts.render_safe import clean

FORMATS: tuple[str, ...] = ("text", "json", "line", "github", "sarif")
GITHUB_LEVEL = {"contradicted": "error", "disputed": "warning", "unverified": "notice"}
SARIF_LEVEL = {"supported": "none", "contradicted": "error", "disputed": "warning", "unverified": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES = {
    "contradicted": "The draft states a value the sources rule out.",
    "disputed": "The sources disagree among themselves and the draft sides with one of them.",
    "unverified": "The knowledge base holds nothing on this entity and attribute.",
    "supported": "The draft agrees with the sources.",
}
HOME_PAGE = "https://github.com/dsfacts/dsfacts"


def finding_json(file: str, f: Finding) -> dict[str, Any]:
    """The contract's FINDING, `file` first; extra keys (message, qualifier) are allowed."""
    data: dict[str, Any] = {"file": file}
    data.update(f.model_dump(exclude={"sources"}))
    data["sources"] = [s.model_dump(exclude_none=True) for s in f.sources]
    return data


def json_data(report: LintReport, unused_ignores: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "findings": [finding_json(file, f) for file, f in report.findings],
        "unchecked": [{"file": u.file, "line": u.line, "text": u.text} for u in report.unchecked],
    }
    if unused_ignores:
        data["unused_ignores"] = [{"file": u.file, "line": u.line, "comment": u.kind} for u in report.unused_ignores]
    return data


def _one_line(s: str) -> str:
    return " ".join(s.split())


def render_lines(report: LintReport, unused_ignores: bool = False) -> str:
    """`path:line:col: verdict: message`, one per finding (like compilers and other linters)."""
    out = [clean(f"{file}:{f.line}:{f.column}: {f.verdict}: {_one_line(f.message or f.text)}") for file, f in report.findings]
    if unused_ignores:
        out += [f"{u.file}:{u.line}:1: unused-ignore: <!-- {u.kind} --> silences nothing" for u in report.unused_ignores]
    return "".join(line + "\n" for line in out)


def _gh_data(s: str) -> str:
    s = clean(s, keep_newlines=True)  # escapes would reach the log viewer; newlines are %-encoded below
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(report: LintReport, unused_ignores: bool = False) -> str:
    """GitHub workflow commands; supported findings need no annotation."""
    out = []
    for file, f in report.findings:
        level = GITHUB_LEVEL.get(f.verdict)
        if level is None:
            continue
        title = _gh_prop(f"dsfacts: {f.verdict} {f.entity} {f.attribute}")
        out.append(f"::{level} file={_gh_prop(file)},line={f.line},col={f.column},title={title}::{_gh_data(f.message or f.text)}")
    if unused_ignores:
        for u in report.unused_ignores:
            out.append(f"::warning file={_gh_prop(u.file)},line={u.line},title=dsfacts%3A unused ignore::"
                       f"<!-- {u.kind} --> silences nothing")  # fmt: skip
    return "".join(line + "\n" for line in out)


def _sarif_message(f: Finding) -> str:
    lines = [f.message or f"{f.entity} {f.attribute}: {f.text}"]
    for s in f.sources:
        lines.append(f"- {s.source}:{s.line}: \u201c{_one_line(s.quote)}\u201d")
    return "\n".join(lines)


def sarif_data(report: LintReport) -> dict[str, Any]:
    """SARIF 2.1.0: a rule per verdict, a result per problem with its physical location."""
    rule_ids = list(RULES)
    rules = [
        {
            "id": verdict,
            "name": verdict.capitalize(),
            "shortDescription": {"text": RULES[verdict]},
            "defaultConfiguration": {"level": SARIF_LEVEL[verdict]},
        }
        for verdict in rule_ids
    ]
    results = []
    for file, f in report.findings:
        if f.verdict == "supported":
            continue
        results.append(
            {
                "ruleId": f.verdict,
                "ruleIndex": rule_ids.index(f.verdict),
                "level": SARIF_LEVEL[f.verdict],
                "message": {"text": _sarif_message(f)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(file)},
                            "region": {"startLine": f.line, "startColumn": f.column, "snippet": {"text": f.text}},
                        }
                    }
                ],
                "properties": {"entity": f.entity, "attribute": f.attribute, "value": f.value, "expected": f.expected},
            }
        )
    driver = {"name": "dsfacts", "version": version(), "informationUri": HOME_PAGE, "rules": rules}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}


def _uri(file: str) -> str:
    """A relative URI reference, as code-review tools resolve it against the checkout."""
    from urllib.parse import quote

    return quote(file.replace("\\", "/"), safe="/:")


def render_sarif(report: LintReport) -> str:
    return json.dumps(sarif_data(report), ensure_ascii=False, indent=2) + "\n"
