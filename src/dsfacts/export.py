"""`dsfacts export`: one row per fact for spreadsheets and notebooks (CSV, JSON Lines, Parquet).

Each row holds the fact's preferred value both exactly (JSON) and as people write it, its
status, and how many sources and distinct values stand behind it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from dsfacts.errors import DsfactsError
from dsfacts.models import Claim, Fact

COLUMNS = ("entity", "attribute", "status", "preferred", "preferred_text", "sources", "values", "split")
SUFFIXES = (".csv", ".jsonl", ".parquet")


def fact_row(f: Fact) -> dict[str, Any]:
    from dsfacts.render import human_value

    return {
        "entity": f.entity,
        "attribute": f.attribute,
        "status": f.status,
        "preferred": f.preferred,
        "preferred_text": human_value(f.preferred, f.attribute) if f.preferred is not None else "",
        "sources": len({c.source for g in f.values for c in g.claims}),
        "values": len(f.values),
        "split": getattr(f, "split", None) or "",
    }


def rows(claims: list[Claim]) -> list[dict[str, Any]]:
    from dsfacts.reconcile import reconcile

    return [fact_row(f) for f in sorted(reconcile(claims), key=lambda f: (f.entity, f.attribute))]


def _cell(v: Any) -> Any:
    """A spreadsheet cell: numbers and strings as they are, lists and ranges as JSON."""
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else ("" if v is None else v)


def export_facts(claims: list[Claim], out: Path) -> int:
    """Write the facts to `out` in the format its suffix names; returns the number of rows."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise DsfactsError(f"{out}: export writes {', '.join(SUFFIXES)} files; give a name ending in one of them.")
    data = rows(claims)
    from dsfacts.store import atomic_write_text

    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(r[k]) for k in COLUMNS} for r in data)
        atomic_write_text(out, buf.getvalue())
    elif suffix == ".jsonl":
        atomic_write_text(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data))
    else:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise DsfactsError("writing .parquet needs pyarrow (pip install pyarrow); .csv and .jsonl need nothing.") from None
        table = pa.Table.from_pylist([{k: (json.dumps(r[k]) if k == "preferred" else r[k]) for k in COLUMNS} for r in data])
        pq.write_table(table, str(out))
    return len(data)
