"""`latsar scan`: the quiz's printed sheet geometry, the batch read, the files written."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from latsar import sheet_geometry as geo
from latsar.errors import Diagnostic, LatsarError, Location
from latsar.messages import t
from latsar.scan.batch import Progress, read_batch
from latsar.scan.output import output_files, summary


def sheet_of(out: Path, blueprint: str) -> geo.SheetLayout:
    """The layout of the sheets printed for the quiz: `lembar-jawaban.json` of its quiz set."""
    path = out / "quizzes" / blueprint / "lembar-jawaban.json"
    if not path.is_file():
        raise LatsarError([Diagnostic(Location(str(path)), t("the quiz's answer-sheet geometry is missing"),
                                      t("run `latsar quiz {quiz}` first (it writes the sheets you print)",
                                        quiz=blueprint))])
    try:
        return geo.layout_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as error:
        raise LatsarError([Diagnostic(Location(str(path)), t("not a sheet geometry this latsar reads ({error})", error=error),
                                      t("run `latsar quiz {quiz}` again", quiz=blueprint))]) from None


@dataclass(frozen=True)
class ScanResult:
    csv: Path
    problems: list[str]  # one line per file that could not be opened
    summary: str


def scan_command(blueprint: str, scans: list[Path], out: Path, progress: Progress | None = None,
                 workers: int | None = None) -> ScanResult:
    """Read the scans and publish build/scans/<blueprint>/ whole."""
    from latsar.publish import publishing

    layout = sheet_of(out, blueprint)
    batch = read_batch(scans, layout, progress, workers)
    if not batch.readings:
        raise LatsarError([Diagnostic(None, t("no page could be read"), t("pass PDF, PNG, JPEG or TIFF scans"))]
                          + [Diagnostic(None, problem) for problem in batch.problems])
    folder = out / "scans" / blueprint
    with publishing(folder) as stage:  # whole: no flagged image of an earlier run stays behind
        for relative, data in sorted(output_files(batch, layout).items()):
            stage.write(relative, data)
    from latsar.project import shown

    return ScanResult(folder / "scans.csv", batch.problems,
                      summary(batch) + "\n" + t("wrote {folder}/scans.csv and review.html", folder=shown(folder)))
