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

import functools
from typing import Callable, Hashable
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from latsar.collector import collected_after
from latsar.plan.quizdocs import Distractor, PembahasanDoc, PembahasanEntry, PembahasanPaper
from latsar.render.pdf.grid import cell_pool, cells
from latsar.render.pdf.flow import Para
from latsar.render.pdf.markup import Writer, plain
from latsar.render.pdf.quiz.common import (
    RunningText, chunks, metadata, para, quiz_styles, render_pdf, ruled, title_block, writer,
)
from latsar.render.pdf.quiz.entry import Content, EntryBlock, Joined, Numbered, Row, Rule, Slot, Stack
from latsar.render.pdf.theme import Theme

LABEL_WIDTH = 30 * mm
RIGHT_PADDING = 6  # right of every cell; the label column also sits in by the stem's indent
HEAD_PADDING = (0, 1)  # above and below the tag and the stem
ROW_PADDING = (3, 1)  # above and below a labelled row's content
# An entry's part continued on the next page is at least this many lines high (with its tag),
# so no page holds only the last row of an item.
TAIL_LINES = 6
# Rows an entry keeps together where it starts: tag, number and stem, key and explanation. The
# key alone at a page foot, its explanation overleaf under "(lanjutan)", reads as a stray line.
HEAD_ROWS = 4


@collected_after
def pembahasan_pdf(doc: PembahasanDoc, theme: Theme) -> bytes:
    labels, info = theme.labels, doc.info
    w, shared = writer(theme), Shared()
    story: list[Flowable] = [title_block(theme, labels["explanations"], info.title, doc.details),
                             Spacer(1, theme.leading)]
    for index, paper in enumerate(doc.papers):
        if index:
            story.append(PageBreakIfNotEmpty())
        story.append(para(w.styles, paper.heading.upper(), "q-paper"))
        for number, entry in enumerate(paper.entries):
            # The gap goes before an entry, not after: a frame drops it at a page's top, where a
            # trailing spacer would be carried over and leave a page holding nothing else.
            block = Entry(w, entry, shared).block()
            block.spaceBefore = theme.leading * 1.2 if number else 0
            story.append(block)
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


class Shared:
    """Cell contents laid out once per document: a 4-paket pembahasan prints every item's
    explanation, objective and backing four times, and the labels beside them on every entry.
    Keys say everything a content depends on."""

    def __init__(self) -> None:
        self.made: dict[Hashable, Stack] = {}

    def __call__(self, key: Hashable, make: Callable[[], list[Flowable]]) -> Stack:
        if key not in self.made:
            self.made[key] = Stack(make())
        return self.made[key]


class Entry:
    """One master item's pembahasan in one paket, as an EntryBlock (see latsar.render.pdf.quiz.entry).
    What is the same in every paket (the tag, the explanation, the objective, the backing, the
    labels; the key or a distractor under the same letter) comes from `shared`."""

    def __init__(self, w: Writer, entry: PembahasanEntry, shared: Shared):
        self.w, self.entry, self.shared = w, entry, shared
        self.theme, self.styles, self.labels = w.theme, w.styles, w.theme.labels

    def block(self) -> EntryBlock:
        entry, shared = self.entry, self.shared
        stem = self._number(shared(("stem", entry.stem), self._stem), f"{entry.number}.")
        rows = [("key_letter", shared(("key", entry.letter, entry.key), self._key)),
                ("explanations", shared(("md", entry.explanation), lambda: self._md(entry.explanation))),
                ("quiz_distractors", Joined([shared(("distractor", d), lambda d=d: self._distractor(d))
                                             for d in entry.distractors])),
                ("quiz_objective", shared(("objective", entry.objective, entry.level), self._objective)),
                ("quiz_backing", shared(("backing", entry.support), self._backing))]
        labelled = [(shared(("label", name), lambda name=name: [para(self.styles, self.labels[name], "q-label")]),
                     content) for name, content in rows]
        return self._block(shared(("tag", entry.tag), lambda: [self._tag(entry.tag)]), stem, labelled)

    def _stem(self) -> list[Flowable]:
        """The stem's flowables without its number: each paket numbers the same ones."""
        return writer(self.theme, stems=True).flowables(self.entry.stem, "q-stem")

    @staticmethod
    def _number(stem: Stack, number: str) -> Content:
        """The stem with its number as the first paragraph's bullet: drawn apart from the stem
        every paket shares where it fits the indent, else a paragraph of its own (fragments
        parsed once)."""
        if Numbered.fits(stem, number):
            return Numbered(stem, number)
        first, *rest = stem.flowables or (None,)
        if not isinstance(first, Paragraph):
            return stem
        return Stack([Para(first.text, first.style, bulletText=number, frags=first.frags), *rest])

    def _tag(self, text: str) -> Paragraph:
        return para(self.styles, text, "q-label", self.theme.foreign_terms)

    def _md(self, text: str, role: str = "q-small") -> list[Flowable]:
        return self.w.flowables(text, role)

    def _key(self) -> list[Flowable]:
        """The key's letter and words in bold."""
        letter = f"{escape(self.entry.letter)}. " if self.entry.letter else ""
        markup = self.w.single_markup(self.entry.key)
        if markup is not None:
            return [Paragraph(f"<b>{letter}{markup}</b>", self.styles["q-small"])]
        flows = self._md(self.entry.key)
        if flows and isinstance(flows[0], Paragraph):
            flows[0] = Paragraph(f"<b>{letter}{flows[0].text}</b>", flows[0].style)
        return flows

    def _distractor(self, distractor: Distractor) -> list[Flowable]:
        """A bullet for a printed wrong option: its words in bold, then why it is wrong."""
        bullet = f"{distractor.letter}." if distractor.letter else "•"
        option, reason = self.w.single_markup(distractor.option), self.w.single_markup(distractor.reason)
        if option is not None and reason is not None:  # the usual case, parsed once
            return [Paragraph(f"<b>{option}</b>\xa0— {reason}", self.styles["q-list"], bulletText=bullet)]
        option, reason = self._md(distractor.option), self._md(distractor.reason, "q-list")
        if len(option) == 1 and reason and isinstance(reason[0], Paragraph):
            reason[0] = Paragraph(f"<b>{option[0].text}</b>\xa0— {reason[0].text}", reason[0].style,
                                  bulletText=bullet)
            return reason
        return self.w.flowables(distractor.option, "q-list", bullet) + reason

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

    def _block(self, tag: Stack, stem: Content, rows: list[tuple[Stack, Content]]) -> EntryBlock:
        """Tag and stem across the top, then labels in a narrow column beside their content.

        A long entry breaks between its rows, never inside one, and never before its
        explanation (HEAD_ROWS); the tag row's own kind opens the later part, naming the
        question it continues."""
        width, indent = self.theme.frame_width, self.styles["q-stem"].leftIndent
        across = Slot(0, width - RIGHT_PADDING)
        label = Slot(indent, LABEL_WIDTH - RIGHT_PADDING)
        content = Slot(indent + LABEL_WIDTH, width - indent - LABEL_WIDTH - RIGHT_PADDING)
        # A row across is at least a line of body text high (the gap under the tag is that line's).
        line = self.theme.body_size * 1.2
        head = [Row(((across, tag),), HEAD_PADDING, least=line), Row(((across, stem),), HEAD_PADDING, least=line)]
        body = [Row(((label, name), (content, words)), ROW_PADDING, ruled=True) for name, words in rows]
        continued = functools.cache(lambda: Row(((across, Stack([self._tag(self._continued_tag())])),),
                                                HEAD_PADDING, least=line))
        return EntryBlock(head + body, continued, Rule(self.theme.colour("rule"), 0.4), width, head=HEAD_ROWS,
                          tail_least=TAIL_LINES * self.styles["q-small"].leading, name=self.entry.item_id,
                          page_height=self.theme.frame_height)
