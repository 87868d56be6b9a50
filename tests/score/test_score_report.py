"""The report PDF: its content (decided without reportlab), its text read back, determinism, and
a PNG preview of the first page (docs/previews/score-report.png, refreshed with
LATSAR_UPDATE_PREVIEWS=1 and reviewed by a person)."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from latsar.score.command import render_report, score
from latsar.score.report import ROLES, build_report

from score_sheets import random_sheets, template_rows, write_csv

PREVIEW = Path(__file__).resolve().parents[2] / "docs" / "previews" / "score-report.png"
PREVIEW_WIDTH = 600


@pytest.fixture(scope="module")
def outcome(bundled, post_key, tmp_path_factory):
    sheets = random_sheets(post_key, 36, seed=4)
    rows = template_rows(post_key, sheets) + [["P-999", "Tamu", "Z", *["A"] * 30]]
    path = write_csv(tmp_path_factory.mktemp("report") / "jawaban.csv", rows)
    pre = path.parent / "pre.csv"
    pre.write_text("participant,percent\r\n" + "".join(f"{s.participant},{30 + n}\r\n" for n, s in enumerate(sheets)),
                   encoding="utf-8")
    return score(bundled, "post-test", [path], None, "Angkatan XII", pre)


@pytest.fixture(scope="module")
def pdf(bundled, outcome) -> bytes:
    return render_report(bundled, build_report(bundled, outcome))


def test_the_report_content(bundled, outcome):
    report = build_report(bundled, outcome)
    assert report.title == "Laporan Hasil dan Analisis Butir Soal"
    assert report.summary[0] == ("Baris dibaca / dinilai / ditolak", "37 / 36 / 1")
    assert sum(count for _, count in report.histogram) == 36
    assert [t.title for t in report.tables] == ["Analisis Butir", "Penguasaan per Tujuan Pembelajaran",
                                                "Per Level Kognitif", "Peningkatan (Pre-test ke Post-test)",
                                                "Baris yang Ditolak"]
    items = report.tables[0]
    assert [row.cells[1] for row in items.rows] == list(outcome.key.master)
    assert {row.action for row in items.rows} <= {"keep", "revise", "drop"}
    assert len(report.points) == 30


def test_tables_and_details_are_named_not_positional(bundled, outcome):
    report = build_report(bundled, outcome)
    assert [t.kind for t in report.tables] == ["items", "objectives", "levels", "gain", "rejected"]
    for table in report.tables:
        assert tuple(c.role for c in table.columns) == ROLES[table.kind]
        assert all(len(row.cells) == len(table.columns) for row in table.rows)
    assert (report.programme, report.institution) == (bundled.programme.title, bundled.programme.institution)
    assert report.details == (report.programme, report.institution, "Angkatan XII", report.date.isoformat())


def test_every_table_kind_has_a_width_for_each_of_its_roles():
    from latsar.render.pdf.score_report import FITTED, LAYOUTS, WIDTHS

    for kind, roles in ROLES.items():
        layout = LAYOUTS.get(kind, kind)
        assert tuple(WIDTHS[layout]) == roles, kind
        assert sum(WIDTHS[layout].values()) == pytest.approx(1), kind
        assert set(FITTED.get(layout, ())) <= set(roles), kind


def test_the_pdf_names_its_author_and_subject(pdf, bundled):
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert (info.author, info.subject) == (bundled.programme.institution, bundled.programme.title)


def _words(report) -> str:
    """Every fixed phrase the report prints, beside names and ids."""
    cells = [cell for table in report.tables for row in table.rows for cell in row.cells]
    return "\n".join([*cells, *(t.note for t in report.tables), *(l for l, _ in report.summary), *report.methods])


# Phrases of the English flags, reasons and methods that must not reach an Indonesian report.
ENGLISH = ("negative", "low discrimination", "low point-biserial", "distractor", "chosen by", "gave no answer",
           "not dropped", "unknown version", "difficulty", "discrimination D", "population variance")


def test_flags_reasons_and_methods_follow_the_report_language(bundled, outcome):
    text = _words(build_report(bundled, outcome))
    assert not [phrase for phrase in ENGLISH if phrase in text]
    for phrase in ("daya pembeda rendah: D = ", "pengecoh ", "kode paket 'Z' tidak dikenal: kuis 'post-test'",
                   "Tingkat kesukaran (p): kategori menurut Arikunto",
                   "Kelompok atas dan bawah: masing-masing 27% peserta"):
        assert phrase in text
    english = replace(bundled, programme=bundled.programme.model_copy(update={"language": "en"}))
    text = _words(build_report(english, outcome))
    for phrase in ("low discrimination: D = ", "unknown version 'Z': quiz 'post-test' has paket A, B, C, D",
                   "difficulty p: Arikunto", "upper and lower groups: the 27% of the class"):
        assert phrase in text
    assert "pengecoh" not in text and "daya pembeda" not in text


def test_item_ids_stay_on_one_line(pdf, outcome):
    """The item column is wide enough for the longest id: no id is broken across lines."""
    lines = set("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert all(item in lines for item in outcome.key.master)


def test_the_pdf_reads_back(pdf, outcome):
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for words in ("Post-test Pelatihan Pengayaan (post-test)", "Ringkasan Kelas", "Sebaran Nilai", "Analisis Butir",
                  "Penguasaan per Tujuan Pembelajaran", "Baris yang Ditolak", "kode paket 'Z' tidak dikenal",
                  "Metode dan Sumber"):
        assert words in text
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Noto" in font for font in fonts), fonts


def test_the_pdf_is_deterministic(bundled, outcome, pdf):
    assert render_report(bundled, build_report(bundled, outcome)) == pdf


def test_the_charts_are_written_as_render_pdf_writes_them(bundled, outcome, pdf, monkeypatch):
    from reportlab.graphics.shapes import Drawing

    from latsar.render.pdf import score_report

    monkeypatch.setattr(score_report, "QuickDrawing", Drawing)
    assert render_report(bundled, build_report(bundled, outcome)) == pdf


def test_preview_of_the_first_page(pdf, tmp_path):
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=PREVIEW_WIDTH / page.get_width()).to_pil()  # as wide as the other previews
    assert abs(image.size[0] - PREVIEW_WIDTH) <= 1
    target = PREVIEW if os.environ.get("LATSAR_UPDATE_PREVIEWS") else tmp_path / PREVIEW.name
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target)
    assert target.stat().st_size > 10_000


def test_every_chart_attribute_is_one_reportlab_accepts(bundled, outcome):
    """drawings.py turns off reportlab's check of each attribute as it is set (for speed); here
    every attribute set on the report's charts, axes, bars, lines, marks and labels is checked
    as that switch would have checked it: a known name with a value of its declared type."""
    from reportlab.graphics.shapes import Group

    from latsar.render.pdf import score_report
    from latsar.render.pdf.fonts import register
    from latsar.render.pdf.theme import make_theme

    report, theme = build_report(bundled, outcome), make_theme(bundled.programme, "id")
    register(theme.body_font, theme.heading_font)
    checked, nodes = 0, [score_report._histogram(report, theme, 200), score_report._scatter(report, theme, 200)]
    while nodes:
        node = nodes.pop()
        if isinstance(node, Group):  # a drawing or group: its contents hold widgets, not only shapes
            nodes += node.contents
            continue
        for name, value in vars(node).items():
            if not name.startswith("_") and node._attrMap is not None:
                assert name in node._attrMap, f"{type(node).__name__} has no attribute {name!r}"
                assert node._attrMap[name].validate(value), f"{type(node).__name__}.{name} = {value!r}"
                checked += 1
            if getattr(value, "_attrMap", None) is not None:  # an axis, the bars, a label
                nodes.append(value)
    assert checked > 200  # the charts, their axes and bars, and every mark and label
