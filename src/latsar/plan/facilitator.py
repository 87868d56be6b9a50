"""The facilitator guide of a module (panduan-fasilitator): every latihan and case-study question
with the points a good answer makes. Content only, no layout; it reuses the handout's outline
types so the same renderer prints it. Never part of the learner's handout."""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from latsar.model.curriculum import Curriculum
from latsar.model.schema import CaseBlock, Chapter
from latsar.plan.handout import (
    Cover, Division, Entry, EntryList, Heading, Outline, Prose, Section, _ctx, _Ctx, _logos, _module,
    letter, roman,
)


def facilitator_outline(curriculum: Curriculum, module_id: str, labels: Mapping[str, str]) -> Outline:
    module = _module(curriculum, module_id)
    ctx = _ctx(curriculum, labels, module, base=0)
    programme = curriculum.programme
    # Marked on the cover, the running heads and every page's foot (a chapter's opening page has no
    # running head, and one photocopied page must still say so): the answer points are the trainer's.
    running = f"{module.title} · {labels['not_for_participants']}"
    cover = Cover(f"{labels['facilitator_guide']} · {labels['not_for_participants']}", module.title, programme.title,
                  (), programme.institution, f"{programme.cohort} · {programme.year}", _logos(ctx))
    intro = Division("front", Heading(f"{module.id}.petunjuk", labels["facilitator_intro_title"]),
                     (Prose(ctx.fill(labels["facilitator_intro"])), Prose(labels["facilitator_intro_chapter"])),
                     running_head=running)
    chapters = [_chapter(ctx, chapter, number, running) for number, chapter in enumerate(module.chapters, start=2)]
    # A trainer's guide is short answer lists: a chapter opening on a new page would leave the
    # page before mostly empty, so every chapter after the first follows on.
    chapters[1:] = [replace(chapter, role="run-on") for chapter in chapters[1:]]
    title = f"{labels['facilitator_guide']} {module.title}"
    return Outline(title=title, author=programme.institution, subject=f"{labels['facilitator_guide']} {programme.title}",
                   keywords=labels["pdf_keywords"], divisions=(Division("cover", None, (cover,)), intro, *chapters),
                   page_mark=labels["not_for_participants"])


def _chapter(ctx: _Ctx, chapter: Chapter, number: int, running: str) -> Division:
    """The chapter's case studies and its latihan under the letters the handout gives them: a case
    study its section's, the latihan the one after the last section (see plan.handout)."""
    labels = ctx.labels
    parts = [(f"{section.id}.{n}", f"{labels['case_study']}: {block.case.title}", letter(i),
              _answered(ctx, block.case.questions, block.case.answer_points))
             for i, section in enumerate(chapter.sections)
             for n, block in enumerate(b for b in section.content if isinstance(b, CaseBlock))]
    parts.append(("latihan", labels["exercises"], letter(len(chapter.sections)),
                  _answered(ctx, chapter.exercises, chapter.exercise_points)))
    heading = Heading(f"{ctx.prefix}{chapter.id}", chapter.title, f"{labels['chapter']} {roman(number)}", 0)
    sections = tuple(Section(Heading(f"{ctx.prefix}{chapter.id}.{key}", title, mark, 1), blocks)
                     for key, title, mark, blocks in parts)
    return Division("body", heading, sections=sections, running_head=running)


def _answered(ctx: _Ctx, questions: list[str], points: list[list[str]]) -> tuple:
    """The questions, each with its answer points under it (or a note that none are written)."""
    missing = (ctx.labels["facilitator_no_points"],)
    entries = tuple(Entry(ctx.fill(question), children=tuple(ctx.fill(p) for p in points[n]) if points else missing)
                    for n, question in enumerate(questions))
    return (EntryList(entries),)
