"""What a scan batch writes: scans.csv (one row per page read), an image of every flagged sheet,
and review.html, one self-contained page listing each flagged field with a crop of its bubbles."""

from __future__ import annotations

import base64
import csv
import html
import io
import re

from latsar import sheet_geometry as geo
from latsar.messages import N_, language, t
from latsar.scan.batch import Batch
from latsar.scan.page import PageReading

IDENTITY_COLUMNS = ("file", "page", "participant", "ndh", "version")
REVIEW = "review"
UNREADABLE = "unreadable: "  # a token of the CSV, read back by the score reader: never translated
COLUMN_NAMES = (N_("field"), N_("read"), N_("bubbles"))


def header(layout: geo.SheetLayout) -> list[str]:
    return [*IDENTITY_COLUMNS, *(f"q{n}" for n in range(1, layout.questions + 1)), REVIEW]


def scans_csv(batch: Batch, layout: geo.SheetLayout) -> bytes:
    """UTF-8 with a byte-order mark and CRLF row ends, so Excel opens it as it is; participant
    numbers stay text there only if typed back as such, so the CSV is the record."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(layout))
    for reading in batch.readings:
        writer.writerow(row(reading, layout))
    return buffer.getvalue().encode("utf-8-sig")


def row(reading: PageReading, layout: geo.SheetLayout) -> list[str]:
    if reading.unreadable:
        return [reading.display, str(reading.page), "", "", "", *[""] * layout.questions,
                UNREADABLE + reading.unreadable]
    answers = [reading.answers.get(n, "") for n in range(1, layout.questions + 1)]
    return [reading.display, str(reading.page), reading.participant, reading.ndh, reading.version, *answers,
            ";".join(reading.review)]


def picture_name(reading: PageReading) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", reading.display).strip("-")
    return f"flagged/{stem}-p{reading.page}.jpg"


def output_files(batch: Batch, layout: geo.SheetLayout) -> dict[str, bytes]:
    files = {"scans.csv": scans_csv(batch, layout)}
    flagged = [r for r in batch.sheets if r.review]
    for reading in flagged:
        if "sheet" in reading.pictures:
            files[picture_name(reading)] = reading.pictures["sheet"]
    files["review.html"] = review_html(batch, layout).encode("utf-8")
    return files


def summary(batch: Batch) -> str:
    sheets = batch.sheets
    flagged = [r for r in sheets if r.review]
    fields = sum(len(r.review) for r in flagged)
    text = t("{pages} pages read: {sheets} sheets, {refused} refused, {flagged} sheets with {fields} flagged fields",
             pages=len(batch.readings), sheets=len(sheets), refused=len(batch.refused), flagged=len(flagged),
             fields=fields)
    return text + (t("; {count} files could not be opened", count=len(batch.problems)) if batch.problems else "")


# --------------------------------------------------------------------------- review.html

STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse}td,th{padding:.3em .6em;border-bottom:1px solid #eee;text-align:left;vertical-align:middle}
.read{font:bold 1.2em monospace}.refused{color:#a00}img{max-height:9em;border:1px solid #ccc}
"""


def review_html(batch: Batch, layout: geo.SheetLayout) -> str:
    title = html.escape(t("Scan review: {quiz}", quiz=layout.blueprint))
    parts = [f"<!DOCTYPE html><html lang='{language()}'><head><meta charset='utf-8'><title>{title}</title>"
             f"<style>{STYLE}</style></head><body>",
             f"<h1>{title}</h1><p>{html.escape(summary(batch))}. "
             + html.escape(t("Settle each field below in scans.csv: write the right value in its cell, then delete "
                             "its token from the review column. latsar score refuses rows whose review is not "
                             "empty.")) + "</p>"]
    parts += [_sheet_section(reading) for reading in batch.sheets if reading.review]
    refused = batch.refused
    if refused or batch.problems:
        items = [f"<li>{html.escape(r.display)} p.{r.page}: {html.escape(r.unreadable)}</li>" for r in refused]
        items += [f"<li>{html.escape(problem)}</li>" for problem in batch.problems]
        parts.append(f"<h2 class='refused'>{html.escape(t('Refused pages and files'))}</h2><ul>{''.join(items)}</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _sheet_section(reading: PageReading) -> str:
    title = html.escape(t("{file} p.{page} · participant {participant} · paket {version}", file=reading.display,
                          page=reading.page, participant=reading.participant or "—", version=reading.version or "—"))
    link = (f" · <a href='{picture_name(reading)}'>{html.escape(t('whole sheet'))}</a>"
            if "sheet" in reading.pictures else "")
    rows = [_field_row(reading, token) for token in reading.review]
    head = "".join(f"<th>{html.escape(t(name))}</th>" for name in COLUMN_NAMES)
    return f"<h2>{title}{link}</h2><table><tr>{head}</tr>{''.join(rows)}</table>"


def _field_row(reading: PageReading, token: str) -> str:
    picture = reading.pictures.get(token)
    image = (f"<img alt='{html.escape(token)}' src='data:image/png;base64,{base64.b64encode(picture).decode()}'>"
             if picture else "")
    return (f"<tr><td>{html.escape(token)}</td><td class='read'>{html.escape(_value(reading, token))}</td>"
            f"<td>{image}</td></tr>")


def _value(reading: PageReading, token: str) -> str:
    if token.startswith("q") and token[1:].isdigit():
        return reading.answers.get(int(token[1:]), "") or t("(blank)")
    if token in ("participant", "ndh", "version"):
        return getattr(reading, token) or t("(blank)")
    return ""
