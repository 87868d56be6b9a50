"""A small synthetic curriculum (one programme, two modules, a few items) and a hand-made QuizPlan,
so the handout tests do not depend on the bundled content."""

from __future__ import annotations

import datetime
from pathlib import Path

from latsar.model.curriculum import Curriculum, Seed
from latsar.model.schema import (
    Blueprint, CaseStudy, Chapter, Citation, Closing, GlossaryEntry, Item, Module, Objective, Option,
    Backing, Programme, Quote, Reference, Rule, Section, SeedSource,
)
from latsar.plan.types import PlannedItem, QuizPlan, Version

SEED_TEXT = (
    "Pontianak - Kepala badan menegaskan bahwa aparatur sipil negara harus memiliki nilai dan jiwa "
    "melayani masyarakat. \"Pelayanan yang baik lahir dari hati yang tulus dan kompetensi yang terus "
    "diasah,\" katanya dalam pembukaan pelatihan.\n\nIa menambahkan bahwa koordinasi antarinstansi "
    "menjadi kunci keberhasilan program pemerintah daerah."
)

PROSE = (
    "Penyelenggaraan pemerintahan yang berorientasi pada pelayanan menuntut pertanggungjawaban yang "
    "jelas dari setiap aparatur. Profesionalisme pegawai tercermin dalam kesungguhan memahami kebutuhan "
    "masyarakat, ketelitian dalam pengadministrasian dokumen, serta keberanian memperbaiki prosedur yang "
    "berbelit-belit. Keberhasilan **reformasi birokrasi** tidak hanya bergantung pada peraturan, tetapi "
    "juga pada kebiasaan kerja sehari-hari yang *dipertanggungjawabkan* kepada publik. Dalam konteks "
    "{{ institution }}, pengintegrasian layanan antarperangkat daerah memerlukan komunikasi, "
    "kepemimpinan, dan pengorganisasian yang berkesinambungan."
)

LIST_PROSE = (
    "Semboyan “melayani dengan hati” – bukan sekadar slogan – harus tampak dalam tindakan… "
    "Beberapa prinsip yang perlu diperhatikan:\n\n"
    "1. keterbukaan informasi kepada masyarakat;\n"
    "2. ketepatan waktu penyelesaian layanan;\n"
    "3. keterjangkauan biaya dan persyaratan."
)


def _section(sid: str, title: str, seed: str, with_case: bool) -> Section:
    content = [{"text": PROSE}, {"text": LIST_PROSE}, {"text": PROSE}]
    content.append({"quote": Quote(seed=seed, speaker="Kepala Badan",
                                   text="Pelayanan yang baik lahir dari hati yang tulus dan kompetensi yang terus diasah")})
    content.append({"text": PROSE})
    if with_case:
        content.append({"case": CaseStudy(
            title="Antrean Panjang di Kantor Kecamatan",
            body=PROSE + "\n\n" + PROSE,
            questions=["Analisislah penyebab utama antrean tersebut.",
                       "Rancanglah langkah perbaikan yang dapat dilakukan dalam tiga bulan.",
                       "Nilailah peran koordinasi antarinstansi dalam kasus ini."],
        )})
    return Section(id=sid, title=title, content=content)


def make_module(mid: str, title: str) -> Module:
    objectives = [
        Objective(id=f"{mid}-1", level="C2", text="Menjelaskan konsep pelayanan publik yang terintegrasi",
                  indicator="Peserta dapat menjelaskan konsep pelayanan publik dengan contoh",
                  citations=[Citation(seed="seed-a", quote="nilai dan jiwa melayani masyarakat")]),
        Objective(id=f"{mid}-2", level="C3", text="Menerapkan prinsip koordinasi antarinstansi",
                  indicator="Peserta dapat menentukan langkah koordinasi pada kasus layanan",
                  citations=[Citation(seed="seed-b", quote="koordinasi antarinstansi menjadi kunci")]),
        Objective(id=f"{mid}-3", level="C4", text="Menganalisis hambatan pelayanan di unit kerja",
                  indicator="Peserta dapat menganalisis penyebab hambatan layanan",
                  citations=[Citation(seed="seed-a", quote="kompetensi yang terus diasah")]),
    ]
    chapters = [
        Chapter(id=f"{mid}-bab-2", title="Konsep Pelayanan Terintegrasi", objectives=[f"{mid}-1"],
                sections=[_section(f"{mid}-konsep", "Pengertian dan Ruang Lingkup", "seed-a", False),
                          _section(f"{mid}-prinsip", "Prinsip Penyelenggaraan Layanan", "seed-a", True)],
                exercises=["Jelaskan pengertian pelayanan terintegrasi!", "Sebutkan tiga prinsip layanan!"],
                summary=PROSE),
        Chapter(id=f"{mid}-bab-3", title="Koordinasi Antarinstansi", objectives=[f"{mid}-2", f"{mid}-3"],
                sections=[_section(f"{mid}-koordinasi", "Bentuk Koordinasi", "seed-b", False),
                          _section(f"{mid}-hambatan", "Hambatan dan Solusinya", "seed-a", False)],
                exercises=["Analisislah satu hambatan koordinasi di unit kerja Anda!"],
                summary=PROSE),
    ]
    return Module(
        id=mid, title=title, hours=12, description=PROSE, background=PROSE + "\n\n" + PROSE,
        benefits=PROSE, objectives=objectives, chapters=chapters,
        closing=Closing(conclusion=PROSE, follow_up=PROSE),
        glossary=[GlossaryEntry(term="Whole of Government", definition="Pendekatan lintas instansi."),
                  GlossaryEntry(term="akuntabilitas", definition="Kewajiban mempertanggungjawabkan kinerja."),
                  GlossaryEntry(term="Birokrasi", definition="Sistem pemerintahan oleh pejabat.")],
        references=[Reference(text="Lembaga Administrasi Negara. 2017. *Modul Whole of Government*. Jakarta: LAN.",
                              kind="book"),
                    Reference(text="Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara.",
                              kind="regulation")],
    )


def make_items(mid: str) -> list[Item]:
    items = []
    for n in range(1, 5):
        options = [Option(text=f"pilihan {k} untuk soal {n} tentang pelayanan", correct=(k == n % 4),
                          reason="Alasan.") for k in range(4)]
        items.append(Item(id=f"{mid}-{n:02d}", objective=f"{mid}-1", level="C2", difficulty="sedang",
                          stem=f"Soal nomor {n}: pernyataan yang paling tepat tentang pelayanan publik adalah ....",
                          options=options, explanation=f"Pembahasan soal {n}: kunci sesuai materi bab II.",
                          backing=Backing(section=f"{mid}-konsep")))
    return items


def make_plan(mid: str, items: list[Item]) -> QuizPlan:
    blueprint = Blueprint(id=f"evaluasi-{mid}", title="Evaluasi Modul", minutes=20, seed=1,
                          rules=[Rule(module=mid, count=4)])
    planned = []
    for number, item in enumerate(reversed(items)):
        order = tuple((k + number) % 4 for k in range(4))
        key = next(i for i, o in enumerate(order) if item.options[o].correct)
        planned.append(PlannedItem(item.id, order, key))
    return QuizPlan(blueprint, tuple(i.id for i in items), (Version("A", tuple(planned)),))


def make_curriculum(root: Path, **programme_changes) -> Curriculum:
    programme = Programme(**{
        "title": "Pelatihan Dasar CPNS Golongan III", "agenda": "Agenda III: Kedudukan dan Peran PNS",
        "institution": "BPSDM Provinsi Contoh", "cohort": "Angkatan I", "year": 2026, "place": "Pontianak",
        "date": datetime.date(2026, 11, 23), "modules": ["layanan", "koordinasi"],
        "signatory": {"name": "Dr. Contoh, M.Si.", "role": "Kepala BPSDM Provinsi Contoh"},
        **programme_changes,
    })
    seeds = (
        Seed(SeedSource(id="seed-a", file="a.txt", title="ASN Harus Miliki Jiwa Melayani", outlet="Warta Contoh",
                        place="Pontianak", date_as_printed="Senin (7/10)"), root / "a.txt", SEED_TEXT),
        Seed(SeedSource(id="seed-b", file="b.txt", title="Koordinasi Kunci Program", outlet="Berita Daerah",
                        place="Jakarta", date=datetime.date(2017, 8, 9)), root / "b.txt", SEED_TEXT),
    )
    modules = (make_module("layanan", "Pelayanan Publik Terintegrasi"), make_module("koordinasi", "Koordinasi Kerja"))
    items = tuple(make_items("layanan") + make_items("koordinasi"))
    return Curriculum(root=root, programme=programme, modules=modules, items=items, blueprints=(), seeds=seeds)
