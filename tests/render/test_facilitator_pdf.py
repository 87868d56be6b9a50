"""The bundled facilitator guides, read back: every answer point of every module is printed."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from stress import PROJECT


def _squashed(text: str) -> str:
    """Text without whitespace, hyphens and curly quotes, so line breaks and hyphenation do not matter."""
    for curly, straight in (("“", '"'), ("”", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"[\s\-‐*]", "", text)


@pytest.fixture(scope="module")
def bundled():
    from latsar.model.load import load_curriculum

    return load_curriculum(PROJECT / "curriculum")[0]


def _points(module):
    for chapter in module.chapters:
        yield from (p for group in chapter.exercise_points for p in group)
        for section in chapter.sections:
            for block in section.content:
                if getattr(block, "case", None):
                    yield from (p for group in block.case.answer_points for p in group)


def test_every_bundled_facilitator_guide_prints_all_its_answer_points(bundled) -> None:
    from latsar.render.pdf.handout import facilitator_pdf
    from latsar.render.pdf.theme import make_theme

    theme = make_theme(bundled.programme, "id")
    for module_id in bundled.programme.modules:
        reader = PdfReader(io.BytesIO(facilitator_pdf(bundled, module_id, theme)))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "belum ditulis" not in re.sub(r"\s+", " ", text), module_id
        cover = reader.pages[0]["/Resources"].get("/XObject") or {}
        assert [x.get_object()["/Subtype"] for x in cover.values()] == ["/Image"], module_id  # the emblem
        guide = _squashed(text)
        points = list(_points(bundled.module_by_id[module_id]))
        assert len(points) >= 40, module_id
        for point in points:
            assert _squashed(point) in guide, (module_id, point)
