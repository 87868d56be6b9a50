"""The outline of a module handout and of the programme book: every content decision, no layout.

The outline says which parts a handout has, in which order, under which headings (with their
final words and numbers) and with which text; the PDF renderer only maps each block kind to
flowables. Fixed words come from `Labels`; programme values reach curriculum text through the
sandboxed Jinja environment. Pure: no I/O, no reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal, Mapping, Union

from latsar.errors import LatsarError
from latsar.labels import format_date
from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.model.schema import (
    Blueprint, CaseBlock, Chapter, FigureBlock, Module, Programme, QuoteBlock, SeedSource, TableBlock, TextBlock,
)
from latsar.plan.types import LETTERS, QuizPlan, Version
from latsar.text import templating
from latsar.text.templating import number_text

# --------------------------------------------------------------------------- outline types


@dataclass(frozen=True)
class Heading:
    key: str  # unique anchor: bookmark and contents link target
    title: str
    number: str = ""  # "Bab II", "A.", "Modul 1"; empty for unnumbered parts
    level: int = 0  # 0 = top of the document's hierarchy

    @property
    def text(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Prose:
    text: str  # Markdown


@dataclass(frozen=True)
class Subheading:
    text: str  # plain; a minor heading that is not in the contents


@dataclass(frozen=True)
class Entry:
    text: str  # Markdown
    tag: str = ""  # a small label after the text, e.g. the Bloom level
    children: tuple[str, ...] = ()  # plain sub-entries


@dataclass(frozen=True)
class EntryList:
    entries: tuple[Entry, ...]
    ordered: bool = True


@dataclass(frozen=True)
class Quotation:
    text: str  # plain: the quoted words, verbatim
    speaker: str
    source: str  # outlet
    ref: int  # number of the source in the daftar pustaka


@dataclass(frozen=True)
class Case:
    caption: str  # "Studi Kasus"
    title: str
    body: str  # Markdown
    questions_caption: str
    questions: tuple[str, ...]  # Markdown


@dataclass(frozen=True)
class Signature:
    place_date: str
    role: str
    name: str
    nip: str = ""  # printed as "NIP 1970…" under the name


@dataclass(frozen=True)
class Exhibit:
    """A numbered table (caption above) or figure (caption below), listed in its Daftar."""

    kind: Literal["table", "figure"]
    key: str  # anchor for the listing's link
    label: str  # "Tabel 2.1"
    caption: str
    text: str = ""  # Markdown table (a table)
    image: Path | None = None  # the image (a figure)
    width: float = 0.8  # share of the text width (a figure)
    source: str = ""

    @property
    def entry(self) -> str:
        return f"{self.label} {self.caption}"


@dataclass(frozen=True)
class Listing:
    """Daftar Tabel or Daftar Gambar: the exhibits of one kind with their pages."""

    kind: Literal["table", "figure"]
    entries: tuple[tuple[str, str], ...]  # (key, "Tabel 2.1 caption")


@dataclass(frozen=True)
class Formula:
    """`left` = numerator / denominator × factor, set as a fraction."""

    left: str
    numerator: str
    denominator: str
    factor: str


@dataclass(frozen=True)
class TitlePage:
    """The page inside the cover: logos, kicker, title, subtitle, institution, place and year."""

    kicker: str
    title: str
    subtitle: str
    details: tuple[str, ...]
    institution: str
    place_year: str
    logos: tuple[Path, ...]


@dataclass(frozen=True)
class Colophon:
    """The back of the title page: credits, edition and copyright."""

    credits: tuple[tuple[str, tuple[str, ...]], ...]  # (label, names)
    edition: str
    copyright: str
    notice: str  # Markdown


@dataclass(frozen=True)
class QuizItem:
    number: int
    stem: str  # Markdown
    options: tuple[tuple[str, str], ...]  # (letter, Markdown) in printed order


@dataclass(frozen=True)
class Quiz:
    items: tuple[QuizItem, ...]


@dataclass(frozen=True)
class KeyTable:
    number_label: str
    key_label: str
    keys: tuple[tuple[int, str], ...]  # (question number, key letter)


@dataclass(frozen=True)
class Explanation:
    number: int
    letter: str
    key_text: str  # Markdown: the correct option
    text: str  # Markdown: the pembahasan


@dataclass(frozen=True)
class Explanations:
    key_label: str
    entries: tuple[Explanation, ...]


@dataclass(frozen=True)
class Glossary:
    entries: tuple[tuple[str, str], ...]  # (term, Markdown definition), alphabetical


@dataclass(frozen=True)
class ReferenceList:
    entries: tuple[tuple[int, str], ...]  # (number, Markdown)


@dataclass(frozen=True)
class Contents:
    depth: int  # deepest heading level listed


@dataclass(frozen=True)
class Cover:
    kicker: str  # "Modul", "Bahan Ajar"
    title: str
    subtitle: str  # programme title or agenda
    details: tuple[str, ...]  # smaller lines: agenda, hours
    institution: str
    cohort_year: str
    logos: tuple[Path, ...]  # the institution's first


Block = Union[Prose, Subheading, EntryList, Quotation, Case, Signature, Quiz, KeyTable,
              Explanations, Glossary, ReferenceList, Contents, Cover, Formula, TitlePage, Colophon, Exhibit, Listing]

# cover: no number printed; front: roman numerals; body: arabic numerals from the first body page.
Matter = Literal["cover", "front", "body"]


@dataclass(frozen=True)
class Section:
    heading: Heading
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Division:
    """A part that starts on a new page: cover, foreword, contents, a chapter, the glossary …"""

    matter: Matter
    heading: Heading | None
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    running_head: str = ""  # printed at the top of its pages after the first
    role: str = "chapter"  # "divider": a module's title page in the book; "verso": the back of the page before;
    # "run-on": follows on the page before when its opening fits there (a facilitator guide's chapter)


@dataclass(frozen=True)
class Outline:
    title: str
    author: str
    subject: str
    keywords: str
    divisions: tuple[Division, ...]
    page_mark: str = ""  # printed at the foot of every page but the cover (e.g. "Tidak untuk peserta")

    def headings(self) -> tuple[Heading, ...]:
        """Every heading in reading order (what the contents and the PDF outline list)."""
        found: list[Heading] = []
        for division in self.divisions:
            if division.heading:
                found.append(division.heading)
            found.extend(section.heading for section in division.sections)
        return tuple(found)


# --------------------------------------------------------------------------- helpers

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """Upper-case roman numeral of a positive integer (chapter numbers, front-matter pages)."""
    out = []
    for value, digits in _ROMAN:
        count, number = divmod(number, value)
        out.append(digits * count)
    return "".join(out)


def letter(index: int) -> str:
    """Section letters A., B., …; index is 0-based."""
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index] + "."


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|!"})


def md_escape(text: str) -> str:
    """Data values (titles, outlets) placed into Markdown must print as written."""
    return text.translate(_MD_SPECIAL)


@dataclass(frozen=True)
class _Ctx:
    """What every outline builder reads: the curriculum, the labels and the text filler."""

    curriculum: Curriculum
    labels: Mapping[str, str]
    fill: Callable[[str], str]
    prefix: str  # key prefix, so anchors stay unique inside the book
    base: int  # heading level of a chapter (1 inside the book)


def template_context(programme: Programme, labels: Mapping[str, str], module_title: str) -> dict[str, Any]:
    return {
        "title": programme.title, "agenda": programme.agenda or "", "institution": programme.institution,
        "cohort": programme.cohort, "year": programme.year, "place": programme.place,
        "date": format_date(programme.date, labels), "language": programme.language,
        "module_title": module_title,
    }


def quiz_values(plan: QuizPlan, version_code: str) -> dict[str, Any]:
    """The quiz's own names for its instructions (templating.QUIZ_NAMES), for one version."""
    version = next(v for v in plan.versions if v.code == version_code)
    return templating.quiz_names(plan.blueprint, len(version.items), version.code)


def filler(context: Mapping[str, Any], where: str) -> Callable[[str], str]:
    """Fills programme values into a text; a template problem names `where` the text belongs."""
    env = templating.environment()  # Jinja2 loads at the first template that needs it

    def fill(text: str) -> str:
        if not templating.has_template(text):
            return text
        try:
            return templating.render(env, text, context)
        except templating.TemplateProblem as exc:
            raise LatsarError(t("{where}: {problem} (line {line} of the text)", where=where, problem=exc,
                                  line=exc.line)) from None

    return fill


def _ctx(curriculum: Curriculum, labels: Mapping[str, str], module: Module | None, base: int) -> _Ctx:
    title = module.title if module else ""
    context = template_context(curriculum.programme, labels, title)
    where = f"module '{module.id}'" if module else "programme"
    prefix = f"{module.id}." if module else ""
    return _Ctx(curriculum, labels, filler(context, where), prefix, base)


# --------------------------------------------------------------------------- front matter


def _logos(ctx: _Ctx) -> tuple[Path, ...]:
    theme = ctx.curriculum.programme.theme
    names = ([theme.logo] if theme.logo else []) + list(theme.partner_logos)
    return tuple(ctx.curriculum.root / name for name in names)


def _title_words(ctx: _Ctx, module: Module | None) -> tuple[str, str, str, tuple[str, ...]]:
    """Kicker, title, subtitle and detail lines shared by the cover and the title page."""
    programme, labels = ctx.curriculum.programme, ctx.labels
    if module is None:
        return labels["book_title"], programme.title, programme.agenda or "", ()
    details = tuple(d for d in (module.supports or programme.agenda or "", _hours(module, labels)) if d)
    return labels["document_kind"], module.title, programme.title, details


def _cover(ctx: _Ctx, module: Module | None) -> Division:
    programme = ctx.curriculum.programme
    cover = Cover(*_title_words(ctx, module), programme.institution,
                  f"{programme.cohort} · {programme.year}", _logos(ctx))
    return Division("cover", None, (cover,))


def _title_page(ctx: _Ctx, module: Module | None) -> Division:
    programme = ctx.curriculum.programme
    page = TitlePage(*_title_words(ctx, module), programme.institution,
                     f"{programme.place} · {programme.year}", _logos(ctx))
    return Division("cover", None, (page,))


def _colophon(ctx: _Ctx) -> Division:
    programme, labels = ctx.curriculum.programme, ctx.labels
    credits = tuple((label, tuple(names)) for label, names in (
        (labels["authors_label"], programme.authors), (labels["editors_label"], programme.editors)) if names)
    edition = programme.edition or ""
    holder = programme.copyright or programme.institution
    colophon = Colophon(credits, edition, f"{labels['copyright_label']} © {programme.year} {holder}",
                        ctx.fill(labels["copyright_notice"]))
    return Division("cover", None, (colophon,), role="verso")


def _hours(module: Module, labels: Mapping[str, str]) -> str:
    return f"{labels['hours']}: {module.hours} {labels['hours_unit']}"


def _foreword(ctx: _Ctx, module: Module | None) -> Division:
    programme, labels = ctx.curriculum.programme, ctx.labels
    template = programme.foreword or labels["foreword_text"]
    blocks: list[Block] = [Prose(ctx.fill(template))]
    if programme.signatory:
        place_date = f"{programme.place}, {format_date(programme.date, labels)}"
        signatory = programme.signatory
        nip = f"{labels['nip']} {signatory.nip}" if signatory.nip else ""
        blocks.append(Signature(place_date, signatory.role, signatory.name, nip))
    heading = Heading(f"{ctx.prefix}foreword", labels["foreword"], level=ctx.base)
    return Division("front", heading, tuple(blocks), running_head=_head(ctx, module))


def _contents(ctx: _Ctx, module: Module | None, depth: int) -> Division:
    heading = Heading(f"{ctx.prefix}contents", ctx.labels["contents"], level=ctx.base)
    return Division("front", heading, (Contents(depth),), running_head=_head(ctx, module))


def _head(ctx: _Ctx, module: Module | None) -> str:
    return module.title if module else ctx.curriculum.programme.title


# --------------------------------------------------------------------------- chapters


def _chapter(ctx: _Ctx, module: Module, key: str, number: int | None, title: str,
             parts: list[tuple[str, str, tuple[Block, ...]]]) -> Division:
    """A body division whose sections are lettered A., B., … in the given order."""
    label = f"{ctx.labels['chapter']} {roman(number)}" if number else ""
    heading = Heading(f"{ctx.prefix}{key}", title, label, ctx.base)
    sections = tuple(
        Section(Heading(f"{ctx.prefix}{key}.{part_key}", part_title, letter(i), ctx.base + 1), blocks)
        for i, (part_key, part_title, blocks) in enumerate(parts)
    )
    return Division("body", heading, sections=sections, running_head=module.title)


def _introduction(ctx: _Ctx, module: Module) -> Division:
    labels, fill = ctx.labels, ctx.fill
    guide = module.study_guide or labels["study_guide_text"]
    parts = [
        ("background", labels["background"], (Prose(fill(module.background)),)),
        ("description", labels["description"], (Prose(fill(module.description)),)),
        ("benefits", labels["benefits"], (Prose(fill(module.benefits)),)),
        ("objectives", labels["objectives"], _objectives(ctx, module)),
        ("topics", labels["main_topics"], _topics(ctx, module)),
        ("study-guide", labels["study_guide"], (Prose(fill(guide)),)),
    ]
    return _chapter(ctx, module, "pendahuluan", 1, labels["introduction"], parts)


def _objectives(ctx: _Ctx, module: Module) -> tuple[Block, ...]:
    labels = ctx.labels
    outcomes = tuple(
        Entry(ctx.fill(o.text), f"{o.level} · {labels['bloom_' + o.level.lower()]}") for o in module.objectives
    )
    indicators = tuple(Entry(ctx.fill(o.indicator)) for o in module.objectives)
    return (
        Subheading(f"1. {labels['outcomes']}"), Prose(labels["outcomes_intro"]), EntryList(outcomes),
        Subheading(f"2. {labels['indicators']}"), Prose(labels["indicators_intro"]), EntryList(indicators),
    )


def _topics(ctx: _Ctx, module: Module) -> tuple[Block, ...]:
    entries = tuple(
        Entry(md_escape(c.title), children=tuple(s.title for s in c.sections)) for c in module.chapters
    )
    return (Prose(ctx.labels["main_topics_intro"]), EntryList(entries))


def _content_chapter(ctx: _Ctx, module: Module, chapter: Chapter, number: int,
                     refs: Mapping[str, int]) -> Division:
    labels = ctx.labels
    counters = {"table": 0, "figure": 0}
    parts = [(s.id, s.title, tuple(_content_block(ctx, b, refs, number, counters) for b in s.content))
             for s in chapter.sections]
    exercises = EntryList(tuple(Entry(ctx.fill(e)) for e in chapter.exercises))
    parts.append(("latihan", labels["exercises"], (Prose(labels["exercises_intro"]), exercises)))
    parts.append(("rangkuman", labels["summary"], (Prose(ctx.fill(chapter.summary)),)))
    return _chapter(ctx, module, chapter.id, number, chapter.title, parts)


def _content_block(ctx: _Ctx, block, refs: Mapping[str, int], chapter: int = 0,
                   counters: dict[str, int] | None = None) -> Block:
    if isinstance(block, (TableBlock, FigureBlock)):
        return _exhibit(ctx, block, chapter, counters if counters is not None else {"table": 0, "figure": 0})
    if isinstance(block, TextBlock):
        return Prose(ctx.fill(block.text))
    if isinstance(block, QuoteBlock):
        quote = block.quote
        source = _seed(ctx.curriculum, quote.seed).source
        return Quotation(quote.text, quote.speaker, source.outlet, refs[quote.seed])
    case = block.case
    return Case(ctx.labels["case_study"], case.title, ctx.fill(case.body), ctx.labels["case_questions"],
                tuple(ctx.fill(q) for q in case.questions))


def _exhibit(ctx: _Ctx, block: TableBlock | FigureBlock, chapter: int, counters: dict[str, int]) -> Exhibit:
    """Tables and figures are numbered per chapter: Tabel 2.1, Tabel 2.2, Gambar 2.1 …"""
    kind = "table" if isinstance(block, TableBlock) else "figure"
    counters[kind] += 1
    number = f"{chapter}.{counters[kind]}"
    label = f"{ctx.labels[kind + '_label']} {number}"
    key = f"{ctx.prefix}{kind}-{number}"
    if isinstance(block, TableBlock):
        spec = block.table
        return Exhibit(kind, key, label, ctx.fill(spec.caption), text=ctx.fill(spec.text), source=spec.source or "")
    spec = block.figure
    return Exhibit(kind, key, label, ctx.fill(spec.caption), image=ctx.curriculum.root / spec.image,
                   width=spec.width, source=spec.source or "")


def _listings(ctx: _Ctx, module: Module | None, body: list[Division]) -> list[Division]:
    """Daftar Tabel and Daftar Gambar, each only when the document has such exhibits."""
    found = [b for d in body for s in d.sections for b in s.blocks if isinstance(b, Exhibit)]
    out = []
    for kind, title in (("table", "list_of_tables"), ("figure", "list_of_figures")):
        entries = tuple((b.key, b.entry) for b in found if b.kind == kind)
        if entries:
            heading = Heading(f"{ctx.prefix}{title}", ctx.labels[title], level=ctx.base)
            out.append(Division("front", heading, (Listing(kind, entries),), running_head=_head(ctx, module)))
    return out


def _seed(curriculum: Curriculum, seed_id: str):
    try:
        return curriculum.seed_by_id[seed_id]
    except KeyError:
        raise LatsarError(t("unknown seed '{id}' cited in a module", id=seed_id)) from None


def _closing(ctx: _Ctx, module: Module, number: int) -> Division:
    labels = ctx.labels
    parts = [
        ("simpulan", labels["conclusion"], (Prose(ctx.fill(module.closing.conclusion)),)),
        ("tindak-lanjut", labels["follow_up"], (Prose(ctx.fill(module.closing.follow_up)),)),
    ]
    return _chapter(ctx, module, "penutup", number, labels["closing"], parts)


# --------------------------------------------------------------------------- evaluasi and key


def _version_a(plan: QuizPlan) -> Version:
    # The handout prints one form; version A is the one the trainer's key refers to.
    for version in plan.versions:
        if version.code == "A":
            return version
    return plan.versions[0]


def _option_text(ctx: _Ctx, item_id: str, index: int) -> str:
    return ctx.fill(ctx.curriculum.item_by_id[item_id].options[index].text)


def _quiz_items(ctx: _Ctx, version: Version) -> tuple[QuizItem, ...]:
    return tuple(
        QuizItem(n, ctx.fill(ctx.curriculum.item_by_id[p.item_id].stem),
                 tuple((LETTERS[i] + ".", _option_text(ctx, p.item_id, o)) for i, o in enumerate(p.choice_order)))
        for n, p in enumerate(version.items, start=1)
    )


def _evaluation(ctx: _Ctx, module: Module, plan: QuizPlan) -> Division:
    blueprint, version = plan.blueprint, _version_a(plan)
    instructions = blueprint.instructions or ctx.labels["evaluation_text"]
    fill = filler({**template_context(ctx.curriculum.programme, ctx.labels, module.title),
                   **quiz_values(plan, version.code)},
                   f"blueprint '{blueprint.id}'")
    blocks = (Prose(fill(instructions)), Quiz(_quiz_items(ctx, version)))
    heading = Heading(f"{ctx.prefix}evaluasi", ctx.labels["evaluation"], level=ctx.base)
    feedback = Section(Heading(f"{ctx.prefix}umpan-balik", ctx.labels["feedback"], level=ctx.base + 1),
                       _feedback(ctx.labels, fill))
    return Division("body", heading, blocks, (feedback,), running_head=module.title)


def _feedback(labels: Mapping[str, str], fill: Callable[[str], str]) -> tuple[Block, ...]:
    """Umpan balik dan tindak lanjut: how to score oneself, the mastery formula and what next."""
    bands = EntryList(tuple(Entry(md_escape(labels[f"mastery_band_{n}"])) for n in range(1, 5)), ordered=False)
    formula = Formula(labels["mastery"], labels["mastery_correct"], labels["mastery_total"], "× 100%")
    return (Prose(fill(labels["feedback_intro"])), formula, Prose(fill(labels["mastery_bands"])), bands,
            Prose(fill(labels["feedback_follow_up"])))


def _answer_key(ctx: _Ctx, module: Module, plan: QuizPlan) -> Division:
    labels, version = ctx.labels, _version_a(plan)
    keys = tuple((n, p.key_letter) for n, p in enumerate(version.items, start=1))
    explanations = tuple(
        Explanation(n, p.key_letter, _option_text(ctx, p.item_id, p.choice_order[p.key_index]),
                    ctx.fill(ctx.curriculum.item_by_id[p.item_id].explanation))
        for n, p in enumerate(version.items, start=1)
    )
    parts = [
        ("kunci", labels["answer_key"], (KeyTable(labels["question_number"], labels["key_letter"], keys),)),
        ("pembahasan", labels["explanations"], (Explanations(labels["key_letter"], explanations),)),
    ]
    return _chapter(ctx, module, "kunci-jawaban", None, labels["key_and_explanations"], parts)


# --------------------------------------------------------------------------- back matter


def _glossary(ctx: _Ctx, module: Module) -> Division:
    entries = sorted(module.glossary, key=lambda e: (e.term.casefold(), e.term))
    block = Glossary(tuple((e.term, ctx.fill(e.definition)) for e in entries))
    heading = Heading(f"{ctx.prefix}glosarium", ctx.labels["glossary"], level=ctx.base)
    return Division("body", heading, (block,), running_head=module.title)


def cited_seeds(module: Module) -> tuple[str, ...]:
    """Seed ids cited anywhere in the module (objectives and quotations), first citation first."""
    ids = [c.seed for o in module.objectives for c in o.citations]
    ids += [b.quote.seed for ch in module.chapters for s in ch.sections for b in s.content if isinstance(b, QuoteBlock)]
    return tuple(dict.fromkeys(ids))


def _reference_texts(ctx: _Ctx, module: Module) -> tuple[list[str], dict[str, int]]:
    """Daftar pustaka in print order: regulations, cited seed articles, other references."""
    regulations = [ctx.fill(r.text) for r in module.references if r.kind == "regulation"]
    others = [ctx.fill(r.text) for r in module.references if r.kind != "regulation"]
    seeds = sorted((_seed(ctx.curriculum, s) for s in cited_seeds(module)),
                   key=lambda s: (s.source.outlet.casefold(), s.source.id))
    numbers = {s.source.id: len(regulations) + i for i, s in enumerate(seeds, start=1)}
    return regulations + [_seed_reference(s.source, ctx.labels) for s in seeds] + others, numbers


def seed_date(source: SeedSource, labels: Mapping[str, str]) -> str:
    """A seed article's date as printed: the known date, else as the article prints it."""
    if source.date:
        return format_date(source.date, labels)
    return source.date_as_printed or labels["no_date"]


def _seed_reference(source: SeedSource, labels: Mapping[str, str]) -> str:
    date = seed_date(source, labels)
    # No author is known for a news report, so the outlet leads (and the list is sorted by it).
    return (f"*{md_escape(source.outlet)}*, {md_escape(date)}. “{md_escape(source.title)}”. "
            f"{md_escape(source.place)}.")


def _references(ctx: _Ctx, module: Module, texts: list[str]) -> Division:
    block = ReferenceList(tuple(enumerate(texts, start=1)))
    heading = Heading(f"{ctx.prefix}daftar-pustaka", ctx.labels["references"], level=ctx.base)
    return Division("body", heading, (block,), running_head=module.title)


# --------------------------------------------------------------------------- assembly


def _module_body(ctx: _Ctx, module: Module, evaluasi: QuizPlan | None) -> list[Division]:
    """Bab I to the daftar pustaka, in the order of a LAN module."""
    texts, refs = _reference_texts(ctx, module)
    body = [_introduction(ctx, module)]
    body += [_content_chapter(ctx, module, c, n, refs) for n, c in enumerate(module.chapters, start=2)]
    if evaluasi is not None:
        body.append(_evaluation(ctx, module, evaluasi))
    body.append(_closing(ctx, module, len(module.chapters) + 2))
    if evaluasi is not None:
        body.append(_answer_key(ctx, module, evaluasi))
    if module.glossary:
        body.append(_glossary(ctx, module))
    if texts:
        body.append(_references(ctx, module, texts))
    return body


def _module(curriculum: Curriculum, module_id: str) -> Module:
    try:
        return curriculum.module_by_id[module_id]
    except KeyError:
        raise LatsarError(t("unknown module '{id}'", id=module_id)) from None


def _metadata(curriculum: Curriculum, labels: Mapping[str, str], title: str) -> dict[str, str]:
    programme = curriculum.programme
    return {"title": title, "author": programme.institution,
            "subject": f"{labels['document_kind']} {programme.title}",
            "keywords": f"{labels['pdf_keywords']}, {title}"}


def module_outline(curriculum: Curriculum, module_id: str, evaluasi: QuizPlan | None,
                   labels: Mapping[str, str]) -> Outline:
    """The handout of one module: cover, foreword, contents, Bab I … daftar pustaka."""
    module = _module(curriculum, module_id)
    ctx = _ctx(curriculum, labels, module, base=0)
    front = [_cover(ctx, module), _title_page(ctx, module), _colophon(ctx), _foreword(ctx, module),
             _contents(ctx, module, depth=1)]
    body = _module_body(ctx, module, evaluasi)
    divisions = tuple(front + _listings(ctx, module, body) + body)
    return Outline(divisions=divisions, **_metadata(curriculum, labels, module.title))


def _book_module(curriculum: Curriculum, labels: Mapping[str, str], number: int,
                 module_id: str, evaluasi: QuizPlan | None) -> list[Division]:
    """One module inside the book: a divider page that heads its chapters, then its body."""
    module = _module(curriculum, module_id)
    ctx = _ctx(curriculum, labels, module, base=1)
    heading = Heading(module.id, module.title, f"{labels['document_kind']} {number}", 0)
    blocks = (Prose(ctx.fill(module.description)), Prose(md_escape(_hours(module, labels))))
    divider = Division("body", heading, blocks, role="divider")
    return [divider, *_module_body(ctx, module, evaluasi)]


def book_outline(curriculum: Curriculum, evaluasi: Mapping[str, QuizPlan],
                 labels: Mapping[str, str]) -> Outline:
    """The whole programme as one book: cover, foreword, contents, then every module in order."""
    programme = curriculum.programme
    ctx = _ctx(curriculum, labels, None, base=0)
    divisions = [_cover(ctx, None), _title_page(ctx, None), _colophon(ctx), _foreword(ctx, None),
                 _contents(ctx, None, depth=1)]
    for number, module_id in enumerate(programme.modules, start=1):
        # Keyed by module id or by the blueprint id `evaluasi-<module>`; the build may use either.
        plan = evaluasi.get(module_id) or evaluasi.get(f"evaluasi-{module_id}")
        divisions += _book_module(curriculum, labels, number, module_id, plan)
    title = f"{labels['book_title']} {programme.title}"
    return Outline(divisions=tuple(divisions), **_metadata(curriculum, labels, title))


__all__ = [
    "Block", "Case", "Colophon", "Contents", "Cover", "Exhibit", "Formula", "Listing", "TitlePage", "Division", "Entry", "EntryList", "Explanation", "Explanations",
    "Glossary", "Heading", "KeyTable", "Outline", "Prose", "Quiz", "QuizItem", "Quotation", "ReferenceList",
    "Section", "Signature", "Subheading", "book_outline", "cited_seeds", "filler", "format_date", "letter",
    "md_escape", "module_outline", "number_text", "roman", "seed_date",
]
