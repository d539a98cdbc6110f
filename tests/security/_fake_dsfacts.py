"""`python _fake_dsfacts.py ARGS…`: the dsfacts CLI with the stand-in engine of tests/conftest.py.

For tests that need real separate processes (locking) but not the real extractor's start-up time.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for conftest

import dsfacts.extract  # noqa: E402
from conftest import fake_extract_document  # noqa: E402

engine = types.ModuleType("dsfacts.extract.engine")
engine.extract_document = fake_extract_document  # type: ignore[attr-defined]
sys.modules["dsfacts.extract.engine"] = engine
dsfacts.extract.engine = engine  # type: ignore[attr-defined]

from dsfacts.cli import app  # noqa: E402

if __name__ == "__main__":
    app(sys.argv[1:], prog_name="dsfacts")
