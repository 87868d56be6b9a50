"""Drawings recorded once and replayed into other documents (latsar.render.pdf.quiz.replay):
read back with pypdf, they say what was recorded whatever the document drew before them."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from latsar.render.pdf.quiz.common import quiz_styles
from latsar.render.pdf.quiz.replay import Placed, Recorder, Replayed

WORDS = "Kebijakan “e-government” — ½ anggaran; naïve café … ±5 %"
OTHER = "Zona integritas: ‘WBK’ – ©2026 · § 3 «hari» è"


def recorder(theme) -> Recorder:
    quiz_styles(theme)  # registers the fonts
    names = list(dict.fromkeys(theme.body_font.names + theme.heading_font.names))
    return Recorder(theme.page_size, names, theme.body_font.regular, theme.body_size, theme.leading)


def snapshot(rec: Recorder) -> list:
    """Every code the recorder's fonts have given."""
    states = [rec._state(name) for name in rec._fonts.values()]
    return [(s.nextCode, dict(s.assignments), [list(subset) for subset in s.subsets]) for s in states]


def replayed(rec: Recorder, theme, text: str, bullet: str | None = None) -> Replayed:
    style = quiz_styles(theme)["q-stem"]
    drawn = rec.record(Paragraph(f"<b>{text[:9]}</b><i>{text[9:20]}</i>{text[20:]}", style, bulletText=bullet),
                       300, 700)
    placed = [Placed(0, 0, drawn)]
    if bullet:
        placed.insert(0, Placed(0, drawn.height - drawn.baseline, rec.record_bullet(bullet, style)))
    return Replayed(placed, drawn.height, 0)


def pdf_text(rec: Recorder, theme, block: Replayed, before: str) -> str:
    """A document that first draws `before` itself (with the recorder's fonts), then the block."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    rec.seed(canvas._doc, block.fonts())
    canvas.setFont(theme.body_font.bold, 10)
    canvas.drawString(50, 800, before)
    block.wrap(300, 700)
    block.drawOn(canvas, 50, 500)
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()


def test_replayed_text_reads_back_whatever_the_document_drew_first(theme):
    rec = recorder(theme)
    block = replayed(rec, theme, WORDS, "7.")
    rec.seal()
    assert len(block.fonts()) == 3  # bold, italic, regular
    for before in (OTHER, OTHER[::-1], WORDS[::-1]):
        text = pdf_text(rec, theme, block, before)
        assert before in text
        assert "7." in text and text.index("7.") < text.index(WORDS[:9])
        assert WORDS.replace(" ", "") in text.replace(" ", "").replace("\n", "")


def test_text_recorded_after_sealing_is_kept_only_in_known_characters(theme):
    """After sealing, a drawing that needs a new character is drawn anew each time instead,
    and the codes documents are seeded with stay as they were."""
    rec = recorder(theme)
    with pytest.raises(RuntimeError, match="not sealed"):
        rec.seed(Canvas(io.BytesIO())._doc, [])
    first = replayed(rec, theme, WORDS)
    rec.seal()
    codes = snapshot(rec)
    again = replayed(rec, theme, WORDS)  # drawn again after sealing: no new character
    assert again.placed[0].drawn.code is not None
    new = replayed(rec, theme, OTHER)
    assert new.placed[0].drawn.code is None and new.placed[0].drawn.flowable is not None
    assert snapshot(rec) == codes
    for block, words in ((first, WORDS), (new, OTHER)):
        assert words.replace(" ", "") in pdf_text(rec, theme, block, "").replace(" ", "").replace("\n", "")


def test_text_sure_to_need_a_new_character_is_not_drawn_to_find_out(theme, monkeypatch):
    """After sealing, a paragraph with a character its font has no code for, or in a font the
    recorder does not name, is left to be drawn anew without being drawn in the recorder first."""
    rec = recorder(theme)
    replayed(rec, theme, WORDS)
    rec.seal()
    drawings = []
    monkeypatch.setattr(rec, "_drawn", lambda draw: drawings.append(draw) or Recorder._drawn(rec, draw))
    for text, style in ((OTHER, quiz_styles(theme)["q-stem"]), ("ASCII", ParagraphStyle("x", fontName="Helvetica"))):
        drawn = rec.record(Paragraph(text, style), 300, 700)
        assert drawn.code is None and drawn.flowable is not None and drawn.height > 0
    assert drawings == []
    assert replayed(rec, theme, WORDS).placed[0].drawn.code is not None and len(drawings) == 1  # known: drawn


def long_stem_booklet(bank, plan, theme, stem: str) -> bytes:
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.booklet import booklet_jobs, booklet_pdf

    job = booklet_jobs(quiz_docs(bank, plan, theme.labels))[0]
    item_id = job.booklet.version.items[1].item_id
    texts = {**job.texts, item_id: dataclasses.replace(job.texts[item_id], stem=stem)}
    return booklet_pdf(dataclasses.replace(job, texts=texts), theme)


def test_a_question_taller_than_a_page_runs_on_between_its_paragraphs(bank, plan, theme):
    lines = [f"Baris ke-{n} dari pokok soal yang panjang." for n in range(1, 61)]
    reader = PdfReader(io.BytesIO(long_stem_booklet(bank, plan, theme, "\n\n".join(lines))))
    text = "".join(page.extract_text() for page in reader.pages)
    positions = [text.index(line) for line in lines]
    assert positions == sorted(positions)
    assert sum(lines[0] in p.extract_text() or lines[-1] in p.extract_text() for p in reader.pages) == 2


def test_a_paragraph_taller_than_a_page_is_a_layout_error_naming_its_item(bank, plan, theme):
    from reportlab.platypus.doctemplate import LayoutError

    with pytest.raises(LayoutError, match=r"<Replayed [\w-]+: tallest row \d+"):
        long_stem_booklet(bank, plan, theme, "Kalimat yang diulang-ulang sampai panjang sekali. " * 400)
