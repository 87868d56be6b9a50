"""Question booklets as Word documents (soal-paket-<X>.docx), from the same quiz documents as the
PDF booklets (latsar.plan.quizdocs): title and version, identity lines to write on, the petunjuk
and its facts, then the version's questions with its option order.

Versions print the same pieces in other orders, so `WordBooklets` makes one model document per
quiz with python-docx and the XML of each piece once (a stem with its number left open, an
option with its letter); a booklet is then its document.xml put together as text, added with its
header and core properties to a zip of the parts every booklet shares. The bytes are those of a
document built whole with python-docx; only the zip's entry order differs (shared parts first).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator
from xml.sax.saxutils import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from latsar.model.curriculum import Curriculum
from latsar.plan.quizdocs import Booklet, ItemText, QuizDocs, quiz_docs
from latsar.plan.types import LETTERS, PlannedItem, QuizPlan
from latsar.render.docx.document import new_document, number_pages, package_parts
from latsar.render.docx.text import Writer, cell_grid, put
from latsar.render.export.common import zip_append, zip_bytes

# Private-use characters standing for what differs between booklets in a piece made once.
CODE = "\ue000"  # the version code
NUMBER = "\ue001"  # a question's number
DOCUMENT, NUMBERING = "word/document.xml", "word/numbering.xml"
# The namespace declarations lxml adds to an element written on its own (the document's root
# declares them once).
_DECLARATIONS = re.compile(r' xmlns:\w+="[^"]*"')


def booklet_name(code: str) -> str:
    return f"soal-paket-{code}.docx"


def booklets_docx(curriculum: Curriculum, plan: QuizPlan, theme: Any) -> dict[str, bytes]:
    """Every version's booklet by file name."""
    return dict(each_booklet_docx(curriculum, plan, theme))


def each_booklet_docx(curriculum: Curriculum, plan: QuizPlan, theme: Any) -> Iterator[tuple[str, bytes]]:
    """(file name, booklet) one version at a time, for a caller that writes each to disk at once."""
    docs = quiz_docs(curriculum, plan, theme.labels)
    booklets = WordBooklets(docs.info.title, docs.info.institution, theme)
    for b in docs.booklets:
        yield booklet_name(b.version.code), booklets.docx(b, docs.texts)


class WordBooklets:
    """The Word booklets of one quiz: the model package and the pieces' XML, made once."""

    def __init__(self, title: str, institution: str, theme: Any):
        self.theme, labels = theme, theme.labels
        self.doc = new_document(theme)
        self.writer = Writer(self.doc, theme.foreign_terms)
        self.body = self.doc.element.body
        self.numbering = self.doc.part.numbering_part.element
        section = self.doc.sections[0]
        number_pages(section, "body", restart=True)
        section.header.paragraphs[0].text = f"{title} · {labels['quiz_version']} {CODE}"
        name = f"{labels['quiz_booklet']} {labels['quiz_version']} {CODE}"
        parts = package_parts(self.doc, theme, f"{title}: {name}", institution, name, labels["quiz_keywords"])
        self.varying = {n: data for n, data in parts.items() if CODE.encode() in data or n == NUMBERING}
        self.shared = zip_bytes({n: data for n, data in parts.items() if n not in self.varying and n != DOCUMENT},
                                self.stamp)
        model = parts[DOCUMENT].decode("utf-8")
        body = model.index("<w:body>") + len("<w:body>")
        self.head, self.tail = model[:body], model[body:]
        self._pieces: dict[tuple, str] = {}

    @property
    def stamp(self) -> Any:
        return self.theme.timestamp.replace(tzinfo=None)

    def docx(self, booklet: Booklet, texts: dict[str, ItemText] | Any) -> bytes:
        """One version's booklet."""
        code = escape(booklet.version.code)
        count = len(self.numbering)
        xml = [self.head, self._cover(booklet).replace(CODE, code)]
        for number, planned in enumerate(booklet.version.items, start=1):
            xml.append(self._question(texts[planned.item_id], planned).replace(NUMBER, str(number)))
        xml.append(self.tail)
        files = {name: data.replace(CODE.encode(), code.encode()) for name, data in self.varying.items()}
        files[DOCUMENT] = "".join(xml).encode("utf-8")
        if len(self.numbering) > count:  # lists in this booklet restarted their numbering
            files[NUMBERING] = self.doc.part.numbering_part.blob
            for num in self.numbering[count:]:
                self.numbering.remove(num)
        return zip_append(self.shared, files, self.stamp)

    def _cover(self, booklet: Booklet) -> str:
        labels, writer, doc = self.theme.labels, self.writer, self.doc

        def head() -> None:
            writer.add(doc, "Subtitle", labels["quiz_booklet"].upper())
            writer.add(doc, "Title", booklet.info.title)
            for line in booklet.details:
                writer.add(doc, "Normal", line)
            writer.add(doc, "Heading 2", f"{labels['quiz_version']} {CODE}")
            _identity(writer, doc, labels)
            writer.add(doc, "Heading 2", labels["quiz_instructions"])

        def facts() -> None:
            line = " · ".join(f"{label}: {value}" for label, value in booklet.facts)
            writer.add(doc, "Normal", line).runs[0].bold = True

        return "".join((self._piece(("head", booklet.info.title, booklet.details), head),
                        self._piece(("md", booklet.instructions), lambda: writer.markdown(doc, booklet.instructions)),
                        self._piece(("facts", booklet.facts), facts)))

    def _question(self, text: ItemText, planned: PlannedItem) -> str:
        writer, doc, last = self.writer, self.doc, len(planned.choice_order) - 1
        xml = [self._piece(("stem", text.stem), lambda: writer.stem(doc, NUMBER, text.stem))]
        for k, index in enumerate(planned.choice_order):
            option, letter = text.options[index], f"{LETTERS[k]}."
            xml.append(self._piece(("option", option, letter, k == last),
                                   lambda: writer.option(doc, letter, option, k == last)))
        return "".join(xml)

    def _piece(self, key: tuple, write: Callable[[], object]) -> str:
        """The XML that `write` adds to the model's body, taken out again. Kept for the next
        booklet unless it numbered a list (its numbering depends on the lists before it)."""
        if key in self._pieces:
            return self._pieces[key]
        start, numbered = len(self.body) - 1, len(self.numbering)  # the body's last child is its sectPr
        write()
        added = list(self.body)[start:-1]
        xml = "".join(_DECLARATIONS.sub("", etree.tostring(e, encoding="unicode"), count=0) for e in added)
        for element in added:
            self.body.remove(element)
        if len(self.numbering) == numbered:
            self._pieces[key] = xml
        return xml


def _identity(writer: Writer, doc: Any, labels: Any) -> None:
    """Name, ID, agency and date, each with a dotted line to write on."""
    table = doc.add_table(rows=2, cols=2)
    line = "." * 40
    for row, keys in zip(cell_grid(table), (("quiz_name", "quiz_id_number"), ("quiz_agency", "quiz_date"))):
        for cell, key in zip(row, keys):
            put(cell, f"{labels[key]}: {line}")
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
