"""The generated format reference is the committed one, and its examples load cleanly."""

from pathlib import Path

from latsar.model.load import load_curriculum
from latsar.model.reference import reference

PROJECT = Path(__file__).resolve().parents[2]


def test_committed_reference_is_current() -> None:
    committed = (PROJECT / "docs" / "curriculum-format.md").read_text(encoding="utf-8")
    assert committed == reference(), "run: python -m latsar.model.reference > docs/curriculum-format.md"


def test_reference_documents_every_key() -> None:
    text = reference()
    for key in ("`objectives`", "`citations`", "`pin_options`", "`rules`", "`pass_mark`", "`waive`"):
        assert key in text


def test_examples_in_reference_load_cleanly() -> None:
    curriculum, warnings = load_curriculum(PROJECT / "tests" / "fixtures" / "mini" / "curriculum")
    assert [m.id for m in curriculum.modules] == ["mini"]
    assert warnings == []
