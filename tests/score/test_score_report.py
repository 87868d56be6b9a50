"""The report PDF: its content (decided without reportlab), its text read back, determinism, and
a PNG preview of the first page (docs/previews/score-report.png, refreshed with
LATSAR_UPDATE_PREVIEWS=1 and reviewed by a person)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from latsar.score.command import render_report, score
from latsar.score.report import build_report

from score_sheets import random_sheets, template_rows, write_csv

PREVIEW = Path(__file__).resolve().parents[2] / "docs" / "previews" / "score-report.png"


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


def test_the_pdf_reads_back(pdf, outcome):
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for words in ("Post-test Agenda III (post-test)", "Ringkasan Kelas", "Sebaran Nilai", "Analisis Butir",
                  "Penguasaan per Tujuan Pembelajaran", "Baris yang Ditolak", "unknown version 'Z'", "Metode dan Sumber"):
        assert words in text
    # Long item ids wrap inside their cell: compare without line breaks.
    joined = "".join(text.split())
    assert all(item in joined for item in outcome.key.master)
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Noto" in font for font in fonts), fonts


def test_the_pdf_is_deterministic(bundled, outcome, pdf):
    assert render_report(bundled, build_report(bundled, outcome)) == pdf


def test_preview_of_the_first_page(pdf, tmp_path):
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=1.5).to_pil()
    assert image.size[0] > 800
    target = PREVIEW if os.environ.get("LATSAR_UPDATE_PREVIEWS") else tmp_path / PREVIEW.name
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target)
    assert target.stat().st_size > 10_000
