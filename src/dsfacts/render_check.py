"""How `check` reads for people: findings grouped by draft, values as writers write them.

Displays, never decides: every verdict and message comes from check.py and drafts.py. Long
messages and quotes wrap under their own indent, so the report fits any terminal width.
The machine formats (json, line, github, sarif) are in formats.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, NewLine, RenderableType, RenderResult
from rich.text import Text

from dsfacts.drafts import LintReport
from dsfacts.models import Finding
from dsfacts.render import human_value
from dsfacts.render_safe import clean

STYLE = {"supported": "green", "contradicted": "bold red", "disputed": "yellow", "unverified": "blue"}
QUOTE_MAX = 160


class _indented:
    """Text wrapped to the terminal under its own indent (a hanging indent for the head line),
    without the trailing spaces a Padding would add."""

    def __init__(self, text: Text, indent: int, rest: int | None = None) -> None:
        self.text, self.indent, self.rest = text, indent, indent if rest is None else rest

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(console, options.max_width):
            yield from _line(console, options, line)

    def lines(self, console: Console, max_width: int) -> Iterator[Text]:
        first_width = max(20, max_width - self.indent)
        plain = self.text.plain
        if _fits(plain, first_width):  # what wrap would give, without wrapping
            yield Text(" " * self.indent) + _rstripped(self.text.copy())
            return
        lines = list(self.text.wrap(console, first_width))
        if not lines:
            return
        first = lines[0]
        rest = self.text[len(first.plain) :]  # wrapping keeps the first line a prefix of the text
        yield Text(" " * self.indent) + _rstripped(first)
        if rest.plain.strip():
            lstripped = rest[len(rest.plain) - len(rest.plain.lstrip()) :]
            for line in lstripped.wrap(console, max(20, max_width - self.rest)):
                yield Text(" " * self.rest) + _rstripped(line)


def _fits(plain: str, width: int) -> bool:
    """Would rich's wrap leave this text whole? (one line, no tabs, within the width)"""
    return "\n" not in plain and "\t" not in plain and cell_len(plain) <= width


def _line(console: Console, options: ConsoleOptions, line: Text) -> RenderResult:
    """One line's segments, as printing the Text would give them once its wrap found nothing to
    break: wrapping every line a second time was a third of a long report's time."""
    if not _fits(line.plain, options.max_width):
        yield line
        return
    yield from Text("\n").join([line]).render(console, end=line.end)


def _plain_text(console: Console, items: list[RenderableType]) -> str | None:
    """What printing `items` would write on a console without colour or style (a pipe, NO_COLOR),
    made without rich's rendering (half of a long report's time); None: let rich print them.
    Only where no line can be cropped or wrapped again: every line already fits the width."""
    if console.color_system is not None or console.width < 42:  # indents up to 22 + 20 columns
        return None
    width = console.width
    out: list[str] = []
    for item in items:
        if isinstance(item, NewLine):
            out.append("\n")
            continue
        if isinstance(item, _indented) and _fits(item.text.plain, width - item.indent):
            lines = [" " * item.indent + item.text.plain.rstrip()]  # as lines() gives it, without Text objects
        elif isinstance(item, (Text, _indented)):
            lines = [item.plain] if isinstance(item, Text) else [line.plain for line in item.lines(console, width)]
        else:
            return None
        if not all(_fits(line, width) for line in lines):
            return None
        out.extend(line + "\n" for line in lines)
    return "".join(out)


def _rstripped(line: Text) -> Text:
    line.rstrip()
    return line


def _quote(s: str) -> str:
    s = " ".join(clean(s).split())  # drafts and sources may hold markup, escapes, bidi controls: shown, not obeyed
    return s if len(s) <= QUOTE_MAX else s[: QUOTE_MAX - 1] + "…"


SOURCES_SHOWN = 5


def _finding(f: Finding) -> Iterator[RenderableType]:
    head = Text()
    head.append(f"{f.line}:{f.column}".ljust(7), style="dim")
    head.append(f.verdict.ljust(13), style=STYLE[f.verdict])
    head.append(f"{f.entity} {f.attribute.replace('_', ' ')} ")
    head.append(human_value(f.value, f.attribute), style="bold")
    if f.verdict != "supported" and f.expected is not None and f.expected != f.value:
        head.append(f" (expected {human_value(f.expected, f.attribute)})")
    yield _indented(head, 2, 22)
    if f.verdict == "supported":
        return
    yield _indented(Text(f"“{_quote(f.text)}”", style="dim"), 9)
    if f.message:
        yield _indented(Text(clean(f.message)), 9)
    for s in f.sources[:SOURCES_SHOWN]:
        line = Text()
        line.append(f"{clean(s.source)}:{s.line}", style="cyan")
        line.append(f"  “{_quote(s.quote)}”")
        yield _indented(line, 11)
    if len(f.sources) > SOURCES_SHOWN:  # at scale a value has thousands of sources: JSON lists them all
        yield _indented(Text(f"… {len(f.sources) - SOURCES_SHOWN:,} more (--json lists them)", style="dim"), 11)


def _note(line: int, column: int, word: str, text: str) -> Text:
    t = Text()
    t.append(f"{line}:{column}".ljust(7), style="dim")
    t.append(word.ljust(13), style="magenta")
    t.append(text)
    return t


def render_text(
    report: LintReport, console: Console, *, verbose: bool = False, quiet: bool = False, unused_ignores: bool = False
) -> None:
    """Per draft: findings in line order (problems with their evidence), then the summary line.

    quiet: problems only, no summary. verbose: also every sentence that went unchecked.
    """
    for result in report.results:
        shown = [f for f in result.findings if not quiet or f.verdict != "supported"]
        unchecked = result.unchecked if verbose and not quiet else []
        unused = result.unused_ignores if unused_ignores else []
        if not (shown or unchecked or unused):
            continue
        out: list[RenderableType] = [Text(clean(result.file), style="bold underline")]
        entries: list[tuple[int, int, Finding | Text]] = [(f.line, f.column, f) for f in shown]
        for u in unchecked:
            entries.append((u.line, u.column, _note(u.line, u.column, "unchecked", f"“{_quote(u.text)}”")))
        for ig in unused:
            entries.append((ig.line, 1, _note(ig.line, 1, "unused", f"<!-- {ig.kind} --> silences nothing")))
        for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1])):  # one reading order: the draft's
            if isinstance(entry, Finding):
                out.extend(_finding(entry))
            else:
                out.append(_indented(entry, 2, 22))
        out.append(NewLine())
        text = _plain_text(console, out)
        if text is not None:
            console.out(text, end="", highlight=False)
        else:
            console.print(Group(*out))  # one print per draft: rich's per-call set-up was half the time
    if quiet:
        return
    summary = report.summary(unused=unused_ignores)
    if report.unchecked and not verbose:
        summary += " (-v lists them)"
    console.print(Text(summary, style="bold"))
