"""Deterministic .xlsx bytes from an openpyxl workbook.

openpyxl stamps the save time into docProps/core.xml and every zip entry; both are replaced here
by one fixed time, so the same workbook always gives the same bytes (and the manifest's sha256
does not change from build to build).
"""

from __future__ import annotations

import datetime
import io
import zipfile

from openpyxl.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

# The zip format cannot hold dates before 1980.
EARLIEST = datetime.datetime(1980, 1, 1)


def workbook_bytes(book: Workbook, when: datetime.datetime) -> bytes:
    stamp = max(when.replace(tzinfo=None), EARLIEST)
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "latsar"
    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() overwrites `modified` with the current time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return _restamp(buffer.getvalue(), stamp)


def _restamp(data: bytes, stamp: datetime.datetime) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
