"""The trainer's discussion notes (pembahasan.pdf), marked RAHASIA: per paket, one entry per
question in the order and with the numbers and letters that paket's booklet prints.

An entry shows the stem, the key, the explanation, why each printed distractor is wrong, the
objective and level, and what backs the key: the seed passage with its outlet and date, or the
module section that teaches it. A quiz of many versions has one shared entry per item instead,
its options by their words, and at the end a table giving, for each paket and question number,
the entry that discusses it.
What an entry says is the plan's (latsar.plan.quizdocs); this module lays it out.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from latsar.plan.quizdocs import PembahasanDoc, PembahasanEntry, PembahasanPaper
from latsar.render.pdf.grid import cell_pool, cells
from latsar.render.pdf.markup import Writer, plain
from latsar.render.pdf.quiz.common import (
    RunningText, chunks, metadata, para, quiz_styles, render_pdf, ruled, title_block, writer,
)
from latsar.render.pdf.theme import Theme, table_commands

LABEL_WIDTH = 30 * mm
# An entry's part continued on the next page is at least this many lines high (with its tag),
# so no page holds only the last row of an item.
TAIL_LINES = 6


def pembahasan_pdf(doc: PembahasanDoc, theme: Theme) -> bytes:
    labels, info = theme.labels, doc.info
    w = writer(theme)
    story: list[Flowable] = [title_block(theme, labels["explanations"], info.title, doc.details),
                             Spacer(1, theme.leading)]
    for index, paper in enumerate(doc.papers):
        if index:
            story.append(PageBreakIfNotEmpty())
        story.append(para(w.styles, paper.heading.upper(), "q-paper"))
        for number, entry in enumerate(paper.entries):
            # The gap goes before an entry, not after: a frame drops it at a page's top, where a
            # trailing spacer would be carried over and leave a page holding nothing else.
            table = Entry(w, entry).table()
            table.spaceBefore = theme.leading * 1.2 if number else 0
            story.append(table)
        if any(entry.places for entry in paper.entries):
            story += entry_index(paper, theme)
    running = RunningText(f"{info.title} · {labels['explanations']}", info.cohort_year, confidential=True)
    return render_pdf(theme, running, story, **metadata(info, labels, labels["explanations"]))


INDEX_CODE_WIDTH = 14 * mm
INDEX_MOST = 25  # question columns in one index table; more continue in another


def entry_index(paper: PembahasanPaper, theme: Theme) -> list[Flowable]:
    """For shared entries: a row per paket giving, under each question number, the number of
    the entry that discusses it (the key letters are the answer key's)."""
    styles, labels = quiz_styles(theme), theme.labels
    where = {(code, number): entry.number for entry in paper.entries for code, number, _ in entry.places}
    codes = list(dict.fromkeys(code for code, _ in where))
    count = max(number for _, number in where)
    story: list[Flowable] = [Spacer(1, theme.leading), para(styles, labels["quiz_entry_index"], "q-heading")]
    entry = cell_pool(styles["q-cell-c"])
    for columns in chunks(range(1, count + 1), INDEX_MOST):
        header = cells([labels["quiz_version"]] + [str(n) for n in columns], styles["q-head"], middle=True)
        body = [[entry(code)] + [entry(str(where.get((code, n), "–"))) for n in columns] for code in codes]
        width = min(12 * mm, (theme.frame_width - INDEX_CODE_WIDTH) / len(columns))
        story += [ruled(theme, [INDEX_CODE_WIDTH] + [width] * len(columns), [header], body,
                        body_padding=(1, 2), zebra=theme.colour("tint")), Spacer(1, theme.leading * 0.8)]
    return story


class Entry:
    """One master item's pembahasan, as one table (see `_table`)."""

    def __init__(self, w: Writer, entry: PembahasanEntry):
        self.w, self.entry = w, entry
        self.theme, self.styles, self.labels = w.theme, w.styles, w.theme.labels

    def table(self) -> Table:
        entry, labels = self.entry, self.labels
        stem = writer(self.theme, stems=True).flowables(entry.stem, "q-stem", f"{entry.number}.")
        rows = [(labels["key_letter"], self._key()), (labels["explanations"], self._md(entry.explanation)),
                (labels["quiz_distractors"], self._distractors()), (labels["quiz_objective"], self._objective()),
                (labels["quiz_backing"], self._backing())]
        return self._table([para(self.styles, entry.tag, "q-label", self.theme.foreign_terms)], stem, rows)

    def _md(self, text: str, role: str = "q-small") -> list[Flowable]:
        return self.w.flowables(text, role)

    def _key(self) -> list[Flowable]:
        flows = self._md(self.entry.key)
        if flows and isinstance(flows[0], Paragraph):
            letter = f"{escape(self.entry.letter)}. " if self.entry.letter else ""
            flows[0] = Paragraph(f"<b>{letter}{flows[0].text}</b>", flows[0].style)
        return flows

    def _distractors(self) -> list[Flowable]:
        """One bullet per printed wrong option: its words in bold, then why it is wrong."""
        out: list[Flowable] = []
        for distractor in self.entry.distractors:
            bullet = f"{distractor.letter}." if distractor.letter else "•"
            option, reason = self._md(distractor.option), self._md(distractor.reason, "q-list")
            if len(option) == 1 and reason and isinstance(reason[0], Paragraph):
                reason[0] = Paragraph(f"<b>{option[0].text}</b>\xa0— {reason[0].text}", reason[0].style,
                                      bulletText=bullet)
                out += reason
            else:
                out += self.w.flowables(distractor.option, "q-list", bullet) + reason
        return out

    def _objective(self) -> list[Flowable]:
        entry, labels = self.entry, self.labels
        return [Paragraph(plain(entry.objective, self.theme.foreign_terms), self.styles["q-small"]),
                Paragraph(f"{escape(labels['quiz_level'])}: <b>{escape(entry.level)}</b>", self.styles["q-small"])]

    def _backing(self) -> list[Flowable]:
        """Module › chapter › section; under it, a seed passage as supporting material."""
        support, styles, terms = self.entry.support, self.styles, self.theme.foreign_terms
        path = para(styles, support.path, "q-small", terms)
        if support.quote is None:
            return [path]
        return [path, Spacer(1, 3), para(styles, self.labels["quiz_supporting_quote"], "q-label"),
                Paragraph(f"“{escape(support.quote)}”", styles["q-quote"]),
                para(styles, f"— {support.source}", "q-label", terms)]

    def _continued_tag(self) -> str:
        """The tag on top of a continuation page: which question goes on ("Soal 7 (lanjutan)")."""
        labels = self.labels
        return f"{labels['quiz_question']} {self.entry.number} ({labels['continued']}) · {self.entry.tag}"

    def _table(self, tag: list[Flowable], stem: list[Flowable], rows: list[tuple[str, list[Flowable]]]) -> Table:
        """Tag and stem across the top, then labels in a narrow column beside their content.

        One table per entry, so a long entry breaks between its rows, never inside one, and
        never before its key."""
        styles, indent = self.styles, self.styles["q-stem"].leftIndent
        data = [[tag, ""], [stem, ""]] + [[para(styles, label, "q-label"), content] for label, content in rows]
        # The tag row repeats on top of an entry's continuation, so a page never starts with
        # rows of an unnamed item.
        table = EntryTable(data, colWidths=[LABEL_WIDTH + indent, self.theme.frame_width - indent - LABEL_WIDTH],
                           splitByRow=1, repeatRows=1)
        table.item_id, table.tail_least = self.entry.item_id, TAIL_LINES * self.styles["q-small"].leading
        table.continuation = [para(styles, self._continued_tag(), "q-label", self.theme.foreign_terms)]
        table.setStyle(TableStyle(table_commands(
            self.theme, ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("SPAN", (0, 0), (1, 0)), ("SPAN", (0, 1), (1, 1)), ("NOSPLIT", (0, 0), (-1, 2)),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 2), (0, -1), indent),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 1), 0),
            ("LINEABOVE", (0, 2), (-1, -1), 0.4, self.theme.colour("rule")),
            ("LINEBELOW", (0, -1), (-1, -1), 0.4, self.theme.colour("rule")),
        )))
        return table


class EntryTable(Table):
    """An entry's table; a layout error about it names the item (the print names none)."""

    item_id = ""
    continuation: list[Flowable] = []

    tail_least = 0.0  # the least height of a continued part (see TAIL_LINES)

    def split(self, availWidth, availHeight):
        """As a table splits, but the repeated tag on the later part names the question it
        continues, and the later part is never a short tail: it takes more rows instead."""
        parts = super().split(availWidth, availHeight)
        while len(parts) == 2 and (short := self.tail_least - parts[1].wrap(availWidth, availHeight)[1]) > 0:
            availHeight -= short
            parts = super().split(availWidth, availHeight)
        for part in parts:
            part.item_id, part.continuation, part.tail_least = self.item_id, self.continuation, self.tail_least
        for part in parts[1:]:  # a new row: the first part shares the old one
            part._cellvalues[0] = [self.continuation, *part._cellvalues[0][1:]]
        return parts

    def identity(self, maxLen=None):
        return f"item {self.item_id}: {super().identity(maxLen)}"
