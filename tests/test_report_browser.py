"""The report in a real browser: headless Chromium parses the page, and its screenshot is not blank.

Runs on a copy of the bundled knowledge base (sources/ and the committed claims.jsonl, never
re-extracted). Skipped, with the reason, only when no Chromium is installed: `.ci/run` installs
Debian's `chromium` where it can.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsfacts import reconcile as rc
from dsfacts import store
from dsfacts.cli import app
from dsfacts.report import write_report
from pngcolours import distinct_colours
from test_report import CLAIMS, HOSTILE, META, Dom, make_kb

ROOT = Path(__file__).resolve().parents[1]
BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
NO_BROWSER = "headless Chromium is not installed (apt-get install chromium): the report's browser tests did not run"
pytestmark = pytest.mark.skipif(BROWSER is None, reason=NO_BROWSER)
if BROWSER is None:  # a skip alone hides in the counts; a warning shows in every run's summary
    warnings.warn(NO_BROWSER, stacklevel=1)


def chromium(tmp_path: Path, page: Path, *args: str) -> str:
    profile = tmp_path / "chromium-profile"  # its own profile: no lock shared with other runs
    command = [
        str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        f"--user-data-dir={profile}", *args, page.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the bundled base and its report."""
    base = tmp_path_factory.mktemp("bundled")
    shutil.copytree(ROOT / "sources", base / "sources")
    shutil.copy(ROOT / "claims.jsonl", base / "claims.jsonl")
    out = base / "out.html"
    result = CliRunner().invoke(
        app, ["report", str(out), "--sources", str(base / "sources"), "--claims", str(base / "claims.jsonl")]
    )
    assert result.exit_code == 0, result.output
    return base, out


def test_dom_has_cards_timeline_and_the_v3_release_date(bundled: tuple[Path, Path], tmp_path: Path) -> None:
    base, out = bundled
    dom_html = chromium(tmp_path, out, "--dump-dom")
    dom = Dom(dom_html)
    claims = store.read_claims(base / "claims.jsonl")
    cards = {a.get("id") for tag, a in dom.tags if tag == "article" and "card" in (a.get("class") or "").split()}
    assert cards == {c.entity for c in claims}  # a card for every entity with claims, and only those
    assert any(tag == "svg" and a.get("class") == "tl" for tag, a in dom.tags)
    marks = [a.get("href") for tag, a in dom.tags if tag == "a" and a.get("class") == "tl-mark"]
    assert marks and all(h and h[1:] in dom.ids for h in marks)

    v3 = [f for f in rc.reconcile(claims) if (f.entity, f.attribute) == ("deepseek-v3", "release_date")]
    assert v3, "the bundled sources state DeepSeek-V3's release date"
    assert "deepseek-v3-release_date" in dom.ids
    assert "#deepseek-v3-release_date" in marks
    row = dom_html[dom_html.index('id="deepseek-v3-release_date"') :]
    row = row[: row.index("</tr>")]
    for group in v3[0].values:  # every stated value, in the card's row
        assert str(group.value) in row

    internal = {h[1:] for h in dom.links if h.startswith("#")}
    assert internal <= dom.ids, sorted(internal - dom.ids)[:10]  # every anchor resolves


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshot_is_not_blank(bundled: tuple[Path, Path], tmp_path: Path, width: int) -> None:
    _, out = bundled
    shot = tmp_path / f"report-{width}.png"
    chromium(tmp_path, out, f"--window-size={width},1400", f"--screenshot={shot}")
    assert distinct_colours(shot) > 200  # text, badges, the timeline's colours: far from blank


def test_blank_page_counts_as_blank(tmp_path: Path) -> None:
    """The measure itself: an empty page must not pass as a rendered report."""
    page = tmp_path / "blank.html"
    page.write_text("<!doctype html><title>x</title><body style='background:#fff'></body>", encoding="utf-8")
    shot = tmp_path / "blank.png"
    chromium(tmp_path, page, "--window-size=400,300", f"--screenshot={shot}")
    assert distinct_colours(shot) <= 2


def test_markup_in_a_quote_is_text_in_the_browser(tmp_path: Path) -> None:
    claims = [c.model_copy(update={"quote": f"V3 {HOSTILE} 671B"}) if c.attribute == "total_params" else c
              for c in CLAIMS]  # fmt: skip
    page = tmp_path / "hostile.html"
    write_report(make_kb(tmp_path, claims, META), page)
    dom = Dom(chromium(tmp_path, page, "--dump-dom"))
    assert not [t for t, _ in dom.tags if t in ("script", "img")]  # the browser built no element from it
    assert f"V3 {HOSTILE} 671B" in "".join(dom.text)  # and shows it, character for character
