"""Item 2: sources.yaml survives `add` as written (comments, order, flow style, markers), and a
file that would silently hide metadata is a clear error with file and line (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsfacts import metadata
from dsfacts.cli import app
from dsfacts.errors import SourceError
from dsfacts.sources import load_metadata

HAND_WRITTEN = """\
# Metadata, by hand. Do not lose this comment.
---
b.md: {title: Bee, kind: blog}   # flow style, kept
# about a.md
a.md:
  title: "Quoted title"  # a trailing comment
  date: 2024-12-26
  kind: paper
...
"""


def test_add_keeps_comments_order_flow_style_and_markers(kbdir: Path, fake_engine: object) -> None:
    meta = kbdir / "sources" / "sources.yaml"
    meta.write_text(HAND_WRITTEN, encoding="utf-8")
    new = kbdir / "new.md"
    new.write_text("# New Document\n\ndeepseek-v3 total_params 671\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["add", str(new)])
    assert result.exit_code == 0, result.output
    text = meta.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN.removesuffix("...\n"))  # every byte before the new entry
    assert text.rstrip().endswith("...")
    assert "new-document.md:\n  title: New Document\n" in text
    assert set(load_metadata(kbdir / "sources")) == {"a.md", "b.md", "new-document.md"}


def test_remove_keeps_the_other_entries_as_written(kbdir: Path, fake_engine: object) -> None:
    meta = kbdir / "sources" / "sources.yaml"
    meta.write_text(HAND_WRITTEN, encoding="utf-8")
    assert CliRunner().invoke(app, ["remove", "a"]).exit_code == 0
    text = meta.read_text(encoding="utf-8")
    assert text.startswith("# Metadata, by hand. Do not lose this comment.\n---\n")
    assert "b.md: {title: Bee, kind: blog}   # flow style, kept\n" in text
    assert "a.md:" not in text and text.rstrip().endswith("...")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a.md:\n  title: One\nb.md:\n  title: B\na.md:\n  title: Two\n", 5, "written twice"),
        ("a.md:\n  title: One\n  title: Two\n", 3, "written twice"),
        ("a.md:\n  title: [not, a, title]\n", 2, "single value"),
        ("a.md: just a string\n", 1, "should be a mapping"),
        ("a.md:\n  title: x\n  extra:\n    deeper:\n      deepest: [1]\n", 5, "nested"),
        ("a.md: " + "[" * 5000 + "\n", 1, "nested"),
        ("a.md:\n  title: [unclosed\n", 3, "not valid YAML"),
    ],
)
def test_bad_metadata_names_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "sources.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_metadata(tmp_path)
    message = str(caught.value)
    assert f"sources.yaml:{line}:" in message and words in message


def test_bad_metadata_is_exit_2_without_traceback(kbdir: Path, fake_engine: object) -> None:
    (kbdir / "sources" / "sources.yaml").write_text("a.md:\n  title: A\na.md:\n  title: B\n")
    (kbdir / "new.md").write_text("# X\n\ndeepseek-v3 total_params 1\n")
    result = CliRunner().invoke(app, ["add", str(kbdir / "new.md")])
    assert result.exit_code == 2
    assert "sources.yaml:3:" in result.output and "Traceback" not in result.output
    assert not (kbdir / "sources" / "x.md").exists()  # nothing half-added


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}\.md", fullmatch=True),
        st.dictionaries(st.sampled_from(["title", "author", "url", "kind"]), _text, min_size=1),
        min_size=1,
        max_size=4,
    )
)
def test_entries_round_trip_and_the_old_text_stays(entries: dict[str, dict[str, str]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "sources.yaml"
        path.write_text(HAND_WRITTEN, encoding="utf-8")
        fresh = {k: v for k, v in entries.items() if k not in ("a.md", "b.md")}
        path.write_text(metadata.with_entries(path, fresh), encoding="utf-8")
        loaded = metadata.load(path)
        for name, fields in fresh.items():
            assert loaded[name] == fields
        assert path.read_text(encoding="utf-8").startswith(HAND_WRITTEN.removesuffix("...\n"))


def test_a_title_yaml_1_1_would_read_as_a_boolean_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"  # hypothesis found "NO": written plain by ruamel, read as False by libyaml
    path.write_text(metadata.with_entries(path, {"a.md": {"title": "NO", "author": "yes", "kind": "on"}}), encoding="utf-8")
    assert metadata.load(path)["a.md"] == {"title": "NO", "author": "yes", "kind": "on"}
