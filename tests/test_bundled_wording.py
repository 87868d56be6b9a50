"""House wording of the bundled curriculum (review r17): a regulation is named in full once per
module, with its short form in brackets, and by that one short form after; quiz stems spell out
or avoid abbreviations the learner may not know."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

CURRICULUM = Path(__file__).resolve().parents[1] / "curriculum"
MODULES = sorted((CURRICULUM / "modules").glob("*.yaml"))

# (full name, the one short form) of every regulation a module names more than once.
SHORT_FORMS = (
    ("Peraturan Lembaga Administrasi Negara Nomor 1 Tahun 2021", "PerLAN 1/2021"),
    ("Peraturan Lembaga Administrasi Negara Nomor 10 Tahun 2021", "PerLAN 10/2021"),
    ("Peraturan Lembaga Administrasi Negara Nomor 12 Tahun 2018", "PerLAN 12/2018"),
    ("Instruksi Presiden Nomor 9 Tahun 2015", "Inpres 9/2015"),
    ("Instruksi Presiden Nomor 12 Tahun 2016", "Inpres 12/2016"),
)
# Third forms that mix the two (neither the full name nor the short form).
MIXED = ("Peraturan LAN Nomor", "Inpres Nomor", "Perlan ")


def _prose(path: Path) -> str:
    """The module's text in reading order, without its reference list (which names in full)."""
    text = path.read_text(encoding="utf-8")
    return text.split("\nreferences:")[0]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
@pytest.mark.parametrize(("full", "short"), SHORT_FORMS, ids=lambda s: s.split(" Nomor")[0][:12])
def test_a_regulation_is_named_in_full_once_then_by_its_short_form(path, full, short) -> None:
    prose = _prose(path)
    if short not in prose:
        assert prose.count(full) <= 1, f"{path.name}: {full} named in full twice, no short form"
        return
    assert prose.count(full) == 1, f"{path.name}: {full} should be named in full exactly once"
    assert prose.index(full) < prose.index(short), f"{path.name}: {short} used before {full}"
    assert f"{full} ({short})" in prose or re.search(rf"{re.escape(full)} tentang [^.()]*\({re.escape(short)}\)", prose)


@pytest.mark.parametrize("path", sorted(CURRICULUM.glob("*/*.yaml")), ids=lambda p: p.stem)
def test_no_mixed_forms_of_regulation_names(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert [m for m in MIXED if m in text] == []


def test_quiz_stems_spell_out_kbk_or_avoid_it() -> None:
    for path in sorted((CURRICULUM / "items").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            stem = item["stem"]
            assert "KBK" not in stem or "Kelompok Budaya Kerja (KBK)" in stem, item["id"]


def test_covers_say_what_the_module_supports_in_one_house_form() -> None:
    for path in MODULES:
        supports = yaml.safe_load(path.read_text(encoding="utf-8"))["supports"]
        assert supports.startswith("Mendukung Agenda "), path.stem
        assert "mata pelatihan" not in supports and "nilai dasar" not in supports, path.stem  # labels capitalised
        labels = re.findall(r"(Mata Pelatihan|Nilai Dasar) ([A-Z][\w ]+)", supports)
        assert len({name.split(";")[0] for _, name in labels}) == len(labels), path.stem  # no value named twice


def test_the_foreword_names_the_revoked_pattern_by_its_regulation_without_hedging() -> None:
    foreword = yaml.safe_load((CURRICULUM / "programme.yaml").read_text(encoding="utf-8"))["foreword"]
    assert "Pola Latsar menurut PerLAN 12/2018, yang telah dicabut" in foreword
    assert "(PerLAN 1/2021)" in foreword and "sejauh dapat diverifikasi" not in foreword


def test_an_undated_article_reads_as_a_proper_reference() -> None:
    """Daftar Pustaka gives day and month in words and 't.t.' for the missing year (read back)."""
    import io

    from pypdf import PdfReader

    from latsar.model.load import load_curriculum
    from latsar.render.pdf.handout import module_pdf
    from latsar.render.pdf.theme import make_theme

    curriculum = load_curriculum(CURRICULUM)[0]
    pdf = module_pdf(curriculum, "wog", None, make_theme(curriculum.programme, "id"))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "BorneOneTV, Senin, 7 Oktober (t.t.)." in text
    assert "tanpa tahun" not in text and "(7/10)" not in text
