"""`latsar new`: skeletons wired into the curriculum, and the acceptance walk of issue 18 — from
`latsar init` to a new module with 3 objectives and 6 items that builds, using only `latsar new`
and the placeholders `latsar check` reports (filled here by a program, as a trainer would by hand)."""

from __future__ import annotations

import json
import re
from itertools import count
from pathlib import Path

import pytest
from pypdf import PdfReader

from latsar.cli import main
from latsar.scaffold.wiring import list_module

REPORT = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): placeholder not filled: (?P<what>.*?); ")
QUOTE = "Para ASN juga harus dilengkapi persepektif multi cultural dan kecakapan mengelola keragaman"

# Six items as a trainer would write them: stem, key, three distractors.
ITEMS = [
    ("Apa makna etika publik bagi seorang ASN?", "Pedoman perilaku saat bertugas",
     "Aturan berpakaian seragam di kantor", "Jadwal kerja harian pegawai", "Daftar hadir rapat dinas"),
    ("Warga yang berbeda suku meminta layanan yang sama. Bagaimana petugas sebaiknya bersikap?",
     "Memberi perlakuan setara kepada keduanya", "Mendahulukan warga yang sesuku dengannya",
     "Meminta warga pendatang kembali esok hari", "Menolak melayani warga dari luar daerah"),
    ("Rekan kerja menawarkan imbalan agar berkas kerabatnya didahulukan. Tindakan apa yang tepat?",
     "Menolak tawaran itu dengan sopan", "Menerima imbalan secara diam-diam",
     "Memproses berkas kerabat itu lebih dulu", "Membagi imbalan dengan atasan"),
    ("Mengapa keragaman warga perlu dipahami petugas layanan?", "Agar setiap warga dilayani secara adil",
     "Agar antrean di loket menjadi lebih panjang", "Agar petugas bisa memilih warga", "Agar kantor tampak lebih ramai"),
    ("Apa tanda bahwa pelayanan sudah sesuai etika publik?", "Warga diperlakukan sama tanpa pungutan",
     "Petugas sering meninggalkan loket layanan", "Berkas hilang tanpa penjelasan", "Layanan diutamakan bagi kenalan"),
    ("Seorang petugas menyebarkan data pribadi pemohon di media sosial. Prinsip apa yang dilanggar?",
     "Kerahasiaan identitas warga", "Ketepatan waktu layanan", "Kebersihan ruang tunggu kantor", "Kelengkapan formulir"),
]

# What a trainer writes for each placeholder, found by the words the placeholder asks with.
# Lists are used in turn (objective 1, 2, 3 …; item 1, 2, …).
ANSWERS: list[tuple[str, object]] = [
    ("judul modul", "Etika Publik"),
    ("jam pelajaran", 3),
    ("deskripsi singkat", "Modul ini membahas etika publik bagi ASN."),
    ("latar belakang", "ASN melayani masyarakat yang beragam."),
    ("manfaat modul", "Peserta memahami etika publik."),
    ("level Bloom: C1", ["C2", "C2", "C3"]),
    ("hasil belajar", ["Menjelaskan makna etika publik.", "Menjelaskan keragaman warga.",
                       "Menerapkan etika publik dalam pelayanan."]),
    ("indikator keberhasilan", ["Peserta dapat menjelaskan etika publik.", "Peserta dapat menjelaskan keragaman.",
                                "Peserta dapat menerapkan etika publik."]),
    ("id artikel sumber", "kalbar-melayani"),
    ("kalimat yang tertulis persis", QUOTE),
    ("judul bab", "Etika dalam Pelayanan"),
    ("judul subbab", "Makna Etika Publik"),
    ("uraian materi", "Etika publik menuntun sikap ASN ketika melayani warga."),
    ("soal latihan", "Jelaskan makna etika publik."),
    ("rangkuman bab", "Etika publik menuntun sikap ASN."),
    ("simpulan modul", "Etika publik adalah dasar pelayanan."),
    ("tindak lanjut", "Terapkan etika publik dalam tugas."),
    ("level Bloom soal", "C2"),
    ("mudah, sedang atau sukar", "sedang"),
    ("indikator soal", [f"Disajikan situasi pelayanan {n}, peserta dapat menentukan sikap yang sesuai."
                        for n in range(1, 7)]),
    ("pokok soal", [item[0] for item in ITEMS]),
    ("kunci jawaban", [item[1] for item in ITEMS]),
    ("pengecoh 1", [item[2] for item in ITEMS]),
    ("pengecoh 2", [item[3] for item in ITEMS]),
    ("pengecoh 3", [item[4] for item in ITEMS]),
    ("mengapa pilihan ini benar", "Sesuai etika publik."),
    ("mengapa pilihan ini salah", "Bertentangan dengan etika publik."),
    ("pembahasan", "ASN menghormati pilihan warga."),
    ("jumlah soal", 5),
]


def _fill(check_err: str) -> int:
    """Replace each reported placeholder by its answer; returns how many were filled."""
    turns = {what: count() for what, _ in ANSWERS}
    reports = [m for m in map(REPORT.match, check_err.splitlines()) if m]
    # From the end of each file backwards, so earlier columns stay valid.
    for match in sorted(reports, key=lambda m: (m["file"], int(m["line"]), int(m["column"])), reverse=True):
        what, answer = next((w, a) for w, a in ANSWERS if match["what"].startswith(w))
        value = answer[next(turns[what]) % len(answer)] if isinstance(answer, list) else answer
        path, line, column = Path(match["file"]), int(match["line"]), int(match["column"])
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        text = lines[line - 1]
        quoted = json.JSONDecoder().raw_decode(text, column - 1)[1]  # the end of the "TODO: …" string
        lines[line - 1] = text[:column - 1] + json.dumps(value, ensure_ascii=False) + text[quoted:]
        path.write_text("".join(lines), encoding="utf-8")
    return len(reports)


def test_from_init_to_a_new_module_that_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "pelatihan"]) == 0
    curriculum = "pelatihan/curriculum"
    assert main(["new", "module", "etika-publik", curriculum]) == 0
    assert main(["new", "items", "etika-publik", curriculum]) == 0
    out = capsys.readouterr().out
    assert "wrote pelatihan/curriculum/blueprints/evaluasi-etika-publik.yaml" in out
    assert "  - etika-publik\n" in (tmp_path / curriculum / "programme.yaml").read_text()

    assert main(["check", curriculum]) == 2
    filled = _fill(capsys.readouterr().err)
    # Every required key was in the skeleton: 3 objectives × 5, module 12, items 6 × 13, blueprint 1.
    assert filled == 15 + 12 + 6 * 13 + 1
    assert main(["check", curriculum]) == 0
    err = capsys.readouterr().err
    assert "etika-publik" not in err  # no warning about the new files either
    assert main(["build", curriculum, "--out", "out"]) == 0
    handout = PdfReader(tmp_path / "out" / "modules" / "etika-publik.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in handout.pages)
    assert "Etika Publik" in text and "Makna Etika Publik" in text
    assert "Pedoman perilaku saat bertugas" in text  # its Evaluasi and Kunci Jawaban are printed


def test_new_refuses_to_overwrite_and_bad_ids(mini: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["new", "blueprint", "kuis", "curriculum"]) == 2
    assert capsys.readouterr().err.strip() == (
        "curriculum/blueprints/kuis.yaml: file exists already; edit it, or choose another id")
    assert main(["new", "module", "Etika_Publik", "curriculum"]) == 2
    assert "'Etika_Publik' is not a valid id" in capsys.readouterr().err
    assert main(["new", "items", "etika", "curriculum"]) == 2
    assert capsys.readouterr().err.strip() == (
        "curriculum/modules/etika.yaml: no module 'etika' here; create it first with `latsar new module etika`")


def test_items_take_what_the_module_already_says(mini: Path) -> None:
    assert main(["new", "items", "mini", "curriculum", "--count", "3"]) == 2  # items/mini.yaml exists
    (mini / "items" / "mini.yaml").unlink()
    assert main(["new", "items", "mini", "curriculum", "--count", "3"]) == 0
    text = (mini / "items" / "mini.yaml").read_text()
    assert re.findall(r"objective: (\S+)", text) == ["mini-1", "mini-2", "mini-1"]
    assert text.count("backing: {section: mini-pelayanan}") == 3
    assert "paling tinggi C3, level tujuannya" in text


@pytest.mark.parametrize("modules, expected", [
    ("modules: [mini]\n", "modules: [mini, baru]\n"),
    ("modules: []\n", "modules: [baru]\n"),
    ("modules:\n    - mini   # first\n# end\n", "modules:\n    - mini   # first\n    - baru\n# end\n"),
    ("title: x\n", "title: x\nmodules:\n  - baru\n"),
])
def test_module_is_listed_keeping_the_layout(modules: str, expected: str, tmp_path: Path) -> None:
    programme = tmp_path / "programme.yaml"
    programme.write_text(modules)
    list_module(programme, "baru")
    assert programme.read_text() == expected


def test_new_programme_is_all_placeholders_until_filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "programme", "proyek"]) == 0
    assert main(["check", "proyek/curriculum"]) == 2
    err = capsys.readouterr().err
    assert "proyek/curriculum/programme.yaml:6:8: placeholder not filled: judul pelatihan" in err
    assert "proyek/seeds/sources.yaml" not in err  # read only once the programme itself is valid
    assert "'modules': needs at least 1 entries" in err
