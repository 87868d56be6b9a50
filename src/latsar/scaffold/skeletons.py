"""The YAML a scaffold writes: every required key, commented, with `TODO: …` placeholders where
only the trainer knows the value. Comments and placeholders speak the trainer's language
(Indonesian); keys stay as the format spells them."""

from __future__ import annotations

from dataclasses import dataclass

from latsar.source.placeholders import as_yaml as todo

SCHEMA = "# yaml-language-server: $schema={up}build/schema/{kind}.schema.json\n"
FILL = ("# Isi setiap nilai \"TODO: …\" (ganti seluruh nilainya); `latsar check` menunjukkan letak\n"
        "# yang belum diisi. Semua kunci dijelaskan di docs/curriculum-format.md.\n")
OPTION_COUNT = 4


@dataclass(frozen=True)
class ModuleFacts:
    """What is already known about a module when its items are scaffolded."""

    id: str
    objectives: tuple[tuple[str, str], ...]  # (objective id, its level or "" when not yet filled)
    section: str  # a section id to back items with, or "" when none is filled yet


def module(module_id: str, objectives: int, seeds: list[str]) -> str:
    known = f"# Artikel sumber yang tersedia (seeds/sources.yaml): {', '.join(seeds)}\n" if seeds else ""
    ids = [f"{module_id}-{n}" for n in range(1, objectives + 1)]
    return (SCHEMA.format(up="../../", kind="module") + f"# Modul {module_id}.\n" + FILL + known
            + f"id: {module_id}\n"
            f"title: {todo('judul modul')}\n"
            f"hours: {todo('jam pelajaran (JP), sebuah angka, mis. 6')}\n"
            f"description: {todo('deskripsi singkat: satu paragraf tentang cakupan modul')}\n"
            f"background: {todo('latar belakang: mengapa materi ini penting bagi peserta')}\n"
            f"benefits: {todo('manfaat modul bagi peserta')}\n"
            "objectives:\n"
            "  # Tujuan pembelajaran. level: taksonomi Bloom C1–C6. Setiap tujuan mengutip kalimat yang\n"
            "  # tertulis persis dalam artikel sumber (citations).\n"
            + "".join(_objective(ident) for ident in ids)
            + "chapters:\n"
            "  # Bab II dan seterusnya (materi pokok), masing-masing dengan subbab, latihan, dan rangkuman.\n"
            f"  - id: {module_id}-bab-1\n"
            f"    title: {todo('judul bab (materi pokok)')}\n"
            f"    objectives: [{', '.join(ids)}]\n"
            "    sections:\n"
            f"      - id: {module_id}-bab-1-1\n"
            f"        title: {todo('judul subbab')}\n"
            "        content:\n"
            "          # Blok isi: `- text: |` (uraian), `- quote:` (kutipan) atau `- case:` (studi kasus).\n"
            f"          - text: {todo('uraian materi subbab ini (boleh beberapa paragraf, pakai text: |)')}\n"
            "    exercises:\n"
            f"      - {todo('soal latihan di akhir bab')}\n"
            f"    summary: {todo('rangkuman bab')}\n"
            "closing:\n"
            f"  conclusion: {todo('simpulan modul')}\n"
            f"  follow_up: {todo('tindak lanjut bagi peserta')}\n"
            "# Tidak wajib: glosarium dan daftar pustaka tambahan, mis.\n"
            "# glossary:\n#   - {term: ASN, definition: Aparatur Sipil Negara.}\n"
            "# references:\n#   - {kind: regulation, text: \"Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara.\"}\n")


def _objective(ident: str) -> str:
    return (f"  - id: {ident}\n"
            f"    level: {todo('level Bloom: C1, C2, C3, C4, C5 atau C6')}\n"
            f"    text: {todo('hasil belajar, mis. Menjelaskan …')}\n"
            f"    indicator: {todo('indikator keberhasilan, mis. Peserta dapat menjelaskan …')}\n"
            "    citations:\n"
            f"      - seed: {todo('id artikel sumber dari seeds/sources.yaml')}\n"
            f"        quote: {todo('kalimat yang tertulis persis dalam artikel itu')}\n")


def items(facts: ModuleFacts, count: int) -> str:
    return (SCHEMA.format(up="../../", kind="items") + f"# Bank soal modul {facts.id}.\n" + FILL
            + "# Setiap soal: satu kunci (`correct: true`), alasan untuk setiap pilihan, pembahasan, dan\n"
            "# dasar kunci (backing): subbab modul (`section`) atau kutipan artikel (`seed` dan `quote`).\n"
            "# Kaidah penulisan soal yang diperiksa: docs/item-lint.md.\n"
            "items:\n" + "\n".join(_item(facts, n) for n in range(count)))


def _item(facts: ModuleFacts, n: int) -> str:
    objective, level = facts.objectives[n % len(facts.objectives)] if facts.objectives else ("", "")
    objective_value = objective or todo("id tujuan pembelajaran yang diukur")
    level_hint = f"paling tinggi {level}, level tujuannya" if level else "paling tinggi level tujuannya"
    backing = (f"{{section: {facts.section}}}" if facts.section
               else f"{{section: {todo('id subbab modul yang mengajarkan kuncinya')}}}")
    options = [("kunci jawaban", True)] + [(f"pengecoh {k}", False) for k in range(1, OPTION_COUNT)]
    return (f"  - id: {facts.id}-{n + 1:02d}\n"
            f"    objective: {objective_value}\n"
            f"    level: {todo(f'level Bloom soal, {level_hint}')}\n"
            f"    difficulty: {todo('mudah, sedang atau sukar')}\n"
            f"    indicator: {todo('indikator soal, mis. Disajikan kasus …, peserta dapat menentukan …')}\n"
            f"    stem: {todo('pokok soal, diakhiri tanda tanya atau ....')}\n"
            "    options:\n" + "".join(_option(what, correct) for what, correct in options)
            + f"    explanation: {todo('pembahasan: mengapa kuncinya benar')}\n"
            f"    backing: {backing}\n")


def _option(what: str, correct: bool) -> str:
    why = "mengapa pilihan ini benar" if correct else "mengapa pilihan ini salah"
    return (f"      - text: {todo(what)}\n" + ("        correct: true\n" if correct else "")
            + f"        reason: {todo(why)}\n")


def blueprint(blueprint_id: str, module_id: str, year: int) -> str:
    """An `evaluasi-<module>` blueprint when `module_id` is given, else a general quiz."""
    if module_id:
        head = f"# Evaluasi akhir modul {module_id}: dicetak dalam bahan ajarnya (Evaluasi, Kunci Jawaban).\n"
        title, minutes = "Evaluasi Modul", "20"
        rule = f"  - {{module: {module_id}, count: {todo(f'jumlah soal, paling banyak sebanyak soal di items/{module_id}.yaml')}}}\n"
    else:
        head = f"# Kuis {blueprint_id} (kisi-kisi): soal diambil dari bank soal menurut aturan `rules`.\n"
        title, minutes = todo("judul kuis seperti dicetak"), todo("waktu mengerjakan dalam menit, mis. 60")
        rule = (f"  - module: {todo('id modul sumber soal')}\n"
                f"    count: {todo('jumlah soal dari modul ini')}\n")
    return (SCHEMA.format(up="../../", kind="blueprint") + head + FILL
            + f"id: {blueprint_id}\n"
            f"title: {title}\n"
            f"minutes: {minutes}\n"
            "versions: 1          # jumlah paket (A, B, …)\n"
            f"seed: {year}           # pengacak tetap: angka yang sama memberi urutan yang sama\n"
            "mode: shuffle        # shuffle: soal sama diacak; parallel: tiap paket soalnya sendiri\n"
            "options: 4           # pilihan jawaban per soal (3–5)\n"
            "pass_mark: 70        # batas lulus dalam persen\n"
            "rules:\n"
            "  # Sel kisi-kisi: dari modul/tujuan/level mana, berapa soal.\n" + rule)


def programme(year: int) -> str:
    return (SCHEMA.format(up="../", kind="programme") + "# Program pelatihan: semua modul dan kuis termasuk di dalamnya.\n"
            + FILL + "# Nilai di sini dapat dipakai di teks mana pun: {{ institution }}, {{ cohort }}, {{ year }} …\n"
            f"title: {todo('judul pelatihan, mis. Pelatihan Dasar CPNS Golongan III')}\n"
            f"institution: {todo('nama lembaga penyelenggara')}\n"
            f"cohort: {todo('angkatan, mis. Angkatan I')}\n"
            f"year: {year}\n"
            f"place: {todo('kota tempat dokumen diterbitkan')}\n"
            f"date: {todo('tanggal dokumen, TTTT-BB-HH')}\n"
            "language: id\n"
            "seeds: ../seeds      # folder artikel sumber\n"
            "authors:\n"
            f"  - {todo('tim penyusun')}\n"
            "signatory:\n"
            f"  name: {todo('nama penanda tangan kata pengantar')}\n"
            f"  role: {todo('jabatan penanda tangan')}\n"
            "# Urutan modul; `latsar new module ID` menambahkan modul baru ke sini.\n"
            "modules: []\n")


def sources() -> str:
    return ("# Artikel sumber: satu berkas teks per artikel di folder ini. Kutipan dalam kurikulum\n"
            "# menyebut artikel dengan `id`-nya dan harus tertulis persis dalam berkasnya.\n"
            f"- id: {todo('id artikel, huruf kecil dan tanda hubung, mis. berita-pelayanan')}\n"
            f"  file: {todo('nama berkas teks artikel di folder ini, mis. berita-pelayanan.txt')}\n"
            f"  title: {todo('judul artikel')}\n"
            f"  outlet: {todo('media yang menerbitkan')}\n"
            f"  place: {todo('tempat peristiwa')}\n"
            "  # date: 2026-01-15   (tanggal terbit, bila diketahui)\n")
