"""Exports of a quiz: Moodle XML, GIFT, Aiken, QTI 1.2 (Canvas), QTI 2.1, CSV, and the online quiz
tools Google Forms (an Apps Script), Kahoot and Quizizz (spreadsheets).

Every exporter takes the same input as the PDF writers (the Curriculum for the words, the
QuizPlan for every decision) and returns bytes by file name; the build writes them atomically
under `build/exports/<blueprint>/`. Formats are listed once, in `EXPORTERS`; `latsar export
--format` takes its choices from the keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol

from latsar.errors import LatsarError, did_you_mean
from latsar.messages import N_, t
from latsar.model.curriculum import Curriculum
from latsar.plan.types import QuizPlan
from latsar.render.export import aiken, csvfile, forms, gift, kahoot, moodle, qti12, qti21, quizizz
from latsar.render.export.common import ExportRefused, ExportResult

__all__ = ["EXPORTERS", "ExportRefused", "ExportResult", "Exporter", "export_all", "export_many", "export_one"]


class ExportFunction(Protocol):
    def __call__(self, curriculum: Curriculum, plan: QuizPlan,
                 labels: Mapping[str, str] | None = None) -> ExportResult: ...


@dataclass(frozen=True)
class Exporter:
    """One LMS format: what it is for (CLI help, docs), the file it writes, and its writer."""

    description: str
    file: str
    export: ExportFunction

    def __call__(self, curriculum: Curriculum, plan: QuizPlan,
                 labels: Mapping[str, str] | None = None) -> ExportResult:
        return self.export(curriculum, plan, labels)


EXPORTERS: dict[str, Exporter] = {
    "moodle": Exporter(N_("Moodle XML: categories, shuffling, feedback, tags, id numbers"),
                       moodle.FILE, moodle.export),
    "gift": Exporter(N_("GIFT for Moodle: categories, titles, per-answer and general feedback"),
                     gift.FILE, gift.export),
    "aiken": Exporter(N_("Aiken: stem, options and key only"), aiken.FILE, aiken.export),
    "qti12": Exporter(N_("QTI 1.2 zip for Canvas (Import Content > QTI .zip file)"), qti12.FILE, qti12.export),
    "qti21": Exporter(N_("QTI 2.1 content package: one assessmentTest per paket"), qti21.FILE, qti21.export),
    "csv": Exporter(N_("CSV, one row per item, for spreadsheets and form builders"),
                    csvfile.FILE, csvfile.export),
    "forms": Exporter(N_("Google Forms: an Apps Script whose createQuiz() makes the quiz form"), forms.FILE,
                      forms.export),
    "kahoot": Exporter(N_("Kahoot spreadsheet template; items beyond Kahoot's limits are left out and named"),
                       kahoot.FILE, kahoot.export),
    "quizizz": Exporter(N_("Quizizz (Wayground) spreadsheet import"), quizizz.FILE, quizizz.export),
}


def export_one(curriculum: Curriculum, plan: QuizPlan, fmt: str,
               labels: Mapping[str, str] | None = None) -> ExportResult:
    """One format; a format that cannot carry some items raises ExportRefused naming them."""
    if fmt not in EXPORTERS:
        hint = did_you_mean(fmt, EXPORTERS) or t("expected one of {choices}", choices=", ".join(EXPORTERS))
        raise LatsarError(t("unknown export format '{format}'; {hint}", format=fmt, hint=hint))
    return EXPORTERS[fmt](curriculum, plan, labels)


def export_all(curriculum: Curriculum, plan: QuizPlan,
               labels: Mapping[str, str] | None = None) -> ExportResult:
    """Every format. A format that refuses some items writes no file and becomes warnings, so
    one lossy format (Aiken) does not stop the build; any other error propagates."""
    files: dict[str, bytes] = {}
    warnings: list[str] = []
    for name, exporter in EXPORTERS.items():
        try:
            result = exporter(curriculum, plan, labels)
        except ExportRefused as refused:
            warnings.append(t("{file} not written: the {format} format cannot carry every item of quiz '{quiz}':",
                              file=exporter.file, format=name, quiz=plan.blueprint.id))
            warnings.extend(d.format() for d in refused.diagnostics)
            continue
        files.update(result.files)
        warnings.extend(result.warnings)
    return ExportResult(files, warnings)


def export_many(curriculum: Curriculum, plan: QuizPlan, formats: tuple[str, ...],
                labels: Mapping[str, str] | None = None) -> ExportResult:
    """The formats asked for by name: here a refusal is an error, since the user asked for it."""
    files: dict[str, bytes] = {}
    warnings: list[str] = []
    for fmt in dict.fromkeys(formats):
        result = export_one(curriculum, plan, fmt, labels)
        files.update(result.files)
        warnings.extend(result.warnings)
    return ExportResult(files, warnings)
