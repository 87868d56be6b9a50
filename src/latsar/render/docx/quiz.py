"""Question booklets as Word documents (soal-paket-<X>.docx), from the same quiz documents as the
PDF booklets (latsar.plan.quizdocs): title and version, identity lines to write on, the petunjuk
and its facts, then the version's questions with its option order."""

from __future__ import annotations

from typing import Any, Iterator

from docx.enum.text import WD_ALIGN_PARAGRAPH

from latsar.model.curriculum import Curriculum
from latsar.plan.quizdocs import Booklet, QuizDocs, quiz_docs
from latsar.plan.types import LETTERS, QuizPlan
from latsar.render.docx.document import document_bytes, new_document, number_pages
from latsar.render.docx.text import Writer, cell_grid, put


def booklet_name(code: str) -> str:
    return f"soal-paket-{code}.docx"


def booklets_docx(curriculum: Curriculum, plan: QuizPlan, theme: Any) -> dict[str, bytes]:
    """Every version's booklet by file name."""
    return dict(each_booklet_docx(curriculum, plan, theme))


def each_booklet_docx(curriculum: Curriculum, plan: QuizPlan, theme: Any) -> Iterator[tuple[str, bytes]]:
    """(file name, booklet) one version at a time, for a caller that writes each to disk at once."""
    docs = quiz_docs(curriculum, plan, theme.labels)
    for b in docs.booklets:
        yield booklet_name(b.version.code), booklet_docx(docs, b, theme)


def booklet_docx(docs: QuizDocs, booklet: Booklet, theme: Any) -> bytes:
    labels, info, version = theme.labels, booklet.info, booklet.version
    doc = new_document(theme)
    writer = Writer(doc)
    number_pages(doc.sections[0], "body", restart=True)
    doc.sections[0].header.paragraphs[0].text = f"{info.title} · {labels['quiz_version']} {version.code}"
    writer.add(doc, "Subtitle", labels["quiz_booklet"].upper())
    writer.add(doc, "Title", info.title)
    for line in booklet.details:
        writer.add(doc, "Normal", line)
    writer.add(doc, "Heading 2", f"{labels['quiz_version']} {version.code}")
    _identity(writer, doc, labels)
    writer.add(doc, "Heading 2", labels["quiz_instructions"])
    writer.markdown(doc, booklet.instructions)
    writer.add(doc, "Normal", " · ".join(f"{label}: {value}" for label, value in booklet.facts)).runs[0].bold = True
    for number, planned in enumerate(version.items, start=1):
        text = docs.texts[planned.item_id]
        options = tuple((f"{LETTERS[i]}.", text.options[index]) for i, index in enumerate(planned.choice_order))
        writer.question(doc, number, text.stem, options)
    title = f"{labels['quiz_booklet']} {labels['quiz_version']} {version.code}"
    return document_bytes(doc, theme, f"{info.title}: {title}", info.institution, title, labels["quiz_keywords"])


def _identity(writer: Writer, doc: Any, labels: Any) -> None:
    """Name, ID, agency and date, each with a dotted line to write on."""
    table = doc.add_table(rows=2, cols=2)
    line = "." * 40
    for row, keys in zip(cell_grid(table), (("quiz_name", "quiz_id_number"), ("quiz_agency", "quiz_date"))):
        for cell, key in zip(row, keys):
            put(cell, f"{labels[key]}: {line}")
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
