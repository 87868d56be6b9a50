"""The bundled facilitator guides, read back: every answer point of every module is printed."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from pdftext import lines
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


@pytest.fixture(scope="module")
def wog_guide(bundled):
    from latsar.render.pdf.handout import facilitator_pdf
    from latsar.render.pdf.theme import make_theme

    return PdfReader(io.BytesIO(facilitator_pdf(bundled, "wog", make_theme(bundled.programme, "id"))))


def _lettered(outline) -> dict[str, str]:
    """"chapter / Latihan" or "chapter / Studi Kasus: title" -> the letter it is printed under:
    in the handout a case study stands inside a section and takes that section's letter."""
    from latsar.plan.handout import Case

    out = {}
    for chapter in (d for d in outline.divisions if d.heading):
        for section in chapter.sections:
            titles = [f"Studi Kasus: {b.title}" for b in section.blocks if isinstance(b, Case)]
            titles += [section.heading.title] if section.heading.title.startswith(("Latihan", "Studi Kasus")) else []
            out.update({f"{chapter.heading.title} / {title}": section.heading.number for title in titles})
    return out


def test_facilitator_guide_keeps_the_module_s_section_letters(bundled, wog_guide) -> None:
    from latsar.plan.facilitator import facilitator_outline
    from latsar.plan.handout import module_outline
    from latsar.render.pdf.theme import make_theme

    labels = make_theme(bundled.programme, "id").labels
    guide = _lettered(facilitator_outline(bundled, "wog", labels))
    handout = _lettered(module_outline(bundled, "wog", None, labels))
    assert len(guide) >= 4 and guide == {key: handout[key] for key in guide}
    assert set(guide.values()) != {"A."}  # the latihan follows the chapter's sections
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in wog_guide.pages))
    for key, mark in guide.items():
        assert f"{mark} {key.split(' / ')[1]}"[:30] in text, key
    assert "Bab I (Pendahuluan) tidak memuat latihan" in text


def test_facilitator_guide_is_marked_not_for_participants_and_keeps_questions_with_their_points(wog_guide):
    pages = [page.extract_text() for page in wog_guide.pages]
    assert "TIDAK UNTUK PESERTA" in pages[0]
    # every page after the cover, a chapter's opening page too (it has no running head): its foot
    assert all("Tidak untuk peserta" in page for page in pages[1:])
    assert all(len(re.findall("Tidak untuk peserta", page)) >= 2
               for page in pages[1:] if not re.search(r"(?m)^(BAB [IVX]+|PETUNJUK)", page))  # head and foot
    for page in wog_guide.pages:
        body = lines(page)[:-1]  # without the folio
        numbered = [i for i, line in enumerate(body) if re.match(r"\d+\. ", line)]
        if numbered:  # the last question on a page has its first answer point there too
            assert any(line.startswith("a. ") for line in body[numbered[-1]:]), body[numbered[-1]:]


def test_facilitator_guide_runs_its_chapters_on_so_no_page_is_left_mostly_empty(bundled) -> None:
    """A trainer's guide does not open every chapter on a new page: a chapter follows on the page
    before when its opener, its first heading and a few lines fit there, so every page but the
    last of the guide is well filled (in wog, page 2 held one question before Bab III opened)."""
    from pagefill import fills
    from latsar.render.pdf.handout import facilitator_pdf
    from latsar.render.pdf.theme import make_theme

    theme, run_on = make_theme(bundled.programme, "id"), set()
    for module_id in bundled.programme.modules:
        reader = PdfReader(io.BytesIO(facilitator_pdf(bundled, module_id, theme)))
        body = fills(reader, *theme.margins[:2])[2:-1]  # after the cover and the petunjuk page
        assert min(body, default=1.0) >= 0.55, (module_id, [round(f, 2) for f in body])
        pages = [lines(page) for page in reader.pages]
        if any(re.match(r"\d+\. ", line) for page in pages
               for line in page[:next((i for i, line in enumerate(page) if line.startswith("BAB ")), 0)]):
            run_on.add(module_id)  # a chapter opens below a question of the chapter before
    assert "wog" in run_on, run_on
