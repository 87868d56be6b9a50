"""The result tables, built once, written as CSV files and as sheets of one XLSX workbook.

Column names are stable English identifiers (documented in docs/item-analysis.md), so scripts and
spreadsheets that read them keep working whatever the report's language. Numbers keep a dot as
decimal separator; undefined values are empty cells.
"""

from __future__ import annotations

import datetime
import io
import math
from dataclasses import dataclass

from latsar.score.analysis import OPTION_LETTERS, Analysis, GroupResult
from latsar.score.readers.common import Rejected
from latsar.score.results import ClassGain, ParticipantResult
from latsar.score.text import english


@dataclass(frozen=True)
class Sheet:
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def number(value: float, digits: int = 3) -> float | str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else round(value, digits)


def scores_sheet(results: list[ParticipantResult], with_gain: bool) -> Sheet:
    modules = [m for m, _ in results[0].modules] if results else []
    objectives = [o for o, _ in results[0].objectives] if results else []
    gain = ("pre_percent", "gain", "gain_band") if with_gain else ()
    header = ("participant", "name", "version", "source", "raw", "max", "percent", "pass", *gain,
              *(f"module:{m}" for m in modules), *(f"objective:{o}" for o in objectives))
    rows = tuple(
        (r.participant, r.name, r.version, r.source, r.raw, r.max, number(r.percent, 2), "yes" if r.passed else "no",
         *((number(r.pre, 2), number(r.gain), r.gain_band) if with_gain else ()),
         *(number(v, 2) for _, v in r.modules), *(number(v, 2) for _, v in r.objectives))
        for r in results
    )
    return Sheet("scores", header, rows)


def items_sheet(analysis: Analysis) -> Sheet:
    words = english()
    width = max((o.index + 1 for it in analysis.items for o in it.options), default=0)
    letters = OPTION_LETTERS[:width]
    header = ("number", "item", "module", "objective", "level", "n", "p", "difficulty", "p_upper", "p_lower", "D",
              "discrimination", "r_pbis", "point_biserial", "alpha_if_deleted", "key",
              *(f"option_{letter}" for letter in letters), "omit", "action", "flags")
    rows = []
    for it in analysis.items:
        shares = {o.letter: number(o.share) for o in it.options}
        key = next((o.letter for o in it.options if o.key), "")
        rows.append((it.number, it.item_id, it.module, it.objective, it.level, it.n, number(it.p), it.difficulty,
                     number(it.pa), number(it.pb), number(it.d), it.discrimination, number(it.r), it.point_biserial,
                     number(it.alpha_deleted), key, *(shares.get(letter, "") for letter in letters),
                     number(it.omit), it.action, "; ".join(f.text(words) for f in it.flags)))
    return Sheet("items", header, tuple(rows))


def groups_sheet(name: str, groups: tuple[GroupResult, ...]) -> Sheet:
    header = (name, "items", "mean_p", "mean_D", "mean_r_pbis", "keep", "revise", "drop", "class_mean_percent",
              "mastered")
    rows = tuple(
        (g.id, g.items, number(g.mean_p), number(g.mean_d), number(g.mean_r), *(count for _, count in g.actions),
         number(g.mean_percent, 2), "yes" if g.mastered else "no")
        for g in groups
    )
    return Sheet(name + "s", header, rows)


def rejected_sheet(rejected: tuple[Rejected, ...]) -> Sheet:
    words = english()
    rows = tuple((r.source, r.row, r.participant, r.reason.text(words)) for r in rejected)
    return Sheet("rejected", ("file", "row", "participant", "reason"), rows)


def summary_sheet(lines: list[tuple[str, object]]) -> Sheet:
    return Sheet("summary", ("what", "value"), tuple(lines))


def gain_lines(gain: ClassGain | None) -> list[tuple[str, object]]:
    if gain is None:
        return []
    return [("gain: participants with a pre-test", gain.matched), ("gain: pre-test mean %", number(gain.pre_mean, 2)),
            ("gain: post-test mean %", number(gain.post_mean, 2)), ("gain: class g (Hake)", number(gain.g)),
            ("gain: band", gain.band), ("gain: mean of individual g", number(gain.mean_of_g)),
            ("gain: without pre-test", len(gain.post_only)), ("gain: pre-test only", len(gain.pre_only))]


def csv_bytes(sheet: Sheet) -> bytes:
    from latsar.text.formulas import SafeWriter

    text = io.StringIO(newline="")
    writer = SafeWriter(text, lineterminator="\r\n")
    writer.writerow(sheet.header)
    writer.writerows(sheet.rows)
    # A byte-order mark, so that Excel opens the UTF-8 names correctly.
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def workbook(sheets: list[Sheet], when: datetime.datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from latsar.score.xlsx import workbook_bytes
    from latsar.text.formulas import append_text_safe

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        page = book.create_sheet(sheet.name)
        append_text_safe(page, sheet.header)
        for cell in page[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            append_text_safe(page, row)
        page.freeze_panes = "A2"
    return workbook_bytes(book, when)
