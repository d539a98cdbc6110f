"""Tables that never break: a rich Table where it fits the terminal, a list of records where not.

A table squeezed below its natural width wraps every cell into a column of single letters; a
narrow terminal reads better as one record per entry, its first cell as the title.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text


def _text(cell: RenderableType) -> Text:
    if isinstance(cell, Text):
        return cell.copy()
    return Text(str(cell))


def fits(console: Console, table: Table) -> bool:
    unbounded = console.options.update(width=100_000)  # a measurement is clamped to the width it is given
    return console.measure(table, options=unbounded).maximum <= console.width


def print_table(console: Console, table: Table) -> None:
    """The table as it is when it fits; otherwise each row as 'first cell' + 'header: cell' lines."""
    if fits(console, table):
        console.print(table)
        return
    headers = [str(c.header) for c in table.columns]
    cells = [list(c.cells) for c in table.columns]
    for r in range(table.row_count):
        row = [col[r] if r < len(col) else "" for col in cells]
        title = _text(row[0])
        title.stylize("bold")
        console.print(title)
        rest = Text()
        for header, cell in zip(headers[1:], row[1:], strict=True):
            value = _text(cell)
            if not value.plain.strip():
                continue
            if rest.plain:
                rest.append(" · ", style="dim")
            rest.append(f"{header} ", style="dim")
            rest.append_text(value)
        if rest.plain:
            console.print(Padding(rest, (0, 0, 0, 2), expand=False))
