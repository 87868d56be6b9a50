"""The curriculum's file kinds as frozen, typed models.

These classes *are* the YAML format: every field carries a description, which feeds both
`latsar schema` (JSON Schema for editors) and docs/curriculum-format.md. Models hold plain text
(a small Markdown subset where noted), never escaped or rendered text.
"""

# No `from __future__ import annotations` here: pydantic would evaluate every annotation from its
# text when the models are built, a tenth of this module's import (the same models either way).
import datetime
from typing import Annotated, Any, Literal, Union

from pydantic_core import PydanticCustomError
from pydantic import (
    BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, ValidationInfo, field_validator,
)

from latsar.messages import N_

Level = Literal["C1", "C2", "C3", "C4", "C5", "C6"]
LEVELS: tuple[str, ...] = ("C1", "C2", "C3", "C4", "C5", "C6")
Difficulty = Literal["mudah", "sedang", "sukar"]
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64),
    Field(description="An identifier: lower-case letters, digits and hyphens, e.g. `wog-2`."),
]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1),
    Field(description="Text in a Markdown subset: paragraphs, **bold**, *italic*, lists, block quotes."),
]
Text = Annotated[str, StringConstraints(min_length=1)]


class Strict(BaseModel):
    """Base of every file kind: unknown keys are errors, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- programme


FontName = Literal["noto-serif", "noto-sans", "liberation-sans", "liberation-serif"]


class Fonts(Strict):
    body: FontName = Field(
        "noto-serif", description="Font family of the body text, all bundled and OFL-licensed: `noto-serif`, "
        "`noto-sans`, `liberation-sans` (metric-compatible with Arial: a pedoman's \"Arial 12\" sets the same "
        "lines and pages) or `liberation-serif` (metric-compatible with Times New Roman).",
    )
    heading: FontName = Field(
        "noto-sans", description="Font family of headings, cover and tables (same choices)."
    )


class Margins(Strict):
    top: float = Field(ge=0.5, le=8, description="Top margin in cm.")
    bottom: float = Field(ge=0.5, le=8, description="Bottom margin in cm.")
    inner: float = Field(ge=0.5, le=8, description="Inner margin in cm (left; the binding side in duplex).")
    outer: float = Field(ge=0.5, le=8, description="Outer margin in cm (right; the outside edge in duplex).")


class ThemeChoice(Strict):
    fonts: Fonts = Field(default_factory=Fonts, description="Font families.")
    accent: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] = Field(
        "#1F4E79", description="Accent colour as `#RRGGBB`: headings, rules, case-study boxes."
    )
    logo: str | None = Field(
        None, description="Path of the institution's PNG or JPEG logo for covers and title pages, "
        "relative to programme.yaml."
    )
    partner_logos: list[str] = Field(
        default_factory=list,
        description="More logos printed beside the institution's (e.g. LAN, the Pemprov), PNG or JPEG, "
        "relative to programme.yaml.",
    )
    page_size: Literal["A4", "F4", "lan-2017", "letter"] = Field(
        "A4", description="Paper: A4, F4 (215 × 330 mm), lan-2017 (LAN's module trim, 165 × 215.9 mm) or "
        "letter (8.5 × 11 in)."
    )
    margins: Margins | None = Field(
        None, description="Page margins in cm, e.g. `{top: 4, bottom: 3, inner: 4, outer: 3}` as many pedoman "
        "ask; by default they suit the paper."
    )
    font_size: float | None = Field(
        None, ge=8, le=16, description="Body text size in pt (headings scale with it); by default it suits the paper."
    )
    line_spacing: float | None = Field(
        None, ge=1, le=2.5, description="Line spacing as a word processor counts it: 1 = single, 1.5, 2 = double; "
        "by default about 1.3."
    )
    duplex: bool = Field(
        False, description="Printed on both sides: every part starts on a right-hand (odd) page, a blank left-hand "
        "page before it when needed, and the margins mirror (inner margin at the binding)."
    )
    foreign_terms: list[Text] = Field(
        default_factory=list,
        description="Foreign-language terms (e.g. `Whole of Government`, `mind set`) printed in "
        "italics wherever they occur: prose, headings, daftar isi, objectives, glossary, quiz "
        "documents. Italic text is never hyphenated.",
    )


class Signatory(Strict):
    name: Text = Field(description="Name printed under the foreword, with degrees, e.g. `Dr. Ani Lestari, M.Si.`.")
    role: Text = Field(description="Post of the signatory, e.g. `Kepala BPSDM Provinsi …`.")
    nip: Annotated[str, StringConstraints(pattern=r"^(?:\d\s?){17}\d$")] | None = Field(
        None, description="NIP of the signatory, 18 digits, spaces allowed (`19700101 199503 1 001`); "
        "printed under the name.",
    )


class Programme(Strict):
    """`programme.yaml`: the training programme every document belongs to."""

    title: Text = Field(description="Programme title, e.g. `Pelatihan Dasar CPNS Golongan III`.")
    agenda: Text | None = Field(None, description="Learning agenda the modules belong to.")
    institution: Text = Field(description="Organising institution; the PDFs' author.")
    cohort: Text = Field(description="Cohort (angkatan), e.g. `Angkatan XII`.")
    year: int = Field(ge=2000, le=2100, description="Training year.")
    place: Text = Field(description="City where the documents are issued.")
    date: datetime.date = Field(
        # The zip format of .xlsx and .zip outputs can stamp only 1980–2107.
        ge=datetime.date(1980, 1, 1), le=datetime.date(2107, 12, 31),
        description="Document date (YYYY-MM-DD, 1980–2107); also fixes the PDFs' timestamps."
    )
    language: Literal["id", "en"] = Field("id", description="Language of fixed labels.")
    seeds: str = Field("../seeds", description="Folder of the seed articles, relative to programme.yaml.")
    theme: ThemeChoice = Field(default_factory=ThemeChoice, description="Look of the documents.")
    labels: dict[str, Text] = Field(
        default_factory=dict, description="Overrides of single fixed labels, by label key."
    )
    modules: list[Id] = Field(min_length=1, description="Module ids in teaching order.")
    authors: list[Text] = Field(default_factory=list, description="Writers (tim penyusun).")
    editors: list[Text] = Field(default_factory=list, description="Editors, on the colophon page.")
    edition: Text | None = Field(
        None, description="Edition line on the colophon page, e.g. `Edisi Pertama, 2026`."
    )
    copyright: Text | None = Field(
        None, description="Copyright holder on the colophon page; the institution when left out."
    )
    signatory: Signatory | None = Field(None, description="Who signs the foreword.")
    participant_digits: int = Field(
        6, ge=6, le=18, description="Digits of the participant number on answer sheets (6–18; 18 for a NIP)."
    )
    foreword: Markdown | None = Field(
        None,
        description="Kata pengantar; replaces the built-in template. May use "
        "`{{ institution }}`, `{{ cohort }}`, `{{ year }}`, `{{ module_title }}` and other "
        "programme values.",
    )


# --------------------------------------------------------------------------- modules


class Citation(Strict):
    seed: Id = Field(description="Id of a seed article in seeds/sources.yaml.")
    quote: Text = Field(
        description="A passage that occurs verbatim in that seed (whitespace and typographic "
        "quotes are folded before matching)."
    )


class Objective(Strict):
    id: Id = Field(description="Unique objective id, e.g. `wog-2`.")
    level: Level = Field(description="Revised Bloom level, C1–C6.")
    text: Text = Field(description="Learning outcome (hasil belajar), e.g. `Menjelaskan …`.")
    indicator: Text = Field(description="Success indicator (indikator keberhasilan).")
    citations: list[Citation] = Field(min_length=1, description="Seed passages the objective rests on.")


class Quote(Strict):
    seed: Id = Field(description="Seed article the words come from.")
    text: Text = Field(description="The quoted words, verbatim from the seed; keep them short.")
    speaker: Text = Field(description="Who said or wrote it, as the attribution line shows it.")


def _check_points(points: list, questions: list | None, what: str) -> list:
    if points and questions is not None and len(points) != len(questions):
        # The loader words this error (model/validation.py), in the reader's language.
        raise PydanticCustomError("answer_points", "{points} lists of answer points for {questions} {what}",
                                  {"points": len(points), "questions": len(questions), "what": what})
    return points


class CaseStudy(Strict):
    title: Text = Field(description="Title of the case (studi kasus).")
    body: Markdown = Field(description="The case, set in an Indonesian agency.")
    questions: list[Markdown] = Field(min_length=1, description="Discussion questions.")
    objectives: list[Id] = Field(default_factory=list, description="Objectives the questions serve.")
    answer_points: list[list[Text]] = Field(
        default_factory=list,
        description="For the facilitator guide only (panduan-fasilitator, never the learner's handout): "
        "the points a good answer makes, one list per question, in order.",
    )

    @field_validator("answer_points")
    @classmethod
    def _points_per_question(cls, points: list, info: ValidationInfo) -> list:
        return _check_points(points, info.data.get("questions"), N_("questions"))


class TextBlock(Strict):
    text: Markdown = Field(description="Prose.")


class QuoteBlock(Strict):
    quote: Quote = Field(description="An attributed quotation from a seed, set as a block quote.")


class CaseBlock(Strict):
    case: CaseStudy = Field(description="A case study, set apart in a tinted box.")


class TableSpec(Strict):
    caption: Text = Field(description="Caption, printed above the table as `Tabel 2.1 <caption>` and listed in "
                          "the Daftar Tabel.")
    text: Markdown = Field(description="The table in Markdown: a header row, a `|---|---|` row, then the rows.")
    source: Text | None = Field(None, description="Where the figures come from, printed under the table.")

    @field_validator("text")
    @classmethod
    def _is_a_table(cls, text: str) -> str:
        from latsar.text.markdown import Table as MarkdownTable, parse

        if not any(isinstance(block, MarkdownTable) for block in parse(text).blocks):
            raise PydanticCustomError("no_table", "no Markdown table in `text`")
        return text


class FigureSpec(Strict):
    caption: Text = Field(description="Caption, printed under the image as `Gambar 2.1 <caption>` and listed in "
                          "the Daftar Gambar.")
    image: str = Field(description="Path of a PNG or JPEG image inside the project, relative to programme.yaml.")
    width: float = Field(0.8, gt=0.1, le=1, description="Width as a share of the text width.")
    source: Text | None = Field(None, description="Where the image comes from, printed under the caption.")


class TableBlock(Strict):
    table: TableSpec = Field(description="A numbered table with a caption.")


class FigureBlock(Strict):
    figure: FigureSpec = Field(description="A numbered figure (an image) with a caption.")


def _block_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for kind in ("text", "quote", "case", "table", "figure"):
            if kind in value:
                return kind
        return None
    return getattr(value, "kind", None)


Block = Annotated[
    Union[
        Annotated[TextBlock, Tag("text")],
        Annotated[QuoteBlock, Tag("quote")],
        Annotated[CaseBlock, Tag("case")],
        Annotated[TableBlock, Tag("table")],
        Annotated[FigureBlock, Tag("figure")],
    ],
    Discriminator(
        _block_kind,
        custom_error_type="block_kind",
        custom_error_message="a content block needs exactly one of the keys text, quote, case, table, figure",
    ),
]


class Section(Strict):
    id: Id = Field(description="Unique section id; items may point at it as their backing.")
    title: Text = Field(description="Section heading.")
    content: list[Block] = Field(min_length=1, description="Prose, quotations and case studies, in order.")


class Chapter(Strict):
    id: Id = Field(description="Unique chapter id.")
    title: Text = Field(description="Chapter title (materi pokok), e.g. `Konsep Whole of Government`.")
    objectives: list[Id] = Field(default_factory=list, description="Objectives this chapter teaches.")
    sections: list[Section] = Field(min_length=1, description="Sub-chapters (submateri pokok).")
    exercises: list[Markdown] = Field(min_length=1, description="Latihan at the end of the chapter.")
    summary: Markdown = Field(description="Rangkuman of the chapter.")
    exercise_points: list[list[Text]] = Field(
        default_factory=list,
        description="For the facilitator guide only (panduan-fasilitator, never the learner's handout): "
        "the points a good answer makes, one list per exercise, in order.",
    )

    @field_validator("exercise_points")
    @classmethod
    def _points_per_exercise(cls, points: list, info: ValidationInfo) -> list:
        return _check_points(points, info.data.get("exercises"), N_("exercises"))


class GlossaryEntry(Strict):
    term: Text = Field(description="The term.")
    definition: Markdown = Field(description="Its meaning in this module.")


class Reference(Strict):
    text: Markdown = Field(description="The full reference as printed in the daftar pustaka.")
    kind: Literal["regulation", "book", "article", "web"] = Field(
        "book", description="Kind of source; regulations are listed first."
    )


class Closing(Strict):
    conclusion: Markdown = Field(description="Simpulan.")
    follow_up: Markdown = Field(description="Tindak lanjut.")


class Module(Strict):
    """`modules/<id>.yaml`: one training module (mata pelatihan)."""

    id: Id = Field(description="Module id; the file name should match it.")
    title: Text = Field(description="Module title.")
    hours: int = Field(gt=0, le=200, description="Lesson hours (JP).")
    supports: Text | None = Field(
        None,
        description="Where the module sits in the official curriculum it supports (agenda, mata "
        "pelatihan, core value), printed on its cover instead of the programme's agenda, e.g. "
        "`Pengayaan Agenda II · nilai Kolaboratif`.",
    )
    description: Markdown = Field(description="Deskripsi singkat: one paragraph on scope.")
    background: Markdown = Field(description="Latar belakang: why it matters for the CPNS.")
    benefits: Markdown = Field(description="Manfaat modul.")
    study_guide: Markdown | None = Field(None, description="Petunjuk belajar; a built-in text when absent.")
    objectives: list[Objective] = Field(min_length=1, description="Learning objectives.")
    chapters: list[Chapter] = Field(min_length=1, description="Content chapters (Bab II onwards).")
    closing: Closing = Field(description="Penutup.")
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Glosarium.")
    references: list[Reference] = Field(
        default_factory=list,
        description="Daftar pustaka beyond the cited seed articles (which are listed automatically).",
    )


# --------------------------------------------------------------------------- item bank


class Option(Strict):
    text: Markdown = Field(description="The option as printed.")
    correct: bool = Field(False, description="True on exactly one option: the key.")
    reason: Markdown = Field(description="Why this option is right, or why it is wrong.")
    live_text: Markdown | None = Field(
        None,
        description="A short form of the option for live quiz games (Kahoot takes answers of at most 75 "
        "characters, as one line of plain text): the same answer in fewer words. Only the game shows it; "
        "everything else prints `text`.",
    )


class Backing(Strict):
    seed: Id | None = Field(None, description="Seed whose passage backs the key.")
    quote: Text | None = Field(None, description="The verbatim passage (with `seed`).")
    section: Id | None = Field(None, description="Or: the module section that teaches the key.")


class Waiver(Strict):
    rule: Text = Field(description="Lint rule id to silence here, e.g. `K6` for an item, `G1` for a blueprint.")
    reason: Text = Field(description="Why the rule does not apply here.")


class Item(Strict):
    id: Id = Field(description="Unique item id.")
    objective: Id = Field(description="Objective the item measures.")
    level: Level = Field(description="Bloom level of the item; at most the objective's level.")
    difficulty: Difficulty = Field(description="Expected difficulty: mudah, sedang or sukar.")
    stem: Markdown = Field(description="Pokok soal.")
    live_stem: Markdown | None = Field(
        None,
        description="A short form of the stem for live quiz games (Kahoot takes a question of at most 120 "
        "characters, as one line of plain text): the same question in fewer words, so the same option stays the key. Only the game "
        "shows it; booklets and the other exports print `stem`. `latsar check` names the items Kahoot would leave "
        "out or show changed without one (rule G1).",
    )
    options: list[Option] = Field(min_length=3, max_length=5, description="3–5 options, one of them correct.")
    explanation: Markdown = Field(description="Pembahasan: why the key is right.")
    backing: Backing = Field(description="A seed passage or a module section that backs the key.")
    tags: list[Text] = Field(default_factory=list, description="Free tags.")
    pin_options: bool = Field(False, description="Keep the options in the written order when shuffling.")
    indicator: Text | None = Field(
        None,
        description="Indikator soal: what this item asks the participant to do, e.g. `Disajikan kasus "
        "…, peserta dapat menentukan …`; printed in the kisi-kisi. Required for new items (rule I1).",
    )
    enemies: list[Id] = Field(
        default_factory=list,
        description="Items that must never share a version with this one (they cue or repeat each "
        "other); the relation holds both ways.",
    )
    waive: list[Waiver] = Field(default_factory=list, description="Lint rules silenced, each with a reason.")


class ItemBank(Strict):
    """`items/<module>.yaml`: multiple-choice items."""

    items: list[Item] = Field(min_length=1, description="The items.")


# --------------------------------------------------------------------------- blueprints


class Rule(Strict):
    module: Id | None = Field(None, description="Draw from this module's items.")
    objective: Id | None = Field(None, description="Draw from this objective's items.")
    levels: list[Level] = Field(default_factory=list, description="Only items at these levels.")
    count: int = Field(ge=1, description="How many items this cell takes.")


class Blueprint(Strict):
    """`blueprints/<id>.yaml`: a quiz blueprint (kisi-kisi)."""

    id: Id = Field(description="Blueprint id; `evaluasi-<module>` is the module's end-of-module test.")
    title: Text = Field(description="Quiz title as printed.")
    minutes: int = Field(gt=0, le=600, description="Time allowed.")
    versions: int = Field(1, ge=1, le=2000, description="Number of versions (paket A, B, …).")
    seed: int = Field(ge=0, description="Seed of the stable shuffles.")
    mode: Literal["shuffle", "parallel"] = Field(
        "shuffle", description="`shuffle`: same items reordered; `parallel`: each version its own items."
    )
    options: int = Field(4, ge=3, le=5, description="Options printed per item.")
    pass_mark: float = Field(70, ge=0, le=100, description="Pass mark in percent.")
    participant_digits: int | None = Field(
        None, ge=6, le=18, description="Digits of the participant number on this quiz's answer sheet; "
        "the programme's `participant_digits` when absent.",
    )
    rules: list[Rule] = Field(min_length=1, description="Selection cells, taken in order.")
    instructions: Markdown | None = Field(None, description="Instructions; a built-in text when absent.")
    exclude: list[Id] = Field(default_factory=list, description="Item ids this quiz must never draw.")
    exclude_flagged: bool = Field(
        True, description="Leave out items whose latest statistics recommend dropping them."
    )
    question_seconds: Literal[5, 10, 20, 30, 60, 90, 120, 240] | None = Field(
        None,
        description="Seconds per question in the game exports (Kahoot, Quizizz): one of the times "
        "Kahoot offers. When absent, the quiz's minutes shared over its questions, rounded to the "
        "nearest time offered.",
    )
    waive: list[Waiver] = Field(
        default_factory=list,
        description="Lint warnings silenced for this quiz, each with a reason: `G1` for a quiz printing 5 options "
        "that is never played on Kahoot (the one rule a blueprint can waive). Errors are never waived.",
    )


# --------------------------------------------------------------------------- regulations


RegulationStatus = Literal["in-force", "revoked", "ended"]


class Regulation(Strict):
    id: Id = Field(description="Registry id, e.g. `uu-20-2023`.")
    instrument: Text = Field(
        description="Kind of instrument as the registry spells it: `UU`, `PP`, `Perpres`, `Inpres`, "
        "`PermenPANRB`, `PerLAN`, `Keputusan Kepala LAN`, … (see docs/item-lint.md for every spelling "
        "recognised in text)."
    )
    number: Text = Field(description="Number as printed, without the year, e.g. `20` or `94/K.1/PDP.07`.")
    year: int = Field(ge=1945, le=2100, description="Year of the instrument.")
    title: Text = Field(description="Exact title (tentang …).")
    status: RegulationStatus = Field(
        description="`in-force`; `revoked` (dicabut: name `revoked_by`); `ended` (a plan or road map "
        "whose period is over)."
    )
    amended_by: list[Id] = Field(default_factory=list, description="Registry ids of amending instruments.")
    revoked_by: Id | None = Field(None, description="Registry id of the instrument that revoked it.")
    successor: Id | None = Field(None, description="Registry id of what now takes its place, if any.")
    note: Text | None = Field(None, description="What a writer should know, e.g. what is still unconfirmed.")


class RegulationRegistry(Strict):
    """`regulations.yaml`: the regulations the curriculum may cite, with their status."""

    regulations: list[Regulation] = Field(min_length=1, description="The registry.")


# --------------------------------------------------------------------------- seeds


class SeedSource(Strict):
    id: Id = Field(description="Seed id used in citations.")
    file: Text = Field(description="File name under seeds/.")
    title: Text = Field(description="Article headline.")
    outlet: Text = Field(description="Publishing outlet.")
    place: Text = Field(description="Place of the report.")
    date: datetime.date | None = Field(None, description="Publication date, when known.")
    date_as_printed: str | None = Field(None, description="The date as the article prints it.")
    themes: list[Text] = Field(default_factory=list, description="Themes of the article.")


FILE_KINDS: dict[str, type[Strict]] = {
    "programme": Programme,
    "module": Module,
    "items": ItemBank,
    "blueprint": Blueprint,
    "regulations": RegulationRegistry,
}
