"""The trainer's discussion notes (pembahasan.pdf): one entry per master item, in the
kisi-kisi's order and numbering.

An entry shows the stem, the key, the explanation, why each printed distractor is wrong, the
objective and level, and what backs the key: the seed passage with its outlet and date, or the
module section that teaches it. Options are listed by their words, not letters, because the
letters differ from version to version; with a few versions, a line gives each version's
question number and key letter.
"""

from __future__ import annotations

from typing import Mapping
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from latsar.model.curriculum import Curriculum
from latsar.model.schema import Item
from latsar.plan.handout import seed_date
from latsar.plan.types import QuizPlan
from latsar.render.pdf.markup import Writer
from latsar.render.pdf.quiz.common import (
    ItemText, QuizInfo, RunningText, item_chapter, metadata, para, render_pdf, title_block, writer,
)
from latsar.render.pdf.theme import Theme, table_commands

# Up to this many versions, each entry lists the item's number and key in every version.
POSITIONS_MAX = 8
LABEL_WIDTH = 30 * mm


def pembahasan_pdf(curriculum: Curriculum, plan: QuizPlan, texts: Mapping[str, ItemText], info: QuizInfo,
                   theme: Theme) -> bytes:
    labels = theme.labels
    w = writer(theme)
    details = [info.programme, f"{info.institution} · {info.cohort_year}"]
    story: list[Flowable] = [title_block(theme, labels["explanations"], info.title, details),
                             Spacer(1, theme.leading)]
    positions = _positions(plan) if len(plan.versions) <= POSITIONS_MAX else {}
    for number, item_id in enumerate(plan.master, start=1):
        entry = Entry(w, curriculum, plan, texts[item_id], curriculum.item_by_id[item_id])
        story += [entry.table(number, positions.get(item_id, "")), Spacer(1, theme.leading * 1.2)]
    running = RunningText(f"{info.title} · {labels['explanations']}", info.cohort_year)
    return render_pdf(theme, running, story, **metadata(info, labels, labels["explanations"]))


def _positions(plan: QuizPlan) -> dict[str, str]:
    """Item id -> "Paket A: 3 (C) · Paket B: 17 (A) …" over the versions that print it."""
    found: dict[str, list[str]] = {}
    for version in plan.versions:
        for number, planned in enumerate(version.items, start=1):
            found.setdefault(planned.item_id, []).append(f"{version.code}: {number} ({planned.key_letter})")
    return {item_id: " · ".join(entries) for item_id, entries in found.items()}


class Entry:
    """One master item's pembahasan, as one table (see `_table`)."""

    def __init__(self, w: Writer, curriculum: Curriculum, plan: QuizPlan, text: ItemText, item: Item):
        self.w, self.curriculum, self.plan, self.text, self.item = w, curriculum, plan, text, item
        self.theme, self.styles, self.labels = w.theme, w.styles, w.theme.labels

    def table(self, number: int, positions: str) -> Table:
        item, labels = self.item, self.labels
        module = self.curriculum.module_of_item(item)
        tag = f"{labels['quiz_master']} {number} · {item.id} · {labels['quiz_module']} {module.title}"
        stem = writer(self.theme, stems=True).flowables(self.text.stem, "q-stem", f"{number}.")
        rows = [(labels["key_letter"], self._key()), (labels["explanations"], self._md(self.text.explanation)),
                (labels["quiz_distractors"], self._distractors()), (labels["quiz_objective"], self._objective()),
                (labels["quiz_backing"], self._backing())]
        if positions:
            rows.append((labels["quiz_positions"], [para(self.styles, positions, "q-small")]))
        return self._table([para(self.styles, tag, "q-label")], stem, rows)

    def _md(self, text: str, role: str = "q-small") -> list[Flowable]:
        return self.w.flowables(text, role)

    def _key(self) -> list[Flowable]:
        key = next(i for i in self.plan.printed_options(self.item.id) if self.item.options[i].correct)
        flows = self._md(self.text.options[key])
        if flows and isinstance(flows[0], Paragraph):
            flows[0] = Paragraph(f"<b>{flows[0].text}</b>", flows[0].style)
        return flows

    def _distractors(self) -> list[Flowable]:
        """One bullet per printed wrong option: its words in bold, then why it is wrong."""
        out: list[Flowable] = []
        for index in self.plan.printed_options(self.item.id):
            if self.item.options[index].correct:
                continue
            option, reason = self._md(self.text.options[index]), self._md(self.text.reasons[index], "q-list")
            if len(option) == 1 and reason and isinstance(reason[0], Paragraph):
                reason[0] = Paragraph(f"<b>{option[0].text}</b> — {reason[0].text}", reason[0].style, bulletText="•")
                out += reason
            else:
                out += self.w.flowables(self.text.options[index], "q-list", "•") + reason
        return out

    def _objective(self) -> list[Flowable]:
        item, labels = self.item, self.labels
        objective = self.curriculum.objective_by_id[item.objective]
        level = f"{item.level} ({labels[f'bloom_{item.level.lower()}']})"
        return [Paragraph(f"{escape(objective.text)} <font color='{self.theme.colours.muted}'>"
                          f"({escape(objective.id)})</font>", self.styles["q-small"]),
                Paragraph(f"{escape(labels['quiz_level'])}: <b>{escape(level)}</b>", self.styles["q-small"])]

    def _backing(self) -> list[Flowable]:
        """The seed passage with outlet and date, or module › chapter › section."""
        backing, styles = self.item.backing, self.styles
        if backing.seed and backing.quote:
            source = self.curriculum.seed_by_id[backing.seed].source
            words = Paragraph(f"“{escape(backing.quote.strip())}”", styles["q-quote"])
            where = f"— {source.outlet}, {seed_date(source, self.labels)}: “{source.title}”"
            return [words, para(styles, where, "q-label")]
        section = self.curriculum.section_by_id.get(backing.section or "")
        module = self.curriculum.module_of_item(self.item)
        chapter = item_chapter(self.curriculum, self.item)
        parts = [f"{self.labels['quiz_module']} {module.title}"] + ([chapter.title] if chapter else [])
        parts += [section.title] if section else []
        return [para(styles, " › ".join(parts), "q-small")]

    def _table(self, tag: list[Flowable], stem: list[Flowable], rows: list[tuple[str, list[Flowable]]]) -> Table:
        """Tag and stem across the top, then labels in a narrow column beside their content.

        One table per entry, so a long entry breaks between its rows, never inside one, and
        never before its key."""
        styles, indent = self.styles, self.styles["q-stem"].leftIndent
        data = [[tag, ""], [stem, ""]] + [[para(styles, label, "q-label"), content] for label, content in rows]
        # The tag row repeats on top of an entry's continuation, so a page never starts with
        # rows of an unnamed item.
        table = Table(data, colWidths=[LABEL_WIDTH + indent, self.theme.frame_width - indent - LABEL_WIDTH],
                      splitByRow=1, repeatRows=1)
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
