"""The bundled curriculum rendered for real: every module handout and the book build and read back."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pdftext import contents_entries

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled():
    from latsar.model.load import load_curriculum
    from latsar.plan.quiz import plan_quiz

    curriculum, _ = load_curriculum(PROJECT / "curriculum")
    plans = {b.id: plan_quiz(curriculum, b) for b in curriculum.blueprints if b.id.startswith("evaluasi-")}
    return curriculum, plans


@pytest.fixture(scope="module")
def theme(bundled):
    from latsar.render.pdf.theme import make_theme

    return make_theme(bundled[0].programme, bundled[0].programme.language)


@pytest.fixture(scope="module")
def handouts(bundled, theme) -> dict[str, bytes]:
    """Every module's handout, each made alone."""
    from latsar.render.pdf.handout import module_pdf

    curriculum, plans = bundled
    return {module_id: module_pdf(curriculum, module_id, plans.get(f"evaluasi-{module_id}"), theme)
            for module_id in curriculum.programme.modules}


@pytest.fixture(scope="module")
def book(bundled, theme) -> bytes:
    from latsar.render.pdf.handout import book_pdf

    curriculum, plans = bundled
    return book_pdf(curriculum, plans, theme)


def _text(reader: PdfReader) -> str:
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", re.sub(r"(\w)-\n(\w)", r"\1\2", text))


def _images(page) -> int:
    objects = page["/Resources"].get("/XObject") or {}
    return sum(x.get_object()["/Subtype"] == "/Image" for x in objects.values())


def test_every_module_handout(bundled, handouts):
    curriculum, _ = bundled
    for module_id in curriculum.programme.modules:
        module = curriculum.module_by_id[module_id]
        reader = PdfReader(io.BytesIO(handouts[module_id]))
        text = _text(reader)
        squashed = re.sub(r"[\s-]+", "", text)  # a compound broken after its hyphen loses it in _text
        for objective in module.objectives:
            assert re.sub(r"[\s-]+", "", objective.text) in squashed, (module_id, objective.id)
        first = next(i for i, p in enumerate(reader.pages) if p.extract_text().lstrip().startswith("DAFTAR ISI"))
        entries = contents_entries(reader, first, reader.page_labels.index("1") - 1)
        assert len(entries) >= 3 + 7 * len(module.chapters)
        assert all(page in reader.page_labels for _, page in entries)
        assert [_images(reader.pages[i]) for i in (0, 1)] == [1, 1], module_id  # the emblem: cover, title page
        assert _images(reader.pages[reader.page_labels.index("1")]) == 0, module_id


def test_the_book(bundled, book):
    curriculum, _ = bundled
    reader = PdfReader(io.BytesIO(book))
    text = _text(reader)
    for number, module_id in enumerate(curriculum.programme.modules, start=1):
        assert f"MODUL {number}" in text
    assert reader.metadata.author == curriculum.programme.institution


def test_the_book_after_the_handouts_is_the_same(bundled, theme, handouts, book):
    """The build makes the handouts and then the book in one process, the book taking the lines
    and the tighter parts the handouts found (LayoutMemo): the same bytes as each made alone."""
    from latsar.render.pdf.handout import book_pdf, module_pdf
    from latsar.render.pdf.memo import LayoutMemo

    curriculum, plans = bundled
    memo = LayoutMemo(theme)
    for module_id in curriculum.programme.modules:
        assert module_pdf(curriculum, module_id, plans.get(f"evaluasi-{module_id}"), theme, memo) == handouts[module_id]
    lines, parsed = len(memo.lines), len(memo.parsed)
    assert any(memo.short_tails.values())  # the book has parts it sets tighter at once
    assert book_pdf(curriculum, plans, theme, memo) == book
    assert len(memo.lines) < lines * 1.2  # the book broke few lines of its own
    assert len(memo.parsed) < parsed * 1.2  # and parsed few paragraphs of its own


def test_hyphenated_compounds_keep_their_hyphen(bundled, handouts):
    """reportlab 5.1 once printed "alih-alih" as "alihalih" in a list item (see theme.hyphenator)."""
    curriculum, _ = bundled
    compounds = 0
    for module_id in curriculum.programme.modules:
        source = (PROJECT / "curriculum" / "modules" / f"{module_id}.yaml").read_text(encoding="utf-8")
        words = set(re.findall(r"\b([a-z]{3,})-([a-z]{3,})\b", source))
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handouts[module_id])).pages).replace("-\n", "-")
        for head, tail in words:
            compounds += 1
            assert not re.search(rf"\b{head}{tail}\b", text) or f"{head}-{tail}" in text, (module_id, head, tail)
    assert compounds > 5


def test_a_layout_set_again_is_measured_not_written(bundled, theme, monkeypatch):
    """Melayani sets some chapters tighter after a first layout: that layout is only measured,
    so the PDF is written once, and from the first part found short on, not even drawn (the
    build's bytes did not change with either: checked by sha256)."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from latsar.render.pdf import handout

    curriculum, plans = bundled
    layouts, saves = [], []
    render, save, draw = handout._render, Canvas.save, Paragraph.drawPara

    def counted(*args, **kwargs):
        layouts.append(0)
        return render(*args, **kwargs)

    def drawn(para, *args, **kwargs):
        layouts[-1] += 1
        return draw(para, *args, **kwargs)

    monkeypatch.setattr(handout, "_render", counted)
    monkeypatch.setattr(Canvas, "save", lambda canvas: saves.append(1) or save(canvas))
    monkeypatch.setattr(Paragraph, "drawPara", drawn)
    pdf = handout.module_pdf(curriculum, "melayani", plans["evaluasi-melayani"], theme)
    assert len(layouts) == 2 and len(saves) == 1
    assert 0 < layouts[0] < layouts[1] * 0.6  # chapters 1-6 of 15 parts drawn, then only measured
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages) > 25


def test_a_running_head_is_set_once_per_document(bundled, theme, monkeypatch):
    """The running head is drawn on every page of its part from one paragraph laid out once
    (it was parsed and wrapped again on each page)."""
    from reportlab.platypus import Paragraph

    from latsar.render.pdf import handout, pages

    curriculum, plans = bundled
    made = []
    monkeypatch.setattr(pages, "Paragraph", lambda *args, **kwargs: made.append(args[0]) or Paragraph(*args, **kwargs))
    pdf = handout.module_pdf(curriculum, "wog", plans["evaluasi-wog"], theme)
    reader = PdfReader(io.BytesIO(pdf))
    assert made and len(made) == len(set(made))  # one paragraph per running head (the module's title)
    assert len(reader.pages) > 10 * len(made)  # drawn on many more pages than that
