"""The facilitator guide's outline: every latihan and case-study question with its answer points."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))

from synthetic import make_curriculum  # noqa: E402

from latsar.labels import labels_for  # noqa: E402
from latsar.model.load import load_curriculum  # noqa: E402
from latsar.model.schema import CaseBlock  # noqa: E402
from latsar.plan.facilitator import facilitator_outline  # noqa: E402

ID = labels_for("id")
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled():
    return load_curriculum(PROJECT / "curriculum")[0]


def _entries(outline):
    """Every question entry of the guide's chapters, in order."""
    return [entry for division in outline.divisions if division.matter == "body"
            for section in division.sections for block in section.blocks for entry in block.entries]


def _questions(module):
    for chapter in module.chapters:
        yield from chapter.exercises
        for section in chapter.sections:
            for block in section.content:
                if isinstance(block, CaseBlock):
                    yield from block.case.questions


def test_every_bundled_module_answers_every_latihan_and_case_question(bundled) -> None:
    assert len(bundled.programme.modules) == 6
    for module_id in bundled.programme.modules:
        module = bundled.module_by_id[module_id]
        entries = _entries(facilitator_outline(bundled, module_id, ID))
        assert len(entries) == len(list(_questions(module))) >= 10, module_id
        for entry in entries:
            assert ID["facilitator_no_points"] not in entry.children, (module_id, entry.text)
            assert 3 <= len(entry.children) <= 5, (module_id, entry.text)
            assert all(len(point) >= 20 and point.rstrip()[-1] in '.?!"”)' for point in entry.children), entry.children


def test_a_question_without_points_is_marked_unwritten_in_the_guide(tmp_path) -> None:
    curriculum = make_curriculum(tmp_path)
    module_id = curriculum.programme.modules[0]
    entries = _entries(facilitator_outline(curriculum, module_id, ID))
    assert entries and all(entry.children == (ID["facilitator_no_points"],) for entry in entries)
