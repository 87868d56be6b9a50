"""What the documents of a quiz set say, decided once for their renderers.

Pure (no I/O, no reportlab): the items' words with programme values filled in, the identity
lines of every document, each booklet's petunjuk and facts, the answer key's header, the
kisi-kisi's fields and rows, and the pembahasan's entries. The PDF renderers
(latsar.render.pdf.quiz) only lay these out; `quiz_docs` gathers them for one QuizPlan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

from latsar.model.curriculum import Curriculum
from latsar.model.schema import Chapter, Item
from latsar.plan.handout import filler, quiz_values, seed_date, template_context
from latsar.plan.types import LETTERS, PlannedItem, QuizPlan, Version

# --------------------------------------------------------------------------- shared words


@dataclass(frozen=True)
class ItemText:
    """One item's Markdown with programme values filled in; options in authored order."""

    stem: str
    options: tuple[str, ...]
    reasons: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class QuizInfo:
    """The identity of the quiz as its documents print it (plain text)."""

    title: str
    programme: str
    institution: str
    cohort_year: str
    minutes: int
    count: int
    versions: tuple[str, ...]

    @property
    def details(self) -> tuple[str, ...]:
        """The lines under a document's title: programme, then institution and cohort."""
        return self.programme, f"{self.institution} · {self.cohort_year}"


def item_texts(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str]) -> dict[str, ItemText]:
    """Every item any version prints, by id, its templates filled once for all documents."""
    ids = sorted(set(plan.master) | {p.item_id for v in plan.versions for p in v.items})
    base = template_context(curriculum.programme, labels, "")
    out = {}
    for item_id in ids:
        item = curriculum.item_by_id[item_id]
        fill = filler({**base, "module_title": curriculum.module_of_item(item).title}, f"item '{item_id}'")
        out[item_id] = ItemText(
            fill(item.stem),
            tuple(fill(o.text) for o in item.options),
            tuple(fill(o.reason) for o in item.options),
            fill(item.explanation),
        )
    return out


def quiz_info(curriculum: Curriculum, plan: QuizPlan) -> QuizInfo:
    programme, blueprint = curriculum.programme, plan.blueprint
    return QuizInfo(
        title=blueprint.title, programme=programme.title, institution=programme.institution,
        cohort_year=f"{programme.cohort} · {programme.year}", minutes=blueprint.minutes,
        count=max(len(v.items) for v in plan.versions), versions=tuple(v.code for v in plan.versions),
    )


def item_chapter(curriculum: Curriculum, item: Item) -> Chapter | None:
    """The chapter that teaches the item: the one holding its backing section, else the first
    that lists its objective."""
    module = curriculum.module_of_item(item)
    for chapter in module.chapters:
        if item.backing.section and any(s.id == item.backing.section for s in chapter.sections):
            return chapter
    return next((ch for ch in module.chapters if item.objective in ch.objectives), None)


# --------------------------------------------------------------------------- booklets and key


@dataclass(frozen=True)
class Booklet:
    """What one version's booklet says besides its questions' words."""

    info: QuizInfo
    version: Version
    details: tuple[str, ...]  # the lines under the title
    instructions: str  # the petunjuk: Markdown, filled
    facts: tuple[tuple[str, str], ...]  # (label, value) under the petunjuk: time, questions, version


def booklet(curriculum: Curriculum, plan: QuizPlan, info: QuizInfo, labels: Mapping[str, str],
            version: Version) -> Booklet:
    return Booklet(
        info, version, (f"{info.programme} · {info.cohort_year}", info.institution),
        instructions(curriculum, plan, labels, version.code),
        ((labels["quiz_time"], f"{info.minutes} {labels['quiz_minutes']}"),
         (labels["quiz_item_count"], str(len(version.items))), (labels["quiz_version"], version.code)),
    )


def instructions(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str], version: str) -> str:
    """The booklet's petunjuk: the blueprint's own text, else the built-in one, filled."""
    blueprint = plan.blueprint
    context = {**template_context(curriculum.programme, labels, ""), **quiz_values(plan, version)}
    return filler(context, f"blueprint '{blueprint.id}'")(blueprint.instructions or labels["quiz_instructions_text"])


@dataclass(frozen=True)
class KeyDoc:
    """The answer key of every version (kunci-jawaban)."""

    info: QuizInfo
    details: tuple[str, ...]
    versions: tuple[Version, ...]


def key_doc(plan: QuizPlan, info: QuizInfo, labels: Mapping[str, str]) -> KeyDoc:
    counts = f"{labels['quiz_item_count']}: {info.count} · {labels['quiz_version']}: {', '.join(_ranges(info.versions))}"
    return KeyDoc(info, (*info.details, counts), plan.versions)


def _ranges(codes: tuple[str, ...]) -> list[str]:
    """"A–D" rather than "A, B, C, D"; a long list of versions stays one short line."""
    return [f"{codes[0]}–{codes[-1]}"] if len(codes) > 2 else list(codes)


# --------------------------------------------------------------------------- kisi-kisi


@dataclass(frozen=True)
class KisiRow:
    """One master item's row of the kisi-kisi."""

    number: int
    competency: str  # the objective's text
    module: str
    chapter: str  # the chapter that teaches the item; "" when none does
    indicator: str
    level: str
    form: str
    numbers: tuple[str, ...]  # its question number in each version, "–" where another item stands
    # Rows of one objective (and of one chapter within it) share merged cells.
    objective_id: str
    chapter_id: str


@dataclass(frozen=True)
class KisiDoc:
    info: QuizInfo
    details: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]  # (label, value) of the header, in reading order
    versions: tuple[str, ...]  # the codes `KisiRow.numbers` follow
    rows: tuple[KisiRow, ...]  # in master order


def kisi_doc(curriculum: Curriculum, plan: QuizPlan, info: QuizInfo, labels: Mapping[str, str]) -> KisiDoc:
    where = [{p.item_id: str(n) for n, p in reversed(list(enumerate(v.items, start=1)))} for v in plan.versions]
    rows = tuple(_kisi_row(curriculum, curriculum.item_by_id[item_id], number, labels,
                           tuple(w.get(item_id, "–") for w in where))
                 for number, item_id in enumerate(plan.master, start=1))
    return KisiDoc(info, (info.programme,), _kisi_fields(curriculum, plan, info, labels), info.versions, rows)


def _kisi_fields(curriculum: Curriculum, plan: QuizPlan, info: QuizInfo,
                 labels: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The header fields; an agenda defaults to the programme's title, the authors to the
    institution, so that no field is left blank."""
    programme = curriculum.programme
    modules = dict.fromkeys(curriculum.module_of_item(curriculum.item_by_id[i]).title for i in plan.master)
    return ((labels["kisi_organiser"], programme.institution), (labels["kisi_course"], "; ".join(modules)),
            (labels["kisi_cohort"], info.cohort_year), (labels["agenda"], programme.agenda or programme.title),
            (labels["quiz_time"], f"{info.minutes} {labels['quiz_minutes']}"),
            (labels["kisi_form"], f"{labels['kisi_form_mc_long']} ({plan.blueprint.options} {labels['kisi_options']})"),
            (labels["quiz_item_count"], f"{len(plan.master)} {labels['quiz_items_unit']}"),
            (labels["kisi_authors"], ", ".join(programme.authors) or programme.institution))


def _kisi_row(curriculum: Curriculum, item: Item, number: int, labels: Mapping[str, str],
              numbers: tuple[str, ...]) -> KisiRow:
    objective = curriculum.objective_by_id[item.objective]
    chapter = item_chapter(curriculum, item)
    return KisiRow(number, objective.text, curriculum.module_of_item(item).title, chapter.title if chapter else "",
                   item.indicator or objective.indicator, item.level, labels["kisi_form_mc"], numbers, objective.id,
                   chapter.id if chapter else "")


# --------------------------------------------------------------------------- pembahasan


@dataclass(frozen=True)
class Distractor:
    option: str  # Markdown
    reason: str  # Markdown: why it is wrong
    letter: str = ""  # its letter in the paket the entry belongs to


@dataclass(frozen=True)
class Support:
    """What backs the key: the module path that teaches it (module › chapter › section), then,
    as supporting material only, a seed passage and where it appeared."""

    path: str  # "Modul … › chapter › section": titles only, never an internal id
    quote: str | None = None  # the passage's words; None when no seed passage backs the key
    source: str = ""  # the passage's outlet, date and title


@dataclass(frozen=True)
class PembahasanEntry:
    number: int  # as printed in its paket
    tag: str  # the module it tests; never an internal id
    stem: str  # Markdown
    key: str  # Markdown of the correct option
    explanation: str
    # The wrong options in the paket's printed order, with their letters there.
    distractors: tuple[Distractor, ...]
    objective: str
    level: str
    support: Support
    letter: str = ""  # the key's letter in this paket; "" in a shared entry (see pembahasan_doc)
    item_id: str = ""  # never printed: names the item in a layout error
    # A shared entry's places: (paket, question number, key letter) in every paket printing it.
    places: tuple[tuple[str, int, str], ...] = ()


@dataclass(frozen=True)
class PembahasanPaper:
    code: str  # "A"
    heading: str  # "Paket A"
    entries: tuple[PembahasanEntry, ...]


@dataclass(frozen=True)
class PembahasanDoc:
    info: QuizInfo
    details: tuple[str, ...]
    papers: tuple[PembahasanPaper, ...]  # one per paket, each in its printed order

    @property
    def entries(self) -> tuple[PembahasanEntry, ...]:
        return tuple(entry for paper in self.papers for entry in paper.entries)


# Up to this many versions the pembahasan is per paket; beyond, one shared entry per item (a
# per-paket pembahasan of 100 versions of 20 items would be 1,200 pages nobody prints).
PER_PAKET_MOST = 8


def pembahasan_doc(curriculum: Curriculum, plan: QuizPlan, texts: Mapping[str, ItemText], info: QuizInfo,
                   labels: Mapping[str, str]) -> PembahasanDoc:
    """Per paket, in the order its booklet prints the questions, with that paket's numbers and
    letters: a trainer discussing paket B reads from paket B's pages. With more than
    PER_PAKET_MOST versions, one paper of shared entries instead (see `_shared_paper`)."""
    if len(plan.versions) > PER_PAKET_MOST:
        return PembahasanDoc(info, info.details, (_shared_paper(curriculum, plan, texts, labels),))
    papers = tuple(
        PembahasanPaper(version.code, f"{labels['quiz_version']} {version.code}", tuple(
            _entry(curriculum, texts[p.item_id], curriculum.item_by_id[p.item_id], number, p, labels)
            for number, p in enumerate(version.items, start=1)))
        for version in plan.versions)
    return PembahasanDoc(info, info.details, papers)


def _shared_paper(curriculum: Curriculum, plan: QuizPlan, texts: Mapping[str, ItemText],
                  labels: Mapping[str, str]) -> PembahasanPaper:
    """Every printed item once, in the first paket's order (then items only later paket print),
    numbered 1, 2, …; options in authored order without letters; each entry lists its number
    and key letter in every paket (`places`)."""
    places, printed = _places(plan)
    entries = []
    for number, (item_id, options) in enumerate(printed.items(), start=1):
        item, order = curriculum.item_by_id[item_id], tuple(sorted(options))
        key = next(k for k, index in enumerate(order) if item.options[index].correct)
        entry = _entry(curriculum, texts[item_id], item, number, PlannedItem(item_id, order, key), labels)
        entries.append(replace(entry, letter="", places=tuple(places[item_id]),
                               distractors=tuple(replace(d, letter="") for d in entry.distractors)))
    codes = tuple(v.code for v in plan.versions)
    return PembahasanPaper("", f"{labels['quiz_version']} {', '.join(_ranges(codes))}", tuple(entries))


def _places(plan: QuizPlan) -> tuple[dict[str, list[tuple[str, int, str]]], dict[str, set[int]]]:
    """By item, in order of first print: (paket, number, key letter) wherever it is printed, and
    the options any paket prints (the same for all unless the blueprint says otherwise)."""
    places: dict[str, list[tuple[str, int, str]]] = {}
    printed: dict[str, set[int]] = {}
    for version in plan.versions:
        for number, planned in enumerate(version.items, start=1):
            places.setdefault(planned.item_id, []).append((version.code, number, planned.key_letter))
            printed.setdefault(planned.item_id, set()).update(planned.choice_order)
    return places, printed


def _entry(curriculum: Curriculum, text: ItemText, item: Item, number: int, planned: PlannedItem,
           labels: Mapping[str, str]) -> PembahasanEntry:
    module = curriculum.module_of_item(item)
    objective = curriculum.objective_by_id[item.objective]
    distractors = tuple(Distractor(text.options[i], text.reasons[i], LETTERS[k])
                        for k, i in enumerate(planned.choice_order) if not item.options[i].correct)
    return PembahasanEntry(
        number, f"{labels['quiz_module']} {module.title}",
        text.stem, text.options[planned.choice_order[planned.key_index]], text.explanation, distractors,
        objective.text, f"{item.level} ({labels[f'bloom_{item.level.lower()}']})",
        _support(curriculum, item, labels), planned.key_letter, item.id,
    )


def _support(curriculum: Curriculum, item: Item, labels: Mapping[str, str]) -> Support:
    """The module path is the basis a widyaiswara cites; a seed passage only supports it."""
    backing = item.backing
    section = curriculum.section_by_id.get(backing.section or "")
    chapter = item_chapter(curriculum, item)
    parts = [f"{labels['quiz_module']} {curriculum.module_of_item(item).title}"] + ([chapter.title] if chapter else [])
    path = " › ".join(parts + ([section.title] if section else []))
    if not (backing.seed and backing.quote):
        return Support(path)
    source = curriculum.seed_by_id[backing.seed].source
    return Support(path, backing.quote.strip(), f"{source.outlet}, {seed_date(source, labels)}: “{source.title}”")


# --------------------------------------------------------------------------- the set


@dataclass(frozen=True)
class QuizDocs:
    """Everything the documents of one quiz set print besides their looks."""

    info: QuizInfo
    texts: Mapping[str, ItemText]
    booklets: tuple[Booklet, ...]  # one per version, in plan order
    key: KeyDoc
    kisi: KisiDoc
    pembahasan: PembahasanDoc


def quiz_docs(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str]) -> QuizDocs:
    texts, info = item_texts(curriculum, plan, labels), quiz_info(curriculum, plan)
    return QuizDocs(
        info, texts, tuple(booklet(curriculum, plan, info, labels, v) for v in plan.versions),
        key_doc(plan, info, labels), kisi_doc(curriculum, plan, info, labels),
        pembahasan_doc(curriculum, plan, texts, info, labels),
    )
