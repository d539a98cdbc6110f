"""Item 3a: front matter from untrusted documents cannot crash, exhaust memory or hang the reader."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from dsfacts import safeyaml
from dsfacts.sources import read_text_document


def alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append(f"title: *{chr(96 + levels)}")
    return "---\n" + "\n".join(lines) + "\n---\n# Body\n\nDeepSeek-V3 has 671B parameters.\n"


def test_alias_bomb_is_refused_in_little_time_and_memory() -> None:
    tracemalloc.start()
    t0 = time.perf_counter()
    doc = read_text_document(alias_bomb().encode(), "bomb.md")
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc.meta == {}
    assert doc.body.startswith("# Body")  # the hostile header is neither metadata nor content
    assert elapsed < 1 and peak < 20_000_000


def test_thirty_thousand_brackets_do_not_kill_the_process() -> None:
    # run in a child: if libyaml ever saw this text again, the crash must not take pytest with it
    code = (
        "from dsfacts.sources import read_text_document\n"
        "doc = read_text_document(('---\\ntitle: ' + '[' * 30000 + '\\n---\\nbody\\n').encode(), 'x.md')\n"
        "print(doc.meta, repr(doc.body))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "{} 'body\\n'"


def test_ordinary_front_matter_is_still_read() -> None:
    doc = read_text_document(b"---\ntitle: A & B *notes*\ndate: 2024-12-26\ntags: [a, b]\n---\nx\n", "a.md")
    assert doc.meta["title"] == "A & B *notes*" and doc.meta["tags"] == ["a", "b"]
    doc = read_text_document(b"---\nbase: &b {kind: blog}\nother: *b\n---\nx\n", "a.md")
    assert doc.meta["other"] == {"kind": "blog"}  # a few aliases are legitimate


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="[]{}&*:-,\n abc'\"!<>|#", max_size=300))
def test_any_front_matter_gives_a_dict_and_a_body(header: str) -> None:
    doc = read_text_document(f"---\n{header}\n---\nbody\n".encode(), "h.md")
    assert isinstance(doc.meta, dict)
    assert doc.text.endswith("body\n")


@settings(max_examples=50, deadline=None)
@given(st.integers(safeyaml.MAX_DEPTH + 1, 3000), st.sampled_from(["[", "{a: ", "- "]))
def test_deep_nesting_is_refused_not_a_recursion_error(depth: int, opener: str) -> None:
    text = "x: " + opener * depth if opener != "- " else "\n".join(" " * i + "- " for i in range(depth))
    try:
        safeyaml.load(text)
    except safeyaml.UnsafeYAMLError:
        return
    except Exception as e:  # noqa: BLE001 - a parse error is fine too, just never a crash
        assert not isinstance(e, RecursionError)
