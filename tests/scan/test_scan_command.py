"""`latsar scan` on a batch: files and folders in any mix, pages refused with a reason, bad
files reported one line each while the rest is read, duplicates flagged, scans.csv and
review.html written."""

from __future__ import annotations

import csv
import io
import random
import re

import cv2
import numpy as np
import pytest

import sheetgen as sg
from latsar.cli import main

DPI = 100


def filled(sheet, seed: str, **changes):
    rng = random.Random(seed)
    truth = sg.random_truth(sheet.layout, rng)
    for key, value in changes.items():
        setattr(truth, key, value)
    return truth, sg.fill(sheet.layout, sheet.pdf, truth, DPI, rng)


def rows(workdir) -> list[dict[str, str]]:
    text = (workdir / "build/scans/post-test/scans.csv").read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def answers_of(row: dict[str, str], count: int) -> dict[int, str]:
    return {n: row[f"q{n}"] for n in range(1, count + 1)}


def pdf_of(images: list[np.ndarray]) -> bytes:
    from PIL import Image

    pages = [Image.fromarray(image) for image in images]
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    return buffer.getvalue()


def test_a_mixed_batch_is_read_page_by_page_with_every_refusal_named(workdir, post, pre, capsys):
    first, image1 = filled(post, "one")
    second, image2 = filled(post, "two")
    third, image3 = filled(post, "three")
    _, foreign_quiz = filled(pre, "pre")
    blank_back = np.full_like(image1, 250)
    (workdir / "scans/batch.pdf").write_bytes(pdf_of([image1, blank_back, sg.rotate(image2, 180), foreign_quiz]))
    sg.write(sg.fold(image3, "bottom-right"), workdir / "scans/third.jpg")
    foreign = np.full_like(image1, 255)
    cv2.putText(foreign, "Daftar hadir", (100, 200), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 5)
    sg.write(foreign, workdir / "scans/foreign.png")
    (workdir / "scans/notes.png").write_text("not an image")
    (workdir / "scans/broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")
    assert main(["scan", "post-test", "scans"]) == 0
    captured = capsys.readouterr()
    problems = captured.err.splitlines()
    assert problems[0].startswith("scans/broken.pdf: not a readable PDF")
    assert problems[1] == "scans/notes.png: not an image or PDF that latsar can read (PDF, PNG, JPEG or TIFF)"
    out = captured.out
    assert "6 pages read: 3 sheets, 3 refused, 0 sheets with 0 flagged fields; 2 files could not be opened" in out
    table = rows(workdir)
    assert [(r["file"], r["page"]) for r in table] == [
        ("scans/batch.pdf", "1"), ("scans/batch.pdf", "2"), ("scans/batch.pdf", "3"), ("scans/batch.pdf", "4"),
        ("scans/foreign.png", "1"), ("scans/third.jpg", "1")]
    by_page = {(r["file"], r["page"]): r for r in table}
    for key, truth in ((("scans/batch.pdf", "1"), first), (("scans/batch.pdf", "3"), second),
                       (("scans/third.jpg", "1"), third)):
        row = by_page[key]
        assert (row["participant"], row["ndh"], row["version"], row["review"]) == (
            truth.participant, truth.ndh, truth.version, "")
        assert answers_of(row, 30) == truth.answers
    assert by_page[("scans/batch.pdf", "2")]["review"] == "unreadable: blank page (the back of a sheet?)"
    assert by_page[("scans/batch.pdf", "4")]["review"] == "unreadable: a sheet of quiz 'pre-test', not 'post-test'"
    assert by_page[("scans/foreign.png", "1")]["review"].startswith("unreadable: no answer-sheet corner markers")
    assert by_page[("scans/batch.pdf", "4")]["participant"] == "" and by_page[("scans/batch.pdf", "4")]["q1"] == ""


def test_the_same_sheet_twice_and_one_number_on_two_sheets_are_flagged(workdir, post, capsys):
    truth, image = filled(post, "dup")
    sg.write(image, workdir / "scans/a.png")
    sg.write(sg.rotate(image, 1.5), workdir / "scans/b.png")
    _, other = filled(post, "other", participant=truth.participant)
    sg.write(other, workdir / "scans/c.png")
    assert main(["scan", "post-test", "scans/a.png", "scans/b.png", "scans/c.png"]) == 0
    review = [r["review"] for r in rows(workdir)]
    assert review == ["duplicate of scans/b.png p.1;participant also on scans/c.png p.1",
                      "duplicate of scans/a.png p.1", "participant also on scans/a.png p.1"]


def test_doubts_are_flagged_with_a_sheet_image_and_a_self_contained_review_page(workdir, post, capsys):
    answers = {n: "" if n == 2 else "B" for n in range(1, 31)}
    truth, image = filled(post, "doubt", version="", answers=answers)
    pen = sg.Pen(image, DPI, random.Random(1))
    grid = post.layout.pages[0].field("answers")[0]
    for option in (0, 2):  # q2: two half-hearted marks, A and C: which one is meant?
        pen.disc(grid.centre(1, option), 1.8, 180)
    sg.write(image, workdir / "scans/doubt.png")
    assert main(["scan", "post-test", "scans/doubt.png"]) == 0
    row = rows(workdir)[0]
    assert row["review"] == "version;q2" and row["version"] == "" and row["q2"] == "?"
    assert capsys.readouterr().out.splitlines()[0] == \
        "1 pages read: 1 sheets, 0 refused, 1 sheets with 2 flagged fields"
    picture = cv2.imread(str(workdir / "build/scans/post-test/flagged/scans-doubt.png-p1.jpg"))
    assert picture.shape[:2] == (891, 630)  # the whole sheet, upright, 3 px/mm
    page = (workdir / "build/scans/post-test/review.html").read_text()
    assert page.count("<img alt='q2' src='data:image/png;base64,") == 1
    assert "src='http" not in page and "<script" not in page
    assert "<a href='flagged/scans-doubt.png-p1.jpg'>" in page


def test_tiff_g4_and_password_pdfs(workdir, post, capsys):
    from PIL import Image

    truth, image = filled(post, "tiff")
    Image.fromarray(sg.threshold(image)).convert("1").save(workdir / "scans/g4.tif", compression="group4")
    locked = io.BytesIO()
    Image.fromarray(image).save(locked, "PDF")
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(locked.getvalue())))
    writer.encrypt("rahasia")
    writer.write(workdir / "scans/locked.pdf")
    sg.write(image, workdir / "scans/torn.jpg")
    torn = (workdir / "scans/torn.jpg").read_bytes()
    (workdir / "scans/torn.jpg").write_bytes(torn[:600])  # a JPEG cut off after its header
    assert main(["scan", "post-test", "scans"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "scans/locked.pdf: password-protected PDF; save the scan again without a password",
        "scans/torn.jpg: not an image or PDF that latsar can read (PDF, PNG, JPEG or TIFF)"]
    row = rows(workdir)[0]
    assert (row["participant"], row["review"]) == (truth.participant, "")
    assert answers_of(row, 30) == truth.answers


def test_scanning_before_the_quiz_is_built_says_what_to_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["scan", "post-test", ".", "--out", "build"]) == 2
    assert capsys.readouterr().err.strip() == ("build/quizzes/post-test/lembar-jawaban.json: the quiz's answer-sheet "
                                               "geometry is missing; run `latsar quiz post-test` first (it writes the "
                                               "sheets you print)")


def test_refusals_and_the_summary_speak_indonesian(workdir, post, capsys, monkeypatch):
    monkeypatch.setenv("LATSAR_LANG", "id")
    _, image = filled(post, "id")
    blank = np.full_like(image, 252)
    (workdir / "scans/batch.pdf").write_bytes(pdf_of([image, blank, image, blank]))  # four pages: in workers
    from latsar.messages import speaking

    with speaking("id"):
        assert main(["scan", "post-test", "scans"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 halaman dibaca: 2 lembar, 2 ditolak, 2 lembar dengan 2 isian ditandai untuk diperiksa")  # the duplicates
    review = [r["review"] for r in rows(workdir)]
    assert review[1] == "unreadable: halaman kosong (bagian belakang lembar?)"
    assert "Pemeriksaan hasil pindai: post-test" in (workdir / "build/scans/post-test/review.html").read_text()


def test_a_quiz_its_sheet_cannot_hold_is_a_located_error_at_check(tmp_path, capsys):
    assert main(["init", str(tmp_path / "p")]) == 0
    path = tmp_path / "p/curriculum/blueprints/post-test.yaml"
    path.write_text(path.read_text().replace("versions: 4\n", "versions: 300\nparticipant_digits: 18\n"))
    capsys.readouterr()
    assert main(["check", str(tmp_path / "p/curriculum")]) == 2
    line = next(l for l in capsys.readouterr().err.splitlines() if "answer sheet" in l)
    assert line.endswith("post-test.yaml:8:11: the answer sheet cannot hold this quiz: 300 versions need 13 rows of "
                         "code letters; with a 18-digit participant number at most 10 fit; use fewer versions, a "
                         "shorter participant number or fewer questions")
