"""The facilitator guide of a module (panduan-fasilitator): every latihan and case-study question
with the points a good answer makes. Content only, no layout; it reuses the handout's outline
types so the same renderer prints it. Never part of the learner's handout."""

from __future__ import annotations

from typing import Mapping

from latsar.model.curriculum import Curriculum
from latsar.model.schema import CaseBlock, Chapter, Module
from latsar.plan.handout import (
    Cover, Division, Entry, EntryList, Heading, Outline, Prose, Section, _ctx, _Ctx, _logos, _module,
    letter, roman,
)


def facilitator_outline(curriculum: Curriculum, module_id: str, labels: Mapping[str, str]) -> Outline:
    module = _module(curriculum, module_id)
    ctx = _ctx(curriculum, labels, module, base=0)
    programme = curriculum.programme
    cover = Cover(labels["facilitator_guide"], module.title, programme.title, (), programme.institution,
                  f"{programme.cohort} · {programme.year}", _logos(ctx))
    intro = Division("front", Heading(f"{module.id}.petunjuk", labels["facilitator_intro_title"]),
                     (Prose(ctx.fill(labels["facilitator_intro"])),), running_head=module.title)
    chapters = [_chapter(ctx, module, chapter, number) for number, chapter in enumerate(module.chapters, start=2)]
    title = f"{labels['facilitator_guide']} {module.title}"
    return Outline(title=title, author=programme.institution, subject=f"{labels['facilitator_guide']} {programme.title}",
                   keywords=labels["pdf_keywords"], divisions=(Division("cover", None, (cover,)), intro, *chapters))


def _chapter(ctx: _Ctx, module: Module, chapter: Chapter, number: int) -> Division:
    labels = ctx.labels
    parts = [("latihan", labels["exercises"], _answered(ctx, chapter.exercises, chapter.exercise_points))]
    for section in chapter.sections:
        for block in section.content:
            if isinstance(block, CaseBlock):
                case = block.case
                blocks = _answered(ctx, case.questions, case.answer_points)
                parts.append((section.id, f"{labels['case_study']}: {case.title}", blocks))
    heading = Heading(f"{ctx.prefix}{chapter.id}", chapter.title, f"{labels['chapter']} {roman(number)}", 0)
    sections = tuple(Section(Heading(f"{ctx.prefix}{chapter.id}.{key}", title, letter(i), 1), blocks)
                     for i, (key, title, blocks) in enumerate(parts))
    return Division("body", heading, sections=sections, running_head=module.title)


def _answered(ctx: _Ctx, questions: list[str], points: list[list[str]]) -> tuple:
    """The questions, each with its answer points under it (or a note that none are written)."""
    missing = (ctx.labels["facilitator_no_points"],)
    entries = tuple(Entry(ctx.fill(question), children=tuple(ctx.fill(p) for p in points[n]) if points else missing)
                    for n, question in enumerate(questions))
    return (EntryList(entries),)
