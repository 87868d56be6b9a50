"""A quiz set: every file the trainer needs for one blueprint, from its QuizPlan.

`quiz_set` is the one entry point; the build writes what it returns under
`build/quizzes/<blueprint>/`. Which documents a set holds is the table `DOCUMENTS` plus one
booklet per version; what each says is decided by latsar.plan.quizdocs, and each writer only
lays it out.
"""

from __future__ import annotations

from typing import Callable

from latsar.model.curriculum import Curriculum
from latsar.plan.quizdocs import QuizDocs, quiz_docs
from latsar.plan.types import QuizPlan
from latsar.render.pdf.quiz.booklet import booklet_jobs
from latsar.render.pdf.quiz.key import key_pdf
from latsar.render.pdf.quiz.kisi import kisi_pdf
from latsar.render.pdf.quiz.parallel import Booklets
from latsar.render.pdf.quiz.pembahasan import pembahasan_pdf
from latsar.render.pdf.quiz.sheet import sheet_pdf
from latsar.render.pdf.theme import Theme
from latsar.render.quizfiles import quiz_files, quiz_sheet_layout

__all__ = ["DOCUMENTS", "booklet_name", "quiz_set", "write_quiz_set"]


class _Inputs:
    """What the documents read, gathered once per set."""

    def __init__(self, curriculum: Curriculum, plan: QuizPlan, theme: Theme):
        self.plan, self.theme = plan, theme
        self.digits = curriculum.programme.participant_digits
        self.docs: QuizDocs = quiz_docs(curriculum, plan, theme.labels)


DOCUMENTS: dict[str, Callable[[_Inputs], bytes]] = {
    "lembar-jawaban.pdf": lambda i: sheet_pdf(quiz_sheet_layout(i.plan, i.digits), i.docs.info, i.theme),
    "kunci-jawaban.pdf": lambda i: key_pdf(i.docs.key, i.theme),
    "pembahasan.pdf": lambda i: pembahasan_pdf(i.docs.pembahasan, i.theme),
    "kisi-kisi.pdf": lambda i: kisi_pdf(i.docs.kisi, i.theme),
}


def booklet_name(code: str) -> str:
    return f"soal-paket-{code}.pdf"


def quiz_set(curriculum: Curriculum, plan: QuizPlan, theme: Theme) -> dict[str, bytes]:
    """Every file of the quiz set by relative name: soal-paket-<X>.pdf and .docx per version,
    lembar-jawaban.pdf (+ .json, its geometry), kunci-jawaban.pdf, kunci.csv, versions.json,
    pembahasan.pdf and kisi-kisi.pdf. Same inputs, same bytes."""
    files: dict[str, bytes] = {}
    write_quiz_set(curriculum, plan, theme, files.__setitem__)
    return dict(sorted(files.items()))


def write_quiz_set(curriculum: Curriculum, plan: QuizPlan, theme: Theme, add: Callable[[str, bytes], None]) -> None:
    """The files of `quiz_set`, each handed to `add` as soon as it is made, so that a caller
    writing them to disk never holds every booklet of a big set at once."""
    from latsar.render.docx.quiz import booklet_name as word_booklet_name

    inputs = _Inputs(curriculum, plan, theme)
    jobs = booklet_jobs(inputs.docs)
    # The booklets start first (in worker processes for big sets); the other documents are
    # rendered here meanwhile.
    with Booklets(jobs, theme) as booklets:
        for name, render in DOCUMENTS.items():
            add(name, render(inputs))
        for job, (pdf, word) in zip(jobs, booklets.results()):
            add(booklet_name(job.booklet.version.code), pdf)
            add(word_booklet_name(job.booklet.version.code), word)
    for name, data in quiz_files(plan, curriculum.programme.participant_digits).items():
        add(name, data)
