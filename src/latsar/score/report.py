"""The content of the score report PDF: every word, number and colour choice, decided here.

The renderer (latsar.render.pdf.score_report) only lays this out; it makes no decision of its
own, so the report's content is tested without reportlab.
"""

from __future__ import annotations

import datetime
import math
import statistics
from dataclasses import dataclass
from typing import Mapping

from latsar.labels import labels_for
from latsar.model.curriculum import Curriculum
from latsar.score.analysis import ACTIONS, GroupResult, ItemResult
from latsar.score.settings import Settings
from latsar.score.stats import defined_mean
from latsar.score.text import decimal, percent, phrase


@dataclass(frozen=True)
class Point:
    number: int  # item number in the master form
    p: float
    d: float
    action: str


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    # keep / revise / drop: the renderer colours the cell of the column whose role is "action"
    # or "mastery" by it.
    action: str = ""


@dataclass(frozen=True)
class Column:
    heading: str
    # What the cells hold, so that the renderer can size and colour the column without
    # guessing from its position: one of ROLES.
    role: str


# Column roles, by table kind, in printed order.
ROLES: dict[str, tuple[str, ...]] = {
    "items": ("number", "item", "level", "p", "d", "r", "options", "action", "notes"),
    "objectives": ("id", "text", "count", "p", "d", "mean", "mastery"),
    "levels": ("id", "text", "count", "p", "d", "mean", "mastery"),
    "gain": ("participant", "name", "pre", "post", "gain", "band"),
    "rejected": ("file", "row", "participant", "reason"),
}


@dataclass(frozen=True)
class Table:
    kind: str  # a key of ROLES: what the table reports
    title: str
    note: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.heading for c in self.columns)


def _table(kind: str, title: str, note: str, headings: tuple[str, ...], rows: tuple[Row, ...]) -> Table:
    return Table(kind, title, note, tuple(Column(h, r) for h, r in zip(headings, ROLES[kind], strict=True)), rows)


@dataclass(frozen=True)
class ScoreReport:
    lang: str
    labels: Mapping[str, str]
    title: str
    subtitle: str  # the quiz
    programme: str  # the PDF's subject
    institution: str  # the PDF's author
    cohort: str
    summary: tuple[tuple[str, str], ...]
    histogram: tuple[tuple[str, int], ...]  # (bin label, participants), 0–10 … 90–100
    pass_mark: float
    points: tuple[Point, ...]
    difficulty_edges: tuple[float, ...]  # category borders, for guide lines
    discrimination_edges: tuple[float, ...]
    tables: tuple[Table, ...]  # items, objectives, levels, gain, rejected: in printed order
    methods: tuple[str, ...]
    date: datetime.date

    @property
    def details(self) -> tuple[str, ...]:
        """The line under the title, in printed order."""
        return self.programme, self.institution, self.cohort, self.date.isoformat()


def build_report(curriculum: Curriculum, outcome) -> ScoreReport:
    programme = curriculum.programme
    # The programme's labels, overrides included: every fixed word of the report comes from them.
    labels = labels_for(programme.language, programme.labels)
    analysis, blueprint = outcome.analysis, outcome.key.blueprint
    settings = analysis.settings
    return ScoreReport(
        lang=programme.language, labels=labels, title=labels["report_title"],
        subtitle=f"{blueprint.title} ({blueprint.id})",
        programme=programme.title, institution=programme.institution, cohort=outcome.cohort,
        summary=_summary(outcome, labels), histogram=_histogram([r.percent for r in outcome.results]),
        pass_mark=blueprint.pass_mark,
        points=tuple(Point(i.number, i.p, i.d, i.action) for i in analysis.items
                     if not (math.isnan(i.p) or math.isnan(i.d))),
        difficulty_edges=tuple(b.upper for b in settings.difficulty.bands if math.isfinite(b.upper)),
        discrimination_edges=tuple(b.upper for b in settings.discrimination.bands if math.isfinite(b.upper)),
        tables=_tables(curriculum, outcome, labels),
        methods=_methods(settings, labels, with_gain=outcome.gain is not None), date=outcome.date,
    )


def _summary(outcome, labels: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    scored, results, analysis = outcome.scored, outcome.results, outcome.analysis
    scores = [r.percent for r in results]
    passed = sum(r.passed for r in results)
    counts = {a: sum(i.action == a for i in analysis.items) for a in ACTIONS}
    lines = [
        (labels["sum_rows"], f"{scored.read} / {len(scored.participants)} / {len(scored.rejected)}"),
        (labels["sum_mean"], f"{percent(statistics.fmean(scores))} ({decimal(statistics.pstdev(scores), 1)})"),
        (labels["sum_range"], f"{percent(min(scores))} – {percent(max(scores))} ({percent(statistics.median(scores))})"),
        (labels["sum_pass"].format(mark=percent(outcome.key.blueprint.pass_mark)),
         f"{passed} / {len(results)} ({percent(100 * passed / len(results))})"),
    ]
    for form in analysis.forms:
        where = f" ({form.name(labels)})" if form.label else ""
        r = form.reliability
        lines.append((labels["sum_reliability"] + where, f"{decimal(r.kr20)} ({form.category}), N = {r.n}, k = {r.k}"))
        lines.append((labels["sum_sem"] + where, decimal(r.sem, 2)))
    lines.append((labels["sum_difficulty"], decimal(defined_mean(i.p for i in analysis.items))))
    lines.append((labels["sum_actions"], " / ".join(str(counts[a]) for a in ACTIONS)))
    if outcome.gain is not None:
        g = outcome.gain
        lines.append((labels["sum_gain"], f"{decimal(g.g)} ({g.band})"))
        lines.append((labels["sum_gain_pairs"], f"{g.matched} / {len(results)}"))
    return tuple(lines)


def _histogram(scores: list[float]) -> tuple[tuple[str, int], ...]:
    """Ten bins of 10 %; 100 % falls in the last one."""
    counts = [0] * 10
    for score in scores:
        counts[min(9, int(score // 10))] += 1
    return tuple((f"{10 * n}–{10 * n + 10}", c) for n, c in enumerate(counts))


def _tables(curriculum: Curriculum, outcome, labels: Mapping[str, str]) -> tuple[Table, ...]:
    analysis = outcome.analysis
    settings = analysis.settings
    items = _table("items", labels["report_items"], labels["report_items_note"].format(
        groups=percent(100 * settings.group_fraction), share=percent(100 * settings.distractor_min_share)),
        tuple(labels[f"col_{c}"] for c in ("no", "item", "level", "p", "d", "r", "options", "action", "notes")),
        tuple(_item_row(i, labels, settings.distractor_min_share) for i in analysis.items))
    objectives = _table("objectives", labels["report_objectives"],
                        labels["report_objectives_note"].format(mastery=percent(analysis.mastery_percent)),
                        _group_header(labels, "objective"),
                        tuple(_group_row(g, labels, curriculum.objective_by_id[g.id].text) for g in analysis.objectives))
    levels = _table("levels", labels["report_levels"], "", _group_header(labels, "level"),
                    tuple(_group_row(g, labels, labels[f"bloom_{g.id.lower()}"]) for g in analysis.levels))
    tables = [items, objectives, levels]
    if outcome.gain is not None:
        tables.append(_gain_table(outcome, labels))
    if outcome.scored.rejected:
        tables.append(_table("rejected", labels["report_rejected"], "",
                             tuple(labels[f"col_{c}"] for c in ("file", "row", "participant", "reason")),
                             tuple(Row((r.source, str(r.row), r.participant, r.reason.text(labels)))
                                   for r in outcome.scored.rejected)))
    return tuple(tables)


def _item_row(item: ItemResult, labels: Mapping[str, str], minimum: float) -> Row:
    # A no-break space keeps each option's letter with its share when the cell wraps.
    options = " ".join(
        f"{o.letter}{'*' if o.key else ''}\u00a0{round(100 * o.share)}{'!' if not o.key and o.share < minimum else ''}"
        for o in item.options)
    return Row((str(item.number), item.item_id, item.level, f"{decimal(item.p, 2)}\n{item.difficulty}",
                f"{decimal(item.d, 2)}\n{item.discrimination}", f"{decimal(item.r, 2)}\n{item.point_biserial}",
                options or "–", labels[f"action_{item.action}"],
                "; ".join(flag.text(labels) for flag in item.flags)), item.action)


def _group_header(labels: Mapping[str, str], first: str) -> tuple[str, ...]:
    return (labels[f"col_{first}"], "", labels["col_items"], labels["col_p"], labels["col_d"], labels["col_mean"],
            labels["col_mastered"])


def _group_row(group: GroupResult, labels: Mapping[str, str], text: str) -> Row:
    return Row((group.id, text, str(group.items), decimal(group.mean_p, 2), decimal(group.mean_d, 2),
                percent(group.mean_percent), labels["mastered_yes" if group.mastered else "mastered_no"]),
               "keep" if group.mastered else "revise")


def _gain_table(outcome, labels: Mapping[str, str]) -> Table:
    rows = tuple(Row((r.participant, r.name, percent(r.pre), percent(r.percent), decimal(r.gain, 2), r.gain_band))
                 for r in outcome.results)
    header = (labels["col_participant"], "", labels["col_pre"], labels["col_post"], labels["col_gain"], "")
    return _table("gain", labels["report_gain"], "", header, rows)


def _methods(settings: Settings, labels: Mapping[str, str], with_gain: bool) -> tuple[str, ...]:
    """One line per method the report used (the gain only with a pre-test), citing its source."""
    return tuple(phrase(f"method_{method}", source=source, groups=settings.group_fraction,
                        share=settings.distractor_min_share).text(labels)
                 for method, source in settings.sources if with_gain or method != "gain")

