"""Module handouts and the programme book as Word documents, from the same outline as the PDFs.

Every decision about content and order was made by `latsar.plan.handout`; this module maps each
block kind to Word paragraphs, tables and fields (one method per kind, see `_BLOCKS`). Each
division of the outline starts a Word section on a new page, numbered as its matter says (cover
none, front matter roman, body arabic from 1), with its running head in the page header.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from latsar.model.curriculum import Curriculum
from latsar.plan import handout as plan
from latsar.plan.types import QuizPlan
from latsar.render.docx.document import (
    add_field, document_bytes, field_char, field_start, new_document, new_page_section, number_pages,
)
from latsar.render.docx.text import Writer, cell_grid, hanging, put, repeat_header, set_numbering, text_run

# Outline heading levels (0 = a document's top) as Word heading styles; Word has 1–9.
MAX_HEADING = 3


def module_docx(curriculum: Curriculum, module_id: str, evaluasi: QuizPlan | None, theme: Any) -> bytes:
    """The handout of one module as .docx; the same outline as `module_pdf`."""
    return render_outline(plan.module_outline(curriculum, module_id, evaluasi, theme.labels), theme)


def book_docx(curriculum: Curriculum, evaluasi: Mapping[str, QuizPlan], theme: Any) -> bytes:
    """All modules as one book (bahan-ajar.docx); the same outline as `book_pdf`."""
    return render_outline(plan.book_outline(curriculum, evaluasi, theme.labels), theme)


def render_outline(outline: plan.Outline, theme: Any) -> bytes:
    doc = new_document(theme)
    _Story(doc, theme, outline).write()
    return document_bytes(doc, theme, outline.title, outline.author, outline.subject, outline.keywords)


def heading_style(level: int) -> str:
    return f"Heading {min(level + 1, MAX_HEADING)}"


class _Story:
    """Writes one outline into a document; one method per block kind (see `_BLOCKS`)."""

    def __init__(self, doc: Any, theme: Any, outline: plan.Outline):
        self.doc, self.theme, self.outline = doc, theme, outline
        self.writer = Writer(doc, theme.foreign_terms)
        self.body = doc  # where paragraphs go

    def write(self) -> None:
        # A Word section per change of numbering or running head (a cover, the front matter, the
        # body, each module of the book); within one, a division starts on a new page.
        current: tuple[str, str] | None = None
        for division in self.outline.divisions:
            page = (division.matter, division.running_head)
            if current is None:
                number_pages(self.doc.sections[0], division.matter, restart=True)
            elif page != current:
                new_page_section(self.doc, division.matter, division.running_head, division.matter != current[0],
                                 self.writer.style_ids["Header"])
            self.division(division, new_page=current is not None and page == current)
            current = page

    def division(self, division: plan.Division, new_page: bool) -> None:
        if division.heading:
            style = "TOC Heading" if any(isinstance(b, plan.Contents) for b in division.blocks) else \
                heading_style(division.heading.level)
            heading = self.writer.add(self.doc, style, division.heading.text)
            heading.paragraph_format.page_break_before = new_page or None
            if division.role == "divider":
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
                heading.paragraph_format.space_before = Pt(self.theme.page_size[1] * 0.2)
        elif new_page:
            self.doc.add_page_break()
        if division.role == "divider":  # a module's title page in the book: its prose is centred
            for block in division.blocks:
                for paragraph in self.writer.markdown(self.doc, block.text):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            for block in division.blocks:
                _BLOCKS[type(block)](self, block)
        for section in division.sections:
            self.writer.add(self.doc, heading_style(section.heading.level), section.heading.text)
            for block in section.blocks:
                _BLOCKS[type(block)](self, block)

    # ----------------------------------------------------------------- simple blocks

    def prose(self, block: plan.Prose) -> None:
        self.writer.markdown(self.doc, block.text)

    def subheading(self, block: plan.Subheading) -> None:
        self.writer.add(self.doc, "Heading 4", block.text)

    def entry_list(self, block: plan.EntryList) -> None:
        style = "List Number" if block.ordered else "List Bullet"
        number = self.writer.restart(style) if block.ordered else None
        for entry in block.entries:
            paragraphs = self.writer.markdown(self.doc, entry.text, style)
            if number is not None:
                set_numbering(paragraphs[0], number)
            for paragraph in paragraphs[1:]:
                self.writer.restyle(paragraph, "List Continue")
            if entry.tag:
                tag = paragraphs[-1].add_run(f" ({entry.tag})")
                tag.font.color.rgb = RGBColor.from_string(self.theme.colours.muted.lstrip("#"))
                tag.font.size = Pt(self.theme.body_size * 0.85)
            for letter, child in zip("abcdefghijklmnopqrstuvwxyz", entry.children):
                hanging(self.writer.paragraph(self.doc, f"{letter}.\t{child}"), 36, 14)

    def signature(self, block: plan.Signature) -> None:
        for text, bold in ((block.place_date, False), (block.role, False), ("", False), ("", False),
                           (block.name, True)):
            paragraph = self.writer.paragraph(self.doc, text, bold=bold)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def references(self, block: plan.ReferenceList) -> None:
        for number, text in block.entries:
            for paragraph in self.writer.markdown(self.doc, text, prefix=f"[{number}]"):
                hanging(paragraph, 28, 28)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT

    def contents(self, block: plan.Contents) -> None:
        """A Word table-of-contents field spanning one paragraph per heading: until Word updates
        it (it asks when the file opens), it lists the headings without page numbers."""
        listed = [h for h in self.outline.headings() if h.level <= block.depth]
        paragraphs = [self.writer.add(self.doc, "Normal", h.text) for h in listed] or [self.writer.add(self.doc)]
        for paragraph, heading in zip(paragraphs, listed):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.left_indent = Pt(14 * heading.level)
            paragraph.paragraph_format.space_after = Pt(2)
        field_around(paragraphs, f'TOC \\o "1-{block.depth + 1}" \\h \\z \\u')

    def cover(self, block: plan.Cover) -> None:
        lines: list[tuple[str, str]] = [(block.kicker.upper(), "Subtitle"), (block.title, "Title"),
                                        (block.subtitle, "Subtitle")]
        lines += [(detail, "Normal") for detail in block.details]
        for number, (text, style) in enumerate(lines):
            paragraph = self.writer.paragraph(self.doc, text, style)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if number == 0:
                paragraph.paragraph_format.space_before = Pt(self.theme.page_size[1] * 0.18)
        self._logos(block.logos)
        self._centred(((block.institution, True), (block.cohort_year, False)))

    def title_page(self, block: plan.TitlePage) -> None:
        self._logos(block.logos)
        self._centred(((block.kicker.upper(), False),), "Subtitle")
        self.doc.paragraphs[-1].paragraph_format.space_before = Pt(self.theme.page_size[1] * 0.12)
        self._centred(((block.title, False),), "Title")
        self._centred(((block.subtitle, False),), "Subtitle")
        self._centred(tuple((detail, False) for detail in block.details))
        self._centred(((block.institution, True), (block.place_year, False)))

    def colophon(self, block: plan.Colophon) -> None:
        for label, names in block.credits:
            self.writer.paragraph(self.doc, label, bold=True)
            for name in names:
                self.writer.paragraph(self.doc, name)
        for line in (block.edition, block.copyright):
            if line:
                self.writer.paragraph(self.doc, line)
        self.writer.markdown(self.doc, block.notice)

    def formula(self, block: plan.Formula) -> None:
        """left = numerator / denominator × factor, on one centred line (Word has no fraction
        without an equation object)."""
        line = f"{block.left} = ({block.numerator}) / ({block.denominator}) {block.factor}".rstrip()
        self._centred(((line, False),))

    def _logos(self, logos: tuple) -> None:
        present = [logo for logo in logos if logo.is_file()]
        if present:
            picture = self.writer.add(self.doc)
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for logo in present:
                picture.add_run().add_picture(str(logo), height=Pt(64))

    def _centred(self, lines: tuple[tuple[str, bool], ...], style: str = "Normal") -> None:
        for text, bold in lines:
            if text:
                self.writer.paragraph(self.doc, text, style, bold=bold).alignment = WD_ALIGN_PARAGRAPH.CENTER

    # ----------------------------------------------------------------- boxed blocks

    def quotation(self, block: plan.Quotation) -> None:
        self.writer.paragraph(self.doc, f"“{block.text}”", "Quote")
        attribution = self.writer.add(self.doc, "Quote")
        attribution.add_run(f"— {block.speaker}, ")
        attribution.add_run(block.source).italic = True
        attribution.add_run(f" [{block.ref}]")
        attribution.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def case(self, block: plan.Case) -> None:
        """A shaded one-cell table with an accent rule on the left, as the PDF's box."""
        cell = self._box()
        caption = cell.paragraphs[0]
        self.writer.restyle(caption, "Caption")
        caption.add_run(block.caption.upper())
        self.writer.paragraph(cell, block.title, bold=True)
        self.writer.markdown(cell, block.body)
        self.writer.paragraph(cell, block.questions_caption, bold=True)
        number = self.writer.restart("List Number")
        for question in block.questions:
            set_numbering(self.writer.markdown(cell, question, "List Number")[0], number)
        self.doc.add_paragraph()

    def _box(self) -> Any:
        table = self.doc.add_table(rows=1, cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        cell = table.cell(0, 0)
        properties = cell._tc.get_or_add_tcPr()
        shading = OxmlElement("w:shd")
        for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", self.theme.colours.tint.lstrip("#"))):
            shading.set(qn(key), value)
        borders = OxmlElement("w:tcBorders")
        left = OxmlElement("w:left")
        for key, value in (("w:val", "single"), ("w:sz", "24"), ("w:color", self.theme.colours.accent.lstrip("#"))):
            left.set(qn(key), value)
        borders.append(left)
        properties.append(borders)
        properties.append(shading)
        return cell

    # ----------------------------------------------------------------- evaluasi and key

    def quiz(self, block: plan.Quiz) -> None:
        for item in block.items:
            self.writer.question(self.doc, item.number, item.stem, item.options)

    def key_table(self, block: plan.KeyTable) -> None:
        columns = 4 if len(block.keys) > 8 else 2
        rows_per = -(-len(block.keys) // columns)
        table = self.doc.add_table(rows=rows_per + 1, cols=2 * columns)
        self.writer.grid(table)
        repeat_header(table)
        cells = cell_grid(table)
        for column in range(columns):
            for offset, text in enumerate((block.number_label, block.key_label)):
                put(cells[0][2 * column + offset], text, bold=True)
        for index, (number, key) in enumerate(block.keys):
            row, column = index % rows_per + 1, 2 * (index // rows_per)
            put(cells[row][column], str(number))
            put(cells[row][column + 1], key, bold=True)
        self.doc.add_paragraph()

    def explanations(self, block: plan.Explanations) -> None:
        for entry in block.entries:
            first = self.writer.markdown(self.doc, entry.key_text, prefix=f"{entry.number}.")
            lead = first[0].runs[0]._r
            label = first[0].add_run(f"{block.key_label}: {entry.letter} — ")
            label.bold = True
            lead.addnext(label._r)
            for paragraph in first:
                hanging(paragraph, 20, 20)
            for paragraph in self.writer.markdown(self.doc, entry.text):
                paragraph.paragraph_format.left_indent = Pt(20)

    def glossary(self, block: plan.Glossary) -> None:
        table = self.doc.add_table(rows=len(block.entries), cols=2)
        self.writer.grid(table)
        for (term_cell, definition_cell), (term, definition) in zip(cell_grid(table), block.entries):
            term_cell.paragraphs[0]._p.extend(self.writer.runs(term, bold=True))
            written = self.writer.markdown(definition_cell, definition)
            first = definition_cell.paragraphs[0]
            if written and not first.text:
                first._p.getparent().remove(first._p)


    def exhibit(self, block: plan.Exhibit) -> None:
        """A table under its caption, or a picture over its caption, as in the PDF."""
        if block.kind == "table":
            self._caption(block)
            self.writer.markdown(self.doc, block.text)
        else:
            picture = self.writer.add(self.doc)
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if block.image is not None and block.image.is_file():
                picture.add_run().add_picture(str(block.image), width=Pt(self.theme.frame_width * block.width))
            self._caption(block)
        if block.source:
            self.writer.paragraph(self.doc, f"{self.theme.labels['source_label']}: {block.source}",
                                  "Caption").alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _caption(self, block: plan.Exhibit) -> None:
        """"Tabel 2.1 caption" with its last number a SEQ field reset to that number: Word keeps
        the number and its Daftar Tabel (a TOC field over the SEQ fields) finds the caption."""
        paragraph = self.writer.add(self.doc, "Caption")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head, number = _LAST_NUMBER.match(block.label).groups()
        paragraph._p.append(text_run(head))
        add_field(paragraph, f"SEQ {self._sequence(block.kind)} \\r {number} \\* ARABIC", number)
        paragraph._p.extend(self.writer.runs(f" {block.caption}"))

    def _sequence(self, kind: str) -> str:
        """The SEQ identifier of a kind of exhibit: its caption word ("Tabel", "Gambar")."""
        return self.theme.labels[f"{kind}_label"].split()[0]

    def listing(self, block: plan.Listing) -> None:
        """Daftar Tabel / Daftar Gambar: a TOC field over the captions' SEQ fields, so Word lists
        them with their page numbers when it updates fields (it asks when the file opens);
        until then it shows the captions alone."""
        paragraphs = [self.writer.paragraph(self.doc, text) for _, text in block.entries] or [self.writer.add(self.doc)]
        field_around(paragraphs, f'TOC \\h \\z \\c "{self._sequence(block.kind)}"')


_LAST_NUMBER = re.compile(r"^(.*?)(\d+)$")


def field_around(paragraphs: list[Any], instruction: str) -> None:
    """A field whose current result is `paragraphs` (a TOC field's entries)."""
    first = paragraphs[0]._p
    anchor = first.pPr
    for element in reversed(field_start(instruction)):
        anchor.addnext(element) if anchor is not None else first.insert(0, element)
    paragraphs[-1]._p.append(field_char("end"))


_BLOCKS: dict[type, Callable[[_Story, Any], None]] = {
    plan.Prose: _Story.prose, plan.Subheading: _Story.subheading, plan.EntryList: _Story.entry_list,
    plan.Quotation: _Story.quotation, plan.Case: _Story.case, plan.Signature: _Story.signature,
    plan.Quiz: _Story.quiz, plan.KeyTable: _Story.key_table, plan.Explanations: _Story.explanations,
    plan.Glossary: _Story.glossary, plan.ReferenceList: _Story.references, plan.Contents: _Story.contents,
    plan.Cover: _Story.cover, plan.TitlePage: _Story.title_page, plan.Colophon: _Story.colophon,
    plan.Formula: _Story.formula, plan.Exhibit: _Story.exhibit, plan.Listing: _Story.listing,
}
