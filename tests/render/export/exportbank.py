"""A small synthetic curriculum and hand-made QuizPlans for the export tests, built straight from
the models, so these tests depend neither on the planner nor on the bundled content.

`SPECIAL` is the item full of characters that each format treats specially; the `main` plan
carries only items every format can hold, the `rich` plan adds Markdown that Aiken cannot (and
that QTI must still validate with), and parallel versions with different items.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from latsar.model.curriculum import Curriculum
from latsar.model.schema import (
    Backing, Blueprint, Chapter, Citation, Closing, Item, Module, Objective, Option, Programme, Rule, Section,
)
from latsar.plan.types import PlannedItem, QuizPlan, Version

SPECIAL = "khusus-1"
PINNED = "layanan-2a"
RENUMBERED = "etika-1b"
RICH = "rich-1"
DATE = datetime.date(2026, 1, 5)

# Markdown source: `<b>` stays text (raw HTML is off), `**…**` is bold, a backslash before a
# letter or space is literal, and a `#` inside a line is no heading.
SPECIAL_STEM = ('Manakah yang benar tentang **tanda** <b> & "kutip" \'tunggal\' ~ = # {} : '
                'C:\\data\\ “dan” é — berikut ini?')
SPECIAL_OPTIONS = (
    ('Café — “kutip” ‘tunggal’ é <i>', True, 'Benar: a<b & c>d; {ya} ~ = # : \\ “ok”.'),
    ('= 5 ~ {x} : #1 & <br>', False, 'Salah karena "5" ≠ {x} ~ lain.'),
    ('%50% dari "anggaran"', False, '%25% bukan alasan; [plain] juga bukan.'),
    ('[plain] bukan format', False, 'ANSWER: ini hanya alasan — tidak lebih.'),
    ('-1 atau @akun', False, 'Opsi kelima tidak dicetak.'),
)
SPECIAL_EXPLANATION = 'Pembahasan *miring* & <tag> "x".\n\nParagraf kedua: # { } ~ = \\ é —.'


def _module(module_id: str, title: str, objectives: list[tuple[str, str]]) -> Module:
    citation = Citation(seed="berita", quote="kutipan")
    return Module(
        id=module_id, title=title, hours=3, description="D.", background="B.", benefits="M.",
        objectives=[Objective(id=o, level=level, text=f"Menjelaskan {o}.", indicator="I.", citations=[citation])
                    for o, level in objectives],
        chapters=[Chapter(id=f"{module_id}-bab", title="Bab", objectives=[o for o, _ in objectives],
                          sections=[Section(id=f"{module_id}-s", title="S", content=[{"text": "Isi."}])],
                          exercises=["Latihan."], summary="Rangkuman.")],
        closing=Closing(conclusion="Simpulan.", follow_up="Tindak lanjut."),
    )


def _item(item_id: str, objective: str, stem: str, options, explanation: str = "Karena begitu.",
          **extra) -> Item:
    return Item(
        id=item_id, objective=objective, level="C2", difficulty="sedang", stem=stem,
        options=[Option(text=text, correct=correct, reason=reason) for text, correct, reason in options],
        explanation=explanation, backing=Backing(section=f"{objective.rsplit('-', 1)[0]}-s"), **extra,
    )


def _plain_options(prefix: str, key: int, count: int = 4):
    return [(f"{prefix} pilihan {n + 1}", n == key, f"Alasan {prefix} {n + 1}.") for n in range(count)]


def items() -> list[Item]:
    return [
        _item(SPECIAL, "layanan-1", SPECIAL_STEM, SPECIAL_OPTIONS, SPECIAL_EXPLANATION, tags=["kutip <x>", "a]b"]),
        _item(PINNED, "layanan-2", "Urutan pilihan ini harus tetap?",
              _plain_options("tetap", 2, 5), "Pilihan *tetap* berurutan.", pin_options=True),
        _item("etika-1a", "etika-1", "Sikap yang mencerminkan integritas adalah ....",
              _plain_options("etika", 3), tags=["integritas"]),
        _item(RENUMBERED, "etika-1", "Langkah ketiga dalam kode etik adalah ....",
              _plain_options("langkah", 1), "3. menilai\n4. melapor"),
        _item(RICH, "layanan-2", "Perhatikan tabel berikut.\n\n| Unit | Nilai |\n|---|---|\n| A & B | `<5>` |\n\n"
              "> Kutipan *penting*\n\n- satu\n- dua  \n  baris", _plain_options("kaya", 0),
              "Lihat:\n\n1. **langkah**\n2. `kode`"),
        _item("layanan-1b", "layanan-1", "A. Habibie menjabat sebagai ....",
              [("Presiden", True, "Ya."), ("ANSWER: B", False, "Bukan."), ("- satu\n- dua", False, "Daftar.")]),
    ]


def curriculum(root: Path) -> Curriculum:
    programme = Programme(title="Pelatihan Dasar CPNS", institution="BPSDM Uji", cohort="Angkatan I",
                          year=2026, place="Pontianak", date=DATE, modules=["layanan", "etika"])
    modules = (
        _module("layanan", "Pelayanan Publik / Dasar", [("layanan-1", "C3"), ("layanan-2", "C4")]),
        _module("etika", "Etika & Integritas", [("etika-1", "C3")]),
    )
    return Curriculum(root=root, programme=programme, modules=modules, items=tuple(items()),
                      blueprints=(), seeds=())


def blueprint(blueprint_id: str, title: str, mode: str = "shuffle") -> Blueprint:
    return Blueprint(id=blueprint_id, title=title, minutes=30, versions=2, seed=7, mode=mode, options=4,
                     rules=[Rule(module="layanan", count=1)], instructions="Kerjakan **sendiri**.")


def planned(curriculum: Curriculum, item_id: str, order: tuple[int, ...]) -> PlannedItem:
    options = curriculum.item_by_id[item_id].options
    return PlannedItem(item_id, order, next(n for n, i in enumerate(order) if options[i].correct))


def main_plan(curriculum: Curriculum) -> QuizPlan:
    """Four items, two versions with different item and option orders; the pinned item prints
    its first four options in written order in both (so QTI 2.1 shares its file)."""
    p = lambda item_id, *order: planned(curriculum, item_id, order)  # noqa: E731
    a = Version("A", (p("etika-1a", 3, 0, 1, 2), p(SPECIAL, 1, 0, 3, 2), p(PINNED, 0, 1, 2, 3),
                      p(RENUMBERED, 0, 2, 3, 1)))
    b = Version("B", (p(SPECIAL, 2, 3, 1, 0), p(PINNED, 0, 1, 2, 3), p(RENUMBERED, 1, 0, 2, 3),
                      p("etika-1a", 0, 1, 3, 2)))
    master = (SPECIAL, PINNED, "etika-1a", RENUMBERED)
    return QuizPlan(blueprint("evaluasi-uji", "Evaluasi / Uji & “Coba”"), master, (a, b))


def rich_plan(curriculum: Curriculum) -> QuizPlan:
    """Parallel versions with different items; `layanan-1b` (only in B) breaks Aiken three ways."""
    p = lambda item_id, *order: planned(curriculum, item_id, order)  # noqa: E731
    a = Version("A", (p(RICH, 2, 0, 1, 3), p(SPECIAL, 0, 1, 2, 3)))
    b = Version("B", (p("layanan-1b", 2, 1, 0), p(RICH, 0, 1, 2, 3)))
    return QuizPlan(blueprint("kaya", "Kuis Kaya", "parallel"), (RICH, SPECIAL, "layanan-1b"), (a, b))


def printed(curriculum: Curriculum, plan: QuizPlan, item_id: str) -> list[Option]:
    """What an item-level export should carry: the options of the item's first planned
    appearance, in authored order (written here independently of the exporters)."""
    order = next(p.choice_order for v in plan.versions for p in v.items if p.item_id == item_id)
    return [curriculum.item_by_id[item_id].options[i] for i in sorted(order)]
