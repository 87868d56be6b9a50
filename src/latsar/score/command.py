"""`latsar score`: answers in, scores, item analysis, report and item statistics out.

Everything is read, checked and computed first; only then are files written (each atomically),
so a bad answers file leaves the previous results in place.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from latsar.errors import Diagnostic, LatsarError, Location
from latsar.messages import N_, t
from latsar.model.curriculum import Curriculum
from latsar.reproducible import document_time
from latsar.score import export
from latsar.score.analysis import Analysis, analyse
from latsar.score.feedback import check_cohort_file, slug, stats_document, stats_path
from latsar.score.key import AnswerKey, answer_key
from latsar.score.readers import read_answers
from latsar.score.readers.common import Parsed, cell, header_key
from latsar.score.results import ClassGain, ParticipantResult, participant_results, with_gains
from latsar.score.scoring import Scored, combine
from latsar.score.settings import Settings
from latsar.score.table import fail, read_table
from latsar.score.text import english
from latsar.source.yamlfile import display_path
from latsar.text.formulas import restored


@dataclass(frozen=True)
class Outcome:
    """Everything one scoring run computed, before anything is written."""

    key: AnswerKey
    scored: Scored
    analysis: Analysis
    results: list[ParticipantResult]
    gain: ClassGain | None
    cohort: str
    date: datetime.date
    plan_notes: tuple[str, ...] = ()  # where the key came from, when that needs saying (terminal only)


@dataclass(frozen=True)
class ScoreRun:
    """What the CLI reports: its notes, and how many rows were rejected (exit 1 unless allowed)."""

    notes: list[str]
    rejected: int


USE_PRE_SCORES = N_("use the scores.csv that `latsar score` wrote for the pre-test")

def score_command(curriculum: Curriculum, blueprint_id: str, answers: list[Path], fmt: str | None,
                  cohort: str | None, out: Path, pre: Path | None, settings: Settings = Settings(),
                  update_bank: bool | Callable[[], bool] = False) -> ScoreRun:
    """Score the answers files of one quiz and write build/scores/<blueprint>[-<cohort>]/. The item
    statistics go back to the bank only when `update_bank` is true (or, when it is a question,
    answered yes): a trial run never changes future quizzes by the way."""
    from latsar.plan.record import record_path
    from latsar.publish import publish_files, write_atomic

    outcome = score(curriculum, blueprint_id, answers, fmt, cohort, pre, settings, record_path(out, blueprint_id))
    check_cohort_file(stats_path(curriculum.root, blueprint_id, outcome.cohort), outcome.cohort)
    folder = out / "scores" / (blueprint_id + (f"-{slug(cohort)}" if cohort else ""))
    check_cohort_folder(folder, outcome.cohort)
    files = output_files(curriculum, outcome)
    publish_files(folder, files)
    # Where the key came from goes to the terminal only: the files stay the same bytes when
    # statistics gathered since printing add a note.
    lines = notes(outcome) + list(outcome.plan_notes) + [t("wrote {count} files to {folder}/", count=len(files),
                                                           folder=folder)]
    if update_bank() if callable(update_bank) else update_bank:
        stats_file = stats_path(curriculum.root, blueprint_id, outcome.cohort)
        write_atomic(stats_file, stats_document(outcome.analysis, blueprint_id, outcome.cohort, outcome.date))
        lines.append(t("wrote item statistics to {file}", file=stats_file))
    else:
        lines.append(t("item statistics not written to the bank (pass --update-bank to write them)"))
    return ScoreRun(lines, len(outcome.scored.rejected))


COHORT_LINE = "cohort: "  # the last line of summary.txt: whose results the folder holds


def check_cohort_folder(folder: Path, cohort: str) -> None:
    """Refuse to replace another cohort's results whose name gives the same folder."""
    summary = folder / "summary.txt"
    if not summary.is_file():
        return
    lines = summary.read_text(encoding="utf-8", errors="replace").splitlines()
    recorded = next((line[len(COHORT_LINE):] for line in reversed(lines) if line.startswith(COHORT_LINE)), None)
    if recorded is not None and recorded != cohort:
        raise LatsarError(t("{folder}: holds the results of cohort '{recorded}', whose name gives the same folder as "
                            "'{cohort}'; spell the same cohort the same way (--cohort), or give another cohort a name "
                            "that differs in more than case and punctuation", folder=display_path(folder),
                            recorded=recorded, cohort=cohort))


def score(curriculum: Curriculum, blueprint_id: str, answers: list[Path], fmt: str | None, cohort: str | None,
          pre: Path | None, settings: Settings = Settings(), record: Path | None = None) -> Outcome:
    """Read, score and analyse, writing nothing. The key is the printed quiz's: its `record`
    (versions.json) when there is one; see `latsar.plan.record`."""
    from latsar.model.curriculum import find_blueprint
    from latsar.plan.record import planned, unrecorded

    blueprint = find_blueprint(curriculum, blueprint_id)
    printed = planned(curriculum, blueprint, record) if record and record.is_file() else \
        unrecorded(curriculum, blueprint, record or Path("versions.json"))
    key = answer_key(curriculum, printed.plan)
    scored = combine(key, _read_all(answers, key, fmt))
    if not scored.participants:
        words = english()
        raise LatsarError([Diagnostic(None, t("no row could be scored ({count} read, all rejected)", count=scored.read),
                                      t("fix the rows listed below and run again"))]
                          + [Diagnostic(Location(r.source, r.row, 1), r.reason.text(words)) for r in scored.rejected])
    results = participant_results(curriculum, key, scored)
    gain = None
    if pre is not None:
        results, gain = with_gains(results, pre_percentages(pre, key, fmt=None), settings)
    analysis = analyse(curriculum, key, scored, settings)
    return Outcome(key, scored, analysis, results, gain, cohort or curriculum.programme.cohort,
                   analysis_date(curriculum), printed.notes)


def _read_all(answers: list[Path], key: AnswerKey, fmt: str | None) -> list[Parsed]:
    """Every file read; the errors of all bad files are reported together."""
    parsed, problems = [], []
    if not answers:
        raise LatsarError(t("no answers file given; pass one or more CSV or XLSX files"))
    for path in answers:
        try:
            parsed.append(read_answers(path, key, fmt))
        except LatsarError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise LatsarError(problems)
    return parsed


def pre_percentages(path: Path, key: AnswerKey, fmt: str | None) -> dict[str, float]:
    """Pre-test percentages by participant: from a `scores.csv` that `latsar score` wrote for the
    pre-test (any blueprint), or from answers to this same quiz."""
    table = read_table(path)
    names = [header_key(h) for h in table.header]
    if "participant" in names and "percent" in names:
        who, percent = names.index("participant"), names.index("percent")
        found = {}
        for row in table.rows:
            if row.blank:
                continue
            if not cell(row, who):
                raise fail(table.at(row.number, who + 1), t("missing participant id"), t(USE_PRE_SCORES))
            found[restored(cell(row, who))] = _percent(table, row, percent)
        return found
    return _percentages(combine(key, [read_answers(path, key, fmt)]))


def _percentages(scored: Scored) -> dict[str, float]:
    raw = scored.x.sum(axis=1)
    most = scored.shown.sum(axis=1)
    return {a.participant: float(100 * raw[n] / most[n]) for n, a in enumerate(scored.participants) if most[n]}


def _percent(table, row, column: int) -> float:
    text = cell(row, column)
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise fail(table.at(row.number, column + 1), t("percent '{text}' is not a number", text=text),
                   t(USE_PRE_SCORES)) from None
    if not 0 <= value <= 100:  # NaN fails too
        raise fail(table.at(row.number, column + 1), t("percent {text} is not between 0 and 100", text=text),
                   t(USE_PRE_SCORES))
    return value


def analysis_date(curriculum: Curriculum) -> datetime.date:
    """The date the PDFs carry: SOURCE_DATE_EPOCH when set (reproducible builds), else the programme's."""
    return document_time(curriculum.programme).date()


def notes(outcome: Outcome) -> list[str]:
    scored = outcome.scored
    lines = [t("read {rows} rows from {files} file(s) ({kinds}): {scored} scored, {rejected} rejected",
               rows=scored.read, files=len(scored.kinds), kinds=", ".join(sorted(set(scored.kinds))),
               scored=len(scored.participants), rejected=len(scored.rejected))
             + (t("; {count} blank rows skipped", count=scored.blank_rows) if scored.blank_rows else "")]
    lines += [t("rejected {row}", row=r.format()) for r in scored.rejected]
    lines += list(scored.notes)
    lines += [_reliability_line(f) for f in outcome.analysis.forms]
    counts = {a: sum(i.action == a for i in outcome.analysis.items) for a in ("keep", "revise", "drop")}
    lines.append(t("items: {counts}", counts=", ".join(f"{n} {a}" for a, n in counts.items())))
    if outcome.gain is not None:
        g = outcome.gain
        lines.append(t("gain: class g = {g} ({band}) over {count} participants", g=export.number(g.g), band=g.band,
                       count=g.matched)
                     + (t("; {count} without a pre-test score", count=len(g.post_only)) if g.post_only else ""))
    return lines


def _reliability_line(form) -> str:
    r = form.reliability
    where = f" ({form.name(english())})" if form.label else ""
    kr20 = t("undefined") if math.isnan(r.kr20) else f"{r.kr20:.3f}"
    return f"KR-20{where} = {kr20} ({form.category}), SEM = {export.number(r.sem, 2)}, N = {r.n}, k = {r.k}"


def output_files(curriculum: Curriculum, outcome: Outcome, with_report: bool = True) -> dict[str, bytes]:
    sheets = sheets_of(outcome)
    when = datetime.datetime.combine(outcome.date, datetime.time())
    files = {f"{s.name}.csv": export.csv_bytes(s) for s in sheets if s.name in ("scores", "items", "rejected")}
    files["hasil.xlsx"] = export.workbook(sheets, when)
    files["summary.txt"] = ("\n".join(notes(outcome) + [f"{COHORT_LINE}{outcome.cohort}"]) + "\n").encode("utf-8")
    if with_report:
        from latsar.score.report import build_report

        files["report.pdf"] = render_report(curriculum, build_report(curriculum, outcome))
    return files


def sheets_of(outcome: Outcome) -> list[export.Sheet]:
    scored, analysis = outcome.scored, outcome.analysis
    summary = [("rows read", scored.read), ("rows scored", len(scored.participants)),
               ("rows rejected", len(scored.rejected)), ("blank rows skipped", scored.blank_rows)]
    summary += [(f"KR-20 {f.name(english())}".strip(), export.number(f.reliability.kr20)) for f in analysis.forms]
    summary += export.gain_lines(outcome.gain)
    return [
        export.summary_sheet(summary),
        export.scores_sheet(outcome.results, outcome.gain is not None),
        export.items_sheet(analysis),
        export.groups_sheet("objective", analysis.objectives),
        export.groups_sheet("level", analysis.levels),
        export.rejected_sheet(scored.rejected),
    ]


def render_report(curriculum: Curriculum, report) -> bytes:
    # The renderer (and reportlab) load only here, when a report is actually written.
    from latsar.render.pdf.score_report import render_score_report
    from latsar.render.pdf.theme import make_theme

    return render_score_report(report, make_theme(curriculum.programme, curriculum.programme.language))
