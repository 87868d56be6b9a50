"""Shared fixtures: a clean mini curriculum copied into a temporary folder per test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Messages are asserted in English (the language of the code); tests of the Indonesian catalogue
# switch per test. Set before latsar is imported: the language is read once, at import.
os.environ["LATSAR_LANG"] = "en"

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of tests/fixtures/mini; the working directory is its parent, so messages
    show paths such as `curriculum/modules/mini.yaml`."""
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "curriculum"
